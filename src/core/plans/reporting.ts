import type { Indicator } from '../indicators/index.js';
import type { Period } from '../periods/index.js';
import type { PreparedPlan } from './prepare.js';
import type { Plan } from './schema.js';

/** Whether a year is one of the plan's (2026 for a 2026 plan, 2026–2030 for a five-year one). */
export function coversYear(plan: Pick<Plan, 'period'>, year: number): boolean {
  return plan.period.start <= year && year <= plan.period.end;
}

/** Whether an indicator of this frequency is reported for this period. */
export function isDue(ind: Indicator, p: Period): boolean {
  if (p.kind === 'year') return true;
  if (ind.frequency === 'yearly') return false;
  if (ind.frequency === 'quarterly') return p.kind === 'quarter' || p.month % 3 === 0;
  return p.kind === 'month';
}

/**
 * What counties report for a plan at a period: the indicators of its county table, and the
 * county figures its province values are derived from (sums, and the parts of counts and
 * ratios) — each only when its frequency makes it due.
 */
export function countyIndicators(prepared: PreparedPlan, p: Period): Indicator[] {
  const out = new Map<string, Indicator>();
  const add = (code: string) => {
    const ind = prepared.indicators.get(code);
    if (ind && isDue(ind, p)) out.set(code, ind);
  };
  for (const t of prepared.targets) {
    if (t.scope !== 'province') add(t.indicator);
    else {
      const agg = t.def.aggregate;
      if (agg.method === 'sum') add(t.indicator);
      if (agg.method === 'count_over' || agg.method === 'share_over') add(agg.of);
      if (agg.method === 'ratio') {
        add(agg.numerator);
        add(agg.denominator);
      }
    }
  }
  return [...out.values()];
}
