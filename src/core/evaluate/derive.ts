import type { Aggregate, CompareOp, Indicator, IndicatorCatalogue } from '../indicators/index.js';
import { dec, num, Decimal } from '../numeric/index.js';
import type { ObservationSet } from '../observations/index.js';
import { formatPeriod, type Period } from '../periods/index.js';
import { inYearProgress } from './progress.js';

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
  if (agg.method === 'count_over' || agg.method === 'share_over') {
    const { out, missing } = values(agg.of);
    if (missing > 0 || out.length === 0) return none(missing);
    const value = countOrShare(agg, out.map(dec));
    return { value, derived: true, official: false, missing: 0 };
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

type OverAggregate = Extract<Aggregate, { method: 'count_over' | 'share_over' }>;

function passes(v: Decimal, op: CompareOp, t: Decimal): boolean {
  if (op === '>') return v.gt(t);
  if (op === '>=') return v.gte(t);
  if (op === '<') return v.lt(t);
  return v.lte(t);
}

/** How many of the values pass the threshold, or their share in % (exact). */
function countOrShare(agg: OverAggregate, values: readonly Decimal[]): number {
  const t = dec(agg.threshold);
  const n = values.filter((v) => passes(v, agg.op ?? '>', t)).length;
  return agg.method === 'count_over' ? n : num(dec(n).div(values.length).times(100));
}

/**
 * A yearly count (or share) of counties over a threshold, during the year: each county's
 * year-end projection of its year-to-date value (inYearProgress: last year's seasonal share,
 * linear otherwise) is compared with the threshold. Null when the indicator is not such a count
 * or no county has a value yet; a county missing makes the value unavailable (`missing`).
 */
export function projectedCount(opts: {
  counties: readonly string[];
  indicator: Indicator;
  indicators: IndicatorCatalogue;
  at: Period;
  obs: ObservationSet;
}): ParentValue | null {
  const { counties, indicator, at, obs } = opts;
  const agg = indicator.aggregate;
  if (at.kind === 'year' || (agg.method !== 'count_over' && agg.method !== 'share_over'))
    return null;
  const of = opts.indicators.get(agg.of);
  if (!of?.ytd || of.frequency === 'yearly' || (of.kind !== 'level' && of.kind !== 'count'))
    return null;
  const p = formatPeriod(at);
  const prev = formatPeriod({ ...at, year: at.year - 1 } as Period);
  const lastYear = String(at.year - 1);
  const month = at.kind === 'month' ? at.month : at.quarter * 3;
  const projections: Decimal[] = [];
  for (const c of counties) {
    const value = obs.value(c, of.code, p);
    if (value === null) continue;
    projections.push(
      inYearProgress({
        value,
        month,
        lastYearSame: obs.value(c, of.code, prev),
        lastYearTotal: obs.value(c, of.code, lastYear),
        target: null,
      }).projection,
    );
  }
  if (projections.length === 0) return null;
  const missing = counties.length - projections.length;
  if (missing > 0) return { value: null, derived: true, official: false, missing };
  return { value: countOrShare(agg, projections), derived: true, official: false, missing: 0 };
}
