import { LeitaiError } from '../errors/index.js';
import type { Column, NormaliseMethod } from './types.js';

export interface NormaliseOptions {
  method: NormaliseMethod;
  /** Target range for minmax, rank (as percentile) and goalposts. Default [0, 100]. */
  range?: [number, number];
  /** 1 (default) or -1: multiply by this first, so that higher is always better. */
  direction?: number;
  /** For goalposts: [worst, best] in the indicator's units; scores are clipped to the range. */
  goalposts?: [number, number];
  /** Indicator code, for error messages. */
  code?: string;
}

const fail = (code: string | undefined, reason: string, value = ''): never => {
  throw new LeitaiError('INPUT_INVALID', `指标「${code ?? '?'}」无法标准化: ${reason}`, {
    column: code,
    value,
    reason,
  });
};

/** Rank ascending with average ties (R's `rank(x, ties.method = "average")`), missing kept. */
function averageRanks(values: Column): Column {
  const idx = values
    .map((v, i) => [v, i] as const)
    .filter((p): p is readonly [number, number] => p[0] !== null)
    .sort((a, b) => a[0] - b[0]);
  const out: Column = values.map(() => null);
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1]![0] === idx[i]![0]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[idx[k]![1]] = r;
    i = j + 1;
  }
  return out;
}

/**
 * One indicator onto a common scale. `minmax` is COINr's `n_minmax`:
 * `(x·dir − min)/(max − min)·(hi − lo) + lo`. `zscore` gives mean 0, sample sd 1 (range
 * ignored). `rank` maps average ranks 1…n linearly onto the range. `goalposts` maps
 * worst → lo and best → hi, clipped.
 */
export function normalise(values: Column, opts: NormaliseOptions): Column {
  const [lo, hi] = opts.range ?? [0, 100];
  const dir = opts.direction ?? 1;
  if (opts.method === 'goalposts') {
    const gp = opts.goalposts ?? fail(opts.code, 'goalposts 方法需要 [worst, best] (no goalposts)');
    const [worst, best] = gp;
    if (worst === best) fail(opts.code, 'goalposts worst = best', String(worst));
    return values.map((v) => {
      if (v === null) return null;
      const t = Math.min(1, Math.max(0, (v - worst) / (best - worst)));
      return t * (hi - lo) + lo;
    });
  }
  if (opts.method === 'minmax') {
    // One pass for the bounds, one for the result: the common case, kept free of copies.
    let min = Infinity;
    let max = -Infinity;
    for (const v of values) {
      if (v === null) continue;
      const d = v * dir;
      if (d < min) min = d;
      if (d > max) max = d;
    }
    if (min === Infinity) fail(opts.code, '全部缺失 (every value missing)');
    if (max === min) fail(opts.code, '所有值相同 (constant indicator)', String(min));
    return values.map((v) =>
      v === null ? null : ((v * dir - min) / (max - min)) * (hi - lo) + lo,
    );
  }
  const x = values.map((v) => (v === null ? null : v * dir));
  const xs = x.filter((v): v is number => v !== null);
  if (xs.length === 0) fail(opts.code, '全部缺失 (every value missing)');
  if (opts.method === 'zscore') {
    const n = xs.length;
    const mean = xs.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(xs.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
    if (!(sd > 0)) fail(opts.code, '标准差为零 (zero standard deviation)');
    return x.map((v) => (v === null ? null : (v - mean) / sd));
  }
  const r = averageRanks(x);
  const n = xs.length;
  return r.map((v) => (v === null ? null : n === 1 ? hi : ((v - 1) / (n - 1)) * (hi - lo) + lo));
}
