import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { todayIn } from '../../core/periods/index.js';
import { MILESTONES } from '../../core/projects/types.js';
import type { Role } from '../../core/review/index.js';
import {
  importProjects,
  latestMonth,
  listProjects,
  projectSummary,
  projectTemplate,
  reviewProjects,
  showProject,
  type ProjectImport,
  type ProjectsContext,
} from '../../services/projects.js';
import { HttpError, sendRaw } from '../errors.js';
import { actorOf, requireWrite } from '../scope.js';
import { answers, Code, ErrorBody, isPlainText, Open, Reason, Text } from '../schemas.js';
import type { FastifyRequest } from 'fastify';
import { checkKind, readUpload } from './imports.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: '月份 YYYY-MM' });
const ProjectId = Type.String({ pattern: '^\\d{6}-[0-9a-f]{10}$' });
const READERS: Role[] = ['province', 'department', 'prefecture', 'county', 'observer'];
const WRITERS: Role[] = ['province', 'prefecture', 'county'];

/** A refused import: 403 when a row is outside the actor's scope, 422 with every problem. */
function answerImport(r: ProjectImport): ProjectImport & { dryRun: boolean } {
  if (r.denied.length > 0)
    throw new HttpError('SCOPE_DENIED', `无权报送 ${r.denied.join('、')} 的项目,未写入任何数据`, {
      regions: r.denied,
      problems: r.problems,
    });
  if (r.problems.length > 0)
    throw new HttpError('IMPORT_INVALID', `发现 ${r.problems.length} 个问题,未写入任何数据`, {
      problems: r.problems,
    });
  return { ...r, dryRun: !r.written && r.changes.created + r.changes.changed > 0 };
}

export const projectRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const context = async (request: FastifyRequest): Promise<ProjectsContext> => ({
    store: app.store,
    ...(await app.reference()),
    actor: actorOf(request),
  });

  app.get(
    '/projects',
    {
      config: { access: READERS },
      schema: {
        tags: ['projects'],
        summary: '项目台账:某月的项目(本人可见范围),可按县/市、产业、阶段、标签、是否滞后筛选,分页',
        querystring: Type.Object(
          {
            period: Type.Optional(Month),
            region: Type.Optional(Code),
            industry: Type.Optional(Text({ maxLength: 50 })),
            stage: Type.Optional(Type.Union([...MILESTONES, 'none'].map((m) => Type.Literal(m)))),
            flag: Type.Optional(Text({ maxLength: 50 })),
            late: Type.Optional(Type.Boolean()),
            q: Type.Optional(Text({ maxLength: 100 })),
            page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
            pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          },
          { additionalProperties: false },
        ),
        response: answers({ 200: Open({ period: Type.String(), items: Type.Array(Open({})) }) }),
      },
    },
    async (request) => {
      const ctx = await context(request);
      const q = request.query;
      const period = q.period ?? (await latestMonth(ctx));
      return listProjects(ctx, { ...q, period });
    },
  );

  app.get(
    '/projects/summary',
    {
      config: { access: READERS },
      schema: {
        tags: ['projects'],
        summary: '各县项目本年累计完成投资合计(亿元)与报送的产业项目投资比对(容差 5%)',
        querystring: Type.Object(
          { period: Type.Optional(Month), region: Type.Optional(Code) },
          { additionalProperties: false },
        ),
        response: answers({ 200: Open({ period: Type.String(), counties: Type.Array(Open({})) }) }),
      },
    },
    async (request) => {
      const ctx = await context(request);
      const period = request.query.period ?? (await latestMonth(ctx));
      return projectSummary(ctx, { period, region: request.query.region });
    },
  );

  app.get(
    '/projects/template',
    {
      config: { access: WRITERS },
      schema: {
        tags: ['projects'],
        summary: '下载某县某月的项目台账模板(预填上月报告)',
        querystring: Type.Object({ region: Code, period: Month }, { additionalProperties: false }),
        produces: [XLSX],
        response: answers({
          200: Type.String({ format: 'binary', description: 'Excel 工作簿 (.xlsx)' }),
        }),
      },
    },
    async (request, reply) => {
      const ctx = await context(request);
      requireWrite(ctx, ctx.actor, request.query.region);
      const t = await projectTemplate(ctx, {
        county: request.query.region,
        period: request.query.period,
      });
      void reply.header(
        'content-disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent(t.fileName)}`,
      );
      return sendRaw(reply, XLSX, t.buffer);
    },
  );

  app.get(
    '/projects/:id',
    {
      config: { access: READERS },
      schema: {
        tags: ['projects'],
        summary: '一个项目:某月报告、各月累计完成投资、修订历史(谁、何时、改了什么、原因)',
        params: Type.Object({ id: ProjectId }),
        querystring: Type.Object({ period: Type.Optional(Month) }, { additionalProperties: false }),
        response: answers({ 200: Open({ project: Open({}), months: Type.Array(Open({})) }) }),
      },
    },
    async (request) => showProject(await context(request), request.params.id, request.query.period),
  );

  app.post(
    '/projects/import',
    {
      config: { access: WRITERS },
      schema: {
        tags: ['projects'],
        summary:
          '上传项目台账 (multipart: file, period, confirm, reason):先校验,confirm=true 且无问题时全部写入,否则不写入任何数据',
        consumes: ['multipart/form-data'],
        response: answers({ 200: Open({ problems: Type.Array(Open({})) }), 422: ErrorBody }),
      },
    },
    async (request) => {
      const { file, bytes, fields } = await readUpload(request);
      const period = fields.period ?? '';
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period))
        throw new HttpError('VALIDATION', `period「${period.slice(0, 20)}」应为月份 YYYY-MM`, {
          field: 'period',
        });
      const confirm = fields.confirm ?? 'false';
      if (confirm !== 'true' && confirm !== 'false')
        throw new HttpError('VALIDATION', 'confirm 应为 true 或 false', { field: 'confirm' });
      const reason = fields.reason;
      if (reason !== undefined && (reason.length > 500 || !isPlainText(reason)))
        throw new HttpError('VALIDATION', 'reason 过长或含有控制字符 (invalid text)', {
          field: 'reason',
        });
      const name = (file.filename || 'upload').replace(/^.*[\\/]/, '').slice(0, 200) || 'upload';
      checkKind(name, bytes);
      const now = new Date();
      const r = await importProjects(await context(request), bytes, name, {
        period,
        today: todayIn(now),
        at: now.toISOString(),
        confirm: confirm === 'true',
        reason,
      });
      return answerImport(r);
    },
  );

  app.post(
    '/projects/review',
    {
      config: { access: ['province', 'department', 'prefecture', 'county'] },
      schema: {
        tags: ['projects'],
        summary: '项目报告报送/审核/核定/退回(退回须原因);全部成功或全部不变',
        body: Type.Object(
          {
            action: Type.Union(
              ['submit', 'review', 'approve', 'return'].map((a) => Type.Literal(a)),
            ),
            items: Type.Array(
              Type.Object({ id: ProjectId, period: Month }, { additionalProperties: false }),
              { minItems: 1, maxItems: 500 },
            ),
            reason: Type.Optional(Reason),
          },
          { additionalProperties: false },
        ),
        response: answers({ 200: Type.Object({ action: Type.String(), count: Type.Integer() }) }),
      },
    },
    async (request) => {
      const b = request.body;
      if (b.action === 'return' && !b.reason?.trim())
        throw new HttpError(
          'VALIDATION',
          '退回须填写原因:reason 不能为空 (a return needs a reason)',
          {
            field: 'reason',
          },
        );
      const count = await reviewProjects(await context(request), {
        action: b.action as 'submit',
        items: b.items,
        reason: b.reason,
        at: new Date().toISOString(),
      });
      return { action: b.action, count };
    },
  );
};
