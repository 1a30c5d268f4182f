import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { compareEvaluations, comparedWith } from '../../core/ranking/follows.js';
import { HttpError, sendJson } from '../errors.js';
import { visibilityFor } from '../visibility.js';
import { answers, Open, PeriodText, PlanId } from '../schemas.js';

export const compareRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/compare',
    {
      schema: {
        tags: ['evaluation'],
        summary:
          '与上年计划比较:本计划与其 follows 的上年计划共有的县级目标(同一指标或映射、同一范围),各县本期与比较期(with,默认上年同期)的目标、数值和判定;本人范围外的县只在两期都公布后可见',
        querystring: Type.Object({
          plan: PlanId,
          period: PeriodText,
          with: Type.Optional(PeriodText),
        }),
        response: answers({
          200: Open(
            {
              plan: Type.String(),
              previousPlan: Type.String(),
              rows: Type.Array(Open({ region: Type.String(), indicator: Type.String() })),
            },
            '两年比较 (comparison)',
          ),
        }),
      },
    },
    async (request, reply) => {
      const q = request.query;
      const before = comparedWith(q.period, q.with);
      const ref = await app.reference();
      const plan = ref.plans.find((p) => p.id === q.plan);
      const followed = plan?.follows && ref.plans.find((p) => p.id === plan.follows!.plan);
      if (!plan) throw new HttpError('PLAN_NOT_FOUND', `没有计划 ${q.plan}`, { value: q.plan });
      if (!followed)
        throw new HttpError(
          'INPUT_INVALID',
          `计划 ${q.plan} 没有可比较的上年计划:follows 未填写,或所指计划不存在`,
          { field: 'follows', value: q.plan },
        );
      const vis = await visibilityFor(app, request);
      const now = await app.evaluation({
        plan: plan.id,
        period: q.period,
        view: vis.view(q.period),
      });
      const then = await app.evaluation({
        plan: followed.id,
        period: before,
        view: vis.view(before),
      });
      const seen = (r: string) =>
        vis.sight(r, now.result.period) !== 'none' && vis.sight(r, then.result.period) !== 'none';
      const rows = compareEvaluations({ plan }, now.result, then.result).filter((r) =>
        seen(r.region),
      );
      const body = { plan: plan.id, previousPlan: followed.id, period: now.result.period };
      return sendJson(reply, JSON.stringify({ ...body, with: then.result.period, rows }));
    },
  );
};
