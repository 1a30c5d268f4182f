import { rankingPeriods, rankPlan, type RankResult } from '../core/ranking/index.js';
import { preparePlan } from '../core/plans/index.js';
import type { Status } from '../core/review/index.js';
import { findPlan } from '../io/plans.js';
import { observationsFor, type ReportContext } from './reports.js';

/** The 擂台赛 of a plan at a period on the store's current values. */
export async function rankingFor(
  ctx: ReportContext,
  o: { plan: string; period: string; status?: Status },
): Promise<RankResult & { synthetic: boolean }> {
  const prepared = preparePlan(findPlan([...ctx.plans], o.plan), [...ctx.indicators]);
  const { obs, synthetic } = await observationsFor(ctx, {
    periods: rankingPeriods(prepared, o.period),
    status: o.status,
  });
  return { ...rankPlan({ prepared, register: ctx.register, obs, period: o.period }), synthetic };
}
