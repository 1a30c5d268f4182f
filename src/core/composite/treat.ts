import type { Column } from './types.js';

export interface TreatOptions {
  /**
   * Stop winsorising once this many distinct points have been replaced (default 5). Tied
   * extremes are replaced together, so the last step may go past it, as in COINr.
   */
  winmax?: number;
  /** Passes if |skew| < skewThreshold or kurt < kurtThreshold. Defaults 2 and 3.5. */
  skewThreshold?: number;
  kurtThreshold?: number;
}

export interface TreatResult {
  values: Column;
  /** What was done: nothing, winsorisation, or the log fallback. */
  method: 'none' | 'winsorise' | 'log_CT';
  /** Distinct points replaced by winsorisation (0 unless method is 'winsorise'). */
  nwin: number;
  skew: number;
  kurt: number;
}

const present = (values: Column): number[] =>
  values.filter((v): v is number => v !== null && Number.isFinite(v));

/** Skewness and excess kurtosis in one pass over the present values, as COINr computes them. */
function moments(values: Column): { skew: number; kurt: number } {
  // Sums in the order of the values, skipping missing ones, without copying the column.
  let n = 0;
  let sum = 0;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    n++;
    sum += v;
  }
  const m = sum / n;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    const d = v - m;
    const d2 = d * d;
    s2 += d2;
    s3 += d2 * d;
    s4 += d2 * d2;
  }
  const skew = ((Math.sqrt(n) * s3) / s2 ** 1.5) * (Math.sqrt(n * (n - 1)) / (n - 2));
  const r = (n * s4) / (s2 * s2);
  const kurt = (((n + 1) * (r - 3) + 6) * (n - 1)) / ((n - 2) * (n - 3));
  return { skew, kurt };
}

/** COINr's sample skewness (ignores missing values). */
export function skewness(values: Column): number {
  return moments(values).skew;
}

/** COINr's sample excess kurtosis (ignores missing values). */
export function kurtosis(values: Column): number {
  return moments(values).kurt;
}

function passes(
  values: Column,
  skewT: number,
  kurtT: number,
): { pass: boolean; skew: number; kurt: number } {
  const { skew, kurt } = moments(values);
  // Too few points or a constant indicator: nothing to treat.
  if (!Number.isFinite(skew) || !Number.isFinite(kurt)) return { pass: true, skew, kurt };
  return { pass: Math.abs(skew) < skewT || kurt < kurtT, skew, kurt };
}

/**
 * COINr's default `Treat()` for one indicator: winsorise up to `winmax` points while
 * |skew| ≥ 2 and kurt ≥ 3.5; if it still fails, `log(x − min + 0.01·(max − min))` of the
 * original values.
 */
export function treat(values: Column, opts: TreatOptions = {}): TreatResult {
  const winmax = opts.winmax ?? 5;
  const skewT = opts.skewThreshold ?? 2;
  const kurtT = opts.kurtThreshold ?? 3.5;
  let check = passes(values, skewT, kurtT);
  const { skew, kurt } = check;
  if (check.pass) return { values: [...values], method: 'none', nwin: 0, skew, kurt };
  const x = [...values];
  const touched = new Set<number>();
  while (!check.pass && touched.size < winmax) {
    // The current extreme and the next value inward, in one pass without copies.
    const high = check.skew >= 0;
    let extreme = high ? -Infinity : Infinity;
    for (const v of x)
      if (v !== null && Number.isFinite(v) && (high ? v > extreme : v < extreme)) extreme = v;
    let replacement = high ? -Infinity : Infinity;
    for (const v of x) {
      if (v === null || !Number.isFinite(v) || v === extreme) continue;
      if (high ? v > replacement : v < replacement) replacement = v;
    }
    if (!Number.isFinite(replacement)) break;
    for (let i = 0; i < x.length; i++) {
      if (x[i] === extreme) {
        x[i] = replacement;
        touched.add(i);
      }
    }
    check = passes(x, skewT, kurtT);
  }
  const nwin = touched.size;
  if (check.pass) return { values: x, method: 'winsorise', nwin, skew, kurt };
  return { values: logCT(values), method: 'log_CT', nwin: 0, skew, kurt };
}

/** `log(x − min + 0.01·(max − min))`, missing values kept. */
export function logCT(values: Column): Column {
  const xs = present(values);
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return values.map((v) => (v === null ? null : Math.log(v - lo + 0.01 * (hi - lo))));
}
