import { describe, expect, it } from 'vitest';
import { categoryRuleSchema, targetSchema } from './schema.js';

const target = (over: Record<string, unknown>) => ({
  table: 'county',
  indicator: 'gdp_growth',
  name: '地区生产总值增速',
  unit: '%',
  scope: 'all',
  year: 2026,
  phrase: '5以上',
  departments: [],
  ...over,
});

const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (r.error?.issues ?? []).map((i) => `${i.path.map(String).join('.')}: ${i.message}`);

describe('plan years are real years (1949–2100)', () => {
  it('takes a target year in range', () => {
    expect(targetSchema.safeParse(target({ year: 2030 })).success).toBe(true);
  });

  it('refuses a target year 9999, naming it', () => {
    expect(messages(targetSchema.safeParse(target({ year: 9999 })))).toEqual([
      'year: 年份 9999 超出范围:应在 1949–2100 年之间',
    ]);
  });

  it('refuses a base year 1800', () => {
    const r = targetSchema.safeParse(
      target({ baseline: { year: 1800, value: 5, printed: '5' } }),
    );
    expect(messages(r)).toEqual(['baseline.year: 年份 1800 超出范围:应在 1949–2100 年之间']);
  });

  it('refuses a category rule period beyond the range or off the calendar', () => {
    const rule = (period: string) =>
      categoryRuleSchema.safeParse({ indicator: 'gdp', period, op: '>', value: 1 }).success;
    expect(rule('2025')).toBe(true);
    expect(rule('9999-12')).toBe(false);
    expect(rule('2026-13')).toBe(false);
  });
});
