import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { seriesFor } from '../../services/series.js';
import { HttpError, sendJson } from '../errors.js';
import { requireSight, visibilityFor } from '../visibility.js';
import { answers, Code, Indicator, PeriodText, PlanId } from '../schemas.js';

const Point = Type.Object({
  period: Type.String(),
  label: Type.String(),
  value: Type.Union([Type.Number(), Type.Null()]),
});

export const seriesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/series',
    {
      schema: {
        tags: ['evaluation'],
        summary:
          '月度历史(图表用):计划对该地区(省或县)设有目标的每项指标,本年至所选期别各月及上年全年各月的数值,与评价结果的 value 相同(省的数值按指标规则由各县汇总);给出 indicator 时只返回该指标(有无目标均可);本人范围外的地区只在期别公布后可见,其未公布月份的数值为 null',
        querystring: Type.Object(
          {
            plan: PlanId,
            region: Code,
            period: PeriodText,
            indicator: Type.Optional(Indicator),
          },
          { additionalProperties: false },
        ),
        response: answers({
          200: Type.Object(
            {
              plan: Type.String(),
              region: Type.String(),
              regionName: Type.String(),
              year: Type.Integer(),
              synthetic: Type.Boolean(),
              series: Type.Array(
                Type.Object({
                  indicator: Type.String(),
                  name: Type.String(),
                  unit: Type.String(),
                  frequency: Type.String(),
                  points: Type.Array(Point),
                  previous: Type.Array(Point),
                }),
              ),
            },
            { description: '月度历史 (monthly series)' },
          ),
        }),
      },
    },
    async (request, reply) => {
      const q = request.query;
      const ref = await app.reference();
      const vis = await visibilityFor(app, request);
      if (!ref.register.get(q.region))
        throw new HttpError('NOT_FOUND', `未知区划 ${q.region} (unknown region)`);
      // The same refusal as a read of the region's values in that period.
      requireSight(vis, q.region, q.period);
      // Past the check, what the reader sees of each month follows from whether the region is in
      // its scope (it sees the period's working data) and which periods are published.
      const sight = vis.sight(q.region, q.period);
      const published = [...vis.seen().published].sort().join(',');
      const key = `series|${q.plan}|${q.region}|${q.period}|${q.indicator ?? ''}|${sight}|${published}|${await app.dataVersion()}`;
      const body = await app.answer(key, async () =>
        JSON.stringify(
          await seriesFor(
            { store: app.store, ...ref },
            {
              ...q,
              shown: (m) => (vis.sight(q.region, m) === 'none' ? null : vis.view(m)),
              view: vis.view(q.period),
            },
          ),
        ),
      );
      return sendJson(reply, body);
    },
  );
};
