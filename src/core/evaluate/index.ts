import { assignCategories, evidenceText, type CategoryAssignment } from '../categories/index.js';
import { formatPeriod, parsePeriod, periodLabel, type Period } from '../periods/index.js';
import type { PreparedPlan, PreparedTarget } from '../plans/index.js';
import { descendants, type Region, type Register } from '../regions/index.js';
import type { TargetStatus } from '../targets/index.js';
import { projectedCount } from './derive.js';
import { judgementIndicator } from '../targets/index.js';
import { baseYearOf, makeJudge, provinceValues } from './judge.js';
import type { Indicator } from '../indicators/index.js';
import type { CategoryReason, EvaluateOptions, Evaluation, ResultRow } from './types.js';
import { ObservationSet } from '../observations/index.js';

export type { Progress } from './progress.js';
export { regionTargets, shownInputs, shownValue } from './series.js';
export type {
  CategoryReason,
  EvaluateOptions,
  Evaluation,
  RecordedJudgement,
  ResultRow,
} from './types.js';

/** The counties a plan's county table covers: by kind under its province, plus or minus named units. */
export function planCounties(
  prepared: PreparedPlan,
  register: Register,
  obs: ObservationSet,
  allCounties = false,
): Region[] {
  const pool = allCounties
    ? [...register.regions.values()].filter((r) => r.level === 'county' && obs.hasRegion(r.code))
    : descendants(register, prepared.plan.province).filter((r) => r.level === 'county');
  return inCountyScope(prepared, pool);
}

/** The regions of a pool that fit the plan's county scope, in code order. */
function inCountyScope(prepared: PreparedPlan, pool: readonly Region[]): Region[] {
  const { countyScope } = prepared.plan;
  const kinds = new Set(countyScope.kinds);
  const include = new Set(countyScope.include ?? []);
  const exclude = new Set(countyScope.exclude ?? []);
  return pool
    .filter((r) => (kinds.has(r.kind) || include.has(r.code)) && !exclude.has(r.code))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** The county-level units under any region that fit the plan's county scope (全市平均), cached. */
function countiesUnder(prepared: PreparedPlan, register: Register): (parent: string) => Region[] {
  const cache = new Map<string, Region[]>();
  return (parent) => {
    let out = cache.get(parent);
    if (!out) {
      out = inCountyScope(
        prepared,
        descendants(register, parent).filter((r) => r.level === 'county'),
      );
      cache.set(parent, out);
    }
    return out;
  };
}

/**
 * The periods whose values one evaluation can read: the period, the same period a year earlier,
 * the plan's years up to it and the year before it, and the periods its category rules name.
 * Loading only these keeps a national file cheap.
 */
export function periodsNeeded(prepared: PreparedPlan, periodText: string): Set<string> {
  const period = parsePeriod(periodText);
  const out = new Set([formatPeriod(period), formatPeriod({ ...period, year: period.year - 1 })]);
  const bases = prepared.targets.map((t) => baseYearOf(t, prepared.plan));
  const first = Math.min(prepared.plan.period.start - 1, period.year - 1, ...bases);
  for (let y = first; y <= period.year; y++) out.add(String(y));
  const visit = (rule: PreparedPlan['plan']['categories'][number]['rule']): void => {
    if ('period' in rule) out.add(rule.period);
    else if ('any' in rule) rule.any.forEach(visit);
    else if ('all' in rule) rule.all.forEach(visit);
  };
  prepared.plan.categories.forEach((c) => visit(c.rule));
  return out;
}

/**
 * Every indicator an evaluation of the plan reads: its targets' indicators, those their phrases
 * refer to (高于全省…), those the category rules read, and what each is derived from (sums,
 * counts over a threshold, ratios), transitively. Quotas (`code.quota`) go with their indicator;
 * a manual target's recorded status is `code.judgement`.
 */
export function indicatorsNeeded(prepared: PreparedPlan): Set<string> {
  const out = new Set<string>();
  const add = (code: string): void => {
    if (out.has(code)) return;
    out.add(code);
    const a = prepared.indicators.get(code)?.aggregate;
    if (a?.method === 'count_over' || a?.method === 'share_over') add(a.of);
    if (a?.method === 'ratio') {
      add(a.numerator);
      add(a.denominator);
    }
  };
  for (const t of prepared.targets) {
    add(t.indicator);
    if (t.spec.type === 'manual') out.add(judgementIndicator(t.indicator));
    if ('ref' in t.spec && t.spec.ref.indicator) add(t.spec.ref.indicator);
  }
  const visit = (rule: PreparedPlan['plan']['categories'][number]['rule']): void => {
    if ('indicator' in rule) add(rule.indicator);
    else if ('any' in rule) rule.any.forEach(visit);
    else if ('all' in rule) rule.all.forEach(visit);
  };
  prepared.plan.categories.forEach((c) => visit(c.rule));
  return out;
}

function isUnderProvince(register: Register, code: string, province: string): boolean {
  let r = register.get(code);
  while (r && r.parent !== null) {
    if (r.parent === province) return true;
    r = register.get(r.parent);
  }
  return false;
}

/**
 * The counties the province's derived values are made of (sums, counts, ratios): the plan's
 * counties under its province, as an evaluation of the plan takes them.
 */
export function provinceCounties(prepared: PreparedPlan, register: Register): string[] {
  return planCounties(prepared, register, new ObservationSet())
    .filter((c) => isUnderProvince(register, c.code, prepared.plan.province))
    .map((c) => c.code);
}

/** The province as a region, even when the register lacks it. */
function provinceRegion(register: Register, code: string): Region {
  return (
    register.get(code) ?? {
      code,
      name: code,
      level: 'province',
      parent: null,
      kind: '省',
      attributes: {},
    }
  );
}

type Judge = ReturnType<typeof makeJudge>;

/**
 * How a target shows at a period: `judge` in its own year; `track` (judged by its pace) in a
 * year of its plan after the base year and before the target's year; `outlook` for a later
 * target otherwise; null when it does not show.
 */
export function showing(
  t: PreparedTarget,
  plan: PreparedPlan['plan'],
  period: Period,
): 'judge' | 'track' | 'outlook' | null {
  if (t.year === period.year) return 'judge';
  if (t.year < period.year) return null;
  const inPlan = t.year <= plan.period.end && period.year > baseYearOf(t, plan);
  return period.kind === 'year' && inPlan ? 'track' : 'outlook';
}

/**
 * The province table's targets: this year's judged, later years' (a 2030 goal) as an outlook,
 * read off the latest full year.
 */
function provinceRows(
  prepared: PreparedPlan,
  province: Region,
  period: Period,
  judge: Judge,
): { results: ResultRow[]; outlook: ResultRow[] } {
  const results: ResultRow[] = [];
  const outlook: ResultRow[] = [];
  const latestYear: Period =
    period.kind === 'year' ? period : { kind: 'year', year: period.year - 1 };
  for (const t of prepared.targets) {
    if (t.scope !== 'province') continue;
    const how = showing(t, prepared.plan, period);
    if (how === 'judge') results.push(judge(t, province, period));
    else if (how === 'track') results.push(judge(t, province, period, true));
    else if (how === 'outlook') outlook.push(judge(t, province, latestYear));
  }
  return { results, outlook };
}

/** Whether a county target of the period applies to a county: all, its category, or it named. */
function appliesTo(
  t: PreparedTarget,
  county: string,
  byCategory: Map<string, Set<string>>,
): boolean {
  if (typeof t.scope !== 'object') return true;
  if ('category' in t.scope) return byCategory.get(t.scope.category)?.has(county) ?? false;
  return t.scope.region === county;
}

/** The county table's targets of the period, county by county. */
function countyRows(
  prepared: PreparedPlan,
  counties: readonly Region[],
  assignment: CategoryAssignment,
  period: Period,
  judge: Judge,
): ResultRow[] {
  const byCategory = new Map(assignment.summaries.map((s) => [s.code, new Set(s.members)]));
  const targets = prepared.targets
    .filter((t) => t.scope !== 'province')
    .map((t) => ({ t, how: showing(t, prepared.plan, period) }))
    .filter(({ how }) => how === 'judge' || how === 'track');
  const rows: ResultRow[] = [];
  for (const county of counties)
    for (const { t, how } of targets)
      if (appliesTo(t, county.code, byCategory))
        rows.push(judge(t, county, period, how === 'track'));
  return rows;
}

/** Evaluates every target of a plan for every region in its scope at one period. */
export function evaluate(opts: EvaluateOptions): Evaluation {
  const { prepared, register, obs } = opts;
  const { plan } = prepared;
  const period = parsePeriod(opts.period);
  const counties = planCounties(prepared, register, obs, opts.allCounties);
  const provinceCounties = counties
    .filter((c) => isUnderProvince(register, c.code, plan.province))
    .map((c) => c.code);
  const exclusive = plan.settings?.exclusiveCategories === true;
  const assignment = assignCategories(plan.categories, counties, obs, exclusive);
  const province = provinceValues(prepared, obs, provinceCounties);
  const projected = (indicator: Indicator, at: Period) =>
    projectedCount({
      counties: provinceCounties,
      indicator,
      indicators: prepared.indicators,
      at,
      obs,
    });
  const judge = makeJudge({
    prepared,
    obs,
    province,
    projected,
    register,
    countiesUnder: countiesUnder(prepared, register),
  });

  const top = provinceRows(prepared, provinceRegion(register, plan.province), period, judge);
  const results = top.results.concat(countyRows(prepared, counties, assignment, period, judge));

  return {
    plan: plan.id,
    period: formatPeriod(period),
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
    categoryReasons: categoryReasons(prepared, assignment),
    results,
    outlook: top.outlook,
    summary: summarise(results),
  };
}

/** Each county's categories with the conditions that put it there, in words. */
function categoryReasons(
  prepared: PreparedPlan,
  assignment: CategoryAssignment,
): Record<string, CategoryReason[]> {
  const names = new Map(prepared.plan.categories.map((c) => [c.code, c.name]));
  const indicator = (code: string) => prepared.indicators.get(code);
  const out: Record<string, CategoryReason[]> = {};
  for (const [region, memberships] of assignment.evidence)
    out[region] = memberships.map(({ category, evidence }) => ({
      category,
      name: names.get(category) ?? category,
      reason: evidence.map((e) => evidenceText(e, indicator)).join(';'),
      evidence,
    }));
  return out;
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
