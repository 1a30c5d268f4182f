import { AjvCompiler } from '@fastify/ajv-compiler';
import type { FastifySchemaCompiler } from 'fastify';

/**
 * Request validation, one Ajv per kind of input. A JSON body is taken as sent: nothing is
 * coerced, so `"0x10"`, `" 7 "`, `true` or `[3.5]` are refused where a number is expected.
 * A querystring or path parameter is text by nature: a plain decimal number in it is read as a
 * number, nothing else is.
 */
const build = AjvCompiler();
const options = { removeAdditional: false, allErrors: true } as const;
const strict = build(
  {},
  { customOptions: { ...options, coerceTypes: false } },
) as unknown as Compile;
const lenient = build(
  {},
  { customOptions: { ...options, coerceTypes: true } },
) as unknown as Compile;

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

interface Schema {
  type?: unknown;
  properties?: Record<string, Schema>;
}

/** Names of the fields that a querystring or params schema reads as numbers. */
function numericFields(schema: Schema): string[] {
  return Object.entries(schema.properties ?? {})
    .filter(([, s]) => s.type === 'number' || s.type === 'integer')
    .map(([k]) => k);
}

type Check = ((data: unknown) => boolean) & { errors?: unknown };
type Compile = (route: Parameters<FastifySchemaCompiler<unknown>>[0]) => Check;
const asCompiler = (f: Compile) => f as FastifySchemaCompiler<unknown>;

export const validatorCompiler = asCompiler((route) => {
  if (route.httpPart === 'body') return strict(route);
  const check = lenient(route);
  const numeric = numericFields(route.schema as Schema);
  if (numeric.length === 0) return check;
  const wrapped: Check = (data) => {
    const input = data as Record<string, unknown> | null;
    const bad = numeric.find(
      (k) => typeof input?.[k] === 'string' && !PLAIN_NUMBER.test(input[k] as string),
    );
    if (bad) {
      wrapped.errors = [
        { instancePath: `/${bad}`, message: '必须是十进制数 (must be a plain decimal number)' },
      ];
      return false;
    }
    const ok = check(data);
    wrapped.errors = check.errors;
    return ok;
  };
  return wrapped;
});

/** For a body another validator checks (the plan, with zod): documented, not compiled. */
export const bodyCheckedElsewhere: FastifySchemaCompiler<unknown> = (route) =>
  route.httpPart === 'body' ? () => true : validatorCompiler(route);
