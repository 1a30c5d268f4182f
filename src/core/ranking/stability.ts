import { Rng } from '../random/index.js';
import type { RankingMethod } from './types.js';
import type { RankMatrix } from './matrix.js';
import type { AggregateChoice, NormaliseChoice } from './schema.js';
import { aggregatePoints, baseWeights, rankInto, scoreItems } from './score.js';

export interface StabilityOptions {
  draws: number;
  seed?: number;
}

export interface CountyStability {
  region: string;
  /** Median rank over the draws and the 5–95% interval (nearest-rank percentiles). */
  median: number | null;
  p05: number | null;
  p95: number | null;
  /** Share of draws in which the county is among the 先进县 (top N). */
  topShare: number;
}

export interface Stability {
  draws: number;
  seed: number;
  spread: number;
  normalise: NormaliseChoice[];
  aggregate: AggregateChoice[];
  counties: CountyStability[];
}

/**
 * Ranks of every county under `count` random draws starting at draw `from` (draws × counties,
 * 0 = unranked). Each draw has its own random stream keyed by seed and draw number, so the
 * draws can be split between threads and still give the same answer.
 */
export function rankDraws(
  mx: RankMatrix,
  method: RankingMethod,
  o: { seed: number; from: number; count: number },
): Int32Array {
  const n = mx.counties.length;
  const m = mx.items.length;
  const s = mx.sections.length;
  const { spread, normalise, aggregate } = method.stability;
  const base = baseWeights(mx, method);
  // Points of every normalisation drawn from, and their logs for the geometric mean: computed
  // once, so a draw is only weights, two weighted sums per county and a sort.
  const points = new Map<NormaliseChoice, { arith: Float64Array; geom: Float64Array }>();
  for (const nm of normalise) {
    const p = scoreItems(mx, nm, method.missing);
    points.set(nm, { arith: p, geom: p.map(Math.log) });
  }
  const itemW = new Float64Array(m);
  const sectionW = new Float64Array(s);
  const out = { index: new Float64Array(n), sections: new Float64Array(n * s) };
  const ranks = new Int32Array(o.count * n);
  const order = new Uint32Array(n);
  for (let d = 0; d < o.count; d++) {
    const rng = new Rng('stability', o.seed, o.from + d);
    const nm = normalise[Math.floor(rng.next() * normalise.length)]!;
    const ag = aggregate[Math.floor(rng.next() * aggregate.length)]!;
    for (let k = 0; k < m; k++) itemW[k] = base.items[k]! * rng.uniform(1 - spread, 1 + spread);
    for (let j = 0; j < s; j++)
      sectionW[j] = base.sections[j]! * rng.uniform(1 - spread, 1 + spread);
    // A geometric mean ranks like the mean of logs, so no exp is needed here.
    aggregatePoints(mx, points.get(nm)![ag], itemW, sectionW, out);
    rankInto(out.index, ranks.subarray(d * n, (d + 1) * n), order);
  }
  return ranks;
}

/** Median, 5% and 95% ranks and the top-N share of each county over all draws. */
export function summariseDraws(
  mx: RankMatrix,
  ranks: Int32Array,
  draws: number,
  top: number,
): CountyStability[] {
  const n = mx.counties.length;
  const col = new Int32Array(draws);
  const at = (q: number, len: number) => col[Math.max(0, Math.ceil(q * len) - 1)]!;
  return mx.counties.map((c, i) => {
    let len = 0;
    let inTop = 0;
    for (let d = 0; d < draws; d++) {
      const r = ranks[d * n + i]!;
      if (r > 0) {
        col[len++] = r;
        if (r <= top) inTop++;
      }
    }
    if (len === 0) return { region: c.region, median: null, p05: null, p95: null, topShare: 0 };
    col.subarray(0, len).sort();
    return {
      region: c.region,
      median: at(0.5, len),
      p05: at(0.05, len),
      p95: at(0.95, len),
      topShare: inTop / draws,
    };
  });
}

/**
 * Rank stability: weights drawn uniformly within ±spread of the plan's, the normalisation and
 * aggregation drawn from the method's lists, the ranking recomputed for every draw.
 */
export function rankStability(
  mx: RankMatrix,
  method: RankingMethod,
  opts: StabilityOptions,
): Stability {
  const seed = opts.seed ?? 1;
  const ranks = rankDraws(mx, method, { seed, from: 0, count: opts.draws });
  return {
    draws: opts.draws,
    seed,
    ...method.stability,
    counties: summariseDraws(mx, ranks, opts.draws, method.top),
  };
}
