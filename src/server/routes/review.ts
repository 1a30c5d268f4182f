import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { qualityFor } from '../../services/quality.js';
import type { Status } from '../../core/review/index.js';
import { QUEUE_LIMIT, reviewItems, valueHistory, waiting } from '../../services/review.js';
import { act } from '../../store/observations.js';
import { HttpError } from '../errors.js';
import { actorOf } from '../scope.js';
import { isJudgementIndicator } from '../../core/targets/index.js';
import {
  answers,
  Code,
  Indicator,
  Open,
  PeriodText,
  Reason,
  StatusText,
  ValueIndicator,
} from '../schemas.js';
import { visibilityFor } from '../visibility.js';
import { Value } from './observations.js';

const Num = Type.Union([Type.Number(), Type.Null()]);
const Str = Type.Union([Type.String(), Type.Null()]);

/** A queue row: the value, its findings, and what the reviewer compares it with. */
const QueueRow = Type.Composite([
  Value,
  Type.Object({
    findings: Type.Array(Open({})),
    regionName: Type.String(),
    prefecture: Str,
    prefectureName: Str,
    indicatorName: Type.String(),
    indicatorNameEn: Type.String(),
    unit: Type.String(),
    lastYearPeriod: Type.String({ description: '上年同期' }),
    lastYearValue: Type.Union([Type.Number(), Type.Null()], {
      description: '上年同期的核定值 (approved value), 无则 null',
    }),
    change: Type.Union([Type.Number(), Type.Null()], {
      description: '与上年同期相比:比率类指标为差 (个百分点),总量与计数为增减幅 (%)',
    }),
    changeUnit: Type.Union([Type.Literal('个百分点'), Type.Literal('%')]),
  }),
]);

const HistoryRow = Type.Object({
  revision: Type.Integer(),
  at: Type.String(),
  actor: Type.String(),
  actorName: Type.String(),
  actorRole: Str,
  action: Type.String(),
  oldValue: Num,
  newValue: Num,
  oldStatus: Str,
  newStatus: Type.String(),
  reason: Str,
  /** What a recorded judgement (人工评定) rests on; null for other changes. */
  evidence: Str,
  source: Type.String(),
  synthetic: Type.Boolean(),
});

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
          '待本人处理的数值(一个期别,或不给 period 时全部期别,新期别在前;最多 limit 条,默认与上限 5000;总数在 X-Total-Count),每条附区划与指标名称、上年同期核定值与变化、数据质量问题 findings (docs/quality.md;县、市看不到他县数值)',
        querystring: Type.Object(
          {
            period: Type.Optional(PeriodText),
            status: Type.Optional(StatusText),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: QUEUE_LIMIT })),
          },
          { additionalProperties: false },
        ),
        response: answers({ 200: Type.Array(QueueRow) }),
      },
    },
    async (request, reply) => {
      const { period, status, limit } = request.query;
      const ctx = { store: app.store, ...(await app.reference()) };
      const { rows, total } = await reviewItems(
        ctx,
        actorOf(request),
        { period, status: status as Status | undefined, limit: limit ?? QUEUE_LIMIT },
        async (p) => (await findingsOf(p)).findings,
      );
      void reply.header('x-total-count', String(total));
      return rows;
    },
  );

  app.get(
    '/review/waiting',
    {
      config: { access: ['province', 'department', 'prefecture', 'county'] },
      schema: {
        tags: ['review'],
        summary: '待本人处理的数值个数,按期别和状态(新期别在前):不漏看其他期别的待办',
        querystring: Type.Object({}, { additionalProperties: false }),
        response: answers({
          200: Type.Object({
            total: Type.Integer(),
            periods: Type.Array(
              Type.Object({ period: Type.String(), status: Type.String(), count: Type.Integer() }),
            ),
          }),
        }),
      },
    },
    async (request) => {
      const ctx = { store: app.store, ...(await app.reference()) };
      const periods = await waiting(ctx, actorOf(request));
      return { total: periods.reduce((n, p) => n + p.count, 0), periods };
    },
  );

  app.get(
    '/review/history',
    {
      config: { access: ['province', 'department', 'prefecture', 'county'] },
      schema: {
        tags: ['review'],
        summary:
          '一个数值的全部版本(最早在前):谁(显示名与角色)、何时、旧值、新值、旧/新状态、原因、来源;只限本人可见工作数据的区划',
        querystring: Type.Object(
          { region: Code, indicator: ValueIndicator, period: PeriodText },
          { additionalProperties: false },
        ),
        response: answers({
          200: Type.Object({
            region: Type.String(),
            regionName: Type.String(),
            indicator: Type.String(),
            indicatorName: Type.String(),
            indicatorNameEn: Type.String(),
            unit: Type.String(),
            period: Type.String(),
            revisions: Type.Array(HistoryRow),
          }),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      const ref = await app.reference();
      const region = ref.register.get(q.region);
      if (!region) throw new HttpError('NOT_FOUND', `未知区划 ${q.region}`, { field: 'region' });
      // Every revision, pending ones included: the working data, so only in scope.
      const vis = await visibilityFor(app, request);
      if (vis.sight(q.region, '') !== 'working')
        throw new HttpError('SCOPE_DENIED', `无权查看 ${region.name}(${q.region})的数值历史`, {
          region: q.region,
        });
      const revisions = await valueHistory(app.store, q);
      if (revisions.length === 0)
        throw new HttpError(
          'NOT_FOUND',
          `${region.name}(${q.region})没有 ${q.indicator} ${q.period} 的数值`,
          { field: 'indicator' },
        );
      // A judgement's history (人工评定) is named after its indicator; its values are statuses.
      const judged = isJudgementIndicator(q.indicator);
      const code = judged ? q.indicator.slice(0, -'.judgement'.length) : q.indicator;
      const ind = ref.indicators.find((i) => i.code === code);
      return {
        ...q,
        regionName: region.name,
        indicatorName: `${ind?.name ?? code}${judged ? '(人工评定)' : ''}`,
        indicatorNameEn: `${ind?.nameEn ?? code}${judged ? ' (judgement)' : ''}`,
        unit: judged ? '' : (ind?.unit ?? ''),
        revisions,
      };
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
        throw new HttpError('VALIDATION', 'expectedRevision 只能用于单个数值', {
          field: 'expectedRevision',
        });
      if (action === 'return' && !b.reason?.trim())
        throw new HttpError(
          'VALIDATION',
          '退回须填写原因:reason 不能为空 (a return needs a reason)',
          {
            field: 'reason',
          },
        );
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
