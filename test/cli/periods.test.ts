import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { json, leitai, tempDir } from '../helpers.js';

// Every option that takes a period reads it as a real period of 1949–2100: bad input exits 2,
// names the period, and touches nothing.
describe('a period outside 1949–2100 or off the calendar is refused everywhere', () => {
  it('publish --period 9999-12 exits 2 naming the period and creates no database', () => {
    const db = join(tempDir(), 'leitai.db');
    const r = leitai('publish', '--period', '9999-12', '--db', db);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('PERIOD_INVALID');
    expect(r.stderr).toContain('「9999-12」');
    expect(r.stderr).toContain('1949–2100');
    expect(r.stdout).toBe('');
    expect(existsSync(db)).toBe(false);
  });

  it.each(['2026-13', '2026Q5', '0000', '1800'])('publish --period %s exits 2', (p) => {
    const r = leitai('publish', '--period', p, '--db', join(tempDir(), 'leitai.db'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`「${p}」`);
  });

  it.each([
    ['evaluate', '--plan', 'hlj-2026'],
    ['warnings', '--plan', 'hlj-2026', '--now', '2026-10-15'],
    ['rank', '--plan', 'hlj-2026'],
    ['incentives', '--plan', 'hlj-2026'],
    ['quality'],
    ['template', '--region', '230183'],
    ['export'],
    ['completeness'],
    ['review', 'list'],
  ])('%s refuses --period 9999-12', (...args) => {
    const db = join(tempDir(), 'leitai.db');
    const r = leitai(...args, '--period', '9999-12', '--db', db);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('「9999-12」');
    expect(existsSync(db)).toBe(false);
  });

  it('edit refuses a period argument 2101', () => {
    const db = join(tempDir(), 'leitai.db');
    const r = leitai('edit', '230183', 'gdp', '2101', '5', '--db', db);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('「2101」');
    expect(existsSync(db)).toBe(false);
  });
});

describe('due dates of the last periods in range are real dates', () => {
  const warn = (now: string) =>
    json<{ due: string; now: string; notes: string[]; warnings: { message: string }[] }>(
      leitai(
        'warnings',
        '--plan',
        'hlj-2026',
        '--period',
        '2100-12',
        '--now',
        now,
        '--format',
        'json',
      ),
    );

  it('2100-12 is due 2101-01-10: not overdue on 2101-01-10, overdue the day after', () => {
    const before = warn('2101-01-10');
    expect(before.due).toBe('2101-01-10');
    expect(before.warnings).toEqual([]);
    expect(before.notes.join('\n')).toContain('截止日为 2101-01-10,尚未到期');
    const after = warn('2101-01-11');
    expect(after.warnings.length).toBeGreaterThan(0);
    expect(after.warnings[0]!.message).toContain('(截止 2101-01-10)');
  });
});
