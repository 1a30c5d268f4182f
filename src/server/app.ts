import { randomBytes } from 'node:crypto';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import { MAX_IMPORT_BYTES } from '../services/import.js';
import type { Store } from '../store/db.js';
import { errorHandler, notFoundHandler } from './errors.js';
import { authPlugin } from './plugins/auth.js';
import { cachesPlugin } from './plugins/caches.js';
import { docsPlugin } from './plugins/docs.js';
import { metricsPlugin } from './metrics.js';
import { securityHeadersPlugin } from './plugins/security-headers.js';
import { setUpPruning } from './prune-job.js';
import { reminderRunner, startReminderJob } from './reminder-job.js';
import { registerRoutes } from './routes/index.js';
import { validatorCompiler } from './validation.js';
import { BUILT_WEB_ROOT, webPlugin } from './web.js';

export type { Access } from './constants.js';

export interface AppOptions {
  store: Store;
  logger?: FastifyServerOptions['logger'];
  /** Behind HTTPS: Secure cookies, HSTS and upgrade-insecure-requests. */
  secureCookies?: boolean;
  /**
   * The reverse proxies whose X-Forwarded-For / -Proto / -Host are believed (Fastify's
   * trustProxy): their addresses or CIDR ranges. Unset, the headers are ignored and request.ip
   * is the connecting peer. Never `true`: then anyone could forge X-Forwarded-For and dodge the
   * per-address login throttling (see parseTrustProxy).
   */
  trustProxy?: string[];
  /** How long reference data (register, plans) may be served from memory. */
  referenceTtlMs?: number;
  /** How long a session or the published periods may be served from memory. */
  cacheMs?: number;
  /** How long the data version may be served from memory when this instance has not written. */
  versionMs?: number;
  /** Bound of the caches of computed results and answers, in bytes (default 64 MB). */
  cacheBytes?: number;
  /** The built web UI (index.html, assets/): by default dist/web of this package. */
  webRoot?: string;
  /** The clock of reminders and their job (tests inject one); the system clock by default. */
  now?: () => Date;
  /** Run the automatic reminders on a timer (`serve` does; off unless given). */
  reminderJob?: { everyMs?: number };
  /** Prune expired sessions and old login attempts on a timer (`serve` does; off unless given). */
  pruneJob?: { everyMs?: number };
  /** A scraper's bearer token for /api/metrics (default LEITAI_METRICS_TOKEN; none: sessions only). */
  metricsToken?: string;
}

/**
 * One log line per request, written when it is answered (method, url, status, time, id), instead
 * of Fastify's two: logging was a quarter of a cached answer's CPU. Errors are logged as before.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}
  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (error) super.requestCompleted(error, request, reply);
    else
      reply.log.info(
        { req: request, res: reply, responseTime: reply.elapsedTime },
        'request completed',
      );
  }
}

/** The whole HTTP API as one Fastify instance; nothing in it is kept between requests but caches. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  // Request ids: this instance's random prefix and a counter — unique across instances without
  // drawing random bytes per request (2% of a cached request's CPU).
  const idPrefix = randomBytes(4).toString('hex');
  let requests = 0;
  const app = Fastify({
    logger: opts.logger ?? false,
    logController: new OneLinePerRequest(),
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: opts.trustProxy?.length ? opts.trustProxy : false,
    genReqId: () => `${idPrefix}-${(++requests).toString(36)}`,
    // A malformed URL gets the same error body as any other bad request.
    frameworkErrors: (error, _request, reply) => {
      void (reply as unknown as FastifyReply).status(400).send({
        code: 'BAD_REQUEST',
        message: '请求地址无法解析 (bad URL)',
        details: { reason: error.code },
      });
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);

  const now = opts.now ?? (() => new Date());
  app.decorate('now', now);
  app.decorate('runReminders', reminderRunner(app));

  const secure = opts.secureCookies ?? false;
  app.decorate('secureCookies', secure);
  app.decorate('trustsProxy', (opts.trustProxy ?? []).length > 0);
  await app.register(securityHeadersPlugin, { secure });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 2, fields: 10 } });
  await app.register(cachesPlugin, {
    store: opts.store,
    referenceTtlMs: opts.referenceTtlMs ?? 5000,
    cacheMs: opts.cacheMs ?? 2000,
    versionMs: opts.versionMs ?? 250,
    cacheBytes: opts.cacheBytes ?? 64 * 1024 * 1024,
  });
  await app.register(metricsPlugin, {
    store: opts.store,
    token: opts.metricsToken ?? process.env.LEITAI_METRICS_TOKEN,
  });
  await app.register(authPlugin, { store: opts.store, cacheMs: opts.cacheMs ?? 2000 });
  await app.register(docsPlugin);
  await app.register(registerRoutes, { prefix: '/api' });
  await app.register(webPlugin, { root: opts.webRoot ?? BUILT_WEB_ROOT });
  if (opts.reminderJob) startReminderJob(app, opts.reminderJob);
  setUpPruning(app, opts.pruneJob);
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    secureCookies: boolean;
    /** Whether X-Forwarded-For from a configured reverse proxy is believed. */
    trustsProxy: boolean;
  }
}
