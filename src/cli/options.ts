import { LeitaiError } from '../core/errors/index.js';
import { parseNumber } from '../io/observations.js';

// Kept apart from context.ts (which loads plans, and with them zod) so that a command's option
// definitions cost nothing until it runs.

/** A number given on the command line, named in the error when it is not one. */
export function numberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = parseNumber(value);
  if (n === undefined || n === null) {
    throw new LeitaiError('INPUT_INVALID', `${name}「${value}」不是数值`, {
      column: name,
      value,
      reason: 'not a number',
    });
  }
  return n;
}

/** Accumulates a repeatable option. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
