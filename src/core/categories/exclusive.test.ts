import { describe, expect, it } from 'vitest';
import { isLeitaiError } from '../errors/index.js';
import { evaluate } from '../evaluate/index.js';
import { ObservationSet } from '../observations/index.js';
import { preparePlan, readPlan, type Category } from '../plans/index.js';
import { makeRegister } from '../regions/index.js';
import { indicator, observation as o, planShell, region } from '../testing/fixtures.js';
import { assignCategories, categoryProblems } from './index.js';

// Six made-up counties, categories in the order 工业县 → 农业县 → 旅游县 → 其他县.
const K = ['230101', '230102', '230103', '230104', '230105', '230106'] as const;
const COUNTIES = [
  region(K[0], '甲县', '230100', '县', { scenic_4a: true, heritage_area: false }),
  region(K[1], '乙县', '230100', '县', { scenic_4a: true, heritage_area: false }),
  region(K[2], '丙县', '230100', '县', { scenic_4a: false, heritage_area: true }),
  region(K[3], '丁县', '230100', '县', { scenic_4a: false, heritage_area: false }),
  region(K[4], '戊县', '230100', '县', { scenic_4a: false, heritage_area: false }),
  region(K[5], '己县', '230100', '县', { scenic_4a: null, heritage_area: false }),
];
const OBS = new ObservationSet([
  ...[12, 8, 5, 5, null, 10].map((v, i) => o(K[i]!, 'industry_va', '2025', v)),
  ...[25, 30, 10, 10, 25, 19.99].map((v, i) => o(K[i]!, 'grain', '2025', v)),
]);

const cat = (code: string, name: string, rule: Category['rule']): Category => ({
  code,
  name,
  nameEn: code,
  printed: name,
  rule,
});
const INDUSTRIAL = cat('industrial', '工业县', {
  indicator: 'industry_va',
  period: '2025',
  op: '>',
  value: 10,
});
const FARM = cat('farm', '农业县', { indicator: 'grain', period: '2025', op: '>=', value: 20 });
const TOURISM = cat('tourism', '旅游县', {
  any: [{ attribute: 'heritage_area' }, { attribute: 'scenic_4a' }],
});
const OTHER = cat('other', '其他县', { otherwise: true });
const ORDER = [INDUSTRIAL, FARM, TOURISM, OTHER];

describe('exclusive categories with an order of precedence', () => {
  it('puts each county in the first category whose rule it meets', () => {
    const a = assignCategories(ORDER, COUNTIES, OBS, true);
    // 甲: industry 12 > 10 → 工业县 (it also meets 农业县 and 旅游县, which come later).
    // 乙: industry 8, grain 30 ≥ 20 → 农业县. 丙: 5, 10, heritage → 旅游县.
    // 丁: meets none → 其他县. 戊: industry unknown → cannot be placed anywhere it might be.
    // 己: 10 is not > 10, 19.99 < 20, scenic unknown → 旅游县 and 其他县 undecided.
    expect(Object.fromEntries(a.byRegion)).toEqual({
      [K[0]]: ['industrial'],
      [K[1]]: ['farm'],
      [K[2]]: ['tourism'],
      [K[3]]: ['other'],
      [K[4]]: [],
      [K[5]]: [],
    });
    expect(a.summaries.map((s) => [s.code, s.members, s.unknown])).toEqual([
      ['industrial', [K[0]], [K[4]]],
      ['farm', [K[1]], [K[4]]],
      // 戊 meets no tourism rule (both attributes false): not unknown there.
      ['tourism', [K[2]], [K[5]]],
      ['other', [K[3]], [K[4], K[5]]],
    ]);
  });

  it('lets a county be in several categories when they are not exclusive', () => {
    const a = assignCategories([INDUSTRIAL, FARM, TOURISM], COUNTIES, OBS);
    expect(a.byRegion.get(K[0])).toEqual(['industrial', 'farm', 'tourism']);
    expect(a.byRegion.get(K[1])).toEqual(['farm', 'tourism']);
  });

  it('names a county that meets no rule of an exclusive order without a fallback', () => {
    const a = assignCategories([INDUSTRIAL, FARM, TOURISM], COUNTIES, OBS, true);
    expect(a.byRegion.get(K[3])).toEqual([]);
    expect(a.summaries[2]!.note).toBe(
      '旅游县:1个县的成员身份无法判定(数据或属性未设置);另有1个县不符合任何类别的规则,未归类(丁县)',
    );
  });

  it('says 不属于<earlier category> in the reasons of an evaluation', () => {
    const register = makeRegister([
      region('230000', '省', null, '省'),
      region('230100', '市', '230000', '地级市'),
      ...COUNTIES,
    ]);
    const plan = planShell({
      settings: { exclusiveCategories: true },
      categories: ORDER,
      countyScope: { kinds: ['县'] },
    });
    const inds = [
      indicator('industry_va', { name: '工业增加值', frequency: 'yearly', ytd: false }),
      indicator('grain', { name: '粮食产量', unit: '亿斤', frequency: 'yearly', ytd: false }),
    ];
    const ev = evaluate({ prepared: preparePlan(plan, inds), register, obs: OBS, period: '2025' });
    const reason = (k: string) => ev.categoryReasons[k]!.map((r) => `${r.name}: ${r.reason}`);
    expect(reason(K[0])).toEqual(['工业县: 2025年工业增加值 12.0亿元 > 10亿元']);
    expect(reason(K[1])).toEqual(['农业县: 2025年粮食产量 30.0亿斤 ≥ 20亿斤;不属于工业县']);
    expect(reason(K[2])).toEqual(['旅游县: 有历史文化资源富集区;不属于工业县;不属于农业县']);
    expect(reason(K[3])).toEqual(['其他县: 不属于工业县;不属于农业县;不属于旅游县']);
    expect(ev.categories[K[4]]).toEqual([]);
  });
});

describe('what plan check refuses in categories', () => {
  it('refuses two exclusive categories with the same rule, naming the later one', () => {
    const twin = cat('farm2', '产粮县', {
      period: '2025',
      value: 20,
      op: '>=',
      indicator: 'grain',
    });
    expect(categoryProblems([FARM, twin], true)).toEqual([
      {
        path: 'categories.1.rule',
        value: '产粮县',
        reason:
          '与「农业县」(categories.0)规则相同:类别互斥时排在后面的类别永远没有成员 (same rule as an earlier exclusive category)',
      },
    ]);
    // Overlapping categories are allowed when the plan does not say they are exclusive.
    expect(categoryProblems([FARM, twin], false)).toEqual([]);
  });

  it('refuses an otherwise rule that is not last, or inside another rule', () => {
    const nested = cat('mixed', '混合', { any: [{ attribute: 'border' }, { otherwise: true }] });
    expect(categoryProblems([OTHER, nested], false).map((p) => p.path)).toEqual([
      'categories.0.rule',
      'categories.1.rule.any.1',
    ]);
  });

  it('makes preparePlan refuse the plan and plan check list the problem with its path', () => {
    const plan = planShell({
      settings: { exclusiveCategories: true },
      categories: [FARM, TOURISM, { ...TOURISM, code: 'tourism2' }],
    });
    const inds = [indicator('grain')];
    expect(readPlan(plan, inds).problems.map((p) => p.path)).toEqual(['categories.2.rule']);
    let code = 'ok';
    try {
      preparePlan(plan, inds);
    } catch (e) {
      if (!isLeitaiError(e)) throw e;
      code = e.code;
      expect(e.message).toContain('「categories.2.rule」');
    }
    expect(code).toBe('PLAN_INVALID');
  });
});
