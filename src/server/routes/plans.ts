import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import {
  checkIndicatorConflicts,
  planSummary,
  planWithReadings,
  readPlan,
  validatePlan,
  type Plan,
  type PreparedPlan,
} from '../../core/plans/index.js';
import { settingsProblems } from '../../core/settings/index.js';
import { findPlan } from '../../io/plans.js';
import { planAuditSummary, previewPlan, readPlanTable, ruleText } from '../../services/plans.js';
import { planFlags, savePlan } from '../../store/plans.js';
import { HttpError } from '../errors.js';
import { actorOf } from '../scope.js';
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
  builtin: Type.Boolean({ description: '随程序提供的内置计划' }),
  updatedAt: Type.Union([Type.String(), Type.Null()], { description: '最近保存时间' }),
});

/** The longest table text read at once: a plan's 附件 tables are a few thousand characters. */
const TABLE_TEXT_MAX = 100_000;

const ReadTableBody = Type.Object(
  {
    text: Type.String({
      minLength: 1,
      maxLength: TABLE_TEXT_MAX,
      description: '从文件中复制的指标表(制表符分隔,一行一行)',
    }),
    scope: Type.Union([Type.Literal('province'), Type.Literal('county')], {
      description: 'province 附件1(全省);county 附件2(各县)',
    }),
    year: Type.Optional(
      Type.Integer({ minimum: 1949, maximum: 2100, description: '表头未写年份时的目标年份' }),
    ),
    plan: Type.Optional(PlanId),
    manual: Type.Optional(
      Type.Array(Type.Integer({ minimum: 1 }), {
        maxItems: 1000,
        description:
          '由责任部门人工评定的行号:这些行中无法计算、不含数字的目标表述标为 judgement: manual',
      }),
    ),
  },
  { additionalProperties: false },
);

const ReadTarget = Open(
  {
    line: Type.Integer(),
    indicator: Type.String(),
    phrase: Type.String(),
    reading: Type.Union([Type.String(), Type.Null()]),
  },
  '读出的目标及其解读 (a target read from the table)',
);
const TableProblem = Type.Object({
  line: Type.Integer(),
  text: Type.String(),
  reason: Type.String(),
});

const Side = Type.Union([
  Type.Object({ phrase: Type.String(), reading: Type.String(), status: Type.String() }),
  Type.Null(),
]);
const Summary = Type.Union([Type.Record(Type.String(), Type.Integer()), Type.Null()]);
const PlanPreview = Type.Object({
  plan: Type.String(),
  replaces: Type.Boolean(),
  period: Type.Union([Type.String(), Type.Null()]),
  periodLabel: Type.Union([Type.String(), Type.Null()]),
  dependsOnData: Type.Boolean(),
  before: Summary,
  after: Summary,
  counts: Type.Object({
    changed: Type.Integer(),
    statusChanged: Type.Integer(),
    added: Type.Integer(),
    removed: Type.Integer(),
    unchanged: Type.Integer(),
  }),
  changes: Type.Array(
    Type.Object({
      region: Type.String(),
      regionName: Type.String(),
      indicator: Type.String(),
      name: Type.String(),
      scope: Type.String(),
      year: Type.Integer(),
      before: Side,
      after: Side,
    }),
  ),
  total: Type.Integer(),
});

/** The most changes a preview lists (the counts cover all). */
const PREVIEW_LIMIT = 200;

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
      const flags = await planFlags(app.store);
      return plans.map((p) => ({
        ...planSummary(p),
        builtin: flags.get(p.id)?.builtin ?? false,
        updatedAt: flags.get(p.id)?.updatedAt ?? null,
      }));
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
      const plan = planWithReadings(findPlan(plans, request.params.id), indicators);
      const all = [...indicators, ...(plan.indicators ?? [])];
      const lookup = (code: string) => all.find((d) => d.code === code);
      const flags = (await planFlags(app.store)).get(plan.id);
      return {
        ...plan,
        builtin: flags?.builtin ?? false,
        updatedAt: flags?.updatedAt ?? null,
        categories: plan.categories.map((c) => ({ ...c, reading: ruleText(c.rule, lookup) })),
      };
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
            saved: Type.Boolean({ description: 'false: 与已存的计划相同,未写入' }),
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
      const { plan, prepared } = await checkedPlan(app, request.body, request.params.id);
      const saved = await savePlan(app.store, plan, {
        builtin: false,
        at: new Date().toISOString(),
        audit: { actor: actorOf(request).name, summary: planAuditSummary },
      });
      app.invalidateReference();
      return {
        id: plan.id,
        saved,
        targets: prepared.targets.map((t) => ({
          indicator: t.indicator,
          phrase: t.phrase,
          reading: t.reading,
        })),
      };
    },
  );

  app.post(
    '/plans/read-table',
    {
      config: { access: ['province'] },
      schema: {
        tags: ['plans'],
        summary:
          '读取从计划文件粘贴的指标表(附件1 全省 / 附件2 各县):每项目标及其解读,无法读取的行及原因;不保存',
        body: ReadTableBody,
        response: answers({
          200: Type.Object({
            targets: Type.Array(ReadTarget),
            problems: Type.Array(TableProblem),
            lines: Type.Array(
              Type.Object({
                line: Type.Integer(),
                text: Type.String(),
                targets: Type.Array(ReadTarget),
                reasons: Type.Array(Type.String()),
              }),
            ),
          }),
        }),
      },
    },
    async (request) => {
      const b = request.body;
      if (!isPlainText(b.text))
        throw new HttpError('VALIDATION', '粘贴的表格含有控制字符 (NUL or bidi control)', {
          field: 'text',
        });
      const { plans, indicators } = await app.reference();
      const base = b.plan === undefined ? undefined : plans.find((p) => p.id === b.plan);
      return readPlanTable(b.text, {
        scope: b.scope,
        indicators,
        ...(b.year === undefined ? {} : { year: b.year }),
        ...(base ? { base } : {}),
        ...(b.manual === undefined ? {} : { manual: b.manual }),
      });
    },
  );

  app.post(
    '/plans/:id/preview',
    {
      config: { access: ['province'] },
      validatorCompiler: bodyCheckedElsewhere,
      schema: {
        tags: ['plans'],
        summary:
          '保存前预览:以数据最新的期别分别按现行计划与新计划评价,返回状态或目标有变化的(县, 指标)及计数;不保存',
        params: Type.Object({ id: PlanId }),
        body: PlanBody,
        response: answers({ 200: PlanPreview }),
      },
    },
    async (request) => {
      const { plan } = await checkedPlan(app, request.body, request.params.id);
      return previewPlan({ store: app.store, ...(await app.reference()) }, plan, PREVIEW_LIMIT);
    },
  );
};

/**
 * A plan body as PUT and preview take it: plain text, valid, its id the address's, every phrase
 * read and the settings sound. Anything else is a VALIDATION error naming where and why.
 */
async function checkedPlan(
  app: FastifyInstance,
  body: unknown,
  id: string,
): Promise<{ plan: Plan; prepared: PreparedPlan }> {
  const bad = badText(body, '');
  if (bad)
    throw new HttpError('VALIDATION', `计划中「${bad}」含有控制字符 (NUL or bidi control)`, {
      field: bad,
    });
  const plan = validatePlan(body, `plan ${id}`);
  if (plan.id !== id)
    throw new HttpError('VALIDATION', `计划编号「${plan.id}」与地址中的「${id}」不一致`);
  const { indicators, plans } = await app.reference();
  // Its own indicators may not redefine a code another stored plan defines.
  checkIndicatorConflicts([...plans.filter((p) => p.id !== plan.id), plan]);
  const read = readPlan(plan, indicators);
  const { prepared } = read;
  const problems = [...read.problems, ...(read.problems.length ? [] : settingsProblems(prepared))];
  if (problems.length > 0) {
    throw new HttpError('VALIDATION', `计划中有 ${problems.length} 处无法解读`, { problems });
  }
  return { plan, prepared };
}
