import { Type, type TSchema } from '@sinclair/typebox';
import { z } from 'zod';
import { PERIOD_PATTERN } from '../core/periods/index.js';
import { planSchema } from '../core/plans/schema.js';

/** Request fields shared by the routes: the OpenAPI document shows the same shape everywhere. */

/** No NUL and no bidirectional controls (which can make text read other than it is stored). */
const PLAIN_TEXT = '^[^\\u0000\\u200E\\u200F\\u061C\\u202A-\\u202E\\u2066-\\u2069]*$';

/** Every free text field (reasons, names, titles, user names) goes through this one helper. */
export const Text = (opts: { minLength?: number; maxLength: number; description?: string }) =>
  Type.String({ ...opts, pattern: PLAIN_TEXT });

export const Code = Type.String({ pattern: '^\\d{6}$' });
/** A year (1949–2100), a quarter of it or a month of it: core/periods' own rule. */
export const PeriodText = Type.String({ pattern: PERIOD_PATTERN });
export const Indicator = Type.String({ pattern: '^[a-z][a-z0-9_]*$' });
/** A stored value's indicator: a code, or a quota (`code.quota`) or judgement (`code.judgement`) of one. */
export const ValueIndicator = Type.String({ pattern: '^[a-z][a-z0-9_]*(\\.(quota|judgement))?$' });
export const StatusText = Type.Union(
  ['draft', 'submitted', 'reviewed', 'approved', 'returned'].map((s) => Type.Literal(s)),
);
export const PlanId = Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' });
/**
 * Which counties a report over a plan covers (services/reports `CountyChoice`): the plan's own,
 * or every county of the register with data, the plan's county table applied to them too. The
 * answer's `scope` says which, and how many counties the other choice adds.
 */
export const Counties = Type.Optional(
  Type.Union([Type.Literal('plan'), Type.Literal('all')], {
    description: '县的范围:plan 本计划的县(默认);all 库中有数据的全部县,按本计划的县级目标评价',
  }),
);
export const CountyScopeAnswer = Type.Object(
  {
    counties: Type.Union([Type.Literal('plan'), Type.Literal('all')]),
    plan: Type.Integer({ description: '本计划的县数' }),
    others: Type.Integer({
      description: 'counties=all 另外加入的县数(本计划以外、库中有数据的县)',
    }),
  },
  { description: '本答复覆盖的县的范围 (county scope)' },
);
/** A reported value: a finite number, or null (withdrawn, which needs a reason). */
export const ValueField = Type.Union([Type.Number(), Type.Null()]);
export const Reason = Text({ maxLength: 500 });

/** Every error answer: a stable code, a message (Chinese first) and details naming the place. */
export const ErrorBody = Type.Object(
  {
    code: Type.String(),
    message: Type.String(),
    details: Type.Record(Type.String(), Type.Unknown()),
  },
  { description: '错误 (error)' },
);

/** The answers a route documents: its own success answers and the shared error body. */
export function answers<T extends Record<number, TSchema>>(ok: T) {
  return {
    ...ok,
    400: ErrorBody,
    401: ErrorBody,
    403: ErrorBody,
    404: ErrorBody,
    409: ErrorBody,
    429: ErrorBody,
  };
}

/** An answer documented by its main fields; further fields are passed through as computed. */
export const Open = <T extends Record<string, TSchema>>(props: T, description?: string) =>
  Type.Object(props, { additionalProperties: true, ...(description ? { description } : {}) });

/** The same rules for text that arrives outside a JSON body (multipart fields). */
export const isPlainText = (s: string): boolean => new RegExp(PLAIN_TEXT, 'u').test(s);

/**
 * The plan file format as the OpenAPI document shows it, converted from the zod schema that
 * validates it (zod stays the validator, with its messages): one definition of a plan. Its
 * shared parts (the recursive rule conditions) become named component schemas.
 */
const planJson = z.toJSONSchema(planSchema, {
  target: 'openapi-3.0',
  io: 'input',
  unrepresentable: 'any',
}) as { definitions?: Record<string, unknown> } & Record<string, unknown>;
const { definitions = {}, ...planRoot } = planJson;
const named = (id: string) => `Plan${id.replace(/^_+/, '_')}`;
const relinked = (x: unknown): unknown =>
  JSON.parse(
    JSON.stringify(x).replace(/"#\/definitions\/([^"]+)"/g, (_, id: string) =>
      JSON.stringify(`#/components/schemas/${named(id)}`),
    ),
  );
export const PlanBody = Type.Unsafe<unknown>(relinked(planRoot) as object);
export const PLAN_COMPONENTS = Object.fromEntries(
  Object.entries(definitions).map(([id, s]) => [named(id), relinked(s)]),
) as Record<string, object>;
