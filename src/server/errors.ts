import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES, isLeitaiError, type ErrorCode } from '../core/errors/index.js';

/** One table from error code to HTTP status; clients branch on `code`, never on the message. */
export const STATUS: Record<
  ErrorCode | 'UNAUTHENTICATED' | 'CSRF' | 'RATE_LIMITED' | 'VALIDATION',
  number
> = {
  TARGET_UNREADABLE: 400,
  PLAN_INVALID: 400,
  PLAN_NOT_FOUND: 404,
  PERIOD_INVALID: 400,
  CSV_INVALID: 400,
  TABLE_UNREADABLE: 400,
  INPUT_INVALID: 400,
  IMPORT_INVALID: 422,
  NOT_FOUND: 404,
  SCOPE_DENIED: 403,
  CONFLICT: 409,
  UNAUTHENTICATED: 401,
  CSRF: 403,
  RATE_LIMITED: 429,
  VALIDATION: 400,
};

export class HttpError extends Error {
  constructor(
    readonly code: keyof typeof STATUS,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function errorHandler(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  if (error instanceof HttpError) {
    void reply
      .status(STATUS[error.code])
      .send({ code: error.code, message: error.message, details: error.details });
    return;
  }
  if (isLeitaiError(error)) {
    void reply.status(STATUS[error.code] ?? (error.badInput ? 400 : 500)).send({
      code: error.code,
      message: error.message,
      details: error.details,
    });
    return;
  }
  const fe = error as FastifyError;
  if (fe.validation) {
    const fields = fe.validation.map((v) =>
      `${fe.validationContext ?? ''}${v.instancePath || ''} ${v.message ?? ''}`.trim(),
    );
    void reply
      .status(400)
      .send({ code: 'VALIDATION', message: `请求无效: ${fields.join('; ')}`, details: { fields } });
    return;
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    void reply.status(fe.statusCode).send({ code: fe.code ?? 'BAD_REQUEST', message: fe.message });
    return;
  }
  request.log.error({ err: error }, 'unexpected error');
  void reply.status(500).send({ code: 'INTERNAL', message: '服务器内部错误' });
}

export const ERROR_CATALOGUE = ERROR_CODES;
