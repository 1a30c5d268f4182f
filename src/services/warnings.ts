import { evaluate, periodsNeeded } from '../core/evaluate/index.js';
import { warnings, type WarningsResult } from '../core/warnings/index.js';
import { planObservations, type ReportContext, type ViewOptions } from './reports.js';

/** The warnings board of a plan at a period on the store's current values, judged on `now`. */
export async function warningsFor(
  ctx: ReportContext,
  o: { plan: string; period: string; now: string } & ViewOptions,
): Promise<WarningsResult & { synthetic: boolean }> {
  const { prepared, obs, synthetic } = await planObservations(ctx, {
    plan: o.plan,
    view: o.view,
    periods: (p) => periodsNeeded(p, o.period),
  });
  const evaluation = evaluate({ prepared, register: ctx.register, obs, period: o.period });
  return {
    ...warnings({ evaluation, prepared, obs, register: ctx.register, now: o.now }),
    synthetic,
  };
}
