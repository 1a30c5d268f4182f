import { describe, expect, it } from 'vitest';
import { isLeitaiError } from '../errors/index.js';
import type { Indicator } from '../indicators/index.js';
import { ObservationSet } from '../observations/index.js';
import { preparePlan, type Plan } from '../plans/index.js';
import { makeRegister } from '../regions/index.js';
import { growthIndicator, planShell, region } from '../testing/fixtures.js';
import { rankPlan, rankStability, type RankingSettings } from './index.js';

// Targetless items, per-category 先进县/进步县 and 十强县 areas on a hand-built matrix: six
// counties, two categories (甲类 = 0101–0103, 乙类 = 0201–0203), two indicators compared across
// counties without a target. The plan's only county target is a yearly indicator, which no
// county has at a month, so it is dropped and the targetless items alone decide.

const INDICATORS: Indicator[] = [
  growthIndicator('output', { name: '产值', ytd: false }),
  growthIndicator('cost', { name: '成本率', kind: 'share', direction: 'lower', ytd: false }),
  growthIndicator('special', { name: '特色', ytd: false }),
  growthIndicator('yearly', { name: '年度', frequency: 'yearly', ytd: false }),
];

const REGISTER = makeRegister([
  region('230000', '省', null, '省'),
  region('230100', '甲市', '230000', '地级市'),
  region('230200', '乙市', '230000', '地级市'),
  region('230101', '县一', '230100', '县', { a: true, b: false }),
  region('230102', '县二', '230100', '县', { a: true, b: false }),
  region('230103', '县三', '230100', '县', { a: true, b: false }),
  region('230201', '县四', '230200', '县', { a: false, b: true }),
  region('230202', '县五', '230200', '县', { a: false, b: true }),
  region('230203', '县六', '230200', '县', { a: false, b: true }),
]);

function plan(ranking: RankingSettings): Plan {
  return planShell({
    countyScope: { kinds: ['县'] },
    sections: ['经济总量', '财政实力'],
    settings: { ranking },
    targets: [
      {
        table: 'county',
        indicator: 'yearly',
        name: '年度',
        unit: '%',
        section: '经济总量',
        scope: 'all',
        year: 2026,
        phrase: '1以上',
        departments: [],
      },
    ],
    categories: [
      { code: 'a', name: '甲类', nameEn: 'A', printed: '甲类', rule: { attribute: 'a' } },
      { code: 'b', name: '乙类', nameEn: 'B', printed: '乙类', rule: { attribute: 'b' } },
    ],
  });
}

const COMPARE: RankingSettings['compare'] = [
  { indicator: 'output', section: '经济总量' },
  { indicator: 'cost', section: '财政实力' },
];

/** [output, cost] by county. */
const SEPT: Record<string, [number, number]> = {
  '230101': [99, 0],
  '230102': [50, 10],
  '230103': [0, 99],
  '230201': [80, 10],
  '230202': [60, 30],
  '230203': [20, 50],
};
const AUG: Record<string, [number, number]> = {
  '230101': [0, 99],
  '230102': [99, 0],
  '230103': [50, 40],
  '230201': [60, 30],
  '230202': [20, 50],
  '230203': [80, 10],
};

function data(): ObservationSet {
  const obs = new ObservationSet();
  for (const [period, rows] of [
    ['2026-09', SEPT],
    ['2026-08', AUG],
  ] as const) {
    for (const [r, [output, cost]] of Object.entries(rows)) {
      obs.add({ region: r, indicator: 'output', period, value: output });
      obs.add({ region: r, indicator: 'cost', period, value: cost });
      obs.add({ region: r, indicator: 'special', period, value: Number(r.slice(4)) });
    }
  }
  return obs;
}

const rank = (ranking: RankingSettings) =>
  rankPlan({
    prepared: preparePlan(plan(ranking), INDICATORS),
    register: REGISTER,
    obs: data(),
    period: '2026-09',
  }).ranking;

const scores = (r: ReturnType<typeof rank>) =>
  Object.fromEntries(r.counties.map((c) => [c.region, c.score]));

describe('targetless items (横向比较, no target)', () => {
  it('scores the county value by min-max, lower-is-better mirrored', () => {
    const r = rank({ normalise: 'minmax', compare: COMPARE });
    // output: min 0, max 99, points = 1 + (v − 0)/99 × 99 = 1 + v.
    // cost is lower-is-better: mirrored −v, min −99, max 0, points = 1 + (99 − v) = 100 − v.
    // score = mean of the two sections (weight 1 each):
    //   0101 (100 + 100)/2 = 100;  0102 (51 + 90)/2 = 70.5;  0103 (1 + 1)/2 = 1;
    //   0201 (81 + 90)/2 = 85.5;   0202 (61 + 70)/2 = 65.5;  0203 (21 + 50)/2 = 35.5.
    expect(scores(r)).toEqual({
      '230101': 100,
      '230201': 85.5,
      '230102': 70.5,
      '230202': 65.5,
      '230203': 35.5,
      '230103': 1,
    });
    expect(r.counties.map((c) => c.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    // Targetless: 完成 counts only targets, and there is none this month.
    expect(r.counties[0]!.judged).toBe(0);
    const items = r.method.items.map((i) => [i.indicator, i.phrase, i.targetless, i.weight]);
    expect(items).toEqual([
      ['output', '', true, 1],
      ['cost', '', true, 1],
    ]);
    expect(r.notes.join()).toContain('年度');
  });

  it('uses a per-item method, and the plan`s compared method when it normalises to target', () => {
    const r = rank({
      compareNormalise: 'minmax',
      compare: [{ indicator: 'output', section: '经济总量', normalise: 'rank' }, COMPARE[1]!],
    });
    // output by rank (ascending 0, 20, 50, 60, 80, 99 → ranks 1..6), points 1 + (r − 1) × 99/5:
    //   0103 1, 0203 20.8, 0102 40.6, 0202 60.4, 0201 80.2, 0101 100.
    // cost by min-max as above (100 − v). Scores:
    //   0101 (100 + 100)/2 = 100; 0201 (80.2 + 90)/2 = 85.1; 0102 (40.6 + 90)/2 = 65.3;
    //   0202 (60.4 + 70)/2 = 65.2; 0203 (20.8 + 50)/2 = 35.4; 0103 (1 + 1)/2 = 1.
    expect(scores(r)).toEqual({
      '230101': 100,
      '230201': 85.1,
      '230102': 65.3,
      '230202': 65.2,
      '230203': 35.4,
      '230103': 1,
    });
    expect(r.method.normalise).toBe('target');
  });

  it('scores a category-scoped item only for its members, weighted in its section', () => {
    const r = rank({
      normalise: 'minmax',
      compare: [...COMPARE!, { indicator: 'special', section: '个性化', scope: 'category:b' }],
    });
    const by = new Map(r.counties.map((c) => [c.region, c]));
    // special = 201, 202, 203 for 乙类 only: points 1, 50.5, 100.
    expect(by.get('230101')!.sections['个性化']).toBeNull();
    expect(by.get('230203')!.sections['个性化']).toBe(100);
    // 0203: (21 + 50 + 100)/3 = 57.
    expect(by.get('230203')!.score).toBe(57);
  });

  it('keeps compared items in the stability draws, under every drawn method', () => {
    const res = rankPlan({
      prepared: preparePlan(plan({ compare: COMPARE }), INDICATORS),
      register: REGISTER,
      obs: data(),
      period: '2026-09',
    });
    const st = rankStability(res.matrix, res.method, { draws: 200, seed: 5 });
    const by = new Map(st.counties.map((c) => [c.region, c]));
    // 0101 has the highest output and the lowest cost: first under any weights and method;
    // 0103 the lowest output and highest cost: always last (6th).
    expect([by.get('230101')!.p05, by.get('230101')!.p95]).toEqual([1, 1]);
    expect([by.get('230103')!.p05, by.get('230103')!.p95]).toEqual([6, 6]);
  });

  it('refuses an unknown compared indicator, category or area item, naming it', () => {
    const refused = (s: RankingSettings, path: string) => {
      try {
        rank(s);
      } catch (e) {
        expect(isLeitaiError(e) && e.code).toBe('PLAN_INVALID');
        expect(isLeitaiError(e) && e.details.path).toBe(path);
        return;
      }
      throw new Error('not refused');
    };
    refused(
      { compare: [{ indicator: 'nope', section: 'x' }] },
      'settings.ranking.compare.0.indicator',
    );
    refused(
      { compare: [{ indicator: 'output', section: 'x', scope: 'category:zz' }] },
      'settings.ranking.compare.0.scope',
    );
    refused(
      { compare: COMPARE, areas: [{ name: '工业', items: ['nope'] }] },
      'settings.ranking.areas.0.items.0',
    );
  });
});

describe('先进县 and 进步县 by category, 十强县 by area', () => {
  const settings: RankingSettings = {
    normalise: 'minmax',
    compare: COMPARE,
    awards: { byCategory: { top: 2, improved: 1 } },
    areas: [
      { name: '工业', items: ['output'], top: 2 },
      { name: '财政', items: ['财政实力'], top: 2 },
    ],
  };

  it('names each category`s top N and its largest rise in rank within the category', () => {
    const r = rank(settings);
    // September scores as in the first test. 甲类: 0101 100 (1), 0102 70.5 (2), 0103 1 (3).
    // 乙类: 0201 85.5 (1), 0202 65.5 (2), 0203 35.5 (3).
    // August (same min 0 / max 99 on both): 0101 (1 + 1)/2 = 1; 0102 100; 0103 (51 + 60)/2 = 55.5;
    //   0201 (61 + 70)/2 = 65.5; 0202 (21 + 50)/2 = 35.5; 0203 (81 + 90)/2 = 85.5.
    // 甲类 in August: 0102 1, 0103 2, 0101 3 → 0101 rose 2 places.
    // 乙类 in August: 0203 1, 0201 2, 0202 3 → 0201 and 0202 both rose 1; the gain in score
    //   decides: 0201 85.5 − 65.5 = 20, 0202 65.5 − 35.5 = 30 → 0202.
    const simple = r.categoryAwards.map((a) => ({
      name: a.name,
      advanced: a.advanced.map((c) => [c.regionName, c.rank]),
      improved: a.improved.map((c) => [c.regionName, c.change]),
    }));
    expect(simple).toEqual([
      {
        name: '甲类',
        advanced: [
          ['县一', 1],
          ['县二', 2],
        ],
        improved: [['县一', 2]],
      },
      {
        name: '乙类',
        advanced: [
          ['县四', 1],
          ['县五', 2],
        ],
        improved: [['县五', 1]],
      },
    ]);
    expect(r.method.awards).toEqual({ top: 2, improved: 1 });
  });

  it('lists each area`s top N by its own score, a tie at place N making it longer', () => {
    const r = rank(settings);
    // 工业 = output points (1 + v): 0101 100, 0201 81 → the top 2.
    // 财政 = cost points (100 − v): 0101 100, then 0102 and 0201 both 90 → rank 2 shared: 3 counties.
    const lists = r.areas.map((a) => [
      a.name,
      a.counties.map((c) => [c.regionName, c.rank, c.score]),
    ]);
    expect(lists).toEqual([
      [
        '工业',
        [
          ['县一', 1, 100],
          ['县四', 2, 81],
        ],
      ],
      [
        '财政',
        [
          ['县一', 1, 100],
          ['县二', 2, 90],
          ['县四', 2, 90],
        ],
      ],
    ]);
    expect(r.areas[1]!.indicators).toEqual(['cost']);
  });

  it('defaults an area to 10 and names no per-category awards unless the plan asks', () => {
    const r = rank({
      normalise: 'minmax',
      compare: COMPARE,
      areas: [{ name: '全部', items: ['经济总量', '财政实力'] }],
    });
    expect(r.categoryAwards).toEqual([]);
    expect(r.method.awards).toBeNull();
    expect(r.areas[0]!.top).toBe(10);
    // All six counties fit within 10; the area score is the mean of the two items' points,
    // the same as the overall score here.
    expect(r.areas[0]!.counties.map((c) => c.score)).toEqual([100, 85.5, 70.5, 65.5, 35.5, 1]);
  });
});
