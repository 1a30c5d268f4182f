import { describe, expect, it } from 'vitest';
import { catalogue, type Aggregate, type Indicator } from '../indicators/index.js';
import { ObservationSet } from '../observations/index.js';
import { parsePeriod } from '../periods/index.js';
import { preparePlan } from '../plans/index.js';
import { makeRegister } from '../regions/index.js';
import { indicator, observation as o, planShell, region } from '../testing/fixtures.js';
import { parentValue, projectedCount } from './derive.js';
import { evaluate } from './index.js';

const GDP = indicator('gdp');
const over = (aggregate: Aggregate): Indicator =>
  indicator('over', { unit: '个', kind: 'count', frequency: 'yearly', ytd: false, aggregate });
const C = ['230101', '230102', '230103', '230104', '230105'];

// Made-up 2025 levels: 100, 120, 99.99, 150, 100.
const LEVELS = [100, 120, 99.99, 150, 100].map((v, i) => o(C[i]!, 'gdp', '2025', v));
const YEAR = new ObservationSet(LEVELS);

function derived(aggregate: Aggregate, obs = YEAR) {
  const ind = over(aggregate);
  return parentValue({
    region: '230000',
    counties: C,
    indicator: ind,
    indicators: catalogue([GDP, ind]),
    period: '2025',
    obs,
  });
}

describe('aggregates over counties', () => {
  it('counts over a threshold with the indicator’s comparison, `>` by default', () => {
    // > 100: 120, 150 → 2; ≥ 100: 100, 120, 150, 100 → 4; < 100: 99.99 → 1; ≤ 100: 3.
    const base = { method: 'count_over', of: 'gdp', threshold: 100 } as const;
    expect(derived(base).value).toBe(2);
    expect(derived({ ...base, op: '>=' }).value).toBe(4);
    expect(derived({ ...base, op: '<' }).value).toBe(1);
    expect(derived({ ...base, op: '<=' }).value).toBe(3);
  });

  it('gives the share (%) of counties meeting the condition', () => {
    // ≥ 100: 4 of 5 → 80%; > 100: 2 of 5 → 40%; < 100: 1 of 5 → 20%.
    const base = { method: 'share_over', of: 'gdp', threshold: 100 } as const;
    expect(derived({ ...base, op: '>=' })).toMatchObject({ value: 80, derived: true });
    expect(derived(base).value).toBe(40);
    expect(derived({ ...base, op: '<' }).value).toBe(20);
  });

  it('is unavailable when a county is missing', () => {
    const partial = new ObservationSet(LEVELS.filter((x) => x.region !== '230103'));
    const v = derived({ method: 'share_over', of: 'gdp', threshold: 100, op: '>=' }, partial);
    expect(v).toMatchObject({ value: null, missing: 1 });
  });
});

// Made-up 1–6月 year-to-date GDP of four counties, and last year's where known:
//  230101: 45, last year 40 of 100 by June → seasonal share 0.4 → 45 / 0.4 = 112.5
//  230102: 48, no last year → linear share 6/12 = 0.5 → 48 / 0.5 = 96
//  230103: 50, last year 50 of 100 → share 0.5 → 100
//  230104: 30, last year 20 of 80 → share 0.25 → 120
const FOUR = C.slice(0, 4);
const MONTHS = new ObservationSet([
  o('230101', 'gdp', '2026-06', 45),
  o('230101', 'gdp', '2025-06', 40),
  o('230101', 'gdp', '2025', 100),
  o('230102', 'gdp', '2026-06', 48),
  o('230103', 'gdp', '2026-06', 50),
  o('230103', 'gdp', '2025-06', 50),
  o('230103', 'gdp', '2025', 100),
  o('230104', 'gdp', '2026-06', 30),
  o('230104', 'gdp', '2025-06', 20),
  o('230104', 'gdp', '2025', 80),
]);

function projected(aggregate: Aggregate, at = '2026-06', counties = FOUR, of = GDP) {
  const ind = over(aggregate);
  return projectedCount({
    counties,
    indicator: ind,
    indicators: catalogue([of, ind]),
    at: parsePeriod(at),
    obs: MONTHS,
  });
}

describe('projected counts during the year', () => {
  it('counts the counties whose year-end projection passes the threshold', () => {
    // Projections 112.5, 96, 100, 120: ≥ 100 → 3; > 100 → 2; share ≥ 100 → 3 of 4 = 75%.
    expect(projected({ method: 'count_over', of: 'gdp', threshold: 100, op: '>=' })).toEqual({
      value: 3,
      derived: true,
      official: false,
      missing: 0,
    });
    expect(projected({ method: 'count_over', of: 'gdp', threshold: 100 })?.value).toBe(2);
    expect(projected({ method: 'share_over', of: 'gdp', threshold: 100, op: '>=' })?.value).toBe(
      75,
    );
  });

  it('is unavailable when a county has no value, and absent when none has', () => {
    const agg = { method: 'count_over', of: 'gdp', threshold: 100 } as const;
    expect(projected(agg, '2026-06', C)).toMatchObject({ value: null, missing: 1 });
    expect(projected(agg, '2026-07')).toBeNull();
  });

  it('does not project a year, or a count over a yearly figure', () => {
    const agg = { method: 'count_over', of: 'gdp', threshold: 100 } as const;
    expect(projected(agg, '2026')).toBeNull();
    const yearly = { ...GDP, frequency: 'yearly' as const, ytd: false };
    expect(projected(agg, '2026-06', FOUR, yearly)).toBeNull();
  });

  it('shows the projected count of a yearly count target mid-year, marked as such', () => {
    const register = makeRegister([
      region('230000', '省', null, '省'),
      region('230100', '市', '230000', '地级市'),
      ...FOUR.map((c) => region(c, `县${c}`, '230100', '县')),
    ]);
    const big = over({ method: 'count_over', of: 'gdp', threshold: 100, op: '>=' });
    const plan = planShell({
      indicators: [big],
      targets: [
        {
          table: 'province',
          indicator: 'over',
          name: '超100亿元县',
          unit: '个',
          scope: 'province',
          year: 2026,
          phrase: '3',
          departments: [],
        },
      ],
    });
    const prepared = preparePlan(plan, [GDP]);
    const ev = evaluate({ prepared, register, obs: MONTHS, period: '2026-06' });
    // Projected count 3 against the target 3 (met if ≥ 3).
    expect(ev.results[0]).toMatchObject({
      value: 3,
      status: 'met',
      derived: true,
      note: '按各县全年预计值计算',
    });
  });
});
