import type { RankingMethod } from './types.js';
import type { RankMatrix } from './matrix.js';
import type { AggregateChoice, NormaliseChoice } from './schema.js';

/**
 * Every normalisation gives positive points so that a geometric mean is defined:
 * `target` and `zscore` 50–150 (100 = on target / on the average), `minmax` and `rank` 1–100.
 */
export const SCALE: Record<NormaliseChoice, { lo: number; hi: number }> = {
  target: { lo: 50, hi: 150 },
  zscore: { lo: 50, hi: 150 },
  minmax: { lo: 1, hi: 100 },
  rank: { lo: 1, hi: 100 },
};

/** Points per standard deviation for `target` and `zscore`. */
export const POINTS_PER_SD = 10;

const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);

function columnStats(values: number[]): { mean: number; sd: number; min: number; max: number } {
  const n = values.length;
  let s = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    s += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = s / n;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return { mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0, min, max };
}

/** Average ranks (ascending, ties averaged) of the values, as a map from position. */
function averageRanks(values: number[]): number[] {
  const idx = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const out = new Array<number>(values.length);
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && values[idx[j + 1]!] === values[idx[i]!]) j++;
    for (let k = i; k <= j; k++) out[idx[k]!] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

/**
 * Points of every county on every item (counties × items). The gap to target is the quantity
 * scored, so direction is already taken care of (a positive gap is good). `NaN` where the item
 * does not apply, and where the value is missing under `reweight`; under `floor` a missing value
 * gets the scale's lowest points, so that not reporting never helps a county.
 */
export function scoreItems(
  mx: RankMatrix,
  normalise: NormaliseChoice,
  missing: 'floor' | 'reweight',
): Float64Array {
  const n = mx.counties.length;
  const m = mx.items.length;
  const out = new Float64Array(n * m).fill(NaN);
  for (let k = 0; k < m; k++) {
    const nm = itemNormalise(mx, k, normalise);
    const { lo, hi } = SCALE[nm];
    const rows: number[] = [];
    const values: number[] = [];
    for (let c = 0; c < n; c++) {
      const g = mx.gaps[c * m + k]!;
      if (!Number.isNaN(g)) {
        rows.push(c);
        values.push(g);
      } else if (mx.applies[c * m + k] && missing === 'floor') out[c * m + k] = lo;
    }
    if (values.length === 0) continue;
    const st = columnStats(values);
    let points: number[];
    if (nm === 'target') {
      // Anchored at the target: a gap of 0 is 100 points whatever the spread. Without a spread
      // (one county, or all alike) there is no unit to measure by: above, on or below target
      // counts as one standard deviation up, nothing, or one down.
      points = values.map((g) =>
        st.sd > 0
          ? clamp(100 + (POINTS_PER_SD * g) / st.sd, lo, hi)
          : 100 + POINTS_PER_SD * Math.sign(g),
      );
    } else if (nm === 'zscore') {
      points = values.map((g) =>
        st.sd > 0 ? clamp(100 + (POINTS_PER_SD * (g - st.mean)) / st.sd, lo, hi) : 100,
      );
    } else if (nm === 'minmax') {
      const span = st.max - st.min;
      points = values.map((g) => (span > 0 ? lo + ((g - st.min) / span) * (hi - lo) : hi));
    } else {
      const r = averageRanks(values);
      const v = values.length;
      points = r.map((x) => (v > 1 ? lo + ((x - 1) / (v - 1)) * (hi - lo) : hi));
    }
    for (let j = 0; j < rows.length; j++) out[rows[j]! * m + k] = points[j]!;
  }
  return out;
}

/**
 * A targetless item has no target to anchor on: its own method, else the plan's (drawn) method
 * unless that is `target`, else the plan's method for compared items.
 */
export function itemNormalise(
  mx: RankMatrix,
  k: number,
  normalise: NormaliseChoice,
): NormaliseChoice {
  const it = mx.items[k]!;
  if (!it.targetless) return normalise;
  return it.normalise ?? (normalise === 'target' ? mx.targetlessNormalise : normalise);
}

export interface Aggregated {
  /** Index points per county; `NaN` for a county without any value. */
  index: Float64Array;
  /** Section points, counties × sections; `NaN` where no item of the section applies. */
  sections: Float64Array;
}

/**
 * Weighted means of item points into sections and of sections into the index, skipping what
 * does not apply and rescaling the remaining weights. With `geom`, `points` must be the
 * logarithms of the points and the results are logarithms too (the caller takes `exp` once):
 * a draw of the stability run then costs no `log` per cell.
 */
export function aggregatePoints(
  mx: RankMatrix,
  points: Float64Array,
  itemWeights: Float64Array,
  sectionWeights: Float64Array,
  out: Aggregated = {
    index: new Float64Array(mx.counties.length),
    sections: new Float64Array(mx.counties.length * mx.sections.length),
  },
): Aggregated {
  const n = mx.counties.length;
  const m = mx.items.length;
  const s = mx.sections.length;
  const sec = mx.itemSection;
  const acc = new Float64Array(s);
  const wsum = new Float64Array(s);
  for (let c = 0; c < n; c++) {
    acc.fill(0);
    wsum.fill(0);
    const base = c * m;
    for (let k = 0; k < m; k++) {
      const p = points[base + k]!;
      if (p !== p) continue; // NaN
      const w = itemWeights[k]!;
      const j = sec[k]!;
      acc[j]! += w * p;
      wsum[j]! += w;
    }
    let total = 0;
    let tw = 0;
    for (let j = 0; j < s; j++) {
      const sw = wsum[j]!;
      const v = sw > 0 ? acc[j]! / sw : NaN;
      out.sections[c * s + j] = v;
      if (v === v) {
        total += sectionWeights[j]! * v;
        tw += sectionWeights[j]!;
      }
    }
    out.index[c] = mx.scored[c]! > 0 && tw > 0 ? total / tw : NaN;
  }
  return out;
}

/** Item points → index and section points under one aggregation method. */
export function aggregateWith(
  mx: RankMatrix,
  points: Float64Array,
  itemWeights: Float64Array,
  sectionWeights: Float64Array,
  method: AggregateChoice,
): Aggregated {
  if (method === 'arith') return aggregatePoints(mx, points, itemWeights, sectionWeights);
  const logs = points.map(Math.log);
  const r = aggregatePoints(mx, logs, itemWeights, sectionWeights);
  return { index: r.index.map(Math.exp), sections: r.sections.map(Math.exp) };
}

/**
 * Ranks, best first; ties share the better rank; `NaN` is unranked (0 in the result).
 * `order` is scratch space of the same length (reused across stability draws).
 */
export function rankInto(
  scores: Float64Array,
  ranks: Int32Array,
  order: Uint32Array = new Uint32Array(scores.length),
): void {
  let n = 0;
  for (let i = 0; i < scores.length; i++) {
    if (scores[i] === scores[i]) order[n++] = i;
    else ranks[i] = 0;
  }
  const sub = order.subarray(0, n);
  sub.sort((a, b) => scores[b]! - scores[a]! || a - b);
  for (let i = 0; i < n; i++) {
    const c = sub[i]!;
    ranks[c] = i > 0 && scores[c] === scores[sub[i - 1]!] ? ranks[sub[i - 1]!]! : i + 1;
  }
}

/** Item and section weights of the method, aligned with the matrix. */
export function baseWeights(
  mx: RankMatrix,
  method: RankingMethod,
): { items: Float64Array; sections: Float64Array } {
  return {
    items: Float64Array.from(
      mx.items.map(
        (it) => (it.targetless ? it.weight : method.indicatorWeights[it.indicator]) ?? 1,
      ),
    ),
    sections: Float64Array.from(mx.sections.map((s) => method.sectionWeights[s] ?? 1)),
  };
}
