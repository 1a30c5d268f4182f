import { LeitaiError } from '../errors/index.js';
import type { AggregateMethod } from './types.js';

/**
 * Weighted mean of one unit's children; missing children are skipped and the remaining weights
 * rescaled. `null` only if every child is missing (or every present child has weight 0).
 * `geom` and `harm` need non-negative values (a zero gives 0).
 */
export function aggregate(
  values: readonly (number | null)[],
  weights: readonly number[],
  method: AggregateMethod = 'arith',
): number | null {
  let sw = 0;
  let acc = 0;
  let zero = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const w = weights[i]!;
    if (v === null || v === undefined || Number.isNaN(v)) continue;
    if (method !== 'arith' && v < 0) {
      throw new LeitaiError('INPUT_INVALID', `${method} 均值不能用于负值 ${v}`, {
        value: String(v),
        reason: `${method} mean needs non-negative values`,
      });
    }
    sw += w;
    if (method === 'arith') acc += w * v;
    else if (v === 0) {
      if (w > 0) zero = true;
    } else if (method === 'geom') acc += w * Math.log(v);
    else acc += w / v;
  }
  if (sw === 0) return null;
  if (method === 'arith') return acc / sw;
  if (zero) return 0;
  return method === 'geom' ? Math.exp(acc / sw) : sw / acc;
}

/** Ranks, highest first, ties share the lowest rank (R's `rank(-x, ties.method = "min")`). */
export function rank(values: readonly (number | null)[]): (number | null)[] {
  // Descending order; a value's rank is 1 + how many are strictly greater (ties share the
  // lowest rank, as R's ties.method = "min"), found by binary search: O(n log n).
  const xs = values
    .filter((v): v is number => v !== null && !Number.isNaN(v))
    .sort((a, b) => b - a);
  const greater = (v: number) => {
    let lo = 0;
    let hi = xs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (xs[mid]! > v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return values.map((v) => (v === null || Number.isNaN(v) ? null : 1 + greater(v)));
}
