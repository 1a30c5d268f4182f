import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { allocateIncentives, rankStability, type Ranking } from '../../core/ranking/index.js';
import type { DataView } from '../../core/review/index.js';
import { SYNTHETIC_NOTE } from '../../core/demo/index.js';
import { rankingFor } from '../../services/ranking.js';
import { HttpError, sendJson } from '../errors.js';
import { visibilityFor, viewerKey, type Visibility } from '../visibility.js';
import type { CountyChoice } from '../../services/reports.js';
import { answers, Counties, CountyScopeAnswer, Open, PeriodText, PlanId } from '../schemas.js';

export const rankingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // A published period's ranking stands on the published values; an unpublished one's on the
  // working values (core/review `resultView`).
  // `counties`: the plan's own (default) or every county of the register with data.
  // The evaluation behind it is not kept: every county's every target (40 MB for the national
  // demo's 2,867 counties) where the ranking and its matrix take a few.
  const ranked = (q: { plan: string; period: string }, view: DataView, counties: CountyChoice) =>
    app.computed(`ranking|${q.plan}|${q.period}|${view}|${counties}`, async () => {
      const { evaluation: _, ...kept } = await rankingFor(
        { store: app.store, ...(await app.reference()) },
        { plan: q.plan, period: q.period, view, allCounties: counties === 'all' },
      );
      return kept;
    });

  /** The counties the user sees: all of a published period, else those in its scope. */
  function visibleRanking(vis: Visibility, r: Ranking): { ranking: Ranking; complete: boolean } {
    if (vis.seesAll(r.period)) return { ranking: r, complete: true };
    const seen = (code: string) => vis.sight(code, r.period) !== 'none';
    return {
      ranking: {
        ...r,
        counties: r.counties.filter((c) => seen(c.region)),
        advanced: r.advanced.filter(seen),
        improved: r.improved.filter(seen),
        categoryAwards: r.categoryAwards.map((a) => ({
          ...a,
          advanced: a.advanced.filter((c) => seen(c.region)),
          improved: a.improved.filter((c) => seen(c.region)),
        })),
        areas: r.areas.map((a) => ({ ...a, counties: a.counties.filter((c) => seen(c.region)) })),
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
          '县域经济综合评价(擂台赛):得分、板块得分、全省/市内/类别内名次、较上期名次变化、先进县与进步县;categoryAwards 为计划设定时各类别的先进县与进步县,areas 为各方面十强县名单(并列时可多于N个);method.items 中 targetless 为无目标的横向比较指标;stability 为名次稳定性的随机抽取次数;counties=all 对库中有数据的全部县排名 (scope 说明范围);本人范围外的县只在期别公布后可见',
        querystring: Type.Object({
          plan: PlanId,
          period: PeriodText,
          counties: Counties,
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
              scope: CountyScopeAnswer,
            },
            '排名 (ranking)',
          ),
        }),
      },
    },
    async (request, reply) => {
      const q = request.query;
      const vis = await visibilityFor(app, request);
      const view = vis.view(q.period);
      const counties = q.counties ?? 'plan';
      const draws = q.stability;
      const seed = q.seed ?? 1;
      const answer = async () => {
        const res = await ranked(q, view, counties);
        const { ranking, complete } = visibleRanking(vis, res.ranking);
        let stability = null;
        if (draws) {
          const all = await app.computed(
            `stability|${q.plan}|${q.period}|${view}|${counties}|${draws}|${seed}`,
            async () => rankStability(res.matrix, res.method, { draws, seed }),
          );
          const shown = new Set(ranking.counties.map((c) => c.region));
          stability = { ...all, counties: all.counties.filter((c) => shown.has(c.region)) };
        }
        return JSON.stringify({
          ...ranking,
          complete,
          stability,
          synthetic: res.synthetic,
          scope: res.scope,
          ...(res.synthetic ? { note: SYNTHETIC_NOTE } : {}),
        });
      };
      // The same view of the same data state is the same bytes (1.3 MB for every county of the
      // national demo with its intervals): serialised once.
      const body = await app.answer(
        `ranking|${q.plan}|${q.period}|${counties}|${draws ? `${draws}|${seed}` : ''}|${await app.dataVersion()}|${viewerKey(vis, q.period)}`,
        answer,
      );
      return sendJson(reply, body);
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
      // An allocation ranks every county: only for those who see them all (leaders once the
      // period is published), and on the same values as the ranking.
      const vis = await visibilityFor(app, request);
      if (!vis.seesAll(q.period)) {
        throw new HttpError(
          'SCOPE_DENIED',
          `${q.period} 期尚未公布,只能查看已公布期别的激励分配 (not published)`,
        );
      }
      const res = await ranked(q, vis.view(q.period), 'plan');
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
