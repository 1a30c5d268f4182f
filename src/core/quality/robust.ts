import { Decimal, dec, round } from '../numeric/index.js';

/** Median of decimals (the mean of the two middle values for an even count). */
export function median(values: readonly Decimal[]): Decimal {
  if (values.length === 0) throw new RangeError('median of nothing');
  const s = [...values].sort((a, b) => a.comparedTo(b));
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : s[mid - 1]!.plus(s[mid]!).div(2);
}

/** Median absolute deviation from the median. */
export function mad(values: readonly Decimal[], med = median(values)): Decimal {
  return median(values.map((v) => v.minus(med).abs()));
}

/** 0.6745 = Φ⁻¹(0.75): makes the MAD of a normal sample estimate its standard deviation. */
const K = dec('0.6745');

export interface RobustScale {
  median: Decimal;
  mad: Decimal;
  n: number;
}

/** Median and MAD of a sample, or null when they cannot judge (too few values, MAD = 0). */
export function robustScale(values: readonly Decimal[], minPeers: number): RobustScale | null {
  if (values.length < minPeers) return null;
  const med = median(values);
  const m = mad(values, med);
  if (m.isZero()) return null;
  return { median: med, mad: m, n: values.length };
}

/** Iglewicz–Hoaglin modified z-score: 0.6745·(x − median)/MAD. */
export function robustZ(x: Decimal, s: RobustScale): Decimal {
  return K.times(x.minus(s.median)).div(s.mad);
}

/** Shown with two decimals. */
export function z2(z: Decimal): number {
  return round(z, 2);
}
