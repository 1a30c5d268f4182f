import { evaluate, periodsNeeded, type Evaluation } from '../core/evaluate/index.js';
import type { PreparedPlan } from '../core/plans/index.js';
import { warnings, type WarningsResult } from '../core/warnings/index.js';
import { ledgerSources } from './ledger-warnings.js';
import {
  countyScope,
  planObservations,
  type CountyScope,
  type ReportContext,
  type ViewOptions,
} from './reports.js';

/** The warnings board of a plan at a period on the store's current values, judged on `now`. */
export async function warningsFor(
  ctx: ReportContext,
  o: {
    plan: string;
    period: string;
    now: string;
    allCounties?: boolean;
    /** The period's evaluation in the same view, when the caller has it already. */
    evaluation?: Evaluation;
  } & ViewOptions,
): Promise<WarningsResult & { synthetic: boolean; scope: CountyScope }> {
  const { allCounties } = o;
  const counties = allCounties ? 'all' : 'plan';
  const periods = (p: PreparedPlan) => periodsNeeded(p, o.period);
  const { prepared, obs, synthetic } = await planObservations(ctx, {
    plan: o.plan,
    view: o.view,
    periods,
    counties,
  });
  const { register } = ctx;
  const evaluation =
    o.evaluation ?? evaluate({ prepared, register, obs, period: o.period, allCounties });
  return {
    ...warnings({
      evaluation,
      prepared,
      obs,
      register,
      now: o.now,
      sources: await ledgerSources(ctx, { plan: o.plan, period: o.period, view: o.view }),
    }),
    synthetic,
    scope: await countyScope(ctx, prepared, periods(prepared), counties),
  };
}
