import { Type } from '@sinclair/typebox';
import { settingsProblems } from '../../core/settings/index.js';
import type { FastifyInstance } from 'fastify';
import { planSummary, planWithReadings, readPlan, validatePlan } from '../../core/plans/index.js';
import { findPlan } from '../../io/plans.js';
import { Code, PlanId } from '../schemas.js';
import { savePlan } from '../../store/plans.js';
import { HttpError } from '../errors.js';

const Any = Type.Any();

export async function planRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/regions',
    {
      schema: {
        tags: ['regions'],
        summary: '区划名录',
        querystring: Type.Object({
          parent: Type.Optional(Code),
          kind: Type.Optional(Type.String()),
          level: Type.Optional(
            Type.Union([
              Type.Literal('province'),
              Type.Literal('prefecture'),
              Type.Literal('county'),
            ]),
          ),
        }),
      },
    },
    async (request) => {
      const q = request.query as { parent?: string; kind?: string; level?: string };
      const { register } = await app.reference();
      return [...register.regions.values()]
        .filter(
          (r) =>
            (q.parent === undefined || r.parent === q.parent) &&
            (q.kind === undefined || r.kind === q.kind) &&
            (q.level === undefined || r.level === q.level),
        )
        .sort((a, b) => a.code.localeCompare(b.code));
    },
  );

  app.get('/plans', { schema: { tags: ['plans'], summary: '计划列表' } }, async () => {
    const { plans } = await app.reference();
    return plans.map(planSummary);
  });

  app.get(
    '/plans/:id',
    {
      schema: {
        tags: ['plans'],
        summary: '计划详情,含每项目标的解读',
        params: Type.Object({ id: PlanId }),
      },
    },
    async (request) => {
      const { plans, indicators } = await app.reference();
      const plan = findPlan(plans, (request.params as { id: string }).id);
      return planWithReadings(plan, indicators);
    },
  );

  app.put(
    '/plans/:id',
    {
      config: { access: ['province'] },
      schema: {
        tags: ['plans'],
        summary: '新建或更新计划(计划文件 JSON),返回每项目标的解读或校验错误',
        params: Type.Object({ id: PlanId }),
        body: Any,
      },
    },
    async (request) => {
      const id = (request.params as { id: string }).id;
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
}
