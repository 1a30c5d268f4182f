import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { templateFor } from '../../services/reports.js';
import { HttpError, sendRaw } from '../errors.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
import { actorOf } from '../scope.js';
import { answers, Code, PeriodText, PlanId } from '../schemas.js';

export const templateRoutes: FastifyPluginAsyncTypebox = async (app) => {
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
          plan: Type.Optional(PlanId),
        }),
        produces: [XLSX],
        response: answers({
          200: Type.String({ format: 'binary', description: 'Excel 工作簿 (.xlsx)' }),
        }),
      },
    },
    async (request, reply) => {
      const q = request.query;
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
      void reply.header('content-disposition', `attachment; filename*=UTF-8''${name}`);
      return sendRaw(reply, XLSX, t.buffer);
    },
  );
};
