import { rankingPeriods, rankPlan, type RankResult } from '../core/ranking/index.js';
import { planObservations, type ReportContext, type ViewOptions } from './reports.js';

/** The 擂台赛 of a plan at a period on the store's values in the chosen view. */
export async function rankingFor(
  ctx: ReportContext,
  o: { plan: string; period: string } & ViewOptions,
): Promise<RankResult & { synthetic: boolean }> {
  const { prepared, obs, synthetic } = await planObservations(ctx, {
    ...o,
    periods: (p) => rankingPeriods(p, o.period),
  });
  return { ...rankPlan({ prepared, register: ctx.register, obs, period: o.period }), synthetic };
}
