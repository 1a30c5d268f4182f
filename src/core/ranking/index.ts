import { LeitaiError } from '../errors/index.js';
import { evaluate, periodsNeeded, type Evaluation } from '../evaluate/index.js';
import { round } from '../numeric/index.js';
import type { ObservationSet } from '../observations/index.js';
import {
  formatPeriod,
  parsePeriod,
  periodLabel,
  previousPeriod,
  type Period,
} from '../periods/index.js';
import type { PreparedPlan } from '../plans/index.js';
import type { Register } from '../regions/index.js';
import { areaTops, categoryAdvanced, categoryImproved } from './awards.js';
import { previousRankingPlan } from './follows.js';
import { buildMatrix, compareItems, rankItems, type RankMatrix } from './matrix.js';
import type { RankingSettings } from './schema.js';
import { aggregateWith, baseWeights, POINTS_PER_SD, rankInto, SCALE, scoreItems } from './score.js';
import type { CountyRanking, Ranking, RankingMethod } from './types.js';

export { buildMatrix, rankItems, type RankItem, type RankMatrix } from './matrix.js';
export {
  compareEvaluations,
  followedPlan,
  followsOf,
  previousRankingPlan,
  sharedPlan,
  type ComparedRow,
} from './follows.js';
export { baseWeights } from './score.js';
export type {
  AreaTop,
  AwardCounty,
  CategoryAwards,
  CountyRanking,
  Ranking,
  RankingMethod,
} from './types.js';
export { rankStability, type Stability, type StabilityOptions } from './stability.js';
export { allocateIncentives, type Allocation, type AllocationRow } from './incentives.js';
export {
  incentiveSchema,
  rankingSchema,
  type IncentiveRule,
  type RankingSettings,
} from './schema.js';

export const DEFAULT_BASIS =
  'Leitai 默认方法:以目标为锚(恰好达到目标得100分,每高出或低于全体县差距的一个标准差加减10分,限50–150分),板块内指标等权、各板块等权,算术平均;缺报按最低分计。';

export function rankingMethod(settings: RankingSettings | undefined): RankingMethod {
  const s = settings ?? {};
  return {
    normalise: s.normalise ?? 'target',
    aggregate: s.aggregate ?? 'arith',
    missing: s.missing ?? 'floor',
    sectionWeights: s.sections ?? {},
    indicatorWeights: s.indicators ?? {},
    top: s.top ?? 10,
    improved: s.improved ?? 5,
    stability: {
      spread: s.stability?.spread ?? 0.25,
      normalise: s.stability?.normalise ?? ['target', 'zscore', 'minmax', 'rank'],
      aggregate: s.stability?.aggregate ?? ['arith', 'geom'],
    },
    basis: s.basis ?? DEFAULT_BASIS,
    awards: s.awards?.byCategory
      ? { top: s.awards.byCategory.top ?? 0, improved: s.awards.byCategory.improved ?? 0 }
      : null,
    areas: (s.areas ?? []).map((a) => ({ name: a.name, items: a.items, top: a.top ?? 10 })),
  };
}

const r2 = (v: number) => (Number.isNaN(v) ? null : round(v, 2));

function groupRanks(scores: (number | null)[], members: number[]): Map<number, number> {
  const out = new Map<number, number>();
  const sub = Float64Array.from(members.map((c) => scores[c] ?? NaN));
  const ranks = new Int32Array(sub.length);
  rankInto(sub, ranks);
  members.forEach((c, i) => {
    if (ranks[i]! > 0) out.set(c, ranks[i]!);
  });
  return out;
}

/**
 * Weights that name a section or an indicator the plan's county table does not have are a
 * mistake in the plan file (a typo would otherwise silently weigh 1): refused, naming them.
 */
export function checkRankingSettings(prepared: PreparedPlan): void {
  const s = prepared.plan.settings?.ranking;
  if (!s) return;
  const county = prepared.targets.filter((t) => t.table === 'county');
  checkCompare(prepared);
  const compared = compareItems(prepared);
  const sections = new Set([
    ...(prepared.plan.sections ?? []),
    ...county.map((t) => t.section ?? '其他'),
    ...compared.map((it) => it.section),
  ]);
  const indicators = new Set([
    ...county.map((t) => t.def.code),
    ...compared.map((it) => it.indicator),
  ]);
  (s.areas ?? []).forEach((a, i) =>
    a.items.forEach((name, j) => {
      if (sections.has(name) || indicators.has(name)) return;
      throw new LeitaiError(
        'PLAN_INVALID',
        `计划 ${prepared.plan.id}: settings.ranking.areas[${i}]「${a.name}」的第${j + 1}项「${name}」既不是参评指标也不是板块 (可用指标: ${[...indicators].join('、')};板块: ${[...sections].join('、')})`,
        { path: `settings.ranking.areas.${i}.items.${j}`, value: name, reason: 'unknown item' },
      );
    }),
  );
  const fail = (path: string, name: string, known: Set<string>) => {
    throw new LeitaiError(
      'PLAN_INVALID',
      `计划 ${prepared.plan.id}: settings.ranking.${path}「${name}」不是县级目标表中的${path === 'sections' ? '板块' : '指标'} (可用: ${[...known].join('、')})`,
      {
        path: `settings.ranking.${path}.${name}`,
        reason: `unknown ${path === 'sections' ? 'section' : 'indicator'}`,
      },
    );
  };
  for (const name of Object.keys(s.sections ?? {}))
    if (!sections.has(name)) fail('sections', name, sections);
  for (const code of Object.keys(s.indicators ?? {}))
    if (!indicators.has(code)) fail('indicators', code, indicators);
}

/** Compared indicators must be known, and a category scope must name one of the plan's. */
function checkCompare(prepared: PreparedPlan): void {
  const cats = new Set(prepared.plan.categories.map((c) => c.code));
  (prepared.plan.settings?.ranking?.compare ?? []).forEach((c, i) => {
    const path = `settings.ranking.compare.${i}`;
    if (!prepared.indicators.has(c.indicator)) {
      throw new LeitaiError(
        'PLAN_INVALID',
        `计划 ${prepared.plan.id}: ${path}.indicator「${c.indicator}」不是已知指标`,
        { path: `${path}.indicator`, value: c.indicator, reason: 'unknown indicator' },
      );
    }
    const cat = c.scope?.startsWith('category:') ? c.scope.slice('category:'.length) : null;
    if (cat !== null && !cats.has(cat)) {
      throw new LeitaiError(
        'PLAN_INVALID',
        `计划 ${prepared.plan.id}: ${path}.scope「${c.scope}」中的类别不是计划的类别 (可用: ${[...cats].join('、')})`,
        { path: `${path}.scope`, value: c.scope, reason: 'unknown category' },
      );
    }
  });
}

/** Scores and ranks of every county of an evaluation (without the previous period). */
export function rankEvaluation(opts: {
  evaluation: Evaluation;
  prepared: PreparedPlan;
  register: Register;
  /** The values the plan's targetless items read (`settings.ranking.compare`). */
  obs?: ObservationSet;
}): { ranking: Ranking; matrix: RankMatrix; method: RankingMethod } {
  const { evaluation, prepared, register } = opts;
  const period = parsePeriod(evaluation.period);
  checkRankingSettings(prepared);
  const method = rankingMethod(prepared.plan.settings?.ranking);
  const mx = buildMatrix(evaluation, prepared, register, period.year, opts.obs);
  const w = baseWeights(mx, method);
  const points = scoreItems(mx, method.normalise, method.missing);
  const agg = aggregateWith(mx, points, w.items, w.sections, method.aggregate);
  // Rounded once, here: the ranks are the ranks of the points people see.
  const scores = Array.from(agg.index, r2);
  const n = mx.counties.length;
  const s = mx.sections.length;
  const overall = groupRanks(
    scores,
    mx.counties.map((_, c) => c),
  );
  const byPrefecture = new Map<string, number[]>();
  const byCategory = new Map<string, number[]>();
  const add = (groups: Map<string, number[]>, key: string, i: number) => {
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  };
  mx.counties.forEach((c, i) => {
    add(byPrefecture, c.prefecture ?? '', i);
    for (const cat of c.categories) add(byCategory, cat, i);
  });
  const prefRanks = new Map<number, number>();
  for (const members of byPrefecture.values()) {
    for (const [c, r] of groupRanks(scores, members)) prefRanks.set(c, r);
  }
  const catRanks = new Map<string, Map<number, number>>();
  for (const [cat, members] of byCategory) catRanks.set(cat, groupRanks(scores, members));

  const counties: CountyRanking[] = mx.counties.map((c, i) => ({
    ...c,
    score: scores[i] ?? null,
    sections: Object.fromEntries(
      mx.sections.map((name, j) => [name, r2(agg.sections[i * s + j]!)]),
    ),
    met: mx.met[i]!,
    judged: mx.judged[i]!,
    rank: overall.get(i) ?? null,
    prefectureRank: prefRanks.get(i) ?? null,
    categoryRanks: Object.fromEntries(
      c.categories.flatMap((cat) => {
        const r = catRanks.get(cat)?.get(i);
        return r === undefined ? [] : [[cat, r]];
      }),
    ),
    previousRank: null,
    change: null,
    advanced: false,
    improved: false,
  }));
  counties.sort(
    (a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.region.localeCompare(b.region),
  );
  const ranked = counties.filter((c) => c.rank !== null);
  const advanced = ranked.filter((c) => c.rank! <= method.top).map((c) => c.region);
  for (const c of counties) c.advanced = advanced.includes(c.region);

  const notes: string[] = [];
  for (const it of mx.dropped) {
    notes.push(`「${it.name}」本期没有任何县的数据(如年度指标),不参与本期排名`);
  }
  const unranked = counties.filter((c) => c.rank === null);
  if (unranked.length > 0 && unranked.length === n) {
    notes.push(`本期${n}个县都没有可评价的数据,无法排名`);
  } else if (unranked.length > 0) {
    const names = unranked
      .slice(0, 10)
      .map((c) => c.regionName)
      .join('、');
    const more = unranked.length > 10 ? `等${unranked.length}个县` : '';
    notes.push(`${names}${more}没有任何可评价的数据,不参与排名`);
  }
  if (n === 0) notes.push('本期没有可排名的县');
  const { sectionWeights: _s, indicatorWeights: _i, ...rest } = method;
  const onTarget = method.normalise === 'target' ? 100 : null;
  const categoryNames = Object.fromEntries(prepared.plan.categories.map((c) => [c.code, c.name]));
  const areas = areaTops(mx, points, w.items, method, method.aggregate);
  for (const a of areas) {
    if (a.indicators.length === 0) notes.push(`十强县「${a.name}」本期没有可评价的指标,不列名单`);
  }
  return {
    matrix: mx,
    method,
    ranking: {
      plan: evaluation.plan,
      period: evaluation.period,
      periodLabel: evaluation.periodLabel,
      previousPeriod: null,
      method: {
        ...rest,
        sections: mx.sections.map((name, j) => ({ name, weight: w.sections[j]! })),
        items: mx.items.map((it, k) => ({ ...it, weight: w.items[k]! })),
        onTarget,
        pointsPerSd: POINTS_PER_SD,
        scale: SCALE[method.normalise],
      },
      categoryNames,
      counties,
      advanced,
      improved: [],
      categoryAwards: method.awards
        ? categoryAdvanced(counties, categoryNames, method.awards.top)
        : [],
      areas,
      notes,
    },
  };
}

/** Every period a ranking reads: its own evaluation's and the previous period's (under `previous`, the followed plan, too). */
export function rankingPeriods(
  prepared: PreparedPlan,
  period: string,
  previous?: PreparedPlan,
): Set<string> {
  const p = parsePeriod(period);
  const prev = formatPeriod(previousPeriod(p));
  const before = previous ? periodsNeeded(previous, prev) : [];
  return new Set([...periodsNeeded(prepared, period), ...periodsNeeded(prepared, prev), ...before]);
}

export interface RankOptions {
  prepared: PreparedPlan;
  register: Register;
  obs: ObservationSet;
  period: string;
  allCounties?: boolean;
  /** The plan this one follows (`follows`): ranks the previous period when it is last year's. */
  previous?: PreparedPlan;
}

/**
 * The 擂台赛 of a plan at a period: scores, section scores, ranks overall, within prefecture and
 * within each category, the change since the previous period, 先进县 and 进步县.
 */
export interface RankResult {
  ranking: Ranking;
  /** What the ranking was computed from, for stability runs, incentives and explanations. */
  prepared: PreparedPlan;
  evaluation: Evaluation;
  matrix: RankMatrix;
  method: RankingMethod;
}

export function rankPlan(opts: RankOptions): RankResult {
  const { prepared, register, obs, allCounties } = opts;
  const period = parsePeriod(opts.period);
  if (rankItems(prepared, period.year).length === 0) {
    throw new LeitaiError(
      'PERIOD_INVALID',
      `计划 ${prepared.plan.id} 没有 ${period.year} 年的县级目标,无法排名 (no county targets for ${period.year})`,
      { value: opts.period, reason: 'no county targets in that year' },
    );
  }
  const evaluation = evaluate({ prepared, register, obs, period: opts.period, allCounties });
  const { ranking, matrix, method } = rankEvaluation({ evaluation, prepared, register, obs });
  const prev: Period = previousPeriod(period);
  const prevText = formatPeriod(prev);
  const earlier = previousRankingPlan(prepared, opts.previous, prev.year);
  if (!earlier) {
    ranking.notes.push(
      `上期(${periodLabel(prev)})不在计划的县级目标年份内,无排名变化,也不评进步县`,
    );
    return { ranking, prepared, evaluation, matrix, method };
  }
  const before = rankEvaluation({
    evaluation: evaluate({
      prepared: earlier.prepared,
      register,
      obs,
      period: prevText,
      allCounties,
    }),
    prepared: earlier.prepared,
    register,
    obs,
  }).ranking;
  if (earlier.from === 'followed')
    ranking.notes.push(
      `上期(${periodLabel(prev)})按上年计划 ${earlier.prepared.plan.id} 排名,只计两计划共有的${before.method.items.length}项县级目标`,
    );
  ranking.previousPeriod = prevText;
  const prevRank = new Map(before.counties.map((c) => [c.region, c]));
  for (const c of ranking.counties) {
    const p = prevRank.get(c.region);
    c.previousRank = p?.rank ?? null;
    c.change = c.rank !== null && c.previousRank !== null ? c.previousRank - c.rank : null;
  }
  if (before.counties.every((c) => c.rank === null)) {
    ranking.notes.push(`上期(${periodLabel(prev)})没有可排名的数据,无排名变化`);
  }
  // 进步县: the largest rise in rank; equal rises go to the larger score gain, then the better rank.
  const gain = (c: CountyRanking) => (c.score ?? 0) - (prevRank.get(c.region)?.score ?? 0);
  ranking.improved = ranking.counties
    .filter((c) => c.change !== null && c.change > 0)
    .sort((a, b) => b.change! - a.change! || gain(b) - gain(a) || a.rank! - b.rank!)
    .slice(0, method.improved)
    .map((c) => c.region);
  for (const c of ranking.counties) c.improved = ranking.improved.includes(c.region);
  if (method.awards) {
    categoryImproved(ranking.categoryAwards, ranking.counties, prevRank, method.awards.improved);
  }
  return { ranking, prepared, evaluation, matrix, method };
}
