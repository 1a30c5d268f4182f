import { Type, type TSchema } from '@sinclair/typebox';

/** Request fields shared by the routes: the OpenAPI document shows the same shape everywhere. */

/** No NUL and no bidirectional controls (which can make text read other than it is stored). */
const PLAIN_TEXT = '^[^\\u0000\\u200E\\u200F\\u061C\\u202A-\\u202E\\u2066-\\u2069]*$';

/** Every free text field (reasons, names, titles, user names) goes through this one helper. */
export const Text = (opts: { minLength?: number; maxLength: number; description?: string }) =>
  Type.String({ ...opts, pattern: PLAIN_TEXT });

export const Code = Type.String({ pattern: '^\\d{6}$' });
/** A year (1949–2100), a quarter of it or a month of it. */
const PERIOD = '^(19(49|[5-9]\\d)|20\\d\\d|2100)(Q[1-4]|-(0[1-9]|1[0-2]))?$';
export const PeriodText = Type.String({ pattern: PERIOD });
export const Indicator = Type.String({ pattern: '^[a-z][a-z0-9_]*$' });
export const StatusText = Type.Union(
  ['draft', 'submitted', 'reviewed', 'approved', 'returned'].map((s) => Type.Literal(s)),
);
export const PlanId = Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' });
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
export const isPeriodText = (s: string): boolean => new RegExp(PERIOD, 'u').test(s);
