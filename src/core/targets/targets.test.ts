import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LeitaiError } from '../errors/index.js';
import type { Direction } from '../indicators/index.js';
import { evaluateTarget, parseTarget, type TargetContext, type TargetStatus } from './index.js';

function judge(
  phrase: string,
  unit: string,
  value: number | null,
  extra: Partial<TargetContext> & { direction?: Direction } = {},
): { status: TargetStatus; gap: number | null } {
  const spec = parseTarget(phrase, { unit });
  const r = evaluateTarget(spec, { direction: 'higher', unit, value, ...extra });
  return { status: r.status, gap: r.gap };
}

const s = (phrase: string, unit: string, value: number | null, extra = {}) =>
  judge(phrase, unit, value, extra).status;

describe('SPEC §3 phrases, higher is better', () => {
  it.each(['5以上', '不低于5', '达到5', '至少5', '稳定在5以上', '5'])('%s: v ≥ 5', (p) => {
    expect(s(p, '%', 5)).toBe('met');
    expect(s(p, '%', 4.99)).toBe('not_met');
    expect(s(p, '%', 9)).toBe('met');
  });
  it.each(['超过5', '突破5', '高于5'])('%s: v > 5', (p) => {
    expect(s(p, '%', 5)).toBe('not_met');
    expect(s(p, '%', 5.01)).toBe('met');
  });
  it('5左右 / 约5 with the % tolerance of 0.5', () => {
    for (const p of ['5左右', '约5']) {
      expect(s(p, '%', 5)).toBe('met');
      expect(s(p, '%', 4.5)).toBe('nearly_met');
      expect(s(p, '%', 4.49)).toBe('not_met');
    }
  });
  it('左右 for a level uses 2% of the target', () => {
    expect(s('400左右', '亿元', 392)).toBe('nearly_met');
    expect(s('400左右', '亿元', 391.99)).toBe('not_met');
    expect(s('260户左右', '户', 254.8)).toBe('nearly_met');
  });
  it.each(['5以下', '不超过5', '控制在5以内'])('%s: v ≤ 5', (p) => {
    expect(s(p, '%', 5)).toBe('met');
    expect(s(p, '%', 5.01)).toBe('not_met');
  });
  it('a bare count', () => {
    expect(s('2', '项', 2)).toBe('met');
    expect(s('2', '项', 1)).toBe('not_met');
  });
  it.each(['3—5', '3-5', '3至5', '3–5', '３－５'])('%s: 3 ≤ v ≤ 5', (p) => {
    expect(s(p, '%', 3)).toBe('met');
    expect(s(p, '%', 5)).toBe('met');
    expect(s(p, '%', 5.1)).toBe('not_met');
    expect(s(p, '%', 2.9)).toBe('not_met');
  });
  it('percentage-point change, exact at the data precision', () => {
    expect(judge('0.5', '个百分点', 12.2, { previous: 11.7 })).toEqual({ status: 'met', gap: 0 });
    expect(judge('0.5以上', '个百分点', 12.1, { previous: 11.7 }).status).toBe('not_met');
    expect(judge('提高0.5个百分点', '%', 62.1, { previous: 61.6 })).toEqual({
      status: 'met',
      gap: 0,
    });
    expect(judge('提高0.5个百分点以上', '%', 62.0, { previous: 61.6 }).status).toBe('not_met');
    expect(s('0.5', '个百分点', 12.2)).toBe('no_data');
  });
  it('下降3% / 降低3%', () => {
    expect(s('下降3%', '吨', 97, { previous: 100 })).toBe('met');
    expect(s('降低3%', '吨', 97.01, { previous: 100 })).toBe('not_met');
    expect(s('下降3%', '吨', 97, { previous: 100, direction: 'lower' })).toBe('met');
  });
  it('增至38 / 增加到38个', () => {
    expect(s('增至38', '个', 38)).toBe('met');
    expect(s('增加到38个', '个', 37)).toBe('not_met');
  });
  it('高于全省县域GDP增速 compares with the reference', () => {
    expect(s('高于全省县域GDP增速', '%', 5.1, { ref: 5.0 })).toBe('met');
    expect(s('高于全省县域GDP增速', '%', 5.0, { ref: 5.0 })).toBe('not_met');
    expect(s('高于全省县域GDP增速', '%', 5.1)).toBe('no_data');
  });
  it('与GDP增速基本同步', () => {
    expect(s('与GDP增速基本同步', '%', 5.5, { ref: 5.0 })).toBe('met');
    expect(s('与…同步', '%', 4.4, { ref: 5.0 })).toBe('not_met');
  });
  it('年均增长5以上: compound growth, and the growth still needed', () => {
    const spec = parseTarget('年均增长5以上', { unit: '亿元' });
    const ctx = { direction: 'higher' as const, unit: '亿元', base: { year: 2025, value: 100 } };
    expect(evaluateTarget(spec, { ...ctx, value: 110.25, year: 2027 }).status).toBe('met');
    const mid = evaluateTarget(spec, { ...ctx, value: 105, year: 2026, planEnd: 2030 });
    expect(mid.status).toBe('met');
    expect(mid.needed).toBeCloseTo(5, 10);
    expect(evaluateTarget(spec, { ...ctx, value: 109, year: 2027 }).status).toBe('not_met');
  });
  it('[150]: cumulative over the plan period', () => {
    expect(s('[150]', '万千瓦', null, { cumulative: 150 })).toBe('met');
    const r = evaluateTarget(parseTarget('[150]', { unit: '万千瓦' }), {
      direction: 'higher',
      unit: '万千瓦',
      cumulative: 100,
    });
    expect(r).toMatchObject({ status: 'not_met', needed: 50 });
  });
  it('完成市下达指标: no quota is no data', () => {
    expect(s('完成市下达指标', '亿元', 10)).toBe('no_data');
    expect(s('完成市下达指标', '亿元', 10, { quota: 9 })).toBe('met');
  });
  it('— and empty: no target', () => {
    for (const p of ['—', '', ' ', '-', '——']) expect(s(p, '%', 3)).toBe('not_applicable');
  });
  it('no value is no data', () => {
    expect(s('5以上', '%', null)).toBe('no_data');
  });
});

describe('lower is better mirrors', () => {
  const lower = { direction: 'lower' as const };
  it('bare number and 达到 mean at most', () => {
    expect(s('5', '%', 5, lower)).toBe('met');
    expect(s('达到5', '%', 5.1, lower)).toBe('not_met');
  });
  it('左右 is nearly met above the target within tolerance', () => {
    expect(s('5左右', '%', 5.5, lower)).toBe('nearly_met');
    expect(s('5左右', '%', 4, lower)).toBe('met');
    expect(s('5左右', '%', 5.51, lower)).toBe('not_met');
  });
  it('explicit bounds keep their printed meaning', () => {
    expect(s('5以下', '%', 4, lower)).toBe('met');
    expect(s('5以上', '%', 6, lower)).toBe('met');
  });
});

describe('printed forms', () => {
  it('full-width digits, ％, thousands separators and units in the phrase', () => {
    expect(s('１５％以上', '%', 15)).toBe('met');
    expect(s('15%以上', '%', 14.9)).toBe('not_met');
    expect(s('1,500以上', '亿元', 1500)).toBe('met');
    expect(s('260户左右', '户', 260)).toBe('met');
    expect(s('400亿元左右', '亿元', 400)).toBe('met');
  });
  it('exact decimals: 12.2 − 11.7 is 0.5', () => {
    expect(judge('12.2以上', '%', 12.2).gap).toBe(0);
    expect(judge('11.7以上', '%', 12.2).gap).toBe(0.5);
  });
  it('growth-indicator phrases printed with 增长', () => {
    const spec = parseTarget('增长15%以上', { unit: '%', indicatorKind: 'growth' });
    expect(evaluateTarget(spec, { direction: 'higher', unit: '%', value: 15 }).status).toBe('met');
    const spec2 = parseTarget('至少新增3户', { unit: '户' });
    expect(evaluateTarget(spec2, { direction: 'higher', unit: '户', value: 3 }).status).toBe('met');
  });
});

describe('more printed forms', () => {
  it('comparison symbols, aspiration words and 同比', () => {
    expect(s('≥5', '%', 5)).toBe('met');
    expect(s('＞5', '%', 5)).toBe('not_met');
    expect(s('≤5', '%', 5)).toBe('met');
    expect(s('力争5以上', '%', 4.9)).toBe('not_met');
    expect(s('确保达到400亿元', '亿元', 400)).toBe('met');
    expect(s('同比增长5%以上', '%', 5)).toBe('met');
  });
  it('正增长 and 上年 comparisons', () => {
    expect(s('实现正增长', '%', 0)).toBe('not_met');
    expect(s('正增长', '%', 0.1)).toBe('met');
    expect(s('正增长', '亿元', 10.1, { previous: 10 })).toBe('met');
    expect(s('高于上年', '%', 61.6, { previous: 61.6 })).toBe('not_met');
    expect(s('不低于上年水平', '%', 61.6, { previous: 61.6 })).toBe('met');
  });
  it('个百分点 printed inside the phrase of a % indicator is a change', () => {
    expect(judge('0.5个百分点', '%', 62.1, { previous: 61.6 })).toEqual({ status: 'met', gap: 0 });
  });
  it('增长X% of a level is its change on last year', () => {
    expect(judge('增长15%以上', '亿元', 115, { previous: 100 })).toEqual({ status: 'met', gap: 0 });
    expect(s('增长15%以上', '亿元', 114.9, { previous: 100 })).toBe('not_met');
  });
});

describe('refusal, never a guess', () => {
  it.each([
    ['翻一番', '翻一番'],
    ['5万元以上', '万元'],
    ['5以上左右', '5以上左右'],
    ['较快增长', '较快'],
  ])('%s names the unread part', (phrase, part) => {
    try {
      parseTarget(phrase, { unit: '亿元' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(LeitaiError);
      expect((e as LeitaiError).code).toBe('TARGET_UNREADABLE');
      expect((e as LeitaiError).details.part).toContain(part);
    }
  });
});

// Property tests: reflecting the value about the target and swapping the phrase's side
// (以上↔以下) with the direction gives the same status and gap.
const decimal = fc.integer({ min: -100000, max: 100000 }).map((n) => n / 100);
const PAIRS: [string, string][] = [
  ['T以上', 'T以下'],
  ['超过T', '低于T'],
  ['TZY', 'TZY'],
  ['T', 'T'],
  ['达到T', '达到T'],
];

describe('properties', () => {
  it('mirror between higher and lower is better', () => {
    fc.assert(
      fc.property(decimal, decimal, fc.constantFrom(...PAIRS), (t, d, [hi, lo]) => {
        const phrase = (p: string) => p.replace('T', String(t)).replace('ZY', '左右');
        const a = judge(phrase(hi), '%', Number((t + d).toFixed(2)), { direction: 'higher' });
        const b = judge(phrase(lo), '%', Number((t - d).toFixed(2)), { direction: 'lower' });
        expect(b.status).toBe(a.status);
        expect(b.gap).toBe(a.gap);
      }),
    );
  });
  it('a better value never has a worse status', () => {
    const rank: Record<TargetStatus, number> = {
      not_met: 0,
      nearly_met: 1,
      met: 2,
      no_data: -1,
      not_applicable: -1,
    };
    const phrases = ['5以上', '超过5', '5左右', '5', '3—5', '提高0.5个百分点', '5以下'];
    fc.assert(
      fc.property(
        decimal,
        decimal,
        fc.constantFrom(...phrases),
        fc.constantFrom<Direction>('higher', 'lower'),
        (x, y, p, direction) => {
          if (p === '3—5' || p === '5以下') return; // not monotone by design (a band, an upper bound)
          // Explicit phrases keep their printed side; only implied ones follow a lower direction.
          if (direction === 'lower' && !['5左右', '5'].includes(p)) return;
          const [lo, hi] = x <= y ? [x, y] : [y, x];
          const [worse, better] = direction === 'higher' ? [lo, hi] : [hi, lo];
          const unit = '%';
          const a = judge(p, unit, worse, { direction, previous: 0 });
          const b = judge(p, unit, better, { direction, previous: 0 });
          expect(rank[b.status]).toBeGreaterThanOrEqual(rank[a.status]);
        },
      ),
    );
  });
});
