import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * The security headers, fixed at start and set by one hook (no per-request rebuilding):
 * - a Content-Security-Policy that allows only this origin (the docs UI needs inline styles) and
 *   no framing (`frame-ancestors 'none'`), with the matching X-Frame-Options: DENY;
 * - Strict-Transport-Security only behind HTTPS (`secureCookies`), never on plain HTTP;
 * - the usual isolation headers (nosniff, no referrer, same-origin opener and resources).
 * Answers that set no Cache-Control get `no-store`: every API answer may carry user data; the
 * docs UI's static files set their own.
 */
export function securityHeaders(secure: boolean): Record<string, string> {
  const csp = [
    "default-src 'self'",
    "base-uri 'self'",
    "font-src 'self' data:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "img-src 'self' data:",
    "object-src 'none'",
    "script-src 'self'",
    "script-src-attr 'none'",
    "style-src 'self' 'unsafe-inline'",
    ...(secure ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
  return {
    'content-security-policy': csp,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'origin-agent-cluster': '?1',
    'x-dns-prefetch-control': 'off',
    'x-download-options': 'noopen',
    'x-permitted-cross-domain-policies': 'none',
    'x-xss-protection': '0',
    ...(secure ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

export const securityHeadersPlugin = fp(
  async (app: FastifyInstance, opts: { secure: boolean }) => {
    const headers = securityHeaders(opts.secure);
    app.addHook('onSend', async (_request, reply) => {
      void reply.headers(headers);
      if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    });
  },
  { name: 'security-headers' },
);
