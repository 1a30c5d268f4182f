import { describe, expect, it } from 'vitest';
import { evaluate } from '../evaluate/index.js';
import type { Indicator } from '../indicators/index.js';
import { ObservationSet } from '../observations/index.js';
import { preparePlan, type Plan, type PlanTarget } from '../plans/index.js';
import { makeRegister } from '../regions/index.js';
import {
  growthIndicator,
  indicator,
  observation as o,
  planShell,
  region,
} from '../testing/fixtures.js';
import { warnings } from './index.js';

// 约束性 / 预期性 under the default rules: a binding target missed or behind pace is red.

const INDICATORS: Indicator[] = [
  indicator('gdp', { name: '地区生产总值' }),
  growthIndicator('gdp_growth', { name: '地区生产总值增速' }),
];

const REGISTER = makeRegister([
  region('230000', '某省', null, '省'),
  region('230100', '某市', '230000', '地级市'),
  region('230101', '甲县', '230100', '县'),
  region('230102', '乙市', '230100', '县级市'),
  region('230104', '丙县', '230100', '县'),
]);

const target = (over: Partial<PlanTarget>): PlanTarget => ({
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

/** GDP growth binding 5以上; GDP 200左右 with the attribute given. */
const plan = (gdpAttribute?: 'binding' | 'expected'): Plan =>
  planShell({
    targets: [
      target({ attribute: 'binding' }),
      target({
        indicator: 'gdp',
        name: '地区生产总值',
        unit: '亿元',
        phrase: '200左右',
        ...(gdpAttribute ? { attribute: gdpAttribute } : {}),
      }),
    ],
  });

/**
 * 1–6月, linear share 6/12 = 0.5, so GDP's pace is 200 × 0.5 = 100亿元.
 * 甲县: growth 4 < 5 (binding not met); GDP 120 ≥ 100 (ahead).
 * 乙市: growth 6 ≥ 5 (met); GDP 99 < 100 (behind pace).
 * 丙县: growth 5.5 (met); GDP 130 (ahead).
 * Province mean growth (4 + 6 + 5.5) / 3 = 5.1667: 甲县 below it (yellow, default rule).
 */
const OBS = [
  o('230101', 'gdp_growth', '2026-06', 4),
  o('230102', 'gdp_growth', '2026-06', 6),
  o('230104', 'gdp_growth', '2026-06', 5.5),
  o('230101', 'gdp', '2026-06', 120),
  o('230102', 'gdp', '2026-06', 99),
  o('230104', 'gdp', '2026-06', 130),
];

function run(p: Plan) {
  const prepared = preparePlan(p, INDICATORS);
  const obs = new ObservationSet(OBS);
  const evaluation = evaluate({ prepared, register: REGISTER, obs, period: '2026-06' });
  return { evaluation, ...warnings({ evaluation, prepared, obs, register: REGISTER }) };
}

describe('binding targets under the default warning rules', () => {
  it('carries the attribute on every evaluation row of the target, none where the plan prints none', () => {
    const { evaluation } = run(plan());
    const rows = evaluation.results.filter((r) => r.region === '230101');
    expect(rows.find((r) => r.indicator === 'gdp_growth')?.attribute).toBe('binding');
    expect(rows.find((r) => r.indicator === 'gdp')?.attribute).toBeUndefined();
  });

  it('makes a county red for a binding target not met, naming 约束性', () => {
    const r = run(plan('expected'));
    const jia = r.warnings.filter((w) => w.region === '230101');
    const binding = jia.find((w) => w.rule === 'binding_not_met')!;
    expect(binding).toMatchObject({ level: 'red', indicator: 'gdp_growth' });
    expect(binding.message).toBe(
      '地区生产总值增速 4.0%,目标「5以上」(约束性),未完成,差1.0个百分点',
    );
    expect(binding.evidence).toMatchObject({ attribute: 'binding', status: 'not_met' });
    // The same row is not warned on twice (the yellow rule is for expected and unmarked targets).
    expect(jia.some((w) => w.rule === 'target_not_met')).toBe(false);
    expect(r.counties.find((c) => c.region === '230101')?.level).toBe('red');
  });

  it('keeps an expected target behind pace yellow, and makes it red when binding', () => {
    const expected = run(plan('expected'));
    const yi = (x: typeof expected) => x.warnings.filter((w) => w.region === '230102');
    expect(yi(expected).map((w) => [w.rule, w.level])).toEqual([['behind_pace', 'yellow']]);
    expect(expected.counties.find((c) => c.region === '230102')?.level).toBe('yellow');
    const binding = run(plan('binding'));
    expect(yi(binding).map((w) => [w.rule, w.level])).toEqual([['binding_behind_pace', 'red']]);
    expect(yi(binding)[0]!.message).toBe(
      '地区生产总值 2026年1-6月 99.0亿元,低于序时进度100.0亿元(全年目标「200左右」(约束性)×时间进度50.0%)',
    );
    expect(binding.counties.find((c) => c.region === '230102')?.level).toBe('red');
  });

  it('keeps a county meeting its binding targets green', () => {
    const r = run(plan('binding'));
    expect(r.counties.find((c) => c.region === '230104')?.level).toBe('green');
  });
});
