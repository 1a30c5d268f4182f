import type { Indicator } from '../indicators/index.js';
import { num, sum } from '../numeric/index.js';
import type { ObservationSet } from '../observations/index.js';
import { formatPeriod, type Period } from '../periods/index.js';
import type { PreparedPlan, PreparedTarget } from '../plans/index.js';
import type { Region } from '../regions/index.js';
import { evaluateTarget, type Ref, type TargetContext } from '../targets/index.js';
import { parentValue, type ParentValue } from './derive.js';
import { inYearProgress } from './progress.js';
import type { ResultRow } from './types.js';

/**
 * The province's values, reported or derived from its counties, computed once per indicator
 * and period however many rows read them.
 */
export function provinceValues(
  prepared: PreparedPlan,
  obs: ObservationSet,
  counties: readonly string[],
): (ind: Indicator, period: string) => ParentValue {
  const cache = new Map<string, ParentValue>();
  return (ind, p) => {
    const key = `${ind.code}|${p}`;
    let v = cache.get(key);
    if (!v) {
      v = parentValue({
        region: prepared.plan.province,
        counties,
        indicator: ind,
        indicators: prepared.indicators,
        period: p,
        obs,
      });
      cache.set(key, v);
    }
    return v;
  };
}

function scopeLabel(t: PreparedTarget): string {
  if (t.scope === 'province' || t.scope === 'all') return t.scope;
  if ('category' in t.scope) return `category:${t.scope.category}`;
  return `region:${t.scope.region}`;
}

/** What judging reads: the data, and the province's values. */
interface Reader {
  prepared: PreparedPlan;
  obs: ObservationSet;
  province: (ind: Indicator, period: string) => ParentValue;
}

/** A region's value, the province's reported or derived. */
function valueAt(r: Reader, region: string, ind: Indicator, p: string): number | null {
  return region === r.prepared.plan.province
    ? r.province(ind, p).value
    : r.obs.value(region, ind.code, p);
}

/** Texts of the periods a judgement reads: the period, a year earlier, last year. */
interface Texts {
  p: string;
  prev: string;
  lastYear: string;
}

/** A row before judging: the value read, nothing judged yet. */
function newRow(
  t: PreparedTarget,
  region: Region,
  scope: string,
  value: number | null,
  pv: ParentValue | null,
): ResultRow {
  // One object of one shape per row: rows number in the tens of thousands at national scale.
  return {
    region: region.code,
    regionName: region.name,
    indicator: t.def.code,
    name: t.name,
    scope,
    year: t.year,
    phrase: t.phrase,
    reading: t.reading,
    unit: t.unit,
    value,
    previous: undefined,
    ref: undefined,
    status: 'no_data',
    gap: null,
    measured: null,
    derived: pv?.derived ?? false,
    official: pv?.official ?? false,
    progress: undefined,
    needed: undefined,
    note: undefined,
    attribute: t.attribute,
  };
}

/** Last year's value for a change target; a stock or share may fall back on last year's annual. */
function readPrevious(
  r: Reader,
  t: PreparedTarget,
  region: Region,
  at: Period,
  x: Texts,
  row: ResultRow,
  ctx: TargetContext,
): void {
  const ind = t.def;
  let previous = valueAt(r, region.code, ind, x.prev);
  // A stock or share may be compared with last year's annual value; a year-to-date flow may not.
  if (previous === null && at.kind !== 'year' && (!ind.ytd || ind.kind === 'share')) {
    previous = valueAt(r, region.code, ind, x.lastYear);
    if (previous !== null) row.note = '与上年全年值比较';
  }
  ctx.previous = previous;
  row.previous = previous;
}

/** The value a relative target compares with: the province's, the prefecture's or the region's. */
function readRef(r: Reader, ref: Ref, region: Region, p: string): number | null {
  const refInd = ref.indicator ? r.prepared.indicators.get(ref.indicator) : undefined;
  if (!refInd) return null;
  if (ref.scope === 'province') return r.province(refInd, p).value;
  if (ref.scope === 'prefecture')
    return region.parent ? r.obs.value(region.parent, refInd.code, p) : null;
  return valueAt(r, region.code, refInd, p);
}

/** The sum of the plan's years up to `year`, exact; null when a year is missing. */
function cumulative(r: Reader, region: string, ind: Indicator, year: number): number | null {
  const values: number[] = [];
  for (let y = r.prepared.plan.period.start; y <= year; y++) {
    const v = valueAt(r, region, ind, String(y));
    if (v === null) return null;
    values.push(v);
  }
  return num(sum(values));
}

/** Year-to-date levels and counts in the year: the year-end projection is what is judged. */
function projectsYearEnd(ind: Indicator, at: Period): boolean {
  return at.kind !== 'year' && ind.ytd && (ind.kind === 'level' || ind.kind === 'count');
}

/** Judges targets for regions at periods; one per evaluation (it caches period texts). */
export function makeJudge(r: Reader): (t: PreparedTarget, region: Region, at: Period) => ResultRow {
  const { plan } = r.prepared;
  const texts = new WeakMap<Period, Texts>();
  const textsOf = (at: Period): Texts => {
    let x = texts.get(at);
    if (!x) {
      x = {
        p: formatPeriod(at),
        prev: formatPeriod({ ...at, year: at.year - 1 } as Period),
        lastYear: String(at.year - 1),
      };
      texts.set(at, x);
    }
    return x;
  };
  const labels = new Map(r.prepared.targets.map((t) => [t, scopeLabel(t)]));

  return (t, region, at) => {
    const ind = t.def;
    const x = textsOf(at);
    const pv = region.code === plan.province ? r.province(ind, x.p) : null;
    const value = pv ? pv.value : r.obs.value(region.code, ind.code, x.p);
    const row = newRow(t, region, labels.get(t)!, value, pv);
    if (at.kind !== 'year' && ind.frequency === 'yearly') {
      // A yearly figure (or a count over year-to-date values) means nothing mid-year.
      row.value = null;
      row.derived = false;
      row.note = '年度指标,按年评价';
      return row;
    }
    if (pv && pv.value === null && pv.missing > 0) row.note = `${pv.missing}个县缺少数据,无法汇总`;
    const ctx: TargetContext = {
      direction: ind.direction,
      unit: t.unit,
      tolerance: t.tolerance,
      value,
    };
    const spec = t.spec;
    if (
      (spec.type === 'bound' || spec.type === 'about' || spec.type === 'range') &&
      spec.measure !== 'value'
    )
      readPrevious(r, t, region, at, x, row, ctx);
    if (spec.type === 'relative' || spec.type === 'sync') {
      ctx.ref = readRef(r, spec.ref, region, x.p);
      row.ref = ctx.ref;
    }
    if (spec.type === 'annual_growth') {
      const baseYear = plan.period.start - 1;
      ctx.base = { year: baseYear, value: valueAt(r, region.code, ind, String(baseYear)) };
      ctx.year = at.year;
      ctx.planEnd = plan.period.end;
    }
    if (spec.type === 'cumulative') ctx.cumulative = cumulative(r, region.code, ind, at.year);
    if (spec.type === 'quota') ctx.quota = r.obs.value(region.code, `${ind.code}.quota`, x.p);
    const judgesValue =
      (spec.type === 'bound' || spec.type === 'about') && spec.measure === 'value';
    if (judgesValue && projectsYearEnd(ind, at) && value !== null && at.kind !== 'year') {
      const { progress } = inYearProgress({
        value,
        month: at.kind === 'month' ? at.month : at.quarter * 3,
        lastYearSame: valueAt(r, region.code, ind, x.prev),
        lastYearTotal: valueAt(r, region.code, ind, x.lastYear),
        target: Number(spec.value),
      });
      row.progress = progress;
      row.note ??= '按全年预计值评价进度';
      ctx.value = progress.projection; // num(projection), already converted
    }
    const judged = evaluateTarget(spec, ctx);
    row.status = judged.status;
    row.gap = judged.gap;
    row.measured = judged.measured;
    row.needed = judged.needed;
    return row;
  };
}
