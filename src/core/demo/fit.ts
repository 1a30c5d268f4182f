/**
 * Exact calibration on integers (cents of 亿元, or counts): the sum of the returned integers is
 * the target exactly, so a province total derived from county values reproduces a published
 * figure with no float error.
 */

/**
 * Scales `raw` so that it sums to `target` while each value stays within [lo, hi] (values that
 * hit a bound are held there and the rest rescaled), rounds to integers and puts the rounding
 * residual on the value with the most room.
 */
export function fitSum(
  raw: readonly number[],
  lo: readonly number[],
  hi: readonly number[],
  target: number,
): number[] {
  const n = raw.length;
  const low = lo.map((x) => Math.ceil(x));
  const high = hi.map((x, i) => Math.max(Math.floor(x), low[i] ?? 0));
  const v = raw.map((x, i) => Math.min(Math.max(x, low[i] ?? 0), high[i] ?? 0));
  const held = new Array<boolean>(n).fill(false);
  for (let round = 0; round <= n; round++) {
    let fixedSum = 0;
    let freeSum = 0;
    for (let i = 0; i < n; i++) {
      if (held[i]) fixedSum += v[i] ?? 0;
      else freeSum += v[i] ?? 0;
    }
    if (freeSum <= 0) break;
    const k = (target - fixedSum) / freeSum;
    let changed = false;
    for (let i = 0; i < n; i++) {
      if (held[i]) continue;
      const x = (v[i] ?? 0) * k;
      const l = low[i] ?? 0;
      const h = high[i] ?? 0;
      if (x > h || x < l) {
        v[i] = x > h ? h : l;
        held[i] = true;
        changed = true;
      } else v[i] = x;
    }
    if (!changed) break;
  }
  const out = v.map((x) => Math.round(x));
  settle(out, low, high, target);
  return out;
}

/** Distributes `total` in proportion to `weights` (largest remainder), exactly. */
export function allocate(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) throw new Error('allocate: weights must have a positive sum');
  const exact = weights.map((w) => (w / sum) * total);
  const out = exact.map((x) => Math.floor(x));
  let rest = total - out.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, frac: x - Math.floor(x) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (rest <= 0) break;
    out[i] = (out[i] ?? 0) + 1;
    rest--;
  }
  return out;
}

/** Moves the residual onto the values with the most room (usually one value takes it all). */
function settle(v: number[], low: readonly number[], high: readonly number[], target: number) {
  let rest = target - v.reduce((a, b) => a + b, 0);
  const room = (i: number) =>
    rest > 0 ? (high[i] ?? 0) - (v[i] ?? 0) : (v[i] ?? 0) - (low[i] ?? 0);
  const order = v.map((_, i) => i).sort((a, b) => room(b) - room(a) || a - b);
  for (const i of order) {
    if (rest === 0) break;
    const step = rest > 0 ? Math.min(rest, room(i)) : -Math.min(-rest, room(i));
    v[i] = (v[i] ?? 0) + step;
    rest -= step;
  }
  if (rest !== 0) throw new Error(`fitSum: target ${target} is outside the bounds`);
}
