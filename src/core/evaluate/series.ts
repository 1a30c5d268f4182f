import type { Indicator } from '../indicators/index.js';
import type { ObservationSet } from '../observations/index.js';
import { parsePeriod } from '../periods/index.js';
import type { PreparedPlan, PreparedTarget } from '../plans/index.js';
import { parentValue, projectedCount } from './derive.js';

// A region's values over many periods as an evaluation of each period would show them, without
// evaluating every period: what history charts draw.

/**
 * The targets of a plan that apply to a region, in plan order: the province table's for the
 * plan's province; for a county, those for every county, those of its categories and those
 * naming it. Every year of the plan.
 */
export function regionTargets(
  prepared: PreparedPlan,
  region: string,
  categories: readonly string[],
): PreparedTarget[] {
  if (region === prepared.plan.province)
    return prepared.targets.filter((t) => t.scope === 'province');
  return prepared.targets.filter((t) => {
    if (t.scope === 'province') return false;
    if (t.scope === 'all') return true;
    if ('category' in t.scope) return categories.includes(t.scope.category);
    return t.scope.region === region;
  });
}

/**
 * The indicators whose values `shownValue` reads for these indicators of a region: each one
 * itself and, for the province, what its value may be derived from (a sum's own values, the
 * indicator a count is over, a ratio's two parts). A yearly indicator reads nothing at a month.
 */
export function shownInputs(
  prepared: PreparedPlan,
  region: string,
  indicators: readonly Indicator[],
  monthly: boolean,
): Set<string> {
  const out = new Set<string>();
  for (const ind of indicators) {
    const a = ind.aggregate;
    const province = region === prepared.plan.province;
    if (monthly && ind.frequency === 'yearly') {
      // A yearly count over the counties is shown mid-year as projected (projectedCount).
      if (province && (a.method === 'count_over' || a.method === 'share_over')) out.add(a.of);
      continue;
    }
    out.add(ind.code);
    if (!province) continue;
    if (a.method === 'count_over' || a.method === 'share_over') out.add(a.of);
    if (a.method === 'ratio') {
      out.add(a.numerator);
      out.add(a.denominator);
    }
  }
  return out;
}

/**
 * What an evaluation of `period` shows as a target's `value` for a region (core/evaluate's
 * judge): the province's reported value or, lacking one, the value derived from `counties` (the
 * plan's counties under it) as the indicator says; a county's own value. A yearly indicator has
 * none at a month or a quarter.
 */
export function shownValue(o: {
  prepared: PreparedPlan;
  obs: ObservationSet;
  counties: readonly string[];
  region: string;
  indicator: Indicator;
  period: string;
}): number | null {
  const { prepared, obs, region, indicator, period } = o;
  const at = parsePeriod(period);
  if (indicator.frequency === 'yearly' && at.kind !== 'year') {
    if (region !== prepared.plan.province) return null;
    const { counties, ...rest } = o;
    return (
      projectedCount({ ...rest, counties, indicators: prepared.indicators, at })?.value ?? null
    );
  }
  if (region !== prepared.plan.province) return obs.value(region, indicator.code, period);
  return parentValue({
    region,
    counties: o.counties,
    indicator,
    indicators: prepared.indicators,
    period,
    obs,
  }).value;
}
