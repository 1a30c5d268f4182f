import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { parsePeriod } from '../../core/periods/index.js';
import type { Status } from '../../core/review/index.js';
import { importFile, type ImportReport } from '../../services/import.js';
import { completenessFor, templateFor } from '../../services/reports.js';
import { auditLog, currentValues, editValue, type ValueRecord } from '../../store/observations.js';
import { publish } from '../../store/users.js';
import { HttpError } from '../errors.js';
import { actorOf, canRead, requireWrite } from '../scope.js';
import { Code, Indicator, PeriodText, StatusText } from '../schemas.js';

const Value = Type.Object({
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

/** An import's answer: 403 for regions outside the actor's scope, 422 with every problem, or the result. */
function answerImport(report: ImportReport, reply: FastifyReply) {
  if (report.denied.length > 0) {
    throw new HttpError(
      'SCOPE_DENIED',
      `无权写入 ${report.denied.join('、')} 的数据,未写入任何数据`,
      { regions: report.denied },
    );
  }
  if (!report.result) {
    return reply.status(422).send({
      code: 'IMPORT_INVALID',
      message: `发现 ${report.problems.length} 个问题,未写入任何数据`,
      problems: report.problems,
    });
  }
  return report;
}

export async function dataRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/observations',
    {
      schema: {
        tags: ['observations'],
        summary: '查询数值。本人范围外的区划只返回已公布期别的已核定数值,否则 403',
        querystring: Type.Object({
          region: Type.Optional(Code),
          period: Type.Optional(PeriodText),
          indicator: Type.Optional(Indicator),
          status: Type.Optional(StatusText),
        }),
        response: { 200: Type.Array(Value) },
      },
    },
    async (request, reply) => {
      const q = request.query as {
        region?: string;
        period?: string;
        indicator?: string;
        status?: Status;
      };
      const ref = await app.reference();
      const actor = actorOf(request);
      const published = await app.published();
      if (q.region && !ref.register.get(q.region))
        throw new HttpError('NOT_FOUND', `未知区划 ${q.region}`);
      if (q.region && !canRead(ref, actor, q.region) && !(q.period && published.has(q.period))) {
        throw new HttpError('SCOPE_DENIED', `无权查看 ${q.region} 未公布的数据`, {
          region: q.region,
        });
      }
      // The same question about the same state of the data has the same answer.
      const view = `obs|${await app.dataVersion()}|${actor.role}|${actor.region ?? ''}|${actor.department ?? ''}|${[...published].join(',')}|${JSON.stringify(q)}`;
      let body = app.views.get(view);
      if (body === undefined) {
        const rows = await currentValues(app.store, {
          ...(q.region ? { regions: [q.region] } : {}),
          ...(q.period ? { periods: [q.period] } : {}),
          // Naming every indicator lets the (period, indicator, region) index answer a one-region
          // query by point lookups instead of a scan of the period.
          indicators: q.indicator ? [q.indicator] : ref.indicators.map((i) => i.code),
          ...(q.status ? { statuses: [q.status] } : {}),
        });
        body = JSON.stringify(
          rows.filter(
            (r: ValueRecord) =>
              canRead(ref, actor, r.region) || (published.has(r.period) && r.status === 'approved'),
          ),
        );
        if (app.views.size >= 500) app.views.delete(app.views.keys().next().value!);
        app.views.set(view, body);
      }
      return reply.type('application/json; charset=utf-8').send(body);
    },
  );

  app.put(
    '/observations/:region/:indicator/:period',
    {
      config: { access: ['province', 'prefecture', 'county'] },
      schema: {
        tags: ['observations'],
        summary:
          '修改一个数值;已核定的须说明原因,并重新进入审核;expectedRevision 防止覆盖他人的修改',
        params: Type.Object({ region: Code, indicator: Indicator, period: PeriodText }),
        body: Type.Object(
          {
            value: Type.Union([Type.Number(), Type.Null()]),
            reason: Type.Optional(Type.String({ maxLength: 500 })),
            expectedRevision: Type.Optional(Type.Integer({ minimum: 0 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Value },
      },
    },
    async (request) => {
      const p = request.params as { region: string; indicator: string; period: string };
      const b = request.body as {
        value: number | null;
        reason?: string;
        expectedRevision?: number;
      };
      const ref = await app.reference();
      const actor = actorOf(request);
      requireWrite(ref, actor, p.region);
      const ind = ref.indicators.find((i) => i.code === p.indicator);
      if (!ind) throw new HttpError('NOT_FOUND', `未知指标 ${p.indicator}`);
      if (b.value !== null && ind.range && (b.value < ind.range[0] || b.value > ind.range[1])) {
        throw new HttpError(
          'VALIDATION',
          `数值 ${b.value} 超出 ${ind.name} 的合理范围 ${ind.range[0]}–${ind.range[1]}`,
        );
      }
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
                Type.Object({
                  region: Code,
                  indicator: Indicator,
                  period: PeriodText,
                  value: Type.Union([Type.Number(), Type.Null()]),
                }),
                { maxItems: 200_000 },
              ),
            ),
            csv: Type.Optional(Type.String({ maxLength: 2_000_000 })),
            reason: Type.Optional(Type.String({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const b = request.body as {
        rows?: { region: string; indicator: string; period: string; value: number | null }[];
        csv?: string;
        reason?: string;
      };
      if (!b.rows === !b.csv) throw new HttpError('VALIDATION', '请提供 rows 或 csv 之一');
      const csv =
        b.csv ??
        [
          'region,indicator,period,value',
          ...b.rows!.map((r) => `${r.region},${r.indicator},${r.period},${r.value ?? ''}`),
        ].join('\n');
      const ref = await app.reference();
      const report = await importFile(
        { store: app.store, ...ref, actor: actorOf(request) },
        Buffer.from(csv, 'utf8'),
        'api-bulk.csv',
        {
          reason: b.reason,
          at: new Date().toISOString(),
        },
      );
      return answerImport(report, reply);
    },
  );

  app.post(
    '/imports',
    {
      config: { access: ['province', 'prefecture', 'county'] },
      schema: {
        tags: ['observations'],
        summary:
          '上传 Excel (.xlsx) 或 CSV 文件 (multipart, 字段 file;可选 period、reason),返回校验报告;无问题才写入',
        consumes: ['multipart/form-data'],
      },
    },
    async (request, reply) => {
      const file = await request.file();
      if (!file) throw new HttpError('VALIDATION', '缺少上传文件 (字段 file)');
      const bytes = await file.toBuffer();
      const fields = file.fields as Record<string, { value?: string } | undefined>;
      const period = fields.period?.value;
      if (period !== undefined) parsePeriod(period);
      // Only the base name is kept: a path in the upload's file name is never used.
      const name = (file.filename || 'upload').replace(/^.*[\\/]/, '').slice(0, 200) || 'upload';
      const ref = await app.reference();
      const report = await importFile(
        { store: app.store, ...ref, actor: actorOf(request) },
        bytes,
        name,
        {
          period,
          reason: fields.reason?.value,
          at: new Date().toISOString(),
        },
      );
      return answerImport(report, reply);
    },
  );

  app.get(
    '/templates',
    {
      config: { access: ['province', 'prefecture', 'county'] },
      schema: {
        tags: ['observations'],
        summary: '下载预填的 Excel 填报模板',
        querystring: Type.Object({
          period: PeriodText,
          region: Type.Optional(Code),
          prefecture: Type.Optional(Code),
          plan: Type.Optional(Type.String()),
        }),
      },
    },
    async (request, reply) => {
      const q = request.query as {
        period: string;
        region?: string;
        prefecture?: string;
        plan?: string;
      };
      const ref = await app.reference();
      const actor = actorOf(request);
      const scope = q.region ?? q.prefecture;
      if (scope && actor.role === 'county' && scope !== actor.region)
        throw new HttpError('SCOPE_DENIED', '县级用户只能下载本县模板');
      if (
        scope &&
        actor.role === 'prefecture' &&
        scope !== actor.region &&
        ref.prefectureOf(scope) !== actor.region
      ) {
        throw new HttpError('SCOPE_DENIED', '市级用户只能下载本市县(市)的模板');
      }
      const t = await templateFor(
        { store: app.store, ...ref },
        { ...q, plan: q.plan ?? 'hlj-2026' },
      );
      const name = encodeURIComponent(`leitai-${scope ?? ''}-${q.period}.xlsx`);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${name}`)
        .send(t.buffer);
    },
  );

  app.get(
    '/evaluation',
    {
      schema: {
        tags: ['evaluation'],
        summary:
          '评价结果:每项目标的完成状态、差距、进度与预计,分页 (limit 默认 200, offset);targets 列出目标,每条结果以 target 序号指向;本人范围外的县只在期别公布后可见',
        querystring: Type.Object({
          plan: Type.String(),
          period: PeriodText,
          region: Type.Optional(Code),
          status: Type.Optional(StatusText),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
          offset: Type.Optional(Type.Integer({ minimum: 0 })),
        }),
      },
    },
    async (request, reply) => {
      const q = request.query as {
        plan: string;
        period: string;
        region?: string;
        status?: Status;
        limit?: number;
        offset?: number;
      };
      const ref = await app.reference();
      const actor = actorOf(request);
      const published = await app.published();
      const { result: ev, key } = await app.evaluation(q);
      const limit = q.limit ?? 200;
      const offset = q.offset ?? 0;
      // The same view of the same data state is the same bytes: serialise it once.
      const view = `${key}|${actor.role}|${actor.region ?? ''}|${published.has(q.period)}|${q.region ?? ''}|${limit}|${offset}`;
      let body = app.views.get(view);
      if (body === undefined) {
        const visible = (r: string) => canRead(ref, actor, r) || published.has(q.period);
        const rows = ev.results.filter(
          (r) => visible(r.region) && (!q.region || r.region === q.region),
        );
        const categories = Object.fromEntries(
          Object.entries(ev.categories).filter(([r]) => visible(r)),
        );
        // What a target says is sent once; each result names its target by number.
        const targets: {
          indicator: string;
          name: string;
          unit: string;
          scope: string;
          year: number;
          phrase: string;
          reading: string;
        }[] = [];
        const index = new Map<string, number>();
        const regionNames: Record<string, string> = {};
        const results = rows.slice(offset, offset + limit).map((r) => {
          const k = `${r.indicator}|${r.scope}|${r.year}|${r.phrase}`;
          let t = index.get(k);
          if (t === undefined) {
            t =
              targets.push({
                indicator: r.indicator,
                name: r.name,
                unit: r.unit,
                scope: r.scope,
                year: r.year,
                phrase: r.phrase,
                reading: r.reading,
              }) - 1;
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
            ...rest
          } = r;
          return { ...rest, target: t };
        });
        body = JSON.stringify({
          ...ev,
          results,
          outlook: ev.outlook,
          categories,
          targets,
          regionNames,
          total: rows.length,
          offset,
          limit,
        });
        if (app.views.size >= 200) app.views.delete(app.views.keys().next().value!);
        app.views.set(view, body);
      }
      return reply.type('application/json; charset=utf-8').send(body);
    },
  );

  app.get(
    '/completeness',
    {
      config: { access: ['province', 'department', 'prefecture'] },
      schema: {
        tags: ['reporting'],
        summary: '报送完整性与及时性',
        querystring: Type.Object({ period: PeriodText, plan: Type.Optional(Type.String()) }),
      },
    },
    async (request) => {
      const q = request.query as { period: string; plan?: string };
      const ref = await app.reference();
      const actor = actorOf(request);
      const c = await completenessFor(
        { store: app.store, ...ref },
        { period: q.period, plan: q.plan ?? 'hlj-2026', now: new Date().toISOString() },
      );
      const mine = (region: string) =>
        actor.role !== 'prefecture' ||
        region === actor.region ||
        ref.prefectureOf(region) === actor.region;
      return {
        due: c.due,
        overdue: c.overdue,
        total: c.total,
        byCounty: Object.fromEntries([...c.byCounty].filter(([k]) => mine(k))),
        byPrefecture: Object.fromEntries([...c.byPrefecture].filter(([k]) => mine(k))),
        byDepartment: actor.role === 'prefecture' ? {} : Object.fromEntries(c.byDepartment),
      };
    },
  );

  app.get(
    '/audit',
    {
      config: { access: ['province', 'department', 'prefecture', 'county'] },
      schema: {
        tags: ['reporting'],
        summary: '审计日志 (谁、何时、旧值、新值、原因)',
        querystring: Type.Object({
          region: Code,
          indicator: Type.Optional(Indicator),
          period: Type.Optional(PeriodText),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
        }),
      },
    },
    async (request) => {
      const q = request.query as {
        region: string;
        indicator?: string;
        period?: string;
        limit?: number;
      };
      const ref = await app.reference();
      if (!canRead(ref, actorOf(request), q.region))
        throw new HttpError('SCOPE_DENIED', `无权查看 ${q.region} 的审计日志`);
      return auditLog(app.store, q);
    },
  );

  app.post(
    '/publications',
    {
      config: { access: ['province'] },
      schema: {
        tags: ['reporting'],
        summary: '公布一个期别的已核定数值',
        body: Type.Object({ period: PeriodText }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const { period } = request.body as { period: string };
      const created = await publish(
        app.store,
        period,
        actorOf(request).name,
        new Date().toISOString(),
      );
      return { period, published: true, new: created };
    },
  );
}
