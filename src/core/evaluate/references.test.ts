import { describe, expect, it } from 'vitest';
import { ObservationSet } from '../observations/index.js';
import { planSchema, preparePlan, readPlan, type PlanTarget } from '../plans/index.js';
import { makeRegister } from '../regions/index.js';
import {
  growthIndicator,
  indicator,
  observation as o,
  planShell,
  region,
} from '../testing/fixtures.js';
import { evaluate } from './index.js';

// Relative targets naming their reference in words (全省平均, 全市平均, 同期GDP增速), the
// explicit `ref` of a plan row, and a five-year county target tracked by its pace.

const INDICATORS = [
  indicator('gdp', { aliases: ['GDP'], frequency: 'yearly', ytd: false }),
  growthIndicator('gdp_growth', { name: '地区生产总值增速', aliases: ['GDP增速'] }),
  growthIndicator('income_growth', { name: '收入增速' }),
  indicator('share', { unit: '%', kind: 'share', aggregate: { method: 'reported' } }),
];

const REGISTER = makeRegister([
  region('230000', '省', null, '省'),
  region('230100', '甲市', '230000', '地级市'),
  region('230200', '乙市', '230000', '地级市'),
  region('230121', '甲一县', '230100', '县'),
  region('230122', '甲二县', '230100', '县'),
  region('230221', '乙一县', '230200', '县'),
  region('230201', '乙区', '230200', '市辖区'),
]);

const row = (phrase: string, over: Partial<PlanTarget> = {}): PlanTarget => ({
  table: 'county',
  indicator: 'income_growth',
  name: '收入增速',
  unit: '%',
  scope: 'all',
  year: 2026,
  phrase,
  departments: [],
  ...over,
});

const OBS = new ObservationSet([
  o('230121', 'income_growth', '2026', 6),
  o('230122', 'income_growth', '2026', 4),
  o('230221', 'income_growth', '2026', 5.5),
  o('230201', 'income_growth', '2026', 100), // a district: outside the county scope, not in any mean
  o('230000', 'income_growth', '2026', 5.0),
  o('230000', 'gdp_growth', '2026', 5.2),
  o('230121', 'gdp_growth', '2026', 9),
]);

function results(targets: PlanTarget[], obs = OBS) {
  const prepared = preparePlan(planShell({ countyScope: { kinds: ['县'] }, targets }), INDICATORS);
  return evaluate({ prepared, register: REGISTER, obs, period: '2026' }).results;
}

describe('relative targets naming their reference in words', () => {
  it('高于全省平均: the mean of the same indicator over the counties of the province', () => {
    const rows = results([row('高于全省平均')]);
    // (6 + 4 + 5.5) / 3 = 15.5 / 3 ≈ 5.1667 (the reported province value 5.0 is not the mean)
    const a = rows.find((r) => r.region === '230121')!;
    expect(a.ref).toBeCloseTo(5.166667, 5);
    expect(a.status).toBe('met');
    expect(rows.find((r) => r.region === '230122')!.status).toBe('not_met');
    expect(rows.find((r) => r.region === '230221')!.status).toBe('met'); // 5.5 > 5.1667
  });

  it('不低于全市平均水平: the mean over the counties of the county’s prefecture', () => {
    const rows = results([row('不低于全市平均水平')]);
    // 甲市: (6 + 4)/2 = 5; 乙市: 5.5 alone (its district is outside the county scope)
    expect(rows.map((r) => [r.region, r.ref, r.status])).toEqual([
      ['230121', 5, 'met'],
      ['230122', 5, 'not_met'],
      ['230221', 5.5, 'met'],
    ]);
  });

  it('a mean lacking a county is no mean: no data', () => {
    const obs = new ObservationSet([
      o('230121', 'income_growth', '2026', 6),
      o('230221', 'income_growth', '2026', 5),
    ]);
    const rows = results([row('高于全市平均')], obs);
    expect(rows.find((r) => r.region === '230121')!.status).toBe('no_data');
    expect(rows.find((r) => r.region === '230221')!).toMatchObject({ ref: 5, status: 'not_met' });
  });

  it('与同期GDP增速基本同步: the plan region’s own GDP growth', () => {
    const rows = results([row('与同期GDP增速基本同步')]);
    // every county against the province's 5.2: |6 − 5.2| = 0.8 > 0.5; |5.5 − 5.2| = 0.3
    expect(rows.map((r) => [r.ref, r.status])).toEqual([
      [5.2, 'not_met'],
      [5.2, 'not_met'],
      [5.2, 'met'],
    ]);
  });

  it('an explicit ref overrides the reading of the words', () => {
    // 高于全省平均 read as the province's reported value 5.0 instead of the county mean
    const rows = results([row('高于全省平均', { ref: { scope: 'province', stat: 'value' } })]);
    expect(rows.map((r) => [r.ref, r.status])).toEqual([
      [5, 'met'],
      [5, 'not_met'],
      [5, 'met'],
    ]);
    // …or as the county's own GDP growth: 甲一县 6 vs 9 → not met; others have no GDP growth
    const own = results([
      row('高于本地GDP增速', { ref: { scope: 'self', indicator: 'gdp_growth' } }),
    ]);
    expect(own.map((r) => r.status)).toEqual(['not_met', 'no_data', 'no_data']);
  });
});

describe('a county target of a five-year plan, tracked each year', () => {
  it('is a judged row of the mid-plan year with its pace', () => {
    const target = row('300以上', { indicator: 'gdp', name: 'GDP', unit: '亿元', year: 2025 });
    const prepared = preparePlan(
      planShell({
        period: { start: 2021, end: 2025 },
        countyScope: { kinds: ['县'] },
        targets: [target],
      }),
      INDICATORS,
    );
    const obs = new ObservationSet([
      o('230121', 'gdp', '2020', 200),
      o('230121', 'gdp', '2023', 260),
    ]);
    const ev = evaluate({ prepared, register: REGISTER, obs, period: '2023' });
    const r = ev.results.find((x) => x.region === '230121')!;
    // base year 2020 (plan start − 1): actual = 1.3^(1/3) − 1 ≈ 9.139288%,
    // required = 1.5^(1/5) − 1 ≈ 8.447177% → on pace
    expect(r).toMatchObject({ year: 2025, status: 'met', pace: 'on_track' });
    expect(r.actual).toBeCloseTo(9.139288, 5);
    expect(r.required).toBeCloseTo(8.447177, 5);
    // no base-year value: no data, never a guess
    expect(ev.results.find((x) => x.region === '230122')!.status).toBe('no_data');
    // a month of a mid-plan year does not judge a yearly pace
    expect(evaluate({ prepared, register: REGISTER, obs, period: '2023-06' }).results).toHaveLength(
      0,
    );
  });
});

describe('plan files: region, county scope, kind warnings', () => {
  const base = { ...planShell(), countyScope: undefined, province: undefined };
  it('a plan may name its region instead of its province; county scope defaults to 县域', () => {
    const p = planSchema.parse({ ...base, region: '230121' });
    expect(p.province).toBe('230121');
    expect(p.countyScope).toEqual({ kinds: ['县', '自治县', '县级市'] });
    const r = planSchema.safeParse(base);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['region']);
    expect(planSchema.safeParse({ ...base, region: '230121', province: '230000' }).success).toBe(
      false,
    );
  });

  it('warns, without refusing, on a phrase that makes no sense for the kind', () => {
    const { problems, warnings } = readPlan(
      planShell({
        targets: [
          row('年均增长2', { indicator: 'share', unit: '%' }),
          row('[30]'),
          row('年均增长5以上'),
          row('5以上', { ref: { scope: 'province' } }),
        ],
      }),
      INDICATORS,
    );
    expect(problems).toEqual([]);
    expect(warnings.map((w) => w.path)).toEqual([
      'targets.0.phrase',
      'targets.1.phrase',
      'targets.3.ref',
    ]);
    expect(warnings[0]!.reason).toContain('比重');
  });

  it('refuses a ref naming an unknown indicator, with its path', () => {
    const { problems } = readPlan(
      planShell({
        targets: [row('高于全省平均', { ref: { scope: 'province', indicator: 'nope' } })],
      }),
      INDICATORS,
    );
    expect(problems).toEqual([
      { path: 'targets.0.ref.indicator', value: 'nope', reason: '未知指标代码' },
    ]);
  });
});
