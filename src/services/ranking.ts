import type { PreparedPlan } from '../core/plans/index.js';
import { followedPlan, rankingPeriods, rankPlan, type RankResult } from '../core/ranking/index.js';
import {
  countyScope,
  planObservations,
  type CountyScope,
  type ReportContext,
  type ViewOptions,
} from './reports.js';

/** The 擂台赛 of a plan at a period on the store's values in the chosen view. */
export async function rankingFor(
  ctx: ReportContext,
  o: { plan: string; period: string; allCounties?: boolean } & ViewOptions,
): Promise<RankResult & { synthetic: boolean; scope: CountyScope }> {
  const counties = o.allCounties ? 'all' : 'plan';
  // The plan this one follows ranks last year's previous period (January, annual rankings).
  const followed = (p: PreparedPlan) => followedPlan(p, ctx.plans, ctx.indicators);
  const periods = (p: PreparedPlan) => rankingPeriods(p, o.period, followed(p));
  const { prepared, obs, synthetic } = await planObservations(ctx, { ...o, periods, counties });
  const { register } = ctx;
  const previous = followed(prepared);
  return {
    ...rankPlan({
      prepared,
      register,
      obs,
      period: o.period,
      allCounties: o.allCounties,
      previous,
    }),
    synthetic,
    scope: await countyScope(ctx, prepared, periods(prepared), counties),
  };
}
