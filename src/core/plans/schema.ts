import { z } from 'zod';
import { LeitaiError } from '../errors/index.js';
import { PERIOD_MAX_YEAR, PERIOD_MIN_YEAR, isPeriod } from '../periods/index.js';
import { incentiveSchema, rankingSchema } from '../ranking/schema.js';
import { warningRulesSchema } from '../warnings/schema.js';

/**
 * The plan file format (docs/plan-format.md). A plan is data: a new plan of the same family is a
 * new file, not new code. Every field a document prints is kept as printed beside its reading.
 */

const code = z.string().regex(/^[a-z][a-z0-9_]*$/, 'snake_case code');
const regionCode = z.string().regex(/^\d{6}$/, '6-digit region code');
/** A year a plan may name: the same range as every period (core/periods). */
const outOfRange = (iss: { input?: unknown }) =>
  `年份 ${String(iss.input)} 超出范围:应在 ${PERIOD_MIN_YEAR}–${PERIOD_MAX_YEAR} 年之间`;
const year = z
  .number()
  .int()
  .min(PERIOD_MIN_YEAR, { error: outOfRange })
  .max(PERIOD_MAX_YEAR, { error: outOfRange });
const period = z.string().refine(isPeriod, {
  error: (iss) =>
    `期别「${String(iss.input)}」应为 2025、2026Q3 或 2026-09,年份在 ${PERIOD_MIN_YEAR}–${PERIOD_MAX_YEAR} 之间`,
});

/** How a county value meets an aggregate's threshold (default `>`). */
const compareOp = z.enum(['>', '>=', '<', '<=']).optional();

export const indicatorSchema = z.object({
  code,
  name: z.string().min(1),
  nameEn: z.string().min(1),
  unit: z.string().min(1),
  kind: z.enum(['level', 'growth', 'share', 'count', 'change_pp']),
  direction: z.enum(['higher', 'lower']),
  frequency: z.enum(['monthly', 'quarterly', 'yearly']),
  ytd: z.boolean(),
  aggregate: z.discriminatedUnion('method', [
    z.object({ method: z.literal('sum') }),
    z.object({ method: z.literal('count_over'), of: code, threshold: z.number(), op: compareOp }),
    z.object({ method: z.literal('share_over'), of: code, threshold: z.number(), op: compareOp }),
    z.object({
      method: z.literal('ratio'),
      numerator: code,
      denominator: code,
      scale: z.number().positive(),
    }),
    z.object({ method: z.literal('reported') }),
  ]),
  aliases: z.array(z.string()).optional(),
  range: z.tuple([z.number(), z.number()]).optional(),
  departments: z.array(z.string()).optional(),
  /** Set by `plan import-table` on a plan-local indicator whose kind and direction it guessed. */
  guessed: z.boolean().optional(),
});

/** Who a target applies to. */
export const scopeSchema = z.union([
  z.literal('province'),
  z.literal('all'),
  z.object({ category: code }),
  z.object({ region: regionCode }),
]);

export const targetSchema = z.object({
  /** Which printed table the row comes from: 附件1 (province) or 附件2 (county). */
  table: z.enum(['province', 'county']),
  /** 序号 as printed. */
  no: z.number().int().optional(),
  indicator: code,
  /** 主要指标 as printed, without the unit in brackets. */
  name: z.string().min(1),
  /** The unit printed in the row's brackets (may differ from the indicator's: 个百分点 for a change). */
  unit: z.string().min(1),
  section: z.string().optional(),
  scope: scopeSchema,
  /** The year the target is judged at (a 2030 target in a 2026 plan is judged at 2030). */
  year,
  /** The target phrase exactly as printed ("5以上", "高于全省县域GDP增速", "—"). */
  phrase: z.string(),
  /** The whole printed sentence, when the phrase was cut from one (个性化指标). */
  printed: z.string().optional(),
  /** The 完成 column: a published province-level result. */
  baseline: z
    .object({ year, value: z.number().nullable(), printed: z.string() })
    .optional(),
  attribute: z.enum(['binding', 'expected']).optional(),
  departments: z.array(z.string()),
  /**
   * `manual`: the phrase has no number (达到上级要求); the responsible department records the
   * status with a note (人工评定), and the phrase is not parsed.
   */
  judgement: z.enum(['manual']).optional(),
  /** What a relative target (高于全省平均, 与同期GDP增速同步) compares with, when the words are ambiguous. */
  ref: z
    .object({
      indicator: code.optional(),
      scope: z.enum(['province', 'prefecture', 'self', 'plan']),
      stat: z.enum(['value', 'mean']).optional(),
    })
    .optional(),
});

/**
 * A category rule: data + region attributes decide membership. `otherwise` (the whole rule of
 * the last category only) takes every county in no earlier category.
 */
export type CategoryRule =
  | { indicator: string; period: string; op: '>' | '>=' | '<' | '<=' | '='; value: number }
  | { attribute: string }
  | { any: CategoryRule[] }
  | { all: CategoryRule[] }
  | { otherwise: true };

export const categoryRuleSchema: z.ZodType<CategoryRule> = z.lazy(() =>
  z.union([
    z.object({
      indicator: code,
      period,
      op: z.enum(['>', '>=', '<', '<=', '=']),
      value: z.number(),
    }),
    z.object({ attribute: code }),
    z.object({ any: z.array(categoryRuleSchema).min(1) }),
    z.object({ all: z.array(categoryRuleSchema).min(1) }),
    z.object({ otherwise: z.literal(true) }),
  ]),
);

export const categorySchema = z.object({
  code,
  name: z.string().min(1),
  nameEn: z.string().min(1),
  /** The rule as printed in the plan's note. */
  printed: z.string(),
  rule: categoryRuleSchema,
});

/** How a deadline was printed and what it means: a month, a recurrence, or all year. */
export const deadlineSchema = z.object({
  printed: z.string(),
  kind: z.enum(['date', 'recurring', 'continuous', 'none']),
  /** For `date`: YYYY-MM or YYYY-MM-DD. */
  date: z.string().optional(),
  /** For `recurring`: times per year, and the month when the text names one (每年2月). */
  perYear: z.number().int().positive().optional(),
  month: z.number().int().min(1).max(12).optional(),
});

export const taskSchema = z.object({
  no: z.number().int().positive(),
  group: z.string().optional(),
  title: z.string().min(1),
  text: z.string().optional(),
  lead: z.array(z.string()),
  cooperating: z.array(z.string()),
  deadline: deadlineSchema.optional(),
  /** Quantitative sub-goals as printed (新增新能源装机容量500万千瓦). */
  goals: z.array(z.object({ printed: z.string() })).optional(),
});

/** 县域: the county scope a plan has when it names none. */
export const DEFAULT_COUNTY_KINDS = ['县', '自治县', '县级市'];

const planObject = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case id such as hlj-2026'),
  title: z.string().min(1),
  titleEn: z.string().optional(),
  issuer: z.string().min(1),
  issued: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/),
  period: z
    .object({ start: year, end: year })
    .refine((p) => p.end >= p.start, 'end before start'),
  source: z.string().min(1),
  /** The province a plan is for; a plan of any other region names `region` instead. */
  province: regionCode.optional(),
  /** The region a plan is for: a province, city, district or county (6-digit code). */
  region: regionCode.optional(),
  /** Which regions the county table covers: kinds of the register, plus or minus named units. */
  countyScope: z
    .object({
      kinds: z.array(z.string()).min(1),
      include: z.array(regionCode).optional(),
      exclude: z.array(regionCode).optional(),
    })
    .default({ kinds: DEFAULT_COUNTY_KINDS }),
  settings: z
    .object({
      /** Tolerance for 左右 / 同步: absolute for % and 个百分点, relative otherwise. */
      tolerance: z
        .object({ percent: z.number().nonnegative(), relative: z.number().nonnegative() })
        .optional(),
      /** Monthly data is due on this day of the following month. */
      dueDay: z.number().int().min(1).max(28).optional(),
      /** Who signs the bulletin (月通报); default 「<省名>县域经济发展工作专班」. */
      bulletinIssuer: z.string().min(1).max(60).optional(),
      /** The 擂台赛 method and the incentive rule (docs/ranking.md). */
      ranking: rankingSchema.optional(),
      incentives: incentiveSchema.optional(),
      /**
       * Categories are mutually exclusive, in plan order: a county is in the first category whose
       * rule it meets ("not in an earlier category"). Default false: a county may be in several.
       */
      exclusiveCategories: z.boolean().optional(),
      /** Warning rules (预警, docs/warnings.md); omit for the default set. */
      warnings: warningRulesSchema.optional(),
    })
    .optional(),
  sections: z.array(z.string()).optional(),
  /**
   * The plan of the year before (hlj-2026 follows hlj-2025): rank changes and 进步县 in January
   * and in annual rankings compare with it. Same indicator and scope match by themselves;
   * `indicators` maps this plan's renamed codes to the old plan's (newCode → oldCode).
   */
  follows: z
    .object({ plan: z.string().min(1), indicators: z.record(code, code).optional() })
    .optional(),
  indicators: z.array(indicatorSchema).optional(),
  targets: z.array(targetSchema),
  categories: z.array(categorySchema),
  tasks: z.array(taskSchema),
  /** Free-form industry plan table (seed 003 附件2): rows of named figures as printed. */
  industries: z
    .object({
      unit: z.string(),
      columns: z.array(z.string()),
      rows: z.array(
        z.object({ no: z.number().int().nullable(), name: z.string(), values: z.array(z.number().nullable()) }),
      ),
    })
    .optional(),
});

/**
 * The plan file format. `province` of the result is the plan's own region (the province, or the
 * `region` a city, district or county plan names), so every reader asks one field.
 */
export const planSchema = planObject
  .refine((p) => p.province !== undefined || p.region !== undefined, {
    message: '应填写 region(规划所属地区代码)或 province',
    path: ['region'],
  })
  .refine((p) => p.province === undefined || p.region === undefined || p.province === p.region, {
    message: 'region 与 province 不一致:只填写其中一个',
    path: ['region'],
  })
  // Spread first so that a plan naming `province` comes back unchanged, key order included.
  .transform((p) => ({ ...p, province: (p.region ?? p.province)! }));

export type IndicatorDef = z.infer<typeof indicatorSchema>;
export type Scope = z.infer<typeof scopeSchema>;
export type PlanTarget = z.infer<typeof targetSchema>;
export type Category = z.infer<typeof categorySchema>;
export type Task = z.infer<typeof taskSchema>;
export type Plan = z.infer<typeof planSchema>;
/** A plan as its file is written (before `region` is read into `province`). */
export type PlanFile = z.input<typeof planSchema>;

/** A plan as its file should be written: a plan naming `region` does not repeat it as `province`. */
export function planFileOf(plan: Plan): PlanFile {
  if (plan.region === undefined) return plan;
  const { province: _province, ...file } = plan;
  return file;
}

/** Validates plan JSON; the error names the file, the path inside it and the reason. */
export function validatePlan(json: unknown, file: string): Plan {
  const parsed = planSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({
    path: i.path.map(String).join('.'),
    reason: i.message,
  }));
  const first = issues[0]!;
  throw new LeitaiError(
    'PLAN_INVALID',
    `${file}: 计划文件无效,${issues.map((i) => `「${i.path || '(根)'}」${i.reason}`).join(';')}`,
    { file, path: first.path, reason: first.reason, issues },
  );
}
