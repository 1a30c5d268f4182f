import { dec, num, type Decimal } from '../numeric/index.js';

// Multi-year pace (Open SDG / Statistics Canada): the growth achieved since the base year
// against the growth the end target requires. All rates are in percent.

export type Pace = 'on_track' | 'behind';

export interface PaceResult {
  pace: Pace;
  /** Achieved so far: the compound annual growth (%), a sum, or the value on a linear path. */
  actual: number;
  /** What the path requires by now, in the same measure as `actual`. */
  required: number;
  /** Per remaining year: the growth (%) still needed, or for a linear path the amount. */
  needed: number | null;
  /** Positive when `actual` is on the good side of `required`. */
  gap: number;
  basis: 'cagr' | 'linear';
}

/** (to/from)^(1/years) − 1, in percent. */
export function cagr(from: Decimal, to: Decimal, years: number): Decimal {
  return to.div(from).pow(dec(1).div(years)).minus(1).times(100);
}

/**
 * Geometric average of yearly growth rates in percent: (∏(1+rᵢ/100))^(1/n) − 1. Null when a
 * rate is −100 or below (the product is not a growth factor) or there is none.
 */
export function averageRate(rates: readonly number[]): Decimal | null {
  const product = growthFactor(rates);
  if (!product || rates.length === 0) return null;
  return product.pow(dec(1).div(rates.length)).minus(1).times(100);
}

/** ∏(1+rᵢ/100); null when a factor is not positive. */
export function growthFactor(rates: readonly number[]): Decimal | null {
  let product = dec(1);
  for (const r of rates) {
    const f = dec(1).plus(dec(r).div(100));
    if (f.lte(0)) return null;
    product = product.times(f);
  }
  return product;
}

/** The years of a multi-year target: base, the year judged, and the end. */
export interface Span {
  base: number;
  year: number;
  end: number;
}

function result(
  up: boolean,
  actual: Decimal,
  required: Decimal,
  needed: Decimal | null,
  basis: PaceResult['basis'],
): PaceResult {
  const gap = up ? actual.minus(required) : required.minus(actual);
  return {
    pace: gap.gte(0) ? 'on_track' : 'behind',
    actual: num(actual),
    required: num(required),
    needed: needed === null ? null : num(needed),
    gap: num(gap),
    basis,
  };
}

/**
 * Pace of a level towards an end target: actual CAGR since base vs the CAGR the target requires,
 * and the growth still needed per remaining year. Where a growth rate is undefined (a base, value
 * or target not above zero) the linear path from base to target is used instead: required is the
 * value the path reaches by now, needed the amount per remaining year.
 */
export function levelPace(o: {
  base: number;
  value: number;
  target: number;
  span: Span;
  up: boolean;
}): PaceResult {
  const { span, up } = o;
  const [b, v, t] = [dec(o.base), dec(o.value), dec(o.target)];
  const left = span.end - span.year;
  if (b.gt(0) && v.gt(0) && t.gt(0)) {
    const actual = cagr(b, v, span.year - span.base);
    const required = cagr(b, t, span.end - span.base);
    return result(up, actual, required, left > 0 ? cagr(v, t, left) : null, 'cagr');
  }
  const path = b.plus(
    t
      .minus(b)
      .times(span.year - span.base)
      .div(span.end - span.base),
  );
  return result(up, v, path, left > 0 ? t.minus(v).div(left) : null, 'linear');
}

/**
 * 年均增长X on a level: the CAGR since base against X, and the growth per remaining year that
 * would still bring the level to base × (1+X)^(end−base). Null when a level is not above zero.
 */
export function levelAnnualPace(o: {
  base: number;
  value: number;
  rate: string;
  span: Span;
  up: boolean;
}): PaceResult | null {
  const { span } = o;
  const [b, v] = [dec(o.base), dec(o.value)];
  if (b.lte(0) || v.lte(0) || span.year <= span.base) return null;
  const x = dec(o.rate);
  const actual = cagr(b, v, span.year - span.base);
  const goal = b.times(
    dec(1)
      .plus(x.div(100))
      .pow(span.end - span.base),
  );
  const left = span.end - span.year;
  return result(o.up, actual, x, left > 0 ? cagr(v, goal, left) : null, 'cagr');
}

/**
 * 年均增长X on a growth rate: the geometric average of the yearly rates so far (base year not
 * included) against X, and the rate per remaining year that would bring the average over the
 * whole plan to X: ((1+X)^(end−base) / ∏(1+rᵢ))^(1/(end−year)) − 1.
 */
export function rateAnnualPace(o: {
  rates: readonly number[];
  rate: string;
  span: Span;
  up: boolean;
}): PaceResult | null {
  const { span } = o;
  const actual = averageRate(o.rates);
  const product = growthFactor(o.rates);
  if (!actual || !product) return null;
  const x = dec(o.rate);
  const left = span.end - span.year;
  let needed: Decimal | null = null;
  if (left > 0) {
    const whole = dec(1)
      .plus(x.div(100))
      .pow(span.end - span.base);
    needed = whole.div(product).pow(dec(1).div(left)).minus(1).times(100);
  }
  return result(o.up, actual, x, needed, 'cagr');
}

/**
 * [X] cumulative: the sum so far against the pro-rata path X × (year − base) / (end − base);
 * needed is what the remaining years must still add up to.
 */
export function cumulativePace(o: {
  sum: number;
  target: string;
  span: Span;
  up: boolean;
}): PaceResult {
  const { span } = o;
  const t = dec(o.target);
  const s = dec(o.sum);
  const path = t.times(span.year - span.base).div(span.end - span.base);
  const rest = t.minus(s);
  const needed = o.up ? (rest.gt(0) ? rest : dec(0)) : rest;
  return result(o.up, s, path, needed, 'linear');
}
