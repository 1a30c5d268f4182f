import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { entryProblem } from '../../core/indicators/index.js';
import { previousMonthValue } from '../../services/entry.js';
import { importFile } from '../../services/import.js';
import { editValue } from '../../store/observations.js';
import { visibleValues } from '../../store/visible-values.js';
import type { Reference } from '../context.js';
import { HttpError, sendJson } from '../errors.js';
import { actorOf, requireWrite } from '../scope.js';
import { requireSight, visibilityFor } from '../visibility.js';
import {
  answers,
  Code,
  ErrorBody,
  Indicator,
  PeriodText,
  Reason,
  StatusText,
  ValueField,
} from '../schemas.js';
import { answerImport, ImportAnswer } from './imports.js';

export const Value = Type.Object({
  region: Type.String(),
  indicator: Type.String(),
  period: Type.String(),
  value: Type.Union([Type.Number(), Type.Null()]),
  status: Type.String(),
  revision: Type.Number(),
  source: Type.String(),
  actor: Type.String(),
  at: Type.String(),
  synthetic: Type.Boolean(),
});

const MAX_PAGE = 10_000;

/** A withdrawn value (null) says why; a number must suit its indicator (core `entryProblem`). */
function checkValue(
  ref: Reference,
  indicator: string,
  value: number | null,
  reason: string | undefined,
  field: string,
  previous?: number | null,
): void {
  const ind = ref.indicators.find((i) => i.code === indicator);
  if (!ind) throw new HttpError('NOT_FOUND', `未知指标 ${indicator}`, { field: 'indicator' });
  const bad = entryProblem(ind, value, reason, { previous });
  if (!bad) return;
  const name = bad.field === 'reason' ? 'reason' : field;
  throw new HttpError('VALIDATION', `${name}: ${bad.problem}`, { field: name, value });
}

export const observationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/observations',
    {
      schema: {
        tags: ['observations'],
        summary:
          '查询数值,分页 (limit 默认 1000,最大 10000;offset)。本人范围外的区划只返回已公布期别的已核定数值,否则 403',
        querystring: Type.Object({
          region: Type.Optional(Code),
          period: Type.Optional(PeriodText),
          indicator: Type.Optional(Indicator),
          status: Type.Optional(StatusText),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 1000 })),
          offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
        }),
        response: answers({
          200: Type.Object({
            rows: Type.Array(Value),
            total: Type.Integer(),
            offset: Type.Integer(),
            limit: Type.Integer(),
          }),
        }),
      },
    },
    async (request, reply) => {
      const q = request.query;
      const limit = q.limit ?? 1000;
      const offset = q.offset ?? 0;
      const ref = await app.reference();
      const vis = await visibilityFor(app, request);
      if (q.region && !ref.register.get(q.region))
        throw new HttpError('NOT_FOUND', `未知区划 ${q.region}`);
      if (q.region && q.period) requireSight(vis, q.region, q.period);
      const seen = vis.seen();
      // The same question about the same state of the data, asked by a reader who sees the same
      // values, has the same answer.
      const who = seen.all ? 'all' : `${vis.actor.role}|${vis.actor.region ?? ''}`;
      const key = `obs|${await app.dataVersion()}|${who}|${seen.published.join(',')}|${JSON.stringify([q.region, q.period, q.indicator, q.status, limit, offset])}`;
      const body = await app.answer(key, async () => {
        const page = await visibleValues(
          app.store,
          {
            ...(q.region ? { regions: [q.region] } : {}),
            ...(q.period ? { periods: [q.period] } : {}),
            // Naming every indicator lets the (period, indicator, region) index answer a
            // one-region query by point lookups instead of a scan of the period.
            indicators: q.indicator ? [q.indicator] : ref.indicators.map((i) => i.code),
            ...(q.status ? { statuses: [q.status] } : {}),
          },
          seen,
          { limit, offset },
        );
        return JSON.stringify({ rows: page.rows, total: page.total, offset, limit });
      });
      return sendJson(reply, body);
    },
  );

  app.put(
    '/observations/:region/:indicator/:period',
    {
      config: { access: ['province', 'prefecture', 'county'] },
      schema: {
        tags: ['observations'],
        summary:
          '修改一个数值;已核定的须说明原因,并重新进入审核;value 为 null 表示撤回,须说明原因;expectedRevision 防止覆盖他人的修改',
        params: Type.Object({ region: Code, indicator: Indicator, period: PeriodText }),
        body: Type.Object(
          {
            value: ValueField,
            reason: Type.Optional(Reason),
            expectedRevision: Type.Optional(Type.Integer({ minimum: 0 })),
          },
          { additionalProperties: false },
        ),
        response: answers({ 200: Value }),
      },
    },
    async (request) => {
      const p = request.params;
      const b = request.body;
      const ref = await app.reference();
      const actor = actorOf(request);
      requireWrite(ref, actor, p.region);
      // A year-to-date sum may not fall below the previous month's (core `entryRule`).
      const previous = await previousMonthValue(app.store, p);
      checkValue(ref, p.indicator, b.value, b.reason, 'value', previous);
      return editValue(app.store, p, b.value, {
        actor: actor.name,
        at: new Date().toISOString(),
        reason: b.reason,
        expectedRevision: b.expectedRevision,
      });
    },
  );

  app.post(
    '/observations/bulk',
    {
      config: { access: ['province', 'prefecture', 'county'] },
      schema: {
        tags: ['observations'],
        summary: '批量写入 (JSON 行或 SPEC §8 CSV 文本),全部校验后一次写入,任何问题则一条不写',
        body: Type.Object(
          {
            rows: Type.Optional(
              Type.Array(
                Type.Object(
                  { region: Code, indicator: Indicator, period: PeriodText, value: ValueField },
                  { additionalProperties: false },
                ),
                { maxItems: 200_000 },
              ),
            ),
            csv: Type.Optional(Type.String({ maxLength: 2_000_000 })),
            reason: Type.Optional(Reason),
          },
          { additionalProperties: false },
        ),
        response: answers({ 200: ImportAnswer, 422: ErrorBody }),
      },
    },
    async (request) => {
      const b = request.body;
      if (!b.rows === !b.csv)
        throw new HttpError('VALIDATION', '请提供 rows 或 csv 之一 (rows or csv)', {
          field: 'rows',
        });
      const ref = await app.reference();
      b.rows?.forEach((r, i) => checkValue(ref, r.indicator, r.value, b.reason, `rows/${i}/value`));
      const csv =
        b.csv ??
        [
          'region,indicator,period,value',
          ...b.rows!.map((r) => `${r.region},${r.indicator},${r.period},${r.value ?? ''}`),
        ].join('\n');
      const report = await importFile(
        { store: app.store, ...ref, actor: actorOf(request) },
        Buffer.from(csv, 'utf8'),
        'api-bulk.csv',
        { reason: b.reason, at: new Date().toISOString() },
      );
      return answerImport(report);
    },
  );
};
