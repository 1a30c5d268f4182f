import { assignCategories, type CategorySummary } from '../categories/index.js';
import type { Indicator } from '../indicators/index.js';
import { num } from '../numeric/index.js';
import type { ObservationSet } from '../observations/index.js';
import { formatPeriod, parsePeriod, periodLabel, type Period } from '../periods/index.js';
import type { PreparedPlan, PreparedTarget } from '../plans/index.js';
import { descendants, type Region, type Register } from '../regions/index.js';
import {
  evaluateTarget,
  type TargetContext,
  type TargetResult,
  type TargetStatus,
} from '../targets/index.js';
import { parentValue } from './derive.js';
import { inYearProgress, type Progress } from './progress.js';

export type { Progress } from './progress.js';

export interface ResultRow {
  region: string;
  regionName: string;
  indicator: string;
  /** The indicator's name as printed in the plan row. */
  name: string;
  /** `province`, `all`, `category:<code>` or `region:<code>`. */
  scope: string;
  year: number;
  phrase: string;
  reading: string;
  unit: string;
  value: number | null;
  previous?: number | null;
  ref?: number | null;
  status: TargetStatus;
  gap: number | null;
  /** The compared quantity when it is not the value itself (a change, a projection). */
  measured: number | null;
  /** Province values computed from the counties rather than reported or published. */
  derived: boolean;
  official: boolean;
  progress?: Progress;
  needed?: number | null;
  note?: string;
}

export interface Evaluation {
  plan: string;
  period: string;
  periodLabel: string;
  province: string;
  counties: number;
  categories: Record<string, string[]>;
  categoryNotes: Omit<CategorySummary, 'members' | 'unknown'>[];
  results: ResultRow[];
  /** Targets of later years (a 2030 goal in a 2026 plan): progress along the way. */
  outlook: ResultRow[];
  summary: Record<TargetStatus, number>;
}

export interface EvaluateOptions {
  prepared: PreparedPlan;
  register: Register;
  obs: ObservationSet;
  period: string;
  /** Apply the county table to every county in the data, not only the plan's own. */
  allCounties?: boolean;
}

/** The counties a plan's county table covers: by kind under its province, plus or minus named units. */
export function planCounties(
  prepared: PreparedPlan,
  register: Register,
  obs: ObservationSet,
  allCounties = false,
): Region[] {
  const { countyScope, province } = prepared.plan;
  const kinds = new Set(countyScope.kinds);
  const include = new Set(countyScope.include ?? []);
  const exclude = new Set(countyScope.exclude ?? []);
  let pool: Region[];
  if (allCounties) {
    const present = obs.regions();
    pool = [...register.regions.values()].filter(
      (r) => r.level === 'county' && present.has(r.code),
    );
  } else {
    pool = descendants(register, province).filter((r) => r.level === 'county');
  }
  return pool
    .filter((r) => (kinds.has(r.kind) || include.has(r.code)) && !exclude.has(r.code))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * The periods whose values one evaluation can read: the period, the same period a year earlier,
 * the plan's years up to it and the year before it, and the periods its category rules name.
 * Loading only these keeps a national file cheap.
 */
export function periodsNeeded(prepared: PreparedPlan, periodText: string): Set<string> {
  const period = parsePeriod(periodText);
  const out = new Set([formatPeriod(period), formatPeriod({ ...period, year: period.year - 1 })]);
  const first = Math.min(prepared.plan.period.start - 1, period.year - 1);
  for (let y = first; y <= period.year; y++) out.add(String(y));
  const visit = (rule: PreparedPlan['plan']['categories'][number]['rule']): void => {
    if ('period' in rule) out.add(rule.period);
    else if ('any' in rule) rule.any.forEach(visit);
    else if ('all' in rule) rule.all.forEach(visit);
  };
  prepared.plan.categories.forEach((c) => visit(c.rule));
  return out;
}

function scopeLabel(t: PreparedTarget): string {
  if (t.scope === 'province' || t.scope === 'all') return t.scope;
  if ('category' in t.scope) return `category:${t.scope.category}`;
  return `region:${t.scope.region}`;
}

function isUnderProvince(register: Register, code: string, province: string): boolean {
  let r = register.get(code);
  while (r && r.parent !== null) {
    if (r.parent === province) return true;
    r = register.get(r.parent);
  }
  return false;
}

/** Evaluates every target of a plan for every region in its scope at one period. */
export function evaluate(opts: EvaluateOptions): Evaluation {
  const { prepared, register, obs } = opts;
  const { plan, indicators } = prepared;
  const period = parsePeriod(opts.period);
  const periodText = formatPeriod(period);
  const counties = planCounties(prepared, register, obs, opts.allCounties);
  const provinceCounties = counties
    .filter((c) => isUnderProvince(register, c.code, plan.province))
    .map((c) => c.code);
  const assignment = assignCategories(plan.categories, counties, obs);

  const provinceCache = new Map<string, ReturnType<typeof parentValue>>();
  const provinceValue = (ind: Indicator, p: string) => {
    const key = `${ind.code}|${p}`;
    let v = provinceCache.get(key);
    if (!v) {
      v = parentValue({
        region: plan.province,
        counties: provinceCounties,
        indicator: ind,
        indicators,
        period: p,
        obs,
      });
      provinceCache.set(key, v);
    }
    return v;
  };

  const valueAt = (region: string, ind: Indicator, p: string) =>
    region === plan.province ? provinceValue(ind, p).value : obs.value(region, ind.code, p);

  // Texts of the periods a judgement reads, worked out once per period rather than per row.
  const texts = new WeakMap<Period, { p: string; prev: string; lastYear: string }>();
  const textsOf = (at: Period) => {
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
  const labels = new Map(prepared.targets.map((t) => [t, scopeLabel(t)]));

  const judge = (t: PreparedTarget, region: Region, at: Period): ResultRow => {
    const ind = t.def;
    const { p, prev: prevText, lastYear } = textsOf(at);
    const isProvince = region.code === plan.province;
    const pv = isProvince ? provinceValue(ind, p) : null;
    const value = pv ? pv.value : obs.value(region.code, ind.code, p);
    // One object of one shape per row: rows number in the tens of thousands at national scale.
    const row: ResultRow = {
      region: region.code,
      regionName: region.name,
      indicator: ind.code,
      name: t.name,
      scope: labels.get(t)!,
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
    };
    const settle = (r: TargetResult): ResultRow => {
      row.status = r.status;
      row.gap = r.gap;
      row.measured = r.measured;
      row.needed = r.needed;
      return row;
    };
    if (at.kind !== 'year' && ind.frequency === 'yearly') {
      // A yearly figure (or a count over year-to-date values) means nothing mid-year.
      row.value = null;
      row.derived = false;
      row.note = '年度指标,按年评价';
      return row;
    }
    if (pv && pv.value === null && pv.missing > 0) {
      row.note = `${pv.missing}个县缺少数据,无法汇总`;
    }
    const ctx: TargetContext = {
      direction: ind.direction,
      unit: t.unit,
      tolerance: t.tolerance,
      value,
    };
    const spec = t.spec;
    const needsPrevious =
      (spec.type === 'bound' || spec.type === 'about' || spec.type === 'range') &&
      spec.measure !== 'value';
    if (needsPrevious) {
      let previous = valueAt(region.code, ind, prevText);
      // A stock or share may be compared with last year's annual value; a year-to-date flow may not.
      if (previous === null && at.kind !== 'year' && (!ind.ytd || ind.kind === 'share')) {
        previous = valueAt(region.code, ind, lastYear);
        if (previous !== null) row.note = '与上年全年值比较';
      }
      ctx.previous = previous;
      row.previous = previous;
    }
    if (spec.type === 'relative' || spec.type === 'sync') {
      const refInd = spec.ref.indicator ? indicators.get(spec.ref.indicator) : undefined;
      let ref: number | null = null;
      if (refInd) {
        if (spec.ref.scope === 'province') ref = provinceValue(refInd, p).value;
        else if (spec.ref.scope === 'prefecture')
          ref = region.parent ? obs.value(region.parent, refInd.code, p) : null;
        else ref = valueAt(region.code, refInd, p);
      }
      ctx.ref = ref;
      row.ref = ref;
    }
    if (spec.type === 'annual_growth') {
      const baseYear = plan.period.start - 1;
      ctx.base = { year: baseYear, value: valueAt(region.code, ind, String(baseYear)) };
      ctx.year = at.year;
      ctx.planEnd = plan.period.end;
    }
    if (spec.type === 'cumulative') {
      let total: number | null = 0;
      for (let y = plan.period.start; y <= at.year && total !== null; y++) {
        const v = valueAt(region.code, ind, String(y));
        total = v === null ? null : total + v;
      }
      ctx.cumulative = total === null ? null : Number(total.toFixed(10));
    }
    if (spec.type === 'quota') {
      ctx.quota = obs.value(region.code, `${ind.code}.quota`, p);
    }

    // Year-to-date levels and counts in the year: judge the year-end projection.
    const inYear =
      at.kind !== 'year' &&
      ind.ytd &&
      (ind.kind === 'level' || ind.kind === 'count') &&
      (spec.type === 'bound' || spec.type === 'about') &&
      spec.measure === 'value';
    if (inYear && value !== null) {
      const months = at.kind === 'month' ? at.month : at.quarter * 3;
      const { progress, projection } = inYearProgress({
        value,
        month: months,
        lastYearSame: valueAt(region.code, ind, prevText),
        lastYearTotal: valueAt(region.code, ind, lastYear),
        target: Number(spec.value),
      });
      row.progress = progress;
      row.note ??= '按全年预计值评价进度';
      ctx.value = num(projection);
    }
    return settle(evaluateTarget(spec, ctx));
  };

  const province = register.get(plan.province) ?? {
    code: plan.province,
    name: plan.province,
    level: 'province' as const,
    parent: null,
    kind: '省',
    attributes: {},
  };
  const results: ResultRow[] = [];
  const outlook: ResultRow[] = [];
  const byCategory = new Map(assignment.summaries.map((s) => [s.code, new Set(s.members)]));

  for (const t of prepared.targets) {
    if (t.scope !== 'province') continue;
    if (t.year === period.year) results.push(judge(t, province, period));
    else if (t.year > period.year) {
      // Progress toward a later goal is read off the latest full year.
      const at: Period = period.kind === 'year' ? period : { kind: 'year', year: period.year - 1 };
      outlook.push(judge(t, province, at));
    }
  }
  for (const county of counties) {
    for (const t of prepared.targets) {
      if (t.scope === 'province' || t.year !== period.year) continue;
      if (typeof t.scope === 'object') {
        if ('category' in t.scope && !byCategory.get(t.scope.category)?.has(county.code)) continue;
        if ('region' in t.scope && t.scope.region !== county.code) continue;
      }
      results.push(judge(t, county, period));
    }
  }

  return {
    plan: plan.id,
    period: periodText,
    periodLabel: periodLabel(period),
    province: plan.province,
    counties: counties.length,
    categories: Object.fromEntries(assignment.byRegion),
    categoryNotes: assignment.summaries.map(({ code, name, state, note }) => ({
      code,
      name,
      state,
      note,
    })),
    results,
    outlook,
    summary: summarise(results),
  };
}

/** Count of results by status. */
export function summarise(results: readonly ResultRow[]): Record<TargetStatus, number> {
  const summary: Record<TargetStatus, number> = {
    met: 0,
    nearly_met: 0,
    not_met: 0,
    no_data: 0,
    not_applicable: 0,
  };
  for (const r of results) summary[r.status]++;
  return summary;
}
