import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES, isLeitaiError, type ErrorCode } from '../core/errors/index.js';

type HttpCode =
  | ErrorCode
  | 'UNAUTHENTICATED'
  | 'CSRF'
  | 'RATE_LIMITED'
  | 'VALIDATION'
  | 'BAD_REQUEST'
  | 'TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'INTERNAL';

/** One table from error code to HTTP status; clients branch on `code`, never on the message. */
export const STATUS: Record<HttpCode, number> = {
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
  UNAVAILABLE: 503,
  UNAUTHENTICATED: 401,
  CSRF: 403,
  RATE_LIMITED: 429,
  VALIDATION: 400,
  BAD_REQUEST: 400,
  TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INTERNAL: 500,
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

function send(reply: FastifyReply, status: number, code: string, message: string, details = {}) {
  void reply.status(status).send({ code, message, details });
}

/** Fastify's own 4xx errors (body parsing, sizes, content types), said in Chinese first. */
function frameworkMessage(fe: FastifyError): [string, string] {
  switch (fe.statusCode) {
    case 413:
      return ['TOO_LARGE', '请求体过大 (payload too large)'];
    case 415:
      return ['UNSUPPORTED_MEDIA_TYPE', `不支持的内容类型 (unsupported media type)`];
    default:
      return ['BAD_REQUEST', `请求无法解析 (bad request: ${fe.message})`];
  }
}

/** Every error answer is `{code, message, details}`; nothing internal reaches the client. */
export function errorHandler(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  if (error instanceof HttpError) {
    send(reply, STATUS[error.code], error.code, error.message, error.details);
    return;
  }
  if (isLeitaiError(error)) {
    const status = STATUS[error.code] ?? (error.badInput ? 400 : 500);
    send(reply, status, error.code, error.message, error.details);
    return;
  }
  const fe = error as FastifyError;
  if (fe.validation) {
    // An unknown field is named, so the user sees which one to drop.
    const extra = (v: { params?: unknown }) => {
      const name = (v.params as { additionalProperty?: unknown } | undefined)?.additionalProperty;
      return typeof name === 'string' ? `: ${name}` : '';
    };
    const fields = fe.validation.map((v) =>
      `${fe.validationContext ?? ''}${v.instancePath || ''} ${v.message ?? ''}${extra(v)}`.trim(),
    );
    send(reply, 400, 'VALIDATION', `请求无效 (invalid request): ${fields.join('; ')}`, {
      fields,
    });
    return;
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    const [code, message] = frameworkMessage(fe);
    send(reply, fe.statusCode, code, message, { reason: fe.code ?? null });
    return;
  }
  request.log.error({ err: error }, 'unexpected error');
  send(reply, 500, 'INTERNAL', '服务器内部错误 (internal error)');
}

/**
 * An answer already serialised (cached bytes) or not JSON (a workbook): sent as is, past the
 * route's response schema, which documents it.
 */
export function sendRaw(reply: unknown, type: string, body: string | Buffer): FastifyReply {
  return (reply as FastifyReply).type(type).send(body);
}

export const sendJson = (reply: unknown, body: string | Buffer): FastifyReply =>
  sendRaw(reply, 'application/json; charset=utf-8', body);

/** Unknown routes: the same error body as every other error. */
export const notFound = (request: FastifyRequest): HttpError =>
  new HttpError('NOT_FOUND', `没有这个接口 (no such route): ${request.method} ${request.url}`, {
    method: request.method,
  });

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): void {
  errorHandler(notFound(request), request, reply);
}

export const ERROR_CATALOGUE = ERROR_CODES;
