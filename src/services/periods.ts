import { indicatorsNeeded, planCounties } from '../core/evaluate/index.js';
import { ObservationSet } from '../core/observations/index.js';
import {
  formatPeriod,
  parsePeriod,
  periodLabel,
  periodOrder,
  type Period,
} from '../core/periods/index.js';
import { preparePlan } from '../core/plans/index.js';
import { findPlan } from '../io/plans.js';
import { periodsSeen, type Seen } from '../store/visible-values.js';
import type { ReportContext } from './reports.js';

export interface PeriodEntry {
  period: string;
  label: string;
  kind: Period['kind'];
  published: boolean;
}

export interface PlanPeriods {
  plan: string;
  /** Newest first; at the same end month, the month before the quarter before the year. */
  periods: PeriodEntry[];
  /** The newest month with data, or the newest year when no month has any; null when nothing. */
  latest: string | null;
}

const KIND_ORDER: Record<Period['kind'], number> = { month: 0, quarter: 1, year: 2 };

/** Every period of the plan's years: each year, its quarters and its months. */
function planPeriods(start: number, end: number): Period[] {
  const out: Period[] = [];
  for (let year = start; year <= end; year++) {
    out.push({ kind: 'year', year });
    for (let quarter = 1; quarter <= 4; quarter++) out.push({ kind: 'quarter', year, quarter });
    for (let month = 1; month <= 12; month++) out.push({ kind: 'month', year, month });
  }
  return out.sort(
    (a, b) =>
      periodOrder(formatPeriod(b)) - periodOrder(formatPeriod(a)) ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind],
  );
}

/**
 * The periods of a plan's years in which the reader sees a value of an indicator the plan reads,
 * for a region the plan evaluates (its province and counties), and the one a view opens on.
 */
export async function periodsFor(
  ctx: Pick<ReportContext, 'store' | 'register' | 'plans' | 'indicators'>,
  o: { plan: string; seen: Seen },
): Promise<PlanPeriods> {
  const prepared = preparePlan(findPlan(ctx.plans, o.plan), ctx.indicators);
  const { plan } = prepared;
  const regions = [
    plan.province,
    ...planCounties(prepared, ctx.register, new ObservationSet()).map((c) => c.code),
  ];
  const candidates = planPeriods(plan.period.start, plan.period.end).map(formatPeriod);
  const found = await periodsSeen(
    ctx.store,
    { periods: candidates, regions, indicators: [...indicatorsNeeded(prepared)] },
    o.seen,
  );
  const published = new Set(o.seen.published);
  const periods = found.map((text) => {
    const p = parsePeriod(text);
    return { period: text, label: periodLabel(p), kind: p.kind, published: published.has(text) };
  });
  const latest =
    periods.find((p) => p.kind === 'month') ?? periods.find((p) => p.kind === 'year') ?? null;
  return { plan: plan.id, periods, latest: latest?.period ?? null };
}
