import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { summarise, type Evaluation, type ResultRow } from '../../core/evaluate/index.js';
import { sendJson } from '../errors.js';
import { visibilityFor, viewerKey, type Visibility } from '../visibility.js';
import type { CountyScope } from '../../services/reports.js';
import {
  answers,
  Code,
  Counties,
  CountyScopeAnswer,
  Indicator,
  Open,
  PeriodText,
  PlanId,
  StatusText,
} from '../schemas.js';

interface View {
  region?: string;
  indicator?: string;
  period: string;
  limit: number;
  offset: number;
}

/**
 * An evaluation as one reader sees one page of it; what a target says is sent once. A reader who
 * does not see every region gets only its rows, and counts made of them alone.
 */
function evaluationView(
  ev: Evaluation & { synthetic: boolean; scope: CountyScope },
  vis: Visibility,
  q: View,
): string {
  const visible = (r: string) => vis.sight(r, q.period) !== 'none';
  const all = vis.seesAll(q.period);
  const rows = ev.results.filter(
    (r) =>
      visible(r.region) &&
      (!q.region || r.region === q.region) &&
      (!q.indicator || r.indicator === q.indicator),
  );
  const categories = Object.fromEntries(Object.entries(ev.categories).filter(([r]) => visible(r)));
  const categoryReasons = Object.fromEntries(
    Object.entries(ev.categoryReasons).filter(([r]) => visible(r)),
  );
  const outlook = all ? ev.outlook : ev.outlook.filter((r) => visible(r.region));
  const summary = all ? ev.summary : summarise(ev.results.filter((r) => visible(r.region)));
  const targets: {
    indicator: string;
    name: string;
    unit: string;
    scope: string;
    year: number;
    phrase: string;
    reading: string;
    attribute?: ResultRow['attribute'];
  }[] = [];
  const index = new Map<string, number>();
  const regionNames: Record<string, string> = {};
  const results = rows.slice(q.offset, q.offset + q.limit).map((r) => {
    const k = `${r.indicator}|${r.scope}|${r.year}|${r.phrase}|${r.attribute ?? ''}`;
    let t = index.get(k);
    if (t === undefined) {
      const { indicator, name, unit, scope, year, phrase, reading, attribute } = r;
      const printed = { indicator, name, unit, scope, year, phrase, reading };
      t = targets.push(attribute ? { ...printed, attribute } : printed) - 1;
      index.set(k, t);
    }
    regionNames[r.region] = r.regionName;
    const {
      regionName: _n,
      name: _m,
      unit: _u,
      reading: _r,
      phrase: _p,
      scope: _s,
      year: _y,
      attribute: _a,
      ...rest
    } = r;
    return { ...rest, target: t };
  });
  return JSON.stringify({
    ...ev,
    results,
    outlook,
    summary,
    categories,
    categoryReasons,
    targets,
    regionNames,
    total: rows.length,
    offset: q.offset,
    limit: q.limit,
  });
}

export const evaluationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/evaluation',
    {
      schema: {
        tags: ['evaluation'],
        summary:
          '评价结果:每项目标的完成状态、差距、进度与预计,分页 (limit 默认 200, offset),可只取一县 (region) 或一项指标 (indicator) 的结果;targets 列出目标(attribute 为其属性 binding 约束性 / expected 预期性,计划未标则无),每条结果以 target 序号指向;categories 为各县所属类别,categoryReasons 为其依据(指标、数值、规则);counties=all 评价库中有数据的全部县 (scope 说明范围);本人范围外的县只在期别公布后可见',
        querystring: Type.Object({
          plan: PlanId,
          period: PeriodText,
          region: Type.Optional(Code),
          indicator: Type.Optional(Indicator),
          status: Type.Optional(StatusText),
          counties: Counties,
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
          offset: Type.Optional(Type.Integer({ minimum: 0 })),
        }),
        response: answers({
          200: Open(
            {
              results: Type.Array(Open({ target: Type.Integer(), region: Type.String() })),
              targets: Type.Array(Open({ indicator: Type.String(), phrase: Type.String() })),
              regionNames: Type.Record(Type.String(), Type.String()),
              categoryReasons: Type.Record(
                Type.String(),
                Type.Array(
                  Open({ category: Type.String(), name: Type.String(), reason: Type.String() }),
                ),
                { description: '各县所属类别的依据,如「2025年工业增加值 12.3亿元 > 10亿元」' },
              ),
              scope: CountyScopeAnswer,
              total: Type.Integer(),
              offset: Type.Integer(),
              limit: Type.Integer(),
            },
            '评价结果 (evaluation)',
          ),
        }),
      },
    },
    async (request, reply) => {
      const q = request.query;
      const vis = await visibilityFor(app, request);
      const { result: ev, key } = await app.evaluation({
        plan: q.plan,
        period: q.period,
        status: q.status,
        view: vis.view(q.period),
        allCounties: q.counties === 'all',
      });
      const view = {
        region: q.region,
        indicator: q.indicator,
        period: q.period,
        limit: q.limit ?? 200,
        offset: q.offset ?? 0,
      };
      // The same view of the same data state is the same bytes: serialise it once.
      const body = await app.answer(
        `${key}|${viewerKey(vis, q.period)}|${view.region ?? ''}|${view.indicator ?? ''}|${view.limit}|${view.offset}`,
        () => evaluationView(ev, vis, view),
      );
      return sendJson(reply, body);
    },
  );
};
