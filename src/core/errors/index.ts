/**
 * Every expected failure carries a stable code that clients branch on (never the message text).
 * `details` says where and why: file, line, column, path, value, reason.
 */
export const ERROR_CODES = {
  TARGET_UNREADABLE: 'a target phrase could not be read',
  PLAN_INVALID: 'a plan file is not valid',
  PLAN_NOT_FOUND: 'no plan with that id',
  PERIOD_INVALID: 'a period is not of the form 2025, 2026Q3 or 2026-09',
  CSV_INVALID: 'an observations or register file has a bad row',
  TABLE_UNREADABLE: 'a pasted plan table could not be read',
  INPUT_INVALID: 'a command-line or API argument is not valid',
  NOT_FOUND: 'the thing asked for does not exist',
  IMPORT_INVALID: 'an import file or batch is not valid; nothing was written',
  SCOPE_DENIED: 'the actor may not do this to this region or indicator',
  CONFLICT: 'the value changed meanwhile, or is not in a state that allows this',
  UNAVAILABLE: 'something this machine needs for the job (a browser, a font) is missing',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorDetails {
  file?: string;
  line?: number;
  column?: string | number;
  path?: string;
  value?: string;
  part?: string;
  reason?: string;
  [key: string]: unknown;
}

export class LeitaiError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;
  /** Bad input (exit 2, HTTP 4xx) as opposed to a failure of ours. */
  readonly badInput: boolean;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}, badInput = true) {
    super(message);
    this.name = 'LeitaiError';
    this.code = code;
    this.details = details;
    this.badInput = badInput;
  }
}

export function isLeitaiError(e: unknown): e is LeitaiError {
  return e instanceof LeitaiError;
}
