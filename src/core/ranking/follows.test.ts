import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate/index.js';
import type { Indicator } from '../indicators/index.js';
import { ObservationSet } from '../observations/index.js';
import { preparePlan, validatePlan, type Plan, type PlanTarget } from '../plans/index.js';
import { makeRegister } from '../regions/index.js';
import { growthIndicator, observation as o, planShell, region } from '../testing/fixtures.js';
import { compareEvaluations, rankingPeriods, rankPlan } from './index.js';

// Across plan years: a 2026 plan that `follows` the 2025 one ranks January against last December
// under the 2025 plan, scoring only the targets both plans share.

const ind = (code: string) => growthIndicator(code, { name: code, ytd: false });
const INDICATORS: Indicator[] = [
  ind('gdp_growth'),
  ind('county_gdp_growth'),
  ind('old_only'),
  ind('new_only'),
];

const REGISTER = makeRegister([
  region('230000', '省', null, '省'),
  region('230100', '甲市', '230000', '地级市'),
  region('230101', '甲县', '230100', '县'),
  region('230102', '乙县', '230100', '县'),
  region('230103', '丙县', '230100', '县'),
]);

const target = (indicator: string, year: number, section = '经济'): PlanTarget => ({
  table: 'county',
  indicator,
  name: indicator,
  unit: '%',
  section,
  scope: 'all',
  year,
  phrase: '5以上',
  departments: [],
});

const P2025: Plan = planShell({
  id: 'p-2025',
  period: { start: 2025, end: 2025 },
  targets: [target('gdp_growth', 2025), target('old_only', 2025, '其他')],
});

const p2026 = (over: Partial<Plan> = {}): Plan =>
  planShell({
    id: 'p-2026',
    follows: { plan: 'p-2025' },
    targets: [target('gdp_growth', 2026), target('new_only', 2026, '其他')],
    ...over,
  });

/**
 * 2025-12: gdp_growth 甲 6 > 乙 5 > 丙 4. old_only (not in the 2025→2026 share) runs the other
 * way, 甲 0 < 乙 10 < 丙 40: counted, it would reorder last December.
 * 2026-01: gdp_growth and new_only both 甲 3 < 乙 5 < 丙 7.
 */
const OBS = [
  o('230101', 'gdp_growth', '2025-12', 6),
  o('230102', 'gdp_growth', '2025-12', 5),
  o('230103', 'gdp_growth', '2025-12', 4),
  o('230101', 'old_only', '2025-12', 0),
  o('230102', 'old_only', '2025-12', 10),
  o('230103', 'old_only', '2025-12', 40),
  o('230101', 'gdp_growth', '2026-01', 3),
  o('230102', 'gdp_growth', '2026-01', 5),
  o('230103', 'gdp_growth', '2026-01', 7),
  o('230101', 'new_only', '2026-01', 3),
  o('230102', 'new_only', '2026-01', 5),
  o('230103', 'new_only', '2026-01', 7),
];

const prepare = (p: Plan) => preparePlan(validatePlan(p, `${p.id}.json`), INDICATORS);

function rank(current: Plan, observations = OBS, previous: Plan | null = P2025) {
  return rankPlan({
    prepared: prepare(current),
    previous: previous ? prepare(previous) : undefined,
    register: REGISTER,
    obs: new ObservationSet(observations),
    period: '2026-01',
  }).ranking;
}

const byCounty = (r: ReturnType<typeof rank>) =>
  Object.fromEntries(r.counties.map((c) => [c.regionName, [c.previousRank, c.rank, c.change]]));

describe('rank change in January against last December under the followed plan', () => {
  it('ranks 2025-12 on the shared gdp_growth only, and gives changes and 进步县', () => {
    const r = rank(p2026());
    expect(r.previousPeriod).toBe('2025-12');
    // Last December by gdp_growth alone: 甲1 乙2 丙3. This January: 丙1 乙2 甲3.
    // Changes (previous − now): 甲 1−3 = −2, 乙 2−2 = 0, 丙 3−1 = +2; 进步县: 丙 only.
    expect(byCounty(r)).toEqual({ 甲县: [1, 3, -2], 乙县: [2, 2, 0], 丙县: [3, 1, 2] });
    expect(r.improved).toEqual(['230103']);
    expect(r.notes).toContain(
      '上期(2025年1-12月)按上年计划 p-2025 排名,只计两计划共有的1项县级目标',
    );
  });

  it('matches a renamed indicator through follows.indicators', () => {
    const renamed = p2026({
      follows: { plan: 'p-2025', indicators: { county_gdp_growth: 'gdp_growth' } },
      targets: [target('county_gdp_growth', 2026), target('new_only', 2026, '其他')],
    });
    const data = OBS.map((x) =>
      x.period === '2026-01' && x.indicator === 'gdp_growth'
        ? { ...x, indicator: 'county_gdp_growth' }
        : x,
    );
    expect(byCounty(rank(renamed, data))).toEqual({
      甲县: [1, 3, -2],
      乙县: [2, 2, 0],
      丙县: [3, 1, 2],
    });
  });

  it('has no rank change without the followed plan, as before', () => {
    const r = rank(p2026(), OBS, null);
    expect(r.previousPeriod).toBeNull();
    expect(r.counties.every((c) => c.change === null)).toBe(true);
    expect(r.notes.join('')).toContain('上期(2025年1-12月)不在计划的县级目标年份内');
  });

  it('refuses a map to an indicator the followed plan does not know, naming the field', () => {
    const bad = p2026({ follows: { plan: 'p-2025', indicators: { gdp_growth: 'no_such' } } });
    expect(() => rank(bad)).toThrow(
      'follows.indicators.gdp_growth「no_such」不是计划 p-2025 的指标',
    );
  });

  it('reads the followed plan’s periods for the previous ranking', () => {
    const periods = rankingPeriods(prepare(p2026()), '2026-01', prepare(P2025));
    expect(periods.has('2025-12')).toBe(true);
    expect(periods.has('2026-01')).toBe(true);
  });
});

describe('comparing this year with last year on the shared targets', () => {
  it('gives each county’s value and status in both years for the shared indicators only', () => {
    const data = [
      o('230101', 'gdp_growth', '2025', 6),
      o('230101', 'gdp_growth', '2026', 4),
      o('230101', 'old_only', '2025', 1),
      o('230101', 'new_only', '2026', 9),
    ];
    const obs = new ObservationSet(data);
    const cur = prepare(p2026());
    const now = evaluate({ prepared: cur, register: REGISTER, obs, period: '2026' });
    const before = evaluate({ prepared: prepare(P2025), register: REGISTER, obs, period: '2025' });
    const rows = compareEvaluations(cur, now, before).filter((r) => r.region === '230101');
    // 2025: 6 ≥ 5 met; 2026: 4 < 5 not met. old_only and new_only are in one plan each: left out.
    expect(rows).toEqual([
      {
        region: '230101',
        regionName: '甲县',
        indicator: 'gdp_growth',
        previousIndicator: 'gdp_growth',
        name: 'gdp_growth',
        scope: 'all',
        unit: '%',
        now: { period: '2026', phrase: '5以上', value: 4, status: 'not_met' },
        before: { period: '2025', phrase: '5以上', value: 6, status: 'met' },
      },
    ]);
  });
});
