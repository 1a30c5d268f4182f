import { describe, expect, it } from 'vitest';
import { assignCategories } from '../categories/index.js';
import type { Indicator } from '../indicators/index.js';
import { ObservationSet } from '../observations/index.js';
import { preparePlan, type PlanTarget } from '../plans/index.js';
import { makeRegister } from '../regions/index.js';
import {
  growthIndicator,
  indicator,
  observation as o,
  planShell,
  region,
} from '../testing/fixtures.js';
import {
  evaluate,
  planCounties,
  provinceCounties,
  regionTargets,
  shownInputs,
  shownValue,
} from './index.js';

const INDICATORS: Indicator[] = [
  indicator('gdp'),
  indicator('industry'),
  growthIndicator('gdp_growth'),
  indicator('share', {
    unit: '%',
    kind: 'share',
    aggregate: { method: 'ratio', numerator: 'industry', denominator: 'gdp', scale: 100 },
  }),
  indicator('big', {
    unit: '个',
    kind: 'count',
    frequency: 'yearly',
    ytd: false,
    aggregate: { method: 'count_over', of: 'gdp', threshold: 100 },
  }),
  indicator('grain', { unit: '亿斤', frequency: 'yearly', ytd: false }),
];

const REGISTER = makeRegister([
  region('230000', '省', null, '省'),
  region('230100', '市', '230000', '地级市'),
  region('230101', '甲县', '230100', '县', { eco: true }),
  region('230102', '乙市', '230100', '县级市', { eco: false }),
  region('230103', '区', '230100', '市辖区'),
]);

const target = (over: Partial<PlanTarget>): PlanTarget => ({
  table: 'county',
  indicator: 'gdp',
  name: 'GDP',
  unit: '亿元',
  scope: 'all',
  year: 2026,
  phrase: '100以上',
  departments: [],
  ...over,
});

const PLAN = planShell({
  targets: [
    target({ table: 'province', scope: 'province', phrase: '300以上' }),
    target({ table: 'province', scope: 'province', indicator: 'share', unit: '%', phrase: '30' }),
    target({ table: 'province', scope: 'province', indicator: 'big', unit: '个', phrase: '2' }),
    target({
      table: 'province',
      scope: 'province',
      indicator: 'gdp_growth',
      unit: '%',
      phrase: '5',
    }),
    target({ indicator: 'gdp_growth', name: '增速', unit: '%', phrase: '5以上' }),
    target({ scope: { category: 'farm' }, name: '农业县GDP', phrase: '200以上' }),
    target({ indicator: 'share', scope: { category: 'eco' }, unit: '%', phrase: '20以上' }),
    target({ indicator: 'industry', scope: { region: '230102' }, phrase: '50以上' }),
  ],
  categories: [
    {
      code: 'farm',
      name: '农业县',
      nameEn: 'farm',
      printed: 'grain ≥ 20',
      rule: { indicator: 'grain', period: '2025', op: '>=', value: 20 },
    },
    { code: 'eco', name: '生态县', nameEn: 'eco', printed: 'eco', rule: { attribute: 'eco' } },
  ],
});

const MONTHS = ['2025-01', '2025-02', '2026-01', '2026-02', '2026-03'];

// Some months complete, some missing a county, some with the province's own figures.
const OBS = new ObservationSet([
  o('230101', 'grain', '2025', 25),
  o('230102', 'grain', '2025', 5),
  o('230101', 'gdp', '2025-01', 40),
  o('230102', 'gdp', '2025-01', 70),
  o('230101', 'industry', '2025-01', 10),
  o('230102', 'industry', '2025-01', 12),
  o('230101', 'gdp', '2025-02', 90),
  o('230101', 'gdp', '2026-01', 60),
  o('230102', 'gdp', '2026-01', 101),
  o('230103', 'gdp', '2026-01', 999), // a district: outside the plan's counties
  o('230101', 'industry', '2026-01', 20),
  o('230102', 'industry', '2026-01', 30),
  o('230101', 'gdp_growth', '2026-01', 5.1),
  o('230000', 'gdp_growth', '2026-01', 4.9),
  o('230101', 'gdp', '2026-02', 120),
  o('230102', 'gdp', '2026-02', 130.5),
  o('230000', 'gdp', '2026-02', 251), // reported: wins over the sum
  o('230101', 'industry', '2026-02', null),
  o('230102', 'industry', '2026-02', 40),
  o('230000', 'big', '2026-02', 5),
  o('230101', 'gdp', '2026-03', 180),
  o('230102', 'gdp', '2026-03', 200.25),
]);

describe('a region’s values over months, as evaluations of each month show them', () => {
  const prepared = preparePlan(PLAN, INDICATORS);
  const counties = provinceCounties(prepared, REGISTER);
  const categories = assignCategories(
    PLAN.categories,
    planCounties(prepared, REGISTER, OBS),
    OBS,
  ).byRegion;

  it('takes the plan’s counties under the province', () => {
    expect(counties).toEqual(['230101', '230102']);
  });

  it('lists the province’s targets, or a county’s own, its categories’ and those naming it', () => {
    const codes = (r: string) =>
      regionTargets(prepared, r, categories.get(r) ?? []).map(
        (t) => `${t.indicator}|${JSON.stringify(t.scope)}`,
      );
    expect(codes('230000')).toEqual([
      'gdp|"province"',
      'share|"province"',
      'big|"province"',
      'gdp_growth|"province"',
    ]);
    expect(codes('230101')).toEqual([
      'gdp_growth|"all"',
      'gdp|{"category":"farm"}',
      'share|{"category":"eco"}',
    ]);
    expect(codes('230102')).toEqual(['gdp_growth|"all"', 'industry|{"region":"230102"}']);
  });

  it('reads what the province’s values are derived from, and nothing for a yearly one at a month', () => {
    const inds = ['gdp', 'share', 'big', 'gdp_growth'].map((c) => prepared.indicators.get(c)!);
    expect([...shownInputs(prepared, '230000', inds, true)].sort()).toEqual([
      'gdp',
      'gdp_growth',
      'industry',
      'share',
    ]);
    expect([...shownInputs(prepared, '230000', inds, false)].sort()).toEqual([
      'big',
      'gdp',
      'gdp_growth',
      'industry',
      'share',
    ]);
    expect([...shownInputs(prepared, '230101', inds, true)].sort()).toEqual([
      'gdp',
      'gdp_growth',
      'share',
    ]);
  });

  it('equals the value of every evaluation row, region by region and month by month', () => {
    let compared = 0;
    let numbers = 0;
    for (const period of MONTHS) {
      const ev = evaluate({ prepared, register: REGISTER, obs: OBS, period });
      // A 2025 month of this 2026 plan judges nothing: compare with a 2025 copy of the plan.
      const rows =
        ev.results.length > 0
          ? ev.results
          : evaluate({
              prepared: preparePlan(
                { ...PLAN, targets: PLAN.targets.map((t) => ({ ...t, year: 2025 })) },
                INDICATORS,
              ),
              register: REGISTER,
              obs: OBS,
              period,
            }).results;
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        const value = shownValue({
          prepared,
          obs: OBS,
          counties,
          region: row.region,
          indicator: prepared.indicators.get(row.indicator)!,
          period,
        });
        expect(value, `${row.region} ${row.indicator} ${period}`).toBe(row.value);
        compared++;
        if (value !== null) numbers++;
      }
    }
    expect(compared).toBeGreaterThan(30);
    expect(numbers).toBeGreaterThan(10);
  });

  it('sums, counts and divides exactly; a missing county leaves the province without a value', () => {
    const v = (region: string, code: string, period: string) =>
      shownValue({
        prepared,
        obs: OBS,
        counties,
        region,
        indicator: prepared.indicators.get(code)!,
        period,
      });
    expect(v('230000', 'gdp', '2026-01')).toBe(161);
    expect(v('230000', 'gdp', '2026-03')).toBe(380.25);
    expect(v('230000', 'gdp', '2026-02')).toBe(251);
    expect(v('230000', 'gdp', '2025-02')).toBeNull();
    expect(v('230000', 'share', '2026-01')).toBeCloseTo((50 / 161) * 100, 12);
    expect(v('230000', 'share', '2026-02')).toBeNull();
    // A yearly count at a month: the counties' projections 120 / (2/12) = 720 and
    // 130.5 / (2/12) = 783 (linear, no last-year total) are both over 100 → 2; the province's own
    // monthly figure (5) is not read.
    expect(v('230000', 'big', '2026-02')).toBe(2);
    expect(v('230000', 'big', '2025-02')).toBeNull();
    expect(v('230000', 'gdp_growth', '2026-01')).toBe(4.9);
    expect(v('230101', 'gdp', '2026-03')).toBe(180);
    expect(v('230102', 'gdp_growth', '2026-01')).toBeNull();
  });
});
