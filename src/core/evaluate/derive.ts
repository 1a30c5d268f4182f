import type { Indicator, IndicatorCatalogue } from '../indicators/index.js';
import { dec, num, Decimal } from '../numeric/index.js';
import type { ObservationSet } from '../observations/index.js';

export interface ParentValue {
  value: number | null;
  /** Computed from the counties rather than reported or published. */
  derived: boolean;
  official: boolean;
  /** Counties lacking a value when a derivation was attempted. */
  missing: number;
}

/**
 * A parent region's value of an indicator for a period (SPEC §8): a reported or published value
 * where one exists, otherwise derived from the counties as the indicator says. A derivation needs
 * every county: a partial sum is not the province's value.
 */
export function parentValue(opts: {
  region: string;
  counties: readonly string[];
  indicator: Indicator;
  indicators: IndicatorCatalogue;
  period: string;
  obs: ObservationSet;
}): ParentValue {
  const { region, counties, indicator, obs, period } = opts;
  const own = obs.get(region, indicator.code, period);
  if (own && own.value !== null) {
    return { value: own.value, derived: false, official: own.official === true, missing: 0 };
  }
  const agg = indicator.aggregate;
  if (agg.method === 'reported')
    return { value: null, derived: false, official: false, missing: 0 };

  const values = (code: string) => {
    const slice = obs.slice(code, period);
    const out: number[] = [];
    let missing = 0;
    for (const c of counties) {
      const v = slice.get(c)?.value;
      if (v === null || v === undefined) missing++;
      else out.push(v);
    }
    return { out, missing };
  };
  const none = (missing: number): ParentValue => ({
    value: null,
    derived: true,
    official: false,
    missing,
  });

  if (agg.method === 'sum') {
    const { out, missing } = values(indicator.code);
    if (missing > 0 || out.length === 0) return none(missing);
    let total = new Decimal(0);
    for (const v of out) total = total.plus(dec(v));
    return { value: num(total), derived: true, official: false, missing: 0 };
  }
  if (agg.method === 'count_over') {
    const { out, missing } = values(agg.of);
    if (missing > 0 || out.length === 0) return none(missing);
    const t = dec(agg.threshold);
    const n = out.filter((v) => dec(v).gt(t)).length;
    return { value: n, derived: true, official: false, missing: 0 };
  }
  const a = values(agg.numerator);
  const b = values(agg.denominator);
  const missing = Math.max(a.missing, b.missing);
  if (missing > 0 || a.out.length === 0) return none(missing);
  let sa = new Decimal(0);
  let sb = new Decimal(0);
  for (const v of a.out) sa = sa.plus(dec(v));
  for (const v of b.out) sb = sb.plus(dec(v));
  if (sb.isZero()) return none(0);
  return { value: num(sa.div(sb).times(agg.scale)), derived: true, official: false, missing: 0 };
}
