import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { qualityFor } from '../../services/quality.js';
import { reviewQueue } from '../../services/review.js';
import { act } from '../../store/observations.js';
import { HttpError } from '../errors.js';
import { actorOf } from '../scope.js';
import { answers, Code, Indicator, Open, PeriodText, Reason } from '../schemas.js';
import { Value } from './observations.js';

export const reviewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Quality findings per period, cached per state of the data (the same on every instance).
  const findingsOf = (period: string) =>
    app.computed(
      `quality|${period}|`,
      async () => await qualityFor({ store: app.store, ...(await app.reference()) }, { period }),
    );

  app.get(
    '/review/queue',
    {
      config: { access: ['province', 'department', 'prefecture', 'county'] },
      schema: {
        tags: ['review'],
        summary:
          '待本人处理的数值,每条附数据质量问题 findings (docs/quality.md;县、市看不到他县数值)',
        querystring: Type.Object({
          period: PeriodText,
        }),
        response: answers({
          200: Type.Array(Type.Composite([Value, Type.Object({ findings: Type.Array(Open({})) })])),
        }),
      },
    },
    async (request) => {
      const { period } = request.query;
      const ctx = { store: app.store, ...(await app.reference()) };
      return reviewQueue(
        ctx,
        actorOf(request),
        { period },
        async (p) => (await findingsOf(p)).findings,
      );
    },
  );

  app.post(
    '/review/:action',
    {
      config: { access: ['province', 'department', 'prefecture', 'county'] },
      schema: {
        tags: ['review'],
        summary:
          '报送 (submit) / 审核 (review) / 核定 (approve) / 退回 (return,须原因);全部成功或全部不变',
        params: Type.Object({
          action: Type.Union(['submit', 'review', 'approve', 'return'].map((a) => Type.Literal(a))),
        }),
        body: Type.Object(
          {
            keys: Type.Array(
              Type.Object(
                {
                  region: Code,
                  indicator: Indicator,
                  period: PeriodText,
                },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: 10_000 },
            ),
            reason: Type.Optional(Reason),
            expectedRevision: Type.Optional(Type.Integer({ minimum: 0 })),
          },
          { additionalProperties: false },
        ),
        response: answers({ 200: Type.Object({ action: Type.String(), count: Type.Integer() }) }),
      },
    },
    async (request) => {
      const action = request.params.action;
      const b = request.body;
      const ref = await app.reference();
      if (b.expectedRevision !== undefined && b.keys.length !== 1)
        throw new HttpError('VALIDATION', 'expectedRevision 只能用于单个数值');
      const n = await act(app.store, b.keys, {
        actor: actorOf(request),
        action,
        reason: b.reason,
        at: new Date().toISOString(),
        responsible: ref.responsible,
        prefectureOf: ref.prefectureOf,
        expectedRevision: b.expectedRevision,
      });
      return { action, count: n };
    },
  );
};
