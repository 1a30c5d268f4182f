import { describe, expect, it } from 'vitest';
import { json, leitai } from '../helpers.js';

interface Out {
  phrase: string;
  reading: string;
  status: string;
  gap: number | null;
}

describe('leitai target check', () => {
  it('reads a phrase and judges a value exactly', () => {
    const out = json<Out>(
      leitai(
        'target',
        'check',
        '0.5',
        '--unit',
        '个百分点',
        '--value',
        '12.2',
        '--previous',
        '11.7',
        '--json',
      ),
    );
    expect(out).toMatchObject({ phrase: '0.5', status: 'met', gap: 0 });
    expect(out.reading).toContain('0.5个百分点');
  });

  it('says 基本完成 within the tolerance of 左右', () => {
    const out = json<Out>(
      leitai('target', 'check', '400左右', '--unit', '亿元', '--value', '395', '--json'),
    );
    expect(out.status).toBe('nearly_met');
    expect(out.gap).toBe(-5);
  });

  it('mirrors for a lower-is-better indicator', () => {
    const out = json<Out>(
      leitai(
        'target',
        'check',
        '5左右',
        '--unit',
        '%',
        '--direction',
        'lower',
        '--value',
        '5.3',
        '--json',
      ),
    );
    expect(out.status).toBe('nearly_met');
  });

  it('gives no_data without a value and reads full-width input', () => {
    const out = json<Out>(leitai('target', 'check', '１５％以上', '--unit', '%', '--json'));
    expect(out.status).toBe('no_data');
    expect(out.gap).toBeNull();
  });

  it('compares with a reference value', () => {
    const out = json<Out>(
      leitai(
        'target',
        'check',
        '高于全省县域GDP增速',
        '--unit',
        '%',
        '--value',
        '5.2',
        '--ref',
        '5.2',
        '--json',
      ),
    );
    expect(out.status).toBe('not_met');
    expect(out.reading).toContain('全省县域GDP增速');
  });

  it('refuses a phrase it cannot read, naming the part, with exit status 2', () => {
    const r = leitai('target', 'check', '力争翻一番', '--unit', '亿元', '--value', '3');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('翻一番');
    expect(r.stdout).toBe('');
  });

  it('refuses a value that is not a number', () => {
    const r = leitai('target', 'check', '5以上', '--unit', '%', '--value', 'abc');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--value');
  });

  it('prints a human reading without --json', () => {
    const r = leitai('target', 'check', '5以上', '--unit', '%', '--value', '4.9');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('未完成');
  });
});
