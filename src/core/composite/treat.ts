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

/** COINr's sample skewness (ignores missing values). */
export function skewness(values: Column): number {
  const x = present(values);
  const n = x.length;
  const m = x.reduce((s, v) => s + v, 0) / n;
  let s2 = 0;
  let s3 = 0;
  for (const v of x) {
    const d = v - m;
    s2 += d * d;
    s3 += d * d * d;
  }
  return ((Math.sqrt(n) * s3) / s2 ** 1.5) * (Math.sqrt(n * (n - 1)) / (n - 2));
}

/** COINr's sample excess kurtosis (ignores missing values). */
export function kurtosis(values: Column): number {
  const x = present(values);
  const n = x.length;
  const m = x.reduce((s, v) => s + v, 0) / n;
  let s2 = 0;
  let s4 = 0;
  for (const v of x) {
    const d = (v - m) * (v - m);
    s2 += d;
    s4 += d * d;
  }
  const r = (n * s4) / (s2 * s2);
  return (((n + 1) * (r - 3) + 6) * (n - 1)) / ((n - 2) * (n - 3));
}

function passes(values: Column, skewT: number, kurtT: number): { pass: boolean; skew: number } {
  const skew = skewness(values);
  const kurt = kurtosis(values);
  // Too few points or a constant indicator: nothing to treat.
  if (!Number.isFinite(skew) || !Number.isFinite(kurt)) return { pass: true, skew };
  return { pass: Math.abs(skew) < skewT || kurt < kurtT, skew };
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
  const skew = skewness(values);
  const kurt = kurtosis(values);
  let check = passes(values, skewT, kurtT);
  if (check.pass) return { values: [...values], method: 'none', nwin: 0, skew, kurt };
  const x = [...values];
  const touched = new Set<number>();
  while (!check.pass && touched.size < winmax) {
    const xs = present(x);
    const high = check.skew >= 0;
    const extreme = high ? Math.max(...xs) : Math.min(...xs);
    const rest = xs.filter((v) => v !== extreme);
    if (rest.length === 0) break;
    const replacement = high ? Math.max(...rest) : Math.min(...rest);
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
