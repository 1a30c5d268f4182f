import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { planSummary, planWithReadings, readPlan, validatePlan } from '../../core/plans/index.js';
import { settingsProblems } from '../../core/settings/index.js';
import { findPlan } from '../../io/plans.js';
import { savePlan } from '../../store/plans.js';
import { HttpError } from '../errors.js';
import { answers, isPlainText, Open, PlanBody, PlanId } from '../schemas.js';
import { bodyCheckedElsewhere } from '../validation.js';

const PlanSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  issuer: Type.String(),
  issued: Type.String(),
  period: Type.Object({ start: Type.Integer(), end: Type.Integer() }),
  targets: Type.Integer(),
  tasks: Type.Integer(),
});

/** The first text in a JSON value holding NUL or a bidirectional control, by its path. */
function badText(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return isPlainText(value) ? undefined : path || '(根)';
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const bad = badText(v, path ? `${path}.${k}` : k);
      if (bad) return bad;
    }
  }
  return undefined;
}

export const planRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/plans',
    {
      schema: {
        tags: ['plans'],
        summary: '计划列表',
        response: answers({ 200: Type.Array(PlanSummary) }),
      },
    },
    async () => {
      const { plans } = await app.reference();
      return plans.map(planSummary);
    },
  );

  app.get(
    '/plans/:id',
    {
      schema: {
        tags: ['plans'],
        summary: '计划详情,含每项目标的解读',
        params: Type.Object({ id: PlanId }),
        response: answers({
          200: Open(
            { id: Type.String(), title: Type.String(), targets: Type.Array(Open({})) },
            '计划及每项目标的解读 (plan with readings)',
          ),
        }),
      },
    },
    async (request) => {
      const { plans, indicators } = await app.reference();
      return planWithReadings(findPlan(plans, request.params.id), indicators);
    },
  );

  app.put(
    '/plans/:id',
    {
      config: { access: ['province'] },
      // The body is validated by the plan's zod schema below; the JSON Schema only documents it.
      validatorCompiler: bodyCheckedElsewhere,
      schema: {
        tags: ['plans'],
        summary: '新建或更新计划(计划文件 JSON),返回每项目标的解读或校验错误',
        params: Type.Object({ id: PlanId }),
        body: PlanBody,
        response: answers({
          200: Type.Object({
            id: Type.String(),
            targets: Type.Array(
              Type.Object({
                indicator: Type.String(),
                phrase: Type.String(),
                reading: Type.String(),
              }),
            ),
          }),
        }),
      },
    },
    async (request) => {
      const id = request.params.id;
      const bad = badText(request.body, '');
      if (bad)
        throw new HttpError('VALIDATION', `计划中「${bad}」含有控制字符 (NUL or bidi control)`, {
          field: bad,
        });
      const plan = validatePlan(request.body, `plan ${id}`);
      if (plan.id !== id)
        throw new HttpError('VALIDATION', `计划编号「${plan.id}」与地址中的「${id}」不一致`);
      const { indicators } = await app.reference();
      const read = readPlan(plan, indicators);
      const { prepared } = read;
      const problems = [
        ...read.problems,
        ...(read.problems.length ? [] : settingsProblems(prepared)),
      ];
      if (problems.length > 0) {
        throw new HttpError('VALIDATION', `计划中有 ${problems.length} 处无法解读`, { problems });
      }
      await savePlan(app.store, plan, { builtin: false, at: new Date().toISOString() });
      app.invalidateReference();
      return {
        id: plan.id,
        targets: prepared.targets.map((t) => ({
          indicator: t.indicator,
          phrase: t.phrase,
          reading: t.reading,
        })),
      };
    },
  );
};
