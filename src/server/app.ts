import { randomBytes, timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { sql } from 'kysely';
import type { Evaluation } from '../core/evaluate/index.js';
import type { Role, Status } from '../core/review/index.js';
import { evaluationFor } from '../services/reports.js';
import { MAX_IMPORT_BYTES } from '../services/import.js';
import type { Store } from '../store/db.js';
import { findSession, publishedPeriods, type User } from '../store/users.js';
import { loadReference, type Reference } from './context.js';
import { errorHandler, HttpError } from './errors.js';
import { registerRoutes } from './routes/index.js';

/** Who may call a route: nobody signed in (`public`), any signed-in user (default), or some roles. */
export type Access = 'public' | 'any' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    user?: User;
    csrf?: string;
    sessionId?: string;
  }
}

export const SESSION_COOKIE = 'leitai_sid';
export const CSRF_HEADER = 'x-csrf-token';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface AppOptions {
  store: Store;
  logger?: FastifyServerOptions['logger'];
  /** Set the Secure flag on cookies (behind HTTPS). */
  secureCookies?: boolean;
  /** How long reference data (register, plans) may be served from memory. */
  referenceTtlMs?: number;
  /** How long a session or the published periods may be served from memory. */
  cacheMs?: number;
}

/** The whole HTTP API as one Fastify instance; nothing in it is kept between requests but caches. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 2 * 1024 * 1024,
    genReqId: () => randomBytes(8).toString('hex'),
    // Never log cookies, CSRF tokens or bodies: passwords and session ids stay out of the logs.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setErrorHandler(errorHandler);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
      },
    },
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Leitai 擂台 API',
        version: '0.1.0',
        description: '县域经济行动方案:数据、审核、评价',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  // Reference data is read through a short cache: fast, and a change reaches every instance soon.
  let reference: { at: number; ref: Promise<Reference> } | undefined;
  const ttl = opts.referenceTtlMs ?? 5000;
  app.decorate('reference', () => {
    if (!reference || Date.now() - reference.at > ttl)
      reference = { at: Date.now(), ref: loadReference(opts.store) };
    return reference.ref;
  });
  app.decorate('invalidateReference', () => {
    reference = undefined;
  });
  app.decorate('store', opts.store);

  // The state of the data: the newest change set and the newest plan edit. Cheap to read, and the
  // same on every instance, so caches keyed by it are never stale.
  app.decorate('dataVersion', async () => {
    const r = await sql<{ v: number | string | null; u: string | null }>`select
      (select max(id) from change_set) as v, (select max(updated_at) from plan) as u`.execute(
      opts.store.db,
    );
    return `${r.rows[0]?.v ?? 0}|${r.rows[0]?.u ?? ''}`;
  });
  // Results computed from the data (evaluations, rankings, warnings, quality) are computed once
  // per state of the data and kept for the 50 newest keys; a failure is not kept.
  const computed = new Map<string, Promise<unknown>>();
  const cached = async <T>(key: string, fn: () => Promise<T>): Promise<T> => {
    let hit = computed.get(key) as Promise<T> | undefined;
    if (!hit) {
      hit = fn();
      hit.catch(() => computed.delete(key));
      if (computed.size >= 50) computed.delete(computed.keys().next().value!);
      computed.set(key, hit);
    }
    return hit;
  };
  app.decorate('evaluation', async (q: { plan: string; period: string; status?: Status }) => {
    const key = `evaluation|${q.plan}|${q.period}|${q.status ?? ''}|${await app.dataVersion()}`;
    const result = await cached(key, async () => {
      app.views.clear();
      return evaluationFor({ store: opts.store, ...(await app.reference()) }, q);
    });
    return { result, key };
  });
  app.decorate('computed', async <T>(name: string, fn: () => Promise<T>) =>
    cached(`${name}|${await app.dataVersion()}`, fn),
  );
  app.decorate('views', new Map<string, string>());
  app.decorate('secureCookies', opts.secureCookies ?? false);

  // Sessions and the set of published periods are read from the database and kept for at most
  // two seconds: a logout elsewhere reaches this instance within that time, here at once.
  const CACHE_MS = opts.cacheMs ?? 2000;
  const sessionCache = new Map<
    string,
    { at: number; s: Awaited<ReturnType<typeof findSession>> }
  >();
  const sessions = {
    async find(sid: string) {
      const hit = sessionCache.get(sid);
      if (hit && Date.now() - hit.at < CACHE_MS) return hit.s;
      const s = await findSession(opts.store, sid, new Date().toISOString());
      if (sessionCache.size > 10_000) sessionCache.clear();
      sessionCache.set(sid, { at: Date.now(), s });
      return s;
    },
    forget(sid: string) {
      sessionCache.delete(sid);
    },
  };
  app.decorate('forgetSession', (sid: string) => sessions.forget(sid));
  let published: { at: number; p: Promise<Set<string>> } | undefined;
  app.decorate('published', () => {
    if (!published || Date.now() - published.at > CACHE_MS)
      published = { at: Date.now(), p: publishedPeriods(opts.store) };
    return published.p;
  });
  app.decorate('forgetPublished', () => {
    published = undefined;
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access ?? 'any';
    // The API's documentation is public; everything else under /api/ needs a session.
    if (
      !request.url.startsWith('/api/') ||
      access === 'public' ||
      request.url.startsWith('/api/docs')
    )
      return;
    const sid = request.cookies[SESSION_COOKIE];
    const session = sid ? await sessions.find(sid) : undefined;
    if (!session) throw new HttpError('UNAUTHENTICATED', '请先登录 (not signed in)');
    request.user = session.user;
    request.csrf = session.csrf;
    request.sessionId = sid;
    if (STATE_CHANGING.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      const a = Buffer.from(typeof sent === 'string' ? sent : '');
      const b = Buffer.from(session.csrf);
      if (a.length !== b.length || !timingSafeEqual(a, b)) {
        throw new HttpError('CSRF', `缺少或错误的 CSRF 令牌 (${CSRF_HEADER})`);
      }
    }
    if (access !== 'any' && !access.includes(session.user.role)) {
      throw new HttpError('SCOPE_DENIED', `角色「${session.user.role}」无权访问此接口`);
    }
  });

  await app.register(registerRoutes, { prefix: '/api' });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
    secureCookies: boolean;
    reference(): Promise<Reference>;
    evaluation(q: {
      plan: string;
      period: string;
      status?: Status;
    }): Promise<{ result: Evaluation & { synthetic: boolean }; key: string }>;
    /** A result computed from the data, cached per data state under `name`. */
    computed<T>(name: string, fn: () => Promise<T>): Promise<T>;
    /** Serialised responses of evaluation views, per data state. */
    views: Map<string, string>;
    invalidateReference(): void;
    forgetSession(sid: string): void;
    dataVersion(): Promise<string>;
    published(): Promise<Set<string>>;
    forgetPublished(): void;
  }
}
