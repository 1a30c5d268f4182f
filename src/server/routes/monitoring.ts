import { todayIn } from '../../core/periods/index.js';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SYNTHETIC_NOTE } from '../../core/demo/index.js';
import { asSeenBy } from '../../core/quality/index.js';
import { qualityFor } from '../../services/quality.js';
import { warningsFor } from '../../services/warnings.js';
import { visibilityFor } from '../visibility.js';
import {
  answers,
  Code,
  Counties,
  CountyScopeAnswer,
  Open,
  PeriodText,
  PlanId,
} from '../schemas.js';

/** Warnings (预警) and data quality: read-only boards computed from the data. */
export const monitoringRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/warnings',
    {
      schema: {
        tags: ['warnings'],
        summary:
          '预警:各县红/黄/绿及触发的规则与数字 (规则见计划 settings.warnings 或默认规则);counties=all 包括库中有数据的全部县 (scope 说明范围);本人范围外的县只在期别公布后可见',
        querystring: Type.Object({
          plan: PlanId,
          period: PeriodText,
          counties: Counties,
          region: Type.Optional(Code),
          level: Type.Optional(Type.Union([Type.Literal('red'), Type.Literal('yellow')])),
        }),
        response: answers({
          200: Open(
            {
              counties: Type.Array(Open({ region: Type.String(), level: Type.String() })),
              warnings: Type.Array(Open({ region: Type.String(), level: Type.String() })),
              complete: Type.Boolean(),
              scope: CountyScopeAnswer,
            },
            '预警 (warnings)',
          ),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      const now = todayIn(new Date());
      const vis = await visibilityFor(app, request);
      const view = vis.view(q.period);
      const choice = q.counties ?? 'plan';
      const res = await app.computed(
        `warnings|${q.plan}|${q.period}|${view}|${choice}|${now}`,
        async () =>
          warningsFor(
            { store: app.store, ...(await app.reference()) },
            { plan: q.plan, period: q.period, now, view, allCounties: choice === 'all' },
          ),
      );
      const visible = (region: string) => vis.sight(region, q.period) !== 'none';
      const complete = res.counties.every((c) => visible(c.region));
      const shown = (region: string) => visible(region) && (!q.region || region === q.region);
      const counties = res.counties.filter(
        (c) => shown(c.region) && (!q.level || c.level === q.level),
      );
      return {
        ...res,
        counties,
        warnings: res.warnings.filter((w) => shown(w.region) && (!q.level || w.level === q.level)),
        complete,
        ...(res.synthetic ? { note: SYNTHETIC_NOTE } : {}),
      };
    },
  );

  app.get(
    '/quality',
    {
      config: { access: ['province', 'department', 'prefecture', 'county'] },
      schema: {
        tags: ['quality'],
        summary:
          '数据质量:合理范围、跨县与历史的稳健离群值、指标间一致性、年内累计不减、增速与总量相符、核定后的大幅修订 (docs/quality.md);只含本人范围内的县,县、市看不到他县数值',
        querystring: Type.Object({
          period: PeriodText,
          plan: Type.Optional(PlanId),
          region: Type.Optional(Code),
          check: Type.Optional(Type.String({ pattern: '^[a-z_]+$', maxLength: 40 })),
        }),
        response: answers({
          200: Open(
            { findings: Type.Array(Open({ region: Type.String(), check: Type.String() })) },
            '数据质量 (quality)',
          ),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      const res = await app.computed(`quality|${q.period}|${q.plan ?? ''}`, async () =>
        qualityFor({ store: app.store, ...(await app.reference()) }, q),
      );
      // Findings name values: only those of the user's own scope (the working data) are shown,
      // and province-wide counts only to those who see the whole province.
      const vis = await visibilityFor(app, request);
      const findings = asSeenBy(
        vis.actor.role,
        res.findings.filter(
          (f) =>
            vis.sight(f.region, q.period) === 'working' &&
            (!q.region || f.region === q.region) &&
            (!q.check || f.check === q.check),
        ),
      );
      if (!vis.whole)
        return {
          ...res,
          findings,
          checked: null,
          counties: null,
          ...(res.synthetic ? { note: SYNTHETIC_NOTE } : {}),
        };
      return { ...res, findings, ...(res.synthetic ? { note: SYNTHETIC_NOTE } : {}) };
    },
  );
};
