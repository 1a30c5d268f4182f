import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { periodsFor } from '../../services/periods.js';
import { sendJson } from '../errors.js';
import { visibilityFor } from '../visibility.js';
import { answers, PlanId } from '../schemas.js';

const Kind = Type.Union([Type.Literal('month'), Type.Literal('quarter'), Type.Literal('year')]);

export const periodRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/periods',
    {
      schema: {
        tags: ['plans'],
        summary:
          '计划年度内本人可见数据的期别(新的在前),及默认期别 latest:有数据的最新月份,无月份时为最新年份;本人范围外的数据只在期别公布后可见',
        querystring: Type.Object({ plan: PlanId }, { additionalProperties: false }),
        response: answers({
          200: Type.Object(
            {
              plan: Type.String(),
              periods: Type.Array(
                Type.Object({
                  period: Type.String(),
                  label: Type.String(),
                  kind: Kind,
                  published: Type.Boolean(),
                }),
              ),
              latest: Type.Union([Type.String(), Type.Null()]),
            },
            { description: '期别 (periods with data)' },
          ),
        }),
      },
    },
    async (request, reply) => {
      const { plan } = request.query;
      const vis = await visibilityFor(app, request);
      const seen = vis.seen();
      const who = seen.all ? 'all' : `${vis.actor.role}|${vis.actor.region ?? ''}`;
      const key = `periods|${plan}|${await app.dataVersion()}|${who}|${seen.published.join(',')}`;
      const body = await app.answer(key, async () =>
        JSON.stringify(
          await periodsFor({ store: app.store, ...(await app.reference()) }, { plan, seen }),
        ),
      );
      return sendJson(reply, body);
    },
  );
};
