import { describe, expect, it } from 'vitest';
import { isLeitaiError } from '../errors/index.js';
import type { Indicator } from '../indicators/index.js';
import { ObservationSet } from '../observations/index.js';
import { preparePlan, validatePlan, type Plan } from '../plans/index.js';
import { makeRegister, type Region } from '../regions/index.js';
import { growthIndicator, planShell } from '../testing/fixtures.js';
import { allocateIncentives, rankPlan, rankStability, type RankingSettings } from './index.js';
import { rankDraws } from './stability.js';

const ind = (code: string, over: Partial<Indicator> = {}): Indicator =>
  growthIndicator(code, { ytd: false, ...over });

const INDICATORS: Indicator[] = [
  ind('growth', { name: '增速' }),
  ind('cost', { name: '成本率', kind: 'share', direction: 'lower' }),
  ind('firms', { name: '新增企业', unit: '户', kind: 'count', aggregate: { method: 'sum' } }),
  ind('yearly', { name: '年度指标', frequency: 'yearly' }),
  ind('special', { name: '特色增速' }),
];

const county = (code: string, parent: string, eco: boolean | null = false): Region => ({
  code,
  name: `县${code.slice(4)}`,
  parent,
  kind: '县',
  level: 'county',
  attributes: { eco },
});

const REGISTER = makeRegister([
  { code: '230000', name: '省', parent: null, kind: '省', level: 'province', attributes: {} },
  {
    code: '230100',
    name: '甲市',
    parent: '230000',
    kind: '地级市',
    level: 'prefecture',
    attributes: {},
  },
  {
    code: '230200',
    name: '乙市',
    parent: '230000',
    kind: '地级市',
    level: 'prefecture',
    attributes: {},
  },
  county('230101', '230100', true),
  county('230102', '230100', true),
  county('230103', '230100'),
  county('230201', '230200'),
  county('230202', '230200'),
]);

const target = (
  indicator: string,
  phrase: string,
  section: string,
  scope: Plan['targets'][number]['scope'] = 'all',
) => ({
  table: 'county' as const,
  indicator,
  name: INDICATORS.find((i) => i.code === indicator)!.name,
  unit: INDICATORS.find((i) => i.code === indicator)!.unit,
  section,
  scope,
  year: 2026,
  phrase,
  departments: [],
});

function plan(ranking?: RankingSettings, extra: Partial<Plan> = {}): Plan {
  return planShell({
    countyScope: { kinds: ['县'] },
    sections: ['经济总量', '企业主体', '财政实力', '个性化'],
    settings: ranking ? { ranking } : undefined,
    targets: [
      target('growth', '5以上', '经济总量'),
      target('firms', '2', '企业主体'),
      target('cost', '3以下', '财政实力'),
      target('yearly', '1以上', '财政实力'),
      target('special', '6以上', '个性化', { category: 'eco' }),
    ],
    categories: [
      {
        code: 'eco',
        name: '生态县',
        nameEn: 'Eco',
        printed: '生态功能区',
        rule: { attribute: 'eco' },
      },
    ],
    ...extra,
  });
}

type Row = [
  growth: number | null,
  firms: number | null,
  cost: number | null,
  special?: number | null,
];

function data(period: string, rows: Record<string, Row>): ObservationSet {
  const obs = new ObservationSet();
  for (const [region, [growth, firms, cost, special]] of Object.entries(rows)) {
    const put = (indicator: string, value: number | null | undefined) => {
      if (value !== undefined && value !== null) obs.add({ region, indicator, period, value });
    };
    put('growth', growth);
    put('firms', firms);
    put('cost', cost);
    put('special', special);
  }
  return obs;
}

const SEPT: Record<string, Row> = {
  '230101': [5, 2, 3, 6], // exactly on every target
  '230102': [7, 4, 2, 8],
  '230103': [4, 1, 4],
  '230201': [9, 3, 3.5],
  '230202': [6, 2, 2.5],
};

function rank(p: Plan, obs: ObservationSet, period = '2026-09') {
  return rankPlan({ prepared: preparePlan(p, INDICATORS), register: REGISTER, obs, period });
}

const byRegion = (r: ReturnType<typeof rank>) =>
  new Map(r.ranking.counties.map((c) => [c.region, c]));

describe('the 擂台赛 ranking', () => {
  it('gives a county exactly on every target 100 points, whatever the aggregation', () => {
    for (const aggregate of ['arith', 'geom'] as const) {
      const r = rank(plan({ aggregate }), data('2026-09', SEPT));
      const c = byRegion(r).get('230101')!;
      expect(c.score).toBe(100);
      expect(Object.values(c.sections)).toEqual([100, 100, 100, 100]);
      expect(c.met).toBe(4);
      expect(r.ranking.method.onTarget).toBe(100);
    }
  });

  it('ranks counties above and below plan in order, lower-is-better mirrored', () => {
    const r = rank(plan(), data('2026-09', SEPT));
    const order = r.ranking.counties.map((c) => c.region);
    // 230102 beats every target; 230103 misses every one.
    expect(order[0]).toBe('230102');
    expect(order.at(-1)).toBe('230103');
    const m = byRegion(r);
    expect(m.get('230103')!.score!).toBeLessThan(100);
    // A lower cost scores more on 财政实力 (cost is lower-is-better).
    expect(m.get('230202')!.sections['财政实力']!).toBeGreaterThan(
      m.get('230201')!.sections['财政实力']!,
    );
  });

  it('ranks within prefecture and within category (差异化评价)', () => {
    const r = rank(plan(), data('2026-09', SEPT));
    const m = byRegion(r);
    expect(m.get('230102')!.prefectureRank).toBe(1);
    expect(m.get('230101')!.prefectureRank).toBe(2);
    expect(m.get('230103')!.prefectureRank).toBe(3);
    expect([m.get('230201')!.prefectureRank, m.get('230202')!.prefectureRank].sort()).toEqual([
      1, 2,
    ]);
    expect(m.get('230102')!.categoryRanks).toEqual({ eco: 1 });
    expect(m.get('230101')!.categoryRanks).toEqual({ eco: 2 });
    expect(m.get('230201')!.categoryRanks).toEqual({});
    // Counties outside every category have no 个性化 section: the other sections carry the score.
    expect(m.get('230201')!.sections['个性化']).toBeNull();
  });

  it('gives equal points an equal rank, and the next county the rank after both', () => {
    const rows = { ...SEPT, '230202': SEPT['230201']! };
    const r = rank(plan(), data('2026-09', rows));
    const m = byRegion(r);
    expect(m.get('230201')!.rank).toBe(m.get('230202')!.rank);
    const tied = m.get('230201')!.rank!;
    const next = r.ranking.counties.find((c) => c.rank! > tied);
    if (next) expect(next.rank).toBe(tied + 2);
  });

  it('takes section weights from the plan: the weights decide between two profiles', () => {
    // 230201 is strong on growth, 230202 on cost; no firms, no category.
    const rows: Record<string, Row> = {
      '230101': [5, 2, 3, 6],
      '230102': [5, 2, 3, 6],
      '230103': [5, 2, 3],
      '230201': [12, 2, 3.4],
      '230202': [5.2, 2, 1],
    };
    const growthFirst = rank(
      plan({ sections: { 经济总量: 5, 财政实力: 1 } }),
      data('2026-09', rows),
    );
    const costFirst = rank(plan({ sections: { 经济总量: 1, 财政实力: 5 } }), data('2026-09', rows));
    expect(growthFirst.ranking.counties[0]!.region).toBe('230201');
    expect(costFirst.ranking.counties[0]!.region).toBe('230202');
    expect(growthFirst.ranking.method.sections).toContainEqual({ name: '经济总量', weight: 5 });
  });

  it('scores a missing value at the floor by default, so not reporting never helps', () => {
    const rows = { ...SEPT, '230103': [4, 1, null] as Row };
    const floor = byRegion(rank(plan(), data('2026-09', rows))).get('230103')!;
    expect(floor.sections['财政实力']).toBe(50);
    const reweight = byRegion(rank(plan({ missing: 'reweight' }), data('2026-09', rows))).get(
      '230103',
    )!;
    expect(reweight.sections['财政实力']).toBeNull();
    expect(reweight.score!).toBeGreaterThan(floor.score!);
  });

  it('leaves out a county without any data, and says so', () => {
    const rows = { ...SEPT, '230103': [null, null, null] as Row };
    const r = rank(plan(), data('2026-09', rows));
    const c = byRegion(r).get('230103')!;
    expect(c.rank).toBeNull();
    expect(c.score).toBeNull();
    expect(r.ranking.counties.at(-1)!.region).toBe('230103');
    expect(r.ranking.notes.join()).toMatch(/县0103|没有任何可评价的数据/);
  });

  it('drops an indicator no county has a value for (a yearly one mid-year), with a note', () => {
    const r = rank(plan(), data('2026-09', SEPT));
    expect(r.ranking.method.items.map((i) => i.indicator)).not.toContain('yearly');
    expect(r.ranking.notes.join()).toContain('年度指标');
  });

  it('reports rank change on the previous month and names the 进步县', () => {
    const aug: Record<string, Row> = {
      '230101': [5, 2, 3, 6],
      '230102': [7, 4, 2, 8],
      '230103': [9, 5, 1], // first in August, last in September
      '230201': [4, 1, 4],
      '230202': [6, 2, 2.5],
    };
    const obs = data('2026-08', aug);
    obs.merge(data('2026-09', SEPT));
    const r = rank(plan({ improved: 2 }), obs);
    expect(r.ranking.previousPeriod).toBe('2026-08');
    const m = byRegion(r);
    expect(m.get('230103')!.previousRank).toBe(1);
    expect(m.get('230103')!.change).toBe(1 - m.get('230103')!.rank!);
    expect(r.ranking.improved[0]).toBe('230201'); // last in August, up the most
    expect(r.ranking.improved.length).toBeLessThanOrEqual(2);
    expect(m.get('230201')!.improved).toBe(true);
  });

  it('has no rank change in January (the previous month is outside the plan year)', () => {
    const r = rank(plan(), data('2026-01', SEPT), '2026-01');
    expect(r.ranking.previousPeriod).toBeNull();
    expect(r.ranking.improved).toEqual([]);
    expect(r.ranking.notes.join()).toContain('上期');
  });

  it('names the top N as 先进县 from the plan', () => {
    const r = rank(plan({ top: 2 }), data('2026-09', SEPT));
    expect(r.ranking.advanced).toEqual(r.ranking.counties.slice(0, 2).map((c) => c.region));
  });

  it('refuses a period whose year has no county targets', () => {
    expect(() => rank(plan(), data('2025', SEPT), '2025')).toThrow(/没有 2025 年的县级目标/);
  });

  it('refuses weights for a section or an indicator the county table does not have', () => {
    expect(() => rank(plan({ sections: { 经济: 2 } }), data('2026-09', SEPT))).toThrow(
      /settings.ranking.sections「经济」不是县级目标表中的板块/,
    );
    expect(() => rank(plan({ indicators: { gdp: 2 } }), data('2026-09', SEPT))).toThrow(
      /settings.ranking.indicators「gdp」/,
    );
  });

  it('scores a target only one county has without a spread: above, on or below is 110, 100, 90', () => {
    const p = plan();
    p.targets.push({ ...target('special', '1以上', '个性化', { region: '230201' }) });
    const r = rank(p, data('2026-09', { ...SEPT, '230201': [9, 3, 3.5, 4] }));
    const c = byRegion(r).get('230201')!;
    expect(c.sections['个性化']).toBe(110);
    const below = rank(p, data('2026-09', { ...SEPT, '230201': [9, 3, 3.5, 0.5] }));
    expect(byRegion(below).get('230201')!.sections['个性化']).toBe(90);
  });

  it('refuses a ranking block that does not fit, naming the field', () => {
    const bad = { ...plan(), settings: { ranking: { sections: { 经济总量: -1 } } } };
    try {
      validatePlan(bad, 'x.json');
      expect.unreachable();
    } catch (e) {
      expect(isLeitaiError(e) && e.code).toBe('PLAN_INVALID');
      expect((e as Error).message).toContain('settings.ranking.sections.经济总量');
    }
    expect(() =>
      validatePlan({ ...plan(), settings: { ranking: { weights: {} } } }, 'x.json'),
    ).toThrow(/settings.ranking/);
  });
});

describe('rank stability', () => {
  const r = rank(plan(), data('2026-09', SEPT));

  it('collapses to the plan ranking when nothing is perturbed', () => {
    const fixed = {
      ...r.method,
      stability: { spread: 0, normalise: [r.method.normalise], aggregate: [r.method.aggregate] },
    };
    const s = rankStability(r.matrix, fixed, { draws: 50 });
    for (const c of r.ranking.counties) {
      const x = s.counties.find((y) => y.region === c.region)!;
      expect([x.p05, x.median, x.p95]).toEqual([c.rank, c.rank, c.rank]);
    }
  });

  it('gives an interval around the median, deterministic for a seed', () => {
    const a = rankStability(r.matrix, r.method, { draws: 300, seed: 5 });
    const b = rankStability(r.matrix, r.method, { draws: 300, seed: 5 });
    expect(a).toEqual(b);
    for (const c of a.counties) expect(c.p05! <= c.median! && c.median! <= c.p95!).toBe(true);
    // The county that beats every target stays first under every draw.
    expect(a.counties.find((c) => c.region === '230102')).toMatchObject({
      p05: 1,
      p95: 1,
      topShare: 1,
    });
  });

  it('gives the same draws whether run at once or split in parts (for threads)', () => {
    const all = rankDraws(r.matrix, r.method, { seed: 3, from: 0, count: 40 });
    const a = rankDraws(r.matrix, r.method, { seed: 3, from: 0, count: 25 });
    const b = rankDraws(r.matrix, r.method, { seed: 3, from: 25, count: 15 });
    expect([...a, ...b]).toEqual([...all]);
  });
});

describe('incentives', () => {
  const r = rank(plan({ top: 2, improved: 1 }), data('2026-09', SEPT)).ranking;

  it('shares the pool equally among 先进县 and 进步县 by default, to the cent, adding up exactly', () => {
    const a = allocateIncentives({ ranking: r, pool: 100 });
    expect(a.rows.map((x) => x.region)).toEqual(r.advanced);
    expect(a.rows.map((x) => x.amount)).toEqual([50, 50]);
    const odd = allocateIncentives({
      ranking: { ...r, advanced: r.counties.slice(0, 3).map((c) => c.region) },
      pool: 100,
    });
    expect(odd.rows.map((x) => x.amount)).toEqual([33.34, 33.33, 33.33]);
    expect(odd.allocated).toBe(100);
  });

  it('allocates in proportion to the points above the threshold', () => {
    const a = allocateIncentives({
      ranking: r,
      pool: 1000,
      rule: { rule: 'proportional', threshold: 100 },
    });
    const above = r.counties.filter((c) => c.score! > 100);
    expect(a.rows.map((x) => x.region)).toEqual(above.map((c) => c.region));
    const sum = above.reduce((s, c) => s + c.score! - 100, 0);
    for (const [i, c] of above.entries()) {
      expect(a.rows[i]!.amount).toBeCloseTo((1000 * (c.score! - 100)) / sum, 2);
    }
    expect(Math.round(a.rows.reduce((s, x) => s + x.amount, 0) * 100)).toBe(100000);
    expect(a.explanation).toContain('超过100分');
  });

  it('allocates by rank bands and reports what no band took', () => {
    const a = allocateIncentives({
      ranking: r,
      pool: 90,
      rule: {
        rule: 'tiered',
        tiers: [
          { ranks: [1, 1], share: 0.5 },
          { ranks: [2, 3], share: 0.3 },
        ],
      },
    });
    expect(a.rows[0]).toMatchObject({ rank: 1, amount: 45 });
    expect(a.rows.slice(1).map((x) => x.amount)).toEqual([13.5, 13.5]);
    expect(a.unallocated).toBe(18);
    expect(a.explanation).toContain('未分配');
  });

  it('refuses a bad pool or bands that give away more than the pool', () => {
    expect(() => allocateIncentives({ ranking: r, pool: 0 })).toThrow(/正数/);
    expect(() => allocateIncentives({ ranking: r, pool: 1.001 })).toThrow(/两位小数/);
    expect(() =>
      allocateIncentives({
        ranking: r,
        pool: 10,
        rule: {
          rule: 'tiered',
          tiers: [
            { ranks: [1, 1], share: 0.7 },
            { ranks: [2, 2], share: 0.4 },
          ],
        },
      }),
    ).toThrow(/超过 1/);
  });
});
