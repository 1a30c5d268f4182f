import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import {
  allocateIncentives,
  rankStability,
  type Ranking,
  type RankResult,
} from '../../core/ranking/index.js';
import { SYNTHETIC_NOTE } from '../../core/demo/index.js';
import { rankingFor } from '../../services/ranking.js';
import { HttpError } from '../errors.js';
import { actorOf, canRead } from '../scope.js';
import { answers, Open, PeriodText, PlanId } from '../schemas.js';

export const rankingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ranked = (q: { plan: string; period: string }) =>
    app.computed(`ranking|${q.plan}|${q.period}`, async () =>
      rankingFor({ store: app.store, ...(await app.reference()) }, q),
    );

  /** Outside their scope, users see other counties only once the period is published. */
  async function visibleRanking(
    request: FastifyRequest,
    r: RankResult['ranking'],
  ): Promise<{ ranking: Ranking; complete: boolean }> {
    const ref = await app.reference();
    const actor = actorOf(request);
    if ((await app.published()).has(r.period)) return { ranking: r, complete: true };
    const seen = (code: string) => canRead(ref, actor, code);
    const counties = r.counties.filter((c) => seen(c.region));
    if (counties.length === r.counties.length) return { ranking: r, complete: true };
    return {
      ranking: {
        ...r,
        counties,
        advanced: r.advanced.filter(seen),
        improved: r.improved.filter(seen),
        notes: [...r.notes, '本期尚未公布:只显示本人范围内的县'],
      },
      complete: false,
    };
  }

  app.get(
    '/ranking',
    {
      schema: {
        tags: ['ranking'],
        summary:
          '县域经济综合评价(擂台赛):得分、板块得分、全省/市内/类别内名次、较上期名次变化、先进县与进步县;stability 为名次稳定性的随机抽取次数;本人范围外的县只在期别公布后可见',
        querystring: Type.Object({
          plan: PlanId,
          period: PeriodText,
          stability: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
          seed: Type.Optional(Type.Integer({ minimum: 1, maximum: 2 ** 31 })),
        }),
        response: answers({
          200: Open(
            {
              period: Type.String(),
              counties: Type.Array(Open({ region: Type.String() })),
              complete: Type.Boolean(),
              synthetic: Type.Boolean(),
            },
            '排名 (ranking)',
          ),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      const res = await ranked(q);
      const { ranking, complete } = await visibleRanking(request, res.ranking);
      let stability = null;
      if (q.stability) {
        const draws = q.stability;
        const seed = q.seed ?? 1;
        const all = await app.computed(
          `stability|${q.plan}|${q.period}|${draws}|${seed}`,
          async () => rankStability(res.matrix, res.method, { draws, seed }),
        );
        const shown = new Set(ranking.counties.map((c) => c.region));
        stability = { ...all, counties: all.counties.filter((c) => shown.has(c.region)) };
      }
      return {
        ...ranking,
        complete,
        stability,
        synthetic: res.synthetic,
        ...(res.synthetic ? { note: SYNTHETIC_NOTE } : {}),
      };
    },
  );

  app.get(
    '/incentives',
    {
      config: { access: ['province', 'department', 'observer'] },
      schema: {
        tags: ['ranking'],
        summary:
          '按计划的激励规则分配激励资金 (pool 单位万元),附分配表与说明;观察者只能查看已公布的期别',
        querystring: Type.Object({
          plan: PlanId,
          period: PeriodText,
          // A positive pool (OpenAPI 3.0 has no numeric exclusiveMinimum): at least one yuan.
          pool: Type.Number({ minimum: 0.0001, maximum: 1e9, description: '万元,大于 0' }),
        }),
        response: answers({
          200: Open(
            { plan: Type.String(), period: Type.String(), synthetic: Type.Boolean() },
            '激励分配 (incentive allocation)',
          ),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      // Leaders (observers) see an allocation once its ranking is published, like the ranking.
      if (actorOf(request).role === 'observer' && !(await app.published()).has(q.period)) {
        throw new HttpError(
          'SCOPE_DENIED',
          `${q.period} 期尚未公布,观察者只能查看已公布期别的激励分配`,
        );
      }
      const res = await ranked(q);
      return {
        plan: q.plan,
        period: q.period,
        ...allocateIncentives({
          ranking: res.ranking,
          pool: q.pool,
          rule: res.prepared.plan.settings?.incentives,
        }),
        synthetic: res.synthetic,
        ...(res.synthetic ? { note: SYNTHETIC_NOTE } : {}),
      };
    },
  );
};
