import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { LeitaiError } from '../core/errors/index.js';
import type { Store } from '../store/db.js';
import { HttpError } from './errors.js';

/** The import routes, by method and route pattern, and the kind of ledger each imports. */
export const IMPORT_ROUTES: Readonly<Record<string, string>> = {
  'POST /api/imports': 'observations',
  'POST /api/projects/import': 'projects',
  'POST /api/industries/import': 'industries',
};

/** A metrics token shorter than this is refused at start: it would be guessed. */
export const MIN_TOKEN_LENGTH = 16;

export interface MetricsOptions {
  store: Store;
  /** A scraper's `Authorization: Bearer <token>` (LEITAI_METRICS_TOKEN); none: sessions only. */
  token?: string | undefined;
}

const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const IMPORT_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/**
 * The process's own metrics (CPU, memory, event loop, GC): one set per process, made at the
 * first scrape and shared by every app in it (they describe the process, not the app; made per
 * app they would add an event-loop monitor and a GC observer per app, never removed).
 */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Prometheus metrics of this app, in its own registry (several apps in one process never share
 * or clash): requests per route pattern (never the raw URL: bounded label values; no route
 * matched: "unmatched"), method and status class, with their latencies; imports per kind and
 * outcome, with their durations; hits and misses of the result caches; database connections.
 * Served by `GET /api/metrics` (routes/metrics.ts) to the province role, or to a scraper sending
 * the configured token, which is checked here before the session check (`config.metricsBearer`).
 */
export const metricsPlugin = fp(
  async (app: FastifyInstance, opts: MetricsOptions) => {
    const token = opts.token ? opts.token : undefined;
    if (token !== undefined && token.length < MIN_TOKEN_LENGTH)
      throw new LeitaiError(
        'INPUT_INVALID',
        `指标令牌 (LEITAI_METRICS_TOKEN) 过短:至少 ${MIN_TOKEN_LENGTH} 个字符 (metrics token too short)`,
        { reason: 'metrics token too short' },
      );
    const registry = new Registry();
    const registers = [registry];

    const requests = new Counter({
      name: 'leitai_http_requests_total',
      help: 'HTTP requests answered, by route pattern, method and status class',
      labelNames: ['route', 'method', 'status'] as const,
      registers,
    });
    const latency = new Histogram({
      name: 'leitai_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by route pattern, method and status class',
      labelNames: ['route', 'method', 'status'] as const,
      buckets: HTTP_BUCKETS,
      registers,
    });
    const imports = new Counter({
      name: 'leitai_imports_total',
      help: 'Uploaded files imported or checked (dry runs included), by kind and outcome (ok, rejected: 4xx, failed: 5xx)',
      labelNames: ['kind', 'outcome'] as const,
      registers,
    });
    const importTime = new Histogram({
      name: 'leitai_import_duration_seconds',
      help: 'Time to answer an import, by kind and outcome',
      labelNames: ['kind', 'outcome'] as const,
      buckets: IMPORT_BUCKETS,
      registers,
    });
    new Counter({
      name: 'leitai_cache_requests_total',
      help: 'Lookups in the result caches since start, by cache (evaluation, computed, answer) and result (hit, miss)',
      labelNames: ['cache', 'result'] as const,
      registers,
      collect() {
        // The counts are kept by the caches plugin; this counter shows them as they are.
        this.reset();
        for (const [cache, c] of Object.entries(app.cacheCounts)) {
          this.inc({ cache, result: 'hit' }, c.hits);
          this.inc({ cache, result: 'miss' }, c.misses);
        }
      },
    });
    new Gauge({
      name: 'leitai_cache_bytes',
      help: 'Estimated memory held by the result and answer cache, in bytes',
      registers,
      collect() {
        this.set(app.cache.bytes);
      },
    });
    new Gauge({
      name: 'leitai_cache_entries',
      help: 'Entries in the result and answer cache',
      registers,
      collect() {
        this.set(app.cache.size);
      },
    });
    const store = opts.store;
    new Gauge({
      name: 'leitai_db_connections',
      help: 'Database connections: PostgreSQL pool total, idle and clients waiting for one; SQLite: its one connection (total)',
      labelNames: ['dialect', 'state'] as const,
      registers,
      collect() {
        const dialect = store.dialect;
        if (store.pool) {
          this.set({ dialect, state: 'total' }, store.pool.totalCount);
          this.set({ dialect, state: 'idle' }, store.pool.idleCount);
          this.set({ dialect, state: 'waiting' }, store.pool.waitingCount);
        } else this.set({ dialect, state: 'total' }, 1);
      },
    });

    // Callback hooks: no promise per request on the path every answer takes.
    app.addHook('onResponse', (request, reply, done) => {
      const route = request.is404 ? 'unmatched' : (request.routeOptions.url ?? 'unmatched');
      const status = `${Math.floor(reply.statusCode / 100)}xx`;
      const seconds = reply.elapsedTime / 1000;
      const labels = { route, method: request.method, status };
      requests.inc(labels);
      latency.observe(labels, seconds);
      const kind = IMPORT_ROUTES[`${request.method} ${route}`];
      if (kind) {
        const code = reply.statusCode;
        const outcome = code < 400 ? 'ok' : code < 500 ? 'rejected' : 'failed';
        imports.inc({ kind, outcome });
        importTime.observe({ kind, outcome }, seconds);
      }
      done();
    });

    const send = async (reply: FastifyReply) => {
      const all = Registry.merge([processMetrics(), registry]);
      return reply
        .header('cache-control', 'no-store')
        .type(registry.contentType)
        .send(await all.metrics());
    };
    app.decorate('sendMetrics', send);

    // A scraper's token: checked before the session (which it has not), on the metrics route
    // alone. A request without `Authorization: Bearer` goes on to the session check.
    const expected = token === undefined ? undefined : digest(token);
    app.addHook('onRequest', (request, reply, done) => {
      if (request.is404 || !request.routeOptions.config.metricsBearer) return done();
      const m = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
      if (!m) return done();
      if (!expected)
        return done(
          new HttpError(
            'UNAUTHENTICATED',
            '未配置指标令牌 (LEITAI_METRICS_TOKEN),请以省级用户登录 (no metrics token configured)',
          ),
        );
      // Compared as digests: equal lengths for timingSafeEqual, and no hint of the length.
      if (!timingSafeEqual(digest(m[1]!), expected))
        return done(new HttpError('UNAUTHENTICATED', '指标令牌错误 (invalid metrics token)'));
      // Answered here: the session check (and the route's handler) are not reached.
      send(reply).catch((e: unknown) => reply.send(e));
    });
  },
  { name: 'metrics', dependencies: ['caches'] },
);

declare module 'fastify' {
  interface FastifyInstance {
    /** Answers with this app's metrics (and the process's) in Prometheus text format. */
    sendMetrics(reply: FastifyReply): Promise<FastifyReply>;
  }
  interface FastifyContextConfig {
    /** The route may also be called with the metrics token (`Authorization: Bearer`). */
    metricsBearer?: boolean;
  }
}
