import { LeitaiError } from '../errors/index.js';
import type { Evaluation, ResultRow } from '../evaluate/index.js';
import type { Indicator } from '../indicators/index.js';
import { formatPeriod, parsePeriod, previousYearPeriod } from '../periods/index.js';
import type { Plan, PreparedPlan, PreparedTarget } from '../plans/index.js';
// prepare.js, not the folder's index: the index loads zod, which the CLI avoids for checked plans.
import { preparePlan } from '../plans/prepare.js';
import type { TargetStatus } from '../targets/index.js';
import { rankItems } from './matrix.js';

/*
 * Consecutive yearly plans (hlj-2026 `follows` hlj-2025). A period whose previous period lies in
 * last year (January, or a year against the year before) is compared with the previous plan:
 * the previous ranking is that plan's, scoring only the county targets both plans share — same
 * indicator (or the one `follows.indicators` maps it to) and same scope. Targets only one plan
 * has are left out of the previous ranking, so a rank change says how a county moved on what
 * this year's plan still asks of it.
 */

type Scope = PreparedTarget['scope'];

const scopeKey = (s: Scope) =>
  s === 'province' || s === 'all'
    ? s
    : 'category' in s
      ? `category:${s.category}`
      : `region:${s.region}`;

/** The followed plan's id and the map from this plan's codes to that plan's (renamed ones). */
export function followsOf(prepared: {
  plan: Plan;
}): { plan: string; map: Map<string, string> } | null {
  const f = prepared.plan.follows;
  if (!f) return null;
  return { plan: f.plan, map: new Map(Object.entries(f.indicators ?? {})) };
}

/** The plan this one follows, read against the catalogue; none when it follows none or it is absent. */
export function followedPlan(
  prepared: PreparedPlan,
  plans: readonly Plan[],
  builtin: readonly Indicator[],
): PreparedPlan | undefined {
  const id = prepared.plan.follows?.plan;
  const plan = id === undefined ? undefined : plans.find((p) => p.id === id);
  return plan && preparePlan(plan, builtin);
}

/** The previous plan's code of this plan's indicator. */
function oldCode(map: Map<string, string>, code: string): string {
  return map.get(code) ?? code;
}

/**
 * The keys `oldCode|scope` of the current plan's county targets, for matching the previous
 * plan's. A mapped code the previous plan does not know is a mistake in the plan file: refused.
 */
function sharedKeys(
  current: PreparedPlan,
  previous: PreparedPlan,
  map: Map<string, string>,
): Set<string> {
  for (const [now, before] of map) {
    if (!previous.indicators.has(before))
      throw new LeitaiError(
        'PLAN_INVALID',
        `计划 ${current.plan.id}: follows.indicators.${now}「${before}」不是计划 ${previous.plan.id} 的指标`,
        {
          path: `follows.indicators.${now}`,
          value: before,
          reason: 'unknown indicator of the followed plan',
        },
      );
  }
  const keys = new Set<string>();
  for (const t of current.targets)
    if (t.table === 'county') keys.add(`${oldCode(map, t.def.code)}|${scopeKey(t.scope)}`);
  return keys;
}

/** The previous plan with only the county targets it shares with the current one. */
export function sharedPlan(current: PreparedPlan, previous: PreparedPlan): PreparedPlan {
  const f = followsOf(current);
  const keys = sharedKeys(current, previous, f?.map ?? new Map());
  const keep = (t: { table: string; indicator: string; scope: Scope }) =>
    t.table !== 'county' || keys.has(`${t.indicator}|${scopeKey(t.scope)}`);
  return {
    ...previous,
    plan: { ...previous.plan, targets: previous.plan.targets.filter(keep) },
    targets: previous.targets.filter(keep),
  };
}

/**
 * The plan that ranks the previous period: this plan when the period is one of its county-table
 * years; else the plan it follows (given as `previous`), narrowed to the shared targets; null when
 * neither has county targets that year.
 */
export function previousRankingPlan(
  current: PreparedPlan,
  previous: PreparedPlan | undefined,
  year: number,
): { prepared: PreparedPlan; from: 'same' | 'followed' } | null {
  if (rankItems(current, year).length > 0) return { prepared: current, from: 'same' };
  const f = followsOf(current);
  if (!previous || !f || previous.plan.id !== f.plan) return null;
  const shared = sharedPlan(current, previous);
  return rankItems(shared, year).length > 0 ? { prepared: shared, from: 'followed' } : null;
}

/** One county's judgement of a shared target in this period and in the compared one. */
export interface ComparedRow {
  region: string;
  regionName: string;
  indicator: string;
  /** The followed plan's code when it differs (a renamed indicator). */
  previousIndicator: string;
  name: string;
  scope: string;
  unit: string;
  now: { period: string; phrase: string; value: number | null; status: TargetStatus };
  before: { period: string; phrase: string; value: number | null; status: TargetStatus };
}

/**
 * This year's and last year's judgement of the county targets both plans share (same indicator or
 * mapped, same scope), per county: the 2025-vs-2026 comparison.
 */
/** The period a comparison is made with: the one asked for, else the same period a year earlier. */
export function comparedWith(period: string, asked?: string): string {
  return asked ?? formatPeriod(previousYearPeriod(parsePeriod(period)));
}

export function compareEvaluations(
  current: { plan: Plan },
  now: Evaluation,
  before: Evaluation,
): ComparedRow[] {
  const map = followsOf(current)?.map ?? new Map<string, string>();
  const key = (region: string, code: string, scope: string) => `${region}|${code}|${scope}`;
  const earlier = new Map<string, ResultRow>();
  for (const r of before.results) earlier.set(key(r.region, r.indicator, r.scope), r);
  const out: ComparedRow[] = [];
  for (const r of now.results) {
    if (r.region === now.province) continue;
    const old = oldCode(map, r.indicator);
    const b = earlier.get(key(r.region, old, r.scope));
    if (!b) continue;
    out.push({
      region: r.region,
      regionName: r.regionName,
      indicator: r.indicator,
      previousIndicator: old,
      name: r.name,
      scope: r.scope,
      unit: r.unit,
      now: { period: now.period, phrase: r.phrase, value: r.value, status: r.status },
      before: { period: before.period, phrase: b.phrase, value: b.value, status: b.status },
    });
  }
  return out;
}
