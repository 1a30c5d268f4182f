import { describe, expect, it } from 'vitest';
import { LeitaiError } from '../errors/index.js';
import { growthIndicator, indicator, planShell } from '../testing/fixtures.js';
import { planCatalogue, readPlan } from './index.js';

const builtin = [growthIndicator('gdp_growth', { name: '地区生产总值增速' })];
const target = (code: string, phrase: string) => ({
  table: 'county' as const,
  indicator: code,
  name: code,
  unit: '%',
  scope: 'all' as const,
  year: 2026,
  phrase,
  departments: [],
});

describe('the one catalogue: built-in indicators and every plan’s own', () => {
  const a = planShell({
    id: 'a',
    indicators: [
      indicator('ice', { name: '冰雪旅游收入' }),
      // Printed under the built-in's name: only plan a reads it so.
      growthIndicator('gdp_growth_local', { name: '县域生产总值增速', aliases: ['地区生产总值增速'] }),
    ],
  });
  const b = planShell({ id: 'b', indicators: [indicator('forest', { unit: '户', kind: 'count' })] });

  it('holds the built-in codes first, then each plan’s own', () => {
    expect(planCatalogue(builtin, [a, b]).map((i) => i.code)).toEqual([
      'gdp_growth',
      'ice',
      'gdp_growth_local',
      'forest',
    ]);
  });

  it('reads a plan against the built-in indicators and its own, never another plan’s', () => {
    const all = planCatalogue(builtin, [a, b]);
    const c = planShell({
      id: 'c',
      targets: [target('gdp_growth', '高于全省地区生产总值增速'), target('ice', '10以上')],
    });
    const { prepared, problems } = readPlan(c, all);
    // 「地区生产总值增速」 is the built-in's name alone for c (a's alias is a's), so it is read;
    // `ice` is a's: unknown to c.
    expect(problems).toEqual([{ path: 'targets.1.indicator', value: 'ice', reason: '未知指标代码' }]);
    expect(prepared.targets[0]?.reading).toContain('地区生产总值增速');
    expect(prepared.indicators.has('forest')).toBe(false);
    expect(readPlan(b, all).prepared.indicators.has('forest')).toBe(true);
  });

  it('refuses a second plan that defines one code differently, naming both plans', () => {
    const other = planShell({ id: 'other', indicators: [indicator('ice', { unit: '万元' })] });
    let error: unknown;
    try {
      planCatalogue(builtin, [a, other]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LeitaiError);
    expect((error as LeitaiError).code).toBe('PLAN_INVALID');
    expect((error as LeitaiError).message).toMatch(/「other」.*「ice」.*「a」/);
  });

  it('takes the same definition twice, whatever the order of its fields', () => {
    const [ice] = a.indicators!;
    const reordered = Object.fromEntries(Object.entries(ice!).reverse()) as typeof ice;
    const twin = planShell({ id: 'twin', indicators: [reordered!] });
    expect(planCatalogue(builtin, [a, twin]).filter((i) => i.code === 'ice')).toHaveLength(1);
  });
});
