import type SqliteDatabase from 'better-sqlite3';
import type { SqliteDatabase as KyselySqlite } from 'kysely';

/** Statements kept prepared; the least recently used one goes first. */
const MAX_STATEMENTS = 1000;
/** Longer statements (large multi-row inserts) are prepared anew: they would crowd the cache. */
const MAX_SQL_LENGTH = 20_000;

/**
 * The SQLite handle as Kysely sees it, with its statements prepared once per distinct SQL text.
 * Kysely's driver prepares every query anew, which was about a fifth of the API's CPU. Reuse is
 * safe: better-sqlite3 binds the parameters at each run, and Kysely runs one query at a time on
 * the one connection. The exception is a statement still being iterated (a streamed select):
 * running it again would throw, so a busy statement is never handed out twice.
 */
export function cachingStatements(
  handle: SqliteDatabase.Database,
  max = MAX_STATEMENTS,
): KyselySqlite {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => {
      cache.clear();
      handle.close();
    },
    prepare(sql: string) {
      const hit = cache.get(sql);
      if (hit) {
        if (hit.busy) return handle.prepare(sql);
        // Map order is insertion order: moving the entry to the end marks it recently used.
        cache.delete(sql);
        cache.set(sql, hit);
        return hit;
      }
      const stmt = handle.prepare(sql);
      if (sql.length <= MAX_SQL_LENGTH) {
        cache.set(sql, stmt);
        if (cache.size > max) cache.delete(cache.keys().next().value!);
      }
      return stmt;
    },
  };
}
