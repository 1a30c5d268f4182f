import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MAX_NOTE } from '../../core/judgements/index.js';
import { judge } from '../../services/judgements.js';
import { actorOf } from '../scope.js';
import { answers, Code, Indicator, PeriodText, PlanId, Text } from '../schemas.js';

const Str = Type.Union([Type.String(), Type.Null()]);

const JudgementAnswer = Type.Object(
  {
    plan: Type.String(),
    region: Type.String(),
    regionName: Type.String(),
    indicator: Type.String(),
    name: Type.String({ description: '目标的指标名称(如计划表所印)' }),
    period: Type.String(),
    status: Type.String({ description: 'met | nearly_met | not_met' }),
    statusLabel: Type.String({ description: '完成 / 基本完成 / 未完成' }),
    note: Type.String(),
    evidence: Str,
    revision: Type.Integer({ description: '该评定的版本号(第1版起,每次改评加1)' }),
    actor: Type.String(),
    at: Type.String(),
  },
  { description: '已记录的人工评定' },
);

/** Recording the status of a target its department judges (人工评定, `judgement: manual`). */
export const judgementRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/judgements',
    {
      config: { access: ['province', 'department'] },
      schema: {
        tags: ['evaluation'],
        summary:
          '人工评定:责任部门(目标的 departments 之一)或省级管理员为某区划某期别记录人工评定目标的完成情况(完成/基本完成/未完成),须填写说明 note,可附佐证 evidence(文号、链接或文件名);每次评定为该值的新版本,保留全部历史,可在 /review/history?indicator=<指标>.judgement 查看',
        body: Type.Object(
          {
            plan: PlanId,
            indicator: Indicator,
            region: Code,
            period: PeriodText,
            status: Type.Union(['met', 'nearly_met', 'not_met'].map((s) => Type.Literal(s))),
            note: Type.Optional(
              Text({ maxLength: MAX_NOTE, description: '评定说明(必填,不能为空)' }),
            ),
            evidence: Type.Optional(
              Text({ maxLength: MAX_NOTE, description: '佐证材料:文号、链接或文件名' }),
            ),
            expectedRevision: Type.Optional(Type.Integer({ minimum: 0 })),
          },
          { additionalProperties: false },
        ),
        response: answers({ 200: JudgementAnswer }),
      },
    },
    async (request) => {
      const ref = await app.reference();
      return judge({ store: app.store, ...ref }, actorOf(request), {
        ...request.body,
        at: new Date().toISOString(),
      });
    },
  );
};
