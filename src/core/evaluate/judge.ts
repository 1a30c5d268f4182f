import type { Indicator } from '../indicators/index.js';
import { formatNumber, num, sum } from '../numeric/index.js';
import type { ObservationSet } from '../observations/index.js';
import { formatPeriod, type Period } from '../periods/index.js';
import type { PreparedPlan, PreparedTarget } from '../plans/index.js';
import type { Region, Register } from '../regions/index.js';
import {
  evaluatePace,
  evaluateTarget,
  judgementIndicator,
  type Ref,
  type TargetContext,
  type TargetResult,
} from '../targets/index.js';
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
  /** A yearly count over the counties projected to the year end (null when it cannot be). */
  projected?: (ind: Indicator, at: Period) => ParentValue | null;
  /** For 全省平均 / 全市平均: the register, and the county-level units under a region that fit the plan's county scope. */
  register?: Register;
  countiesUnder?: (parent: string) => readonly Region[];
}

/** The base year of a multi-year target: its baseline's year, else the year before the plan. */
export function baseYearOf(t: PreparedTarget, plan: PreparedPlan['plan']): number {
  return t.baseline?.year ?? plan.period.start - 1;
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
    pace: undefined,
    actual: undefined,
    required: undefined,
    judgement: undefined,
    attribute: t.attribute,
  };
}

/** A manual target: the status its department recorded for the region and period, if any. */
function judgeManually(
  r: Reader,
  t: PreparedTarget,
  region: string,
  p: string,
  row: ResultRow,
): void {
  const o = r.obs.get(region, judgementIndicator(t.def.code), p);
  const judged = evaluateTarget(t.spec, {
    direction: t.def.direction,
    unit: t.unit,
    judgement: o?.value,
  });
  row.status = judged.status;
  if (!o || judged.status === 'no_data') {
    row.note = '责任部门尚未评定';
    return;
  }
  row.judgement = {
    note: o.note ?? null,
    evidence: o.evidence ?? null,
    by: o.by ?? null,
    at: o.at ?? null,
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

/** The region's ancestor at a level (its province, its prefecture); null when it has none. */
function ancestorAt(r: Reader, region: Region, level: Region['level']): string | null {
  if (region.level === level) return region.code;
  let code = region.parent;
  while (code) {
    const up = r.register?.get(code);
    if (!up) return level === 'province' && code === r.prepared.plan.province ? code : null;
    if (up.level === level) return up.code;
    code = up.parent;
  }
  return null;
}

/**
 * Mean of a value over the units under `parent` that fit the plan's county scope; null unless
 * every one has a value (a partial mean is not the average).
 */
function countyMean(r: Reader, parent: string, ind: Indicator, p: string): number | null {
  // Every county row of a 全省平均 target asks for the same mean: compute it once per reader.
  let cache = means.get(r);
  if (!cache) means.set(r, (cache = new Map()));
  const key = `${parent}|${ind.code}|${p}`;
  if (!cache.has(key)) cache.set(key, meanOver(r, parent, ind, p));
  return cache.get(key)!;
}

const means = new WeakMap<Reader, Map<string, number | null>>();

function meanOver(r: Reader, parent: string, ind: Indicator, p: string): number | null {
  const under = r.countiesUnder?.(parent) ?? [];
  if (under.length === 0) return null;
  const values: number[] = [];
  for (const c of under) {
    const v = r.obs.value(c.code, ind.code, p);
    if (v === null) return null;
    values.push(v);
  }
  return num(sum(values).div(values.length));
}

/**
 * The value a relative target compares with: the value, or the county mean, of the plan's
 * province or the region's prefecture; the region's own; or the plan region's (同期).
 */
function readRef(r: Reader, ref: Ref, region: Region, p: string): number | null {
  const refInd = ref.indicator ? r.prepared.indicators.get(ref.indicator) : undefined;
  if (!refInd) return null;
  const plan = r.prepared.plan.province;
  if (ref.scope === 'self') return valueAt(r, region.code, refInd, p);
  if (ref.scope === 'plan') return valueAt(r, plan, refInd, p);
  // 全省 is the plan's province (the plan region's, for a city, district or county plan), the
  // same for every county the plan evaluates; 全市 is each region's own prefecture.
  const planRegion = r.register?.get(plan);
  const at =
    ref.scope === 'province'
      ? ((planRegion && ancestorAt(r, planRegion, 'province')) ?? plan)
      : ancestorAt(r, region, 'prefecture');
  if (!at) return null;
  if (ref.stat === 'mean') return countyMean(r, at, refInd, p);
  return valueAt(r, at, refInd, p);
}

/** The values of the years after `base` up to `year`; null when a year is missing. */
function yearValues(
  r: Reader,
  region: string,
  ind: Indicator,
  base: number,
  year: number,
): number[] | null {
  const values: number[] = [];
  for (let y = base + 1; y <= year; y++) {
    const v = valueAt(r, region, ind, String(y));
    if (v === null) return null;
    values.push(v);
  }
  return values;
}

/**
 * The multi-year context of a target: base year and value (the region's base-year value, else
 * the row's published baseline for the plan region), the year judged and the target's year;
 * the yearly rates for 年均增长 of a growth rate, the sum so far for [X].
 */
function multiYear(
  r: Reader,
  t: PreparedTarget,
  region: string,
  year: number,
  ctx: TargetContext,
): void {
  const ind = t.def;
  const base = baseYearOf(t, r.prepared.plan);
  let baseValue = valueAt(r, region, ind, String(base));
  if (baseValue === null && region === r.prepared.plan.province && t.baseline?.year === base)
    baseValue = t.baseline.value;
  ctx.base = { year: base, value: baseValue };
  ctx.year = year;
  ctx.planEnd = t.year;
  ctx.kind = ind.kind;
  if (t.spec.type === 'annual_growth' && ind.kind === 'growth')
    ctx.rates = yearValues(r, region, ind, base, year);
  if (t.spec.type === 'cumulative') {
    const values = yearValues(r, region, ind, base, year);
    ctx.cumulative = values ? num(sum(values)) : null;
  }
}

/** Copies a judgement onto its row. */
function fill(row: ResultRow, judged: TargetResult): void {
  row.status = judged.status;
  row.gap = judged.gap;
  row.measured = judged.measured;
  row.needed = judged.needed;
  row.pace = judged.pace;
  row.actual = judged.actual;
  row.required = judged.required;
}

/** Year-to-date levels and counts in the year: the year-end projection is what is judged. */
function projectsYearEnd(ind: Indicator, at: Period): boolean {
  return at.kind !== 'year' && ind.ytd && (ind.kind === 'level' || ind.kind === 'count');
}

/** Judges targets for regions at periods; one per evaluation (it caches period texts). */
export function makeJudge(
  r: Reader,
): (t: PreparedTarget, region: Region, at: Period, track?: boolean) => ResultRow {
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

  // `track`: an end-year target judged in an earlier year of its plan, by its pace.
  return (t, region, at, track = false) => {
    const ind = t.def;
    const x = textsOf(at);
    // --- A yearly count of counties mid-year: their year-end projections (derive.ts). ---
    const midYear = at.kind !== 'year' && ind.frequency === 'yearly';
    const projected = midYear && region.code === plan.province ? r.projected?.(ind, at) : null;
    // ---
    const pv = projected ?? (region.code === plan.province ? r.province(ind, x.p) : null);
    const value = pv ? pv.value : r.obs.value(region.code, ind.code, x.p);
    const row = newRow(t, region, labels.get(t)!, value, pv);
    if (t.spec.type === 'manual') {
      judgeManually(r, t, region.code, x.p, row);
      return row;
    }
    if (projected?.value != null) row.note = '按各县全年预计值计算';
    if (midYear && !projected) {
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
    if (track || spec.type === 'annual_growth' || spec.type === 'cumulative')
      multiYear(r, t, region.code, at.year, ctx);
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
    if (track) {
      const judged = evaluatePace(spec, ctx);
      fill(row, judged);
      row.note ??= paceNote(row, judged.paceBasis, spec.type === 'cumulative');
      return row;
    }
    fill(row, evaluateTarget(spec, ctx));
    return row;
  };
}

const PACE_WORDS = { on_track: '按期推进', behind: '滞后' } as const;

/** 按期推进 / 滞后 in words, with the figures behind it, for a row judged before its target year. */
function paceNote(
  row: ResultRow,
  basis: 'cagr' | 'linear' | undefined,
  cumulative: boolean,
): string | undefined {
  if (!row.pace) return undefined;
  const head = `${row.year}年目标,${PACE_WORDS[row.pace]}`;
  if (row.actual == null || row.required == null || !basis) return head;
  const f = (n: number) => formatNumber(n, 2);
  if (basis === 'cagr') {
    const rest = row.needed == null ? '' : `,其余年份每年需增长${f(row.needed)}%`;
    return `${head}:年均增长${f(row.actual)}%,按期需${f(row.required)}%${rest}`;
  }
  const each = cumulative ? '尚需' : '其余年份每年需增加';
  const rest = row.needed == null ? '' : `,${each}${f(row.needed)}${row.unit}`;
  return `${head}:至今${f(row.actual)}${row.unit},按进度应为${f(row.required)}${row.unit}${rest}`;
}
