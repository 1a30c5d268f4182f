import { z } from 'zod';
import { WARNING_RULE_TYPES } from './rule-types.js';

/**
 * Warning rules (预警规则) as data: a plan's `settings.warnings`, or the default set
 * (defaults.ts). docs/warnings.md describes the grammar. This file imports nothing of the plan
 * schema (which imports it), so its small patterns are its own.
 */

const code = z.string().regex(/^[a-z][a-z0-9_]*$/, '应为指标代码 (snake_case),如 gdp_growth');
const ruleId = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*$/, '规则编号应为小写字母、数字、_ 或 -,如 target_not_met');
/** A required list, with a message that says what is wrong in Chinese. */
const list = <T extends z.ZodType>(item: T, name: string) =>
  z.array(item, {
    error: (iss) => (iss.input === undefined ? `缺少必填字段 ${name}` : `${name} 应为列表`),
  });
const indicators = list(code, 'indicators').min(1, '至少列出一个指标');
/** Targets by their 属性: binding (约束性), expected (预期性), or none printed. */
const attributes = list(
  z.enum(['binding', 'expected', 'none'], {
    error: '属性应为 binding(约束性)、expected(预期性) 或 none(未标属性)',
  }),
  'attributes',
).min(1, '至少列出一个属性');

const common = {
  /** Stable id named in every warning; defaults to the type (numbered when a type repeats). */
  id: ruleId.optional(),
  /** A Chinese name for people (落后序时进度); defaults to the type's name. */
  name: z.string().min(1).optional(),
  level: z.enum(['red', 'yellow'], { error: '等级 level 应为 red 或 yellow' }),
};

const strict = <T extends z.ZodRawShape>(shape: T) =>
  z.strictObject(shape, {
    error: (iss) =>
      iss.code === 'unrecognized_keys' ? `未知字段「${iss.keys.join('、')}」` : undefined,
  });

/** A target of the plan judged 未完成 / 基本完成 / 无数据 (the status of `evaluate`). */
const targetRule = strict({
  ...common,
  type: z.literal('target'),
  status: list(
    z.enum(['not_met', 'nearly_met', 'no_data'], {
      error: '状态应为 not_met、nearly_met 或 no_data',
    }),
    'status',
  ).min(1, '至少列出一个状态'),
  indicators: indicators.optional(),
  attributes: attributes.optional(),
});

/** A year-to-date level below the annual target times the elapsed share of the year. */
const behindPaceRule = strict({
  ...common,
  type: z.literal('behind_pace'),
  /** Slack as a share of the expected value: 0.05 fires below 95% of it. Default 0. */
  margin: z.number().min(0).max(1).optional(),
  indicators: indicators.optional(),
  attributes: attributes.optional(),
});

/** A growth-rate indicator below zero. */
const negativeGrowthRule = strict({
  ...common,
  type: z.literal('negative_growth'),
  indicators: indicators.optional(),
});

/** Worse than the mean of the plan's counties (or of the county's category) on an indicator. */
const belowAverageRule = strict({
  ...common,
  type: z.literal('below_average'),
  indicators,
  against: z
    .enum(['province', 'category'], { error: 'against 应为 province 或 category' })
    .optional(),
});

/** A value the county owes for the period still missing after the due date. */
const missingAfterDueRule = strict({
  ...common,
  type: z.literal('missing_after_due'),
  indicators: indicators.optional(),
});

/** Hooks for the project and task ledgers: parameters are the evaluator's business. */
const projectRule = z.looseObject({ ...common, type: z.literal('project_behind_milestone') });
const taskRule = z.looseObject({ ...common, type: z.literal('task_overdue') });

export const warningRuleSchema = z.discriminatedUnion(
  'type',
  [
    targetRule,
    behindPaceRule,
    negativeGrowthRule,
    belowAverageRule,
    missingAfterDueRule,
    projectRule,
    taskRule,
  ],
  {
    error: (iss) =>
      iss.code === 'invalid_union'
        ? `未知的规则类型 type「${String((iss.input as { type?: unknown } | undefined)?.type ?? '')}」,应为 ${WARNING_RULE_TYPES.join('、')}`
        : undefined,
  },
);

export const warningRulesSchema = z
  .array(warningRuleSchema, { error: '预警规则 warnings 应为规则列表' })
  .superRefine((rules, ctx) => {
    const seen = new Map<string, number>();
    rules.forEach((r, i) => {
      if (r.id === undefined) return;
      const first = seen.get(r.id);
      if (first !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: [i, 'id'],
          message: `规则编号「${r.id}」与第${first + 1}条规则重复`,
        });
      else seen.set(r.id, i);
    });
  });

export type WarningRule = z.infer<typeof warningRuleSchema>;
export type WarningRuleType = WarningRule['type'];
export type WarningLevel = WarningRule['level'];
