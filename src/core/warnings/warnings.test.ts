import { describe, expect, it } from 'vitest';
import { LeitaiError } from '../errors/index.js';
import { evaluate } from '../evaluate/index.js';
import type { Indicator } from '../indicators/index.js';
import { ObservationSet, type Observation } from '../observations/index.js';
import { preparePlan, validatePlan, type Plan } from '../plans/index.js';
import { makeRegister } from '../regions/index.js';
import { growthIndicator, indicator, observation, planShell, region } from '../testing/fixtures.js';
import { DEFAULT_WARNING_RULES, warnings, type WarningsOptions } from './index.js';

const ind = indicator;
const growth = (code: string, name: string): Indicator => growthIndicator(code, { name });

const INDICATORS: Indicator[] = [
  ind('gdp', { name: '地区生产总值' }),
  growth('gdp_growth', '地区生产总值增速'),
  growth('tax_growth', '税收收入增速'),
  ind('grain', { name: '粮食产量', unit: '亿斤', frequency: 'yearly', ytd: false }),
];

const REGISTER = makeRegister([
  region('230000', '某省', null, '省'),
  region('230100', '某市', '230000', '地级市'),
  region('230101', '甲县', '230100', '县'),
  region('230102', '乙市', '230100', '县级市'),
  region('230104', '丙县', '230100', '县'),
]);

function plan(over: Partial<Plan> = {}): Plan {
  return planShell({
    targets: [
      {
        table: 'county',
        indicator: 'gdp_growth',
        name: '地区生产总值增速',
        unit: '%',
        scope: 'all',
        year: 2026,
        phrase: '5左右',
        departments: [],
      },
      {
        table: 'county',
        indicator: 'gdp',
        name: '地区生产总值',
        unit: '亿元',
        scope: 'all',
        year: 2026,
        phrase: '200左右',
        departments: [],
      },
    ],
    categories: [
      {
        code: 'farm',
        name: '农业县',
        nameEn: 'farm',
        printed: 'grain ≥ 20',
        rule: { indicator: 'grain', period: '2025', op: '>=', value: 20 },
      },
    ],
    ...over,
  });
}

const o = observation;

/**
 * At 1–6月 (linear share 0.5, expected 100 of a 200 target):
 * 甲县 on target and ahead; 乙市 基本完成 and a little behind pace; 丙县 shrinking.
 */
const OBS = [
  o('230101', 'gdp_growth', '2026-06', 6),
  o('230102', 'gdp_growth', '2026-06', 4.7),
  o('230104', 'gdp_growth', '2026-06', -1.1),
  o('230101', 'gdp', '2026-06', 120),
  o('230102', 'gdp', '2026-06', 99),
  o('230104', 'gdp', '2026-06', 130),
  o('230101', 'tax_growth', '2026-06', 0.1),
  o('230102', 'tax_growth', '2026-06', 0.2),
  o('230104', 'tax_growth', '2026-06', 0.3),
  o('230101', 'grain', '2025', 25),
  o('230102', 'grain', '2025', 30),
  o('230104', 'grain', '2025', 5),
];

function run(
  p: Plan = plan(),
  extra: Partial<WarningsOptions> = {},
  list: Observation[] = OBS,
  period = '2026-06',
) {
  const prepared = preparePlan(p, INDICATORS);
  const obs = new ObservationSet(list);
  const evaluation = evaluate({ prepared, register: REGISTER, obs, period });
  return warnings({ evaluation, prepared, obs, register: REGISTER, period, ...extra });
}

const refused = (f: () => unknown): LeitaiError => {
  try {
    f();
  } catch (e) {
    if (e instanceof LeitaiError) return e;
    throw e;
  }
  throw new Error('not refused');
};

describe('warnings with the default rules', () => {
  const r = run(plan(), { now: '2026-07-01' });
  const of = (region: string) => r.warnings.filter((w) => w.region === region);

  it('makes a shrinking county red, saying which rules fired and with what numbers', () => {
    const county = r.counties.find((c) => c.region === '230104')!;
    expect(county).toMatchObject({ regionName: '丙县', level: 'red' });
    const target = of('230104').find((w) => w.rule === 'target_not_met')!;
    expect(target).toMatchObject({ level: 'yellow', type: 'target', indicator: 'gdp_growth' });
    expect(target.message).toBe('地区生产总值增速 -1.1%,目标「5左右」,未完成,差6.1个百分点');
    expect(target.evidence).toMatchObject({ value: -1.1, target: '5左右', status: 'not_met' });
    const shrink = of('230104').find((w) => w.rule === 'negative_growth')!;
    expect(shrink.message).toBe('地区生产总值增速 2026年1-6月 -1.1%,负增长');
    // Its GDP is ahead of pace: no behind_pace warning for it.
    expect(of('230104').some((w) => w.rule === 'behind_pace')).toBe(false);
  });

  it('makes a nearly-met county yellow, behind pace with value, expectation and share', () => {
    expect(r.counties.find((c) => c.region === '230102')?.level).toBe('yellow');
    const rules = of('230102').map((w) => w.rule);
    // 基本完成 is not a warning by default.
    expect(rules).not.toContain('target_nearly_met');
    const pace = of('230102').find((w) => w.rule === 'behind_pace')!;
    expect(pace.message).toBe(
      '地区生产总值 2026年1-6月 99.0亿元,低于序时进度100.0亿元(全年目标「200左右」×时间进度50.0%)',
    );
    expect(pace.evidence).toMatchObject({ value: 99, expected: 100, share: 0.5 });
  });

  it('names the province average a county falls below', () => {
    const avg = r.warnings.find((w) => w.rule === 'below_province_average')!;
    expect(avg.region).toBe('230104');
    expect(avg.message).toBe('地区生产总值增速 2026年1-6月 -1.1%,低于全省县域平均3.2%(3个县)');
    expect(avg.evidence).toMatchObject({ average: 3.2, count: 3, against: 'province' });
  });

  it('keeps a county without warnings green and sorts red, yellow, green', () => {
    expect(of('230101')).toEqual([]);
    expect(r.counties.map((c) => [c.region, c.level])).toEqual([
      ['230104', 'red'],
      ['230102', 'yellow'],
      ['230101', 'green'],
    ]);
    expect(r.warnings[0]!.region).toBe('230104');
    expect(r.ruleSource).toBe('default');
    expect(r.rules.map((x) => x.id)).toEqual(DEFAULT_WARNING_RULES.map((x) => x.id));
  });

  it('says the project and task rules are not connected yet instead of inventing warnings', () => {
    expect(r.notes).toContain('规则「project_behind_milestone」需要项目台账数据,尚未接入,未应用');
    expect(r.notes).toContain('规则「task_overdue」需要任务台账数据,尚未接入,未应用');
    expect(r.warnings.some((w) => w.type === 'task_overdue')).toBe(false);
  });
});

describe('missing values after the due date', () => {
  const gap = OBS.filter((x) => !(x.region === '230101' && x.indicator === 'gdp_growth'));

  it('is red once now is past the due date (dueDay of the next month)', () => {
    const r = run(plan({ settings: { dueDay: 10 } }), { now: '2026-07-11' }, gap);
    expect(r.due).toBe('2026-07-10');
    const miss = r.warnings.filter((w) => w.rule === 'missing_after_due');
    expect(miss.map((w) => [w.region, w.indicator])).toEqual([['230101', 'gdp_growth']]);
    expect(miss[0]!.message).toBe('地区生产总值增速 2026年1-6月数据逾期未报(截止 2026-07-10)');
    expect(r.counties.find((c) => c.region === '230101')?.level).toBe('red');
  });

  it('waits until the due date has passed, and says so', () => {
    const r = run(plan({ settings: { dueDay: 10 } }), { now: '2026-07-10' }, gap);
    expect(r.warnings.some((w) => w.rule === 'missing_after_due')).toBe(false);
    expect(r.notes.join('\n')).toContain('截止日为 2026-07-10,尚未到期');
  });

  it('does not apply without a date, and says so', () => {
    const r = run(plan(), {}, gap);
    expect(r.warnings.some((w) => w.rule === 'missing_after_due')).toBe(false);
    expect(r.notes.join('\n')).toContain('需要当前日期 (now)');
  });

  it('honours the plan dueDay', () => {
    const r = run(plan({ settings: { dueDay: 20 } }), { now: '2026-07-15' }, gap);
    expect(r.due).toBe('2026-07-20');
    expect(r.warnings.some((w) => w.rule === 'missing_after_due')).toBe(false);
  });
});

describe('rules from the plan', () => {
  it('replace the default set', () => {
    const r = run(
      plan({
        settings: { warnings: [{ id: 'shrink', type: 'negative_growth', level: 'yellow' }] },
      }),
    );
    expect(r.ruleSource).toBe('plan');
    expect(r.rules.map((x) => x.id)).toEqual(['shrink']);
    expect(r.warnings.map((w) => [w.region, w.rule, w.level])).toEqual([
      ['230104', 'shrink', 'yellow'],
    ]);
    expect(r.counties.map((c) => c.level)).toEqual(['yellow', 'green', 'green']);
    expect(r.notes).toEqual([]);
  });

  it('compare averages exactly: 0.2 is not below the mean of 0.1, 0.2, 0.3', () => {
    const r = run(plan(), {
      rules: [{ type: 'below_average', indicators: ['tax_growth'], level: 'yellow' }],
    });
    expect(r.warnings.map((w) => w.region)).toEqual(['230101']);
    expect(r.warnings[0]).toMatchObject({ rule: 'below_average', ruleName: '低于全省县域平均' });
    expect(r.warnings[0]!.message).toBe(
      '税收收入增速 2026年1-6月 0.1%,低于全省县域平均0.2%(3个县)',
    );
  });

  it('compare with the category average when asked', () => {
    // 农业县: 甲县 (6.0) and 乙市 (4.7), mean 5.35; 丙县 is not a member.
    const r = run(plan(), {
      rules: [
        { type: 'below_average', indicators: ['gdp_growth'], against: 'category', level: 'yellow' },
      ],
    });
    expect(r.warnings.map((w) => w.region)).toEqual(['230102']);
    expect(r.warnings[0]!.message).toBe(
      '地区生产总值增速 2026年1-6月 4.7%,低于农业县平均5.4%(2个县)',
    );
    expect(r.warnings[0]!.evidence).toMatchObject({ average: 5.35, against: 'farm' });
  });

  it('fire only for the statuses and indicators they name, numbering ids of repeated types', () => {
    const r = run(plan(), {
      rules: [
        { type: 'target', status: ['nearly_met'], indicators: ['gdp'], level: 'red' },
        { type: 'target', status: ['not_met'], level: 'yellow' },
      ],
    });
    expect(r.rules.map((x) => x.id)).toEqual(['target', 'target-2']);
    expect(r.warnings.map((w) => [w.region, w.rule, w.indicator])).toEqual([
      ['230102', 'target', 'gdp'],
      ['230104', 'target-2', 'gdp_growth'],
    ]);
    expect(r.warnings[0]!.message).toBe(
      '地区生产总值 2026年1-6月 99.0亿元,预计全年198.0亿元,目标「200左右」,基本完成,差2.0亿元',
    );
  });

  it('take project and task evaluators registered from outside', () => {
    const r = run(plan(), {
      rules: [{ id: 'late_task', type: 'task_overdue', level: 'red', graceDays: 5 }],
      sources: {
        task_overdue: (ctx) => [
          {
            region: '230101',
            message: `任务「招商引资」已逾期 (宽限${String((ctx.rule as { graceDays?: number }).graceDays)}天)`,
            evidence: { due: '2026-05-31' },
          },
          { region: '999999', message: 'not a county of the plan' },
        ],
      },
    });
    expect(r.notes).toEqual([]);
    expect(r.warnings).toEqual([
      {
        region: '230101',
        regionName: '甲县',
        level: 'red',
        rule: 'late_task',
        ruleName: '任务逾期',
        type: 'task_overdue',
        indicator: null,
        message: '任务「招商引资」已逾期 (宽限5天)',
        evidence: { due: '2026-05-31' },
      },
    ]);
  });
});

describe('bad rules', () => {
  it.each([
    [
      [
        { type: 'target', status: ['not_met'], level: 'red' },
        { type: 'rumour', level: 'red' },
      ],
      '第2条规则',
      'type',
    ],
    [[{ id: 'x', type: 'negative_growth', level: 'orange' }], '第1条规则(x)', 'level'],
    [
      [{ id: 'x', type: 'negative_growth', level: 'red', indicator: 'gdp' }],
      '第1条规则(x)',
      'indicator',
    ],
    [[{ type: 'below_average', level: 'red' }], '第1条规则', 'indicators'],
    [
      [{ id: 'avg', type: 'below_average', indicators: ['gpd'], level: 'red' }],
      '第1条规则(avg)',
      'gpd',
    ],
    [
      [{ id: 'g', type: 'negative_growth', indicators: ['gdp'], level: 'red' }],
      '第1条规则(g)',
      '不是增速指标',
    ],
    [
      [
        { id: 'a', type: 'task_overdue', level: 'red' },
        { id: 'a', type: 'task_overdue', level: 'red' },
      ],
      '第2条规则(a)',
      '重复',
    ],
  ])('%#: refused naming the rule and the field', (rules, rule, field) => {
    const e = refused(() => run(plan(), { rules }));
    expect(e.code).toBe('PLAN_INVALID');
    expect(e.message).toContain(rule);
    expect(e.message).toContain(field);
  });

  it('a plan file with a bad rule is refused at loading, naming the path', () => {
    const bad = {
      ...plan(),
      settings: { warnings: [{ type: 'target', status: [], level: 'red' }] },
    };
    const e = refused(() => validatePlan(bad, 'bad.json'));
    expect(e.code).toBe('PLAN_INVALID');
    expect(e.message).toContain('settings.warnings.0.status');
  });

  it('a plan file with good rules loads', () => {
    const good = { ...plan(), settings: { warnings: [...DEFAULT_WARNING_RULES] } };
    expect(validatePlan(good, 'good.json').settings?.warnings).toHaveLength(
      DEFAULT_WARNING_RULES.length,
    );
  });

  it('a default rule on an indicator the plan lacks is left out with a note, not an error', () => {
    const few = INDICATORS.filter((i) => i.code !== 'gdp_growth');
    const p = plan({ targets: plan().targets.filter((t) => t.indicator !== 'gdp_growth') });
    const prepared = preparePlan(p, few);
    const obs = new ObservationSet(OBS);
    const evaluation = evaluate({ prepared, register: REGISTER, obs, period: '2026-06' });
    const r = warnings({ evaluation, prepared, obs, register: REGISTER });
    expect(r.rules.some((x) => x.id === 'below_province_average')).toBe(false);
    expect(r.notes.join('\n')).toContain('默认规则「below_province_average」的指标 gdp_growth');
  });

  it('a bad date or a period other than the evaluation’s is bad input', () => {
    expect(refused(() => run(plan(), { now: '15/10/2026' })).code).toBe('INPUT_INVALID');
    expect(refused(() => run(plan(), { period: '2026-07' })).code).toBe('INPUT_INVALID');
  });
});
