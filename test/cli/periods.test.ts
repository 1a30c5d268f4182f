import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { leitai, tempDir } from '../helpers.js';

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
