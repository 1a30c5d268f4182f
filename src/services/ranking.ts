import { rankingPeriods, rankPlan, type RankResult } from '../core/ranking/index.js';
import type { Status } from '../core/review/index.js';
import { planObservations, type ReportContext } from './reports.js';

/** The 擂台赛 of a plan at a period on the store's current values. */
export async function rankingFor(
  ctx: ReportContext,
  o: { plan: string; period: string; status?: Status },
): Promise<RankResult & { synthetic: boolean }> {
  const { prepared, obs, synthetic } = await planObservations(ctx, {
    ...o,
    periods: (p) => rankingPeriods(p, o.period),
  });
  return { ...rankPlan({ prepared, register: ctx.register, obs, period: o.period }), synthetic };
}
