import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sql } from 'kysely';
import type { Evaluation } from '../../core/evaluate/index.js';
import type { DataView, Status } from '../../core/review/index.js';
import { evaluationFor, type CountyScope } from '../../services/reports.js';
import type { Store } from '../../store/db.js';
import { publishedPeriods } from '../../store/users.js';
import { ByteCache, approxBytes } from '../byte-cache.js';
import { STATE_CHANGING } from '../constants.js';
import { loadReference, type Reference } from '../context.js';

/** An evaluation of a plan at a period on the working or the published values. */
export interface EvaluationQuery {
  plan: string;
  period: string;
  view: DataView;
  status?: Status;
  /** Every county of the register with data, not only the plan's (the `counties=all` answers). */
  allCounties?: boolean;
}

export interface CacheOptions {
  store: Store;
  /** How long reference data (register, plans) may be served from memory. */
  referenceTtlMs: number;
  /** How long the published periods may be served from memory. */
  cacheMs: number;
  /** How long the data version may be served from memory when this instance has not written. */
  versionMs: number;
  /** Bound of the result and answer caches together, in bytes. */
  cacheBytes: number;
}

/** How often each cache was asked and had (hits) or had not (misses) the answer. */
export type CacheCounts = Record<
  'evaluation' | 'computed' | 'answer',
  { hits: number; misses: number }
>;

/** The part of a data version (see `readVersion`) that reference data depends on. */
const referencePart = (version: string) => version.split('|').slice(1).join('|');

/**
 * Everything this instance keeps between requests apart from sessions: reference data, the data
 * version, results computed from the data and serialised answers. Keys carry the data version,
 * so a cached result never outlives the state of the data it was computed from.
 */
export const cachesPlugin = fp(
  async (app: FastifyInstance, opts: CacheOptions) => {
    app.decorate('store', opts.store);

    // Reference data (register, plans) is read again whenever the part of the data version that
    // covers it moves (a plan saved, a region attribute or user changed: the newest plan edit and
    // admin-log record), here at once and on other instances as soon as they see the version; and
    // at least every `referenceTtlMs` (changes made outside the API, e.g. `leitai db init`).
    let reference: { at: number; key: string; ref: Promise<Reference> } | undefined;
    app.decorate('reference', async () => {
      const key = referencePart(await app.dataVersion());
      if (!reference || reference.key !== key || Date.now() - reference.at > opts.referenceTtlMs) {
        const entry = { at: Date.now(), key, ref: loadReference(opts.store) };
        reference = entry;
        entry.ref.catch(() => {
          if (reference === entry) reference = undefined;
        });
      }
      return reference.ref;
    });
    app.decorate('invalidateReference', () => {
      reference = undefined;
    });

    // The state of the data: the newest change set, plan edit and reference-data change (region
    // attributes, users), the same on every instance. It is kept in memory: forgotten whenever this instance answers a write, and
    // re-read at most every `versionMs` otherwise, so another instance's write shows here within
    // that time (250 ms by default) without a database round trip per request.
    let version: { at: number; v: Promise<string> } | undefined;
    const readVersion = async () => {
      const r = await sql<{
        v: number | string | null;
        u: string | null;
        a: number | string | null;
      }>`select (select max(id) from change_set) as v, (select max(updated_at) from plan) as u,
        (select max(id) from admin_log) as a`.execute(opts.store.db);
      const row = r.rows[0];
      return `${row?.v ?? 0}|${row?.u ?? ''}|${row?.a ?? 0}`;
    };
    app.decorate('dataVersion', () => {
      if (!version || Date.now() - version.at > opts.versionMs) {
        const v = readVersion();
        const entry = { at: Date.now(), v };
        version = entry;
        v.catch(() => {
          if (version === entry) version = undefined;
        });
      }
      return version.v;
    });
    app.addHook('onSend', async (request) => {
      if (STATE_CHANGING.has(request.method)) version = undefined;
    });

    // Results computed from the data and serialised answers share one cache bounded in bytes.
    // A result is counted once computed; a failure is not kept.
    const cache = new ByteCache<unknown>(opts.cacheBytes);
    app.decorate('cache', cache);
    // Hits and misses per cache, since start (read by the metrics).
    const counts: CacheCounts = {
      evaluation: { hits: 0, misses: 0 },
      computed: { hits: 0, misses: 0 },
      answer: { hits: 0, misses: 0 },
    };
    app.decorate('cacheCounts', counts);
    const cached = <T>(
      kind: 'evaluation' | 'computed',
      key: string,
      fn: () => Promise<T>,
    ): Promise<T> => {
      let hit = cache.get(key) as Promise<T> | undefined;
      if (hit) counts[kind].hits++;
      else {
        counts[kind].misses++;
        const p = fn();
        hit = p;
        cache.set(key, p, 0);
        p.then(
          (value) => cache.resize(key, p, approxBytes(value)),
          () => cache.delete(key),
        );
      }
      return hit;
    };
    app.decorate('computed', async <T>(name: string, fn: () => Promise<T>) =>
      cached('computed', `computed|${name}|${await app.dataVersion()}`, fn),
    );
    app.decorate('evaluation', async (q: EvaluationQuery) => {
      const counties = q.allCounties ? 'all' : 'plan';
      const key = `evaluation|${q.plan}|${q.period}|${q.status ?? ''}|${q.view}|${counties}|${await app.dataVersion()}`;
      const result = await cached('evaluation', key, async () =>
        evaluationFor({ store: opts.store, ...(await app.reference()) }, q),
      );
      return { result, key };
    });
    // Kept as UTF-8 bytes: a string would be encoded again (and measured again for its
    // Content-Length) on every send — for a 48 KB evaluation page, most of a cached request's CPU.
    app.decorate('answer', async (key: string, make: () => Promise<string> | string) => {
      const hit = cache.get(`answer|${key}`);
      if (Buffer.isBuffer(hit)) {
        counts.answer.hits++;
        return hit;
      }
      counts.answer.misses++;
      const body = Buffer.from(await make());
      cache.set(`answer|${key}`, body, 64 + body.length);
      return body;
    });

    let published: { at: number; p: Promise<Set<string>> } | undefined;
    app.decorate('published', () => {
      if (!published || Date.now() - published.at > opts.cacheMs)
        published = { at: Date.now(), p: publishedPeriods(opts.store) };
      return published.p;
    });
    app.decorate('forgetPublished', () => {
      published = undefined;
    });
  },
  { name: 'caches' },
);

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
    reference(): Promise<Reference>;
    invalidateReference(): void;
    /** The state of the data (see cachesPlugin); keys of cached results include it. */
    dataVersion(): Promise<string>;
    /** A result computed from the data, cached per data state under `name`. */
    computed<T>(name: string, fn: () => Promise<T>): Promise<T>;
    evaluation(
      q: EvaluationQuery,
    ): Promise<{ result: Evaluation & { synthetic: boolean; scope: CountyScope }; key: string }>;
    /** A serialised answer, made once per `key` (which must name the data state and the viewer). */
    answer(key: string, make: () => Promise<string> | string): Promise<Buffer>;
    /** The cache behind `computed`, `evaluation` and `answer`. */
    cache: ByteCache<unknown>;
    /** Hits and misses of the evaluation, computed-result and answer caches since start. */
    cacheCounts: CacheCounts;
    published(): Promise<Set<string>>;
    forgetPublished(): void;
  }
}
