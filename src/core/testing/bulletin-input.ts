/**
 * Hand-made inputs for the composer's unit tests: a province (230000 黑龙江省) of four counties
 * in two prefectures, each result, ranking and warning written out literally. Test support only;
 * the composer never imports it.
 */
import type { Completeness, Tally } from '../completeness/index.js';
import type { Evaluation, ResultRow } from '../evaluate/index.js';
import type { Finding } from '../quality/index.js';
import type { CountyRanking, Ranking, Stability } from '../ranking/index.js';
import type { Warning, WarningsResult } from '../warnings/index.js';
import type { BulletinInput } from '../bulletin/model.js';

export const PROVINCE = { code: '230000', name: '黑龙江省' };

/** Four counties: two of 哈尔滨市 (230100), two of 齐齐哈尔市 (230200). */
export const COUNTIES = [
  { code: '230123', name: '依兰县', prefecture: '230100', prefectureName: '哈尔滨市' },
  { code: '230124', name: '方正县', prefecture: '230100', prefectureName: '哈尔滨市' },
  { code: '230221', name: '龙江县', prefecture: '230200', prefectureName: '齐齐哈尔市' },
  { code: '230223', name: '依安县', prefecture: '230200', prefectureName: '齐齐哈尔市' },
] as const;

const countyName = (code: string) => COUNTIES.find((c) => c.code === code)?.name ?? code;

/** A province row of a growth rate in %, its target "5以上" unless told. */
export function provinceRow(
  indicator: string,
  name: string,
  over: Partial<ResultRow> = {},
): ResultRow {
  const value = over.value ?? null;
  return {
    region: PROVINCE.code,
    regionName: PROVINCE.name,
    indicator,
    name,
    scope: 'province',
    year: 2026,
    phrase: '5以上',
    reading: '数值不低于5%即为完成',
    unit: '%',
    value,
    status: 'no_data',
    gap: null,
    measured: value,
    derived: false,
    official: false,
    ...over,
  };
}

/** A county row of 地区生产总值增速 (target 5以上) unless told. */
export function countyRow(region: string, over: Partial<ResultRow> = {}): ResultRow {
  const value = over.value ?? null;
  return {
    region,
    regionName: countyName(region),
    indicator: 'gdp_growth',
    name: '地区生产总值增速',
    scope: 'all',
    year: 2026,
    phrase: '5以上',
    reading: '数值不低于5%即为完成',
    unit: '%',
    value,
    status: 'no_data',
    gap: null,
    measured: value,
    derived: false,
    official: false,
    ...over,
  };
}

export function evaluation(results: ResultRow[], period = '2026-09'): Evaluation {
  return {
    plan: 'hlj-2026',
    period,
    periodLabel: period,
    province: PROVINCE.code,
    counties: COUNTIES.length,
    categories: Object.fromEntries(COUNTIES.map((c) => [c.code, ['industrial']])),
    categoryNotes: [{ code: 'industrial', name: '工业县', state: 'set', note: '工业县:4个县' }],
    categoryReasons: {},
    results,
    outlook: [],
    summary: { met: 0, nearly_met: 0, not_met: 0, no_data: 0, not_applicable: 0 },
  };
}

/** A county's place in the ranking: rank n of the four, all of 工业县. */
export function rankedCounty(code: string, rank: number, over: Partial<CountyRanking> = {}) {
  const c = COUNTIES.find((x) => x.code === code)!;
  const county: CountyRanking = {
    region: code,
    regionName: c.name,
    prefecture: c.prefecture,
    prefectureName: c.prefectureName,
    categories: ['industrial'],
    score: 110 - rank * 5,
    sections: {},
    met: 5 - rank,
    judged: 5,
    rank,
    prefectureRank: rank <= 2 ? rank : rank - 2,
    categoryRanks: { industrial: rank },
    previousRank: rank,
    change: 0,
    advanced: false,
    improved: false,
    ...over,
  };
  return county;
}

export function ranking(counties: CountyRanking[], over: Partial<Ranking> = {}): Ranking {
  return {
    plan: 'hlj-2026',
    period: '2026-09',
    periodLabel: '2026年1-9月',
    previousPeriod: '2026-08',
    method: {
      normalise: 'target',
      aggregate: 'arith',
      missing: 'floor',
      top: 2,
      improved: 1,
      stability: { spread: 0.25, normalise: ['target'], aggregate: ['arith'] },
      basis: '以目标为锚,各板块等权。',
      awards: null,
      areas: [],
      sections: [],
      items: [],
      onTarget: 100,
      pointsPerSd: 10,
      scale: { lo: 50, hi: 150 },
    },
    categoryNames: { industrial: '工业县' },
    counties,
    advanced: counties.filter((c) => c.advanced).map((c) => c.region),
    improved: counties.filter((c) => c.improved).map((c) => c.region),
    categoryAwards: [],
    areas: [],
    notes: [],
    ...over,
  };
}

/** Rank intervals by county: [p05, p95]. */
export function stability(intervals: Record<string, [number, number]>): Stability {
  return {
    draws: 200,
    seed: 1,
    spread: 0.25,
    normalise: ['target'],
    aggregate: ['arith'],
    counties: Object.entries(intervals).map(([region, [p05, p95]]) => ({
      region,
      median: p05,
      p05,
      p95,
      topShare: 0,
    })),
  };
}

export function warning(region: string, level: 'red' | 'yellow', message: string): Warning {
  return {
    region,
    regionName: countyName(region),
    level,
    rule: level === 'red' ? 'negative_growth' : 'target_not_met',
    ruleName: level === 'red' ? '负增长' : '目标未完成',
    type: level === 'red' ? 'negative_growth' : 'target',
    indicator: 'gdp_growth',
    message,
    evidence: {},
  };
}

/** The board of the warnings given; counties without any are green. */
export function warningsResult(warnings: Warning[]): WarningsResult {
  const counties = COUNTIES.map((c) => {
    const mine = warnings.filter((w) => w.region === c.code);
    const red = mine.filter((w) => w.level === 'red').length;
    const yellow = mine.length - red;
    const level = red ? 'red' : yellow ? 'yellow' : 'green';
    return { region: c.code, regionName: c.name, level, red, yellow } as const;
  });
  return {
    plan: 'hlj-2026',
    period: '2026-09',
    periodLabel: '2026年1-9月',
    due: '2026-10-10',
    now: '2026-11-30',
    rules: [],
    ruleSource: 'default',
    warnings,
    counties,
    notes: [],
  };
}

export function finding(region: string, severity: Finding['severity'], message: string): Finding {
  return {
    region,
    regionName: countyName(region),
    indicator: 'gdp',
    period: '2026-09',
    check: severity === 'error' ? 'tax_le_budget' : 'outlier_cross',
    severity,
    message,
    related: [],
    evidence: {},
  };
}

/** Every county expected 10 values, all received in time, unless told otherwise. */
export function completenessOf(over: Record<string, Partial<Tally>> = {}): Completeness {
  const byCounty = new Map<string, Tally>(
    COUNTIES.map((c) => [
      c.code,
      { expected: 10, received: 10, approved: 10, late: 0, missing: 0, ...over[c.code] },
    ]),
  );
  const total: Tally = { expected: 0, received: 0, approved: 0, late: 0, missing: 0 };
  for (const t of byCounty.values())
    for (const k of Object.keys(total) as (keyof Tally)[]) total[k] += t[k];
  return {
    due: '2026-10-10',
    overdue: true,
    total,
    byCounty,
    byPrefecture: new Map(),
    byDepartment: new Map(),
  };
}

/** The four counties with a value each, nothing else: the smallest input that makes a bulletin. */
export function baseInput(over: Partial<BulletinInput> = {}): BulletinInput {
  const rows = COUNTIES.map((c, i) =>
    countyRow(c.code, { value: 4 + i, status: i >= 1 ? 'met' : 'not_met', gap: i - 1 }),
  );
  return {
    planName: '黑龙江省县域经济高质量发展行动方案(2026年)',
    province: PROVINCE,
    scope: { ...PROVINCE, level: 'province' },
    counties: COUNTIES.map((c) => c.code),
    evaluation: evaluation(rows),
    earlier: null,
    ranking: null,
    stability: null,
    warnings: warningsResult([]),
    findings: [],
    completeness: completenessOf(),
    issuer: '黑龙江省县域经济发展工作专班',
    date: '2026-11-30',
    synthetic: false,
    ...over,
  };
}
