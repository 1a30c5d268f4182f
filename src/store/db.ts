import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { LeitaiError } from '../core/errors/index.js';
import { DATA_DIR } from '../io/paths.js';
import { migrate } from './migrate.js';
import type { Database } from './schema.js';
import type { Store } from './store.js';
import { cachingStatements } from './statements.js';

export { migrate } from './migrate.js';

export type { Dialect, Store } from './store.js';

export const DEFAULT_DB = `${DATA_DIR}leitai.db`;

/** PostgreSQL numeric comes back as text, like SQLite's TEXT values: one representation. */
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/**
 * Opens the store named by `url` (or LEITAI_DB, or the default SQLite file under data/):
 * `postgres://user@host:5432/db[?schema=name]` or a SQLite file path (`sqlite:` optional).
 * `?schema=` keeps a test run's tables apart from every other run's.
 */
export async function openStore(url = process.env.LEITAI_DB || DEFAULT_DB): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url);
  const file = resolve(url.replace(/^sqlite:/, ''));
  mkdirSync(dirname(file), { recursive: true });
  let handle: SqliteDatabase.Database;
  try {
    handle = new SqliteDatabase(file);
  } catch (e) {
    throw new LeitaiError('INPUT_INVALID', `无法打开数据库文件 ${file}: ${(e as Error).message}`, {
      file,
      reason: (e as Error).message,
    });
  }
  // WAL and NORMAL sync: crash-safe (a committed transaction survives), and fast imports.
  handle.pragma('journal_mode = WAL');
  handle.pragma('synchronous = NORMAL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  handle.pragma('cache_size = -65536'); // 64 MB: index pages stay in memory during large imports
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: cachingStatements(handle) }),
  });
  const store: Store = {
    db,
    dialect: 'sqlite',
    label: file,
    url: file,
    sqlite: handle,
    close: () => db.destroy(),
  };
  await migrate(store);
  return store;
}

async function openPostgres(url: string): Promise<Store> {
  const u = new URL(url);
  const schema = u.searchParams.get('schema');
  u.searchParams.delete('schema');
  if (schema !== null && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new LeitaiError('INPUT_INVALID', `schema「${schema}」只能包含小写字母、数字和下划线`, {
      value: schema,
      reason: 'bad schema name',
    });
  }
  const pool = new pg.Pool({
    connectionString: u.toString(),
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    if (schema) await createSchema(db, schema);
  } catch (e) {
    await db.destroy();
    throw new LeitaiError(
      'INPUT_INVALID',
      `无法连接数据库 ${redact(url)}: ${(e as Error).message}`,
      {
        reason: (e as Error).message,
      },
      false,
    );
  }
  const store: Store = {
    db,
    dialect: 'postgres',
    label: redact(url),
    ...(schema ? { schema } : {}),
    url,
    pool,
    close: () => db.destroy(),
  };
  await migrate(store);
  return store;
}

/** PostgreSQL's `if not exists` can still fail when two processes create one schema at once. */
async function createSchema(db: Kysely<Database>, schema: string): Promise<void> {
  try {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  } catch (e) {
    const r = await sql`select 1 from pg_namespace where nspname = ${schema}`.execute(db);
    if (r.rows.length === 0) throw e;
  }
}

/**
 * Runs `fn` in one transaction and gives it, besides Kysely, the raw PostgreSQL client of that
 * transaction (for COPY), or the SQLite handle. Both run on the same connection, so everything
 * `fn` writes commits or rolls back together.
 */
export async function inTransaction<T>(
  store: Store,
  fn: (
    db: Kysely<Database>,
    raw: { pg?: pg.PoolClient; sqlite?: SqliteDatabase.Database },
  ) => Promise<T>,
): Promise<T> {
  if (!store.pool)
    return store.db.transaction().execute((trx) => fn(trx, { sqlite: store.sqlite }));
  const client = await store.pool.connect();
  // A Kysely bound to this one client: its queries run inside the transaction opened below.
  const single = {
    connect: async () => client,
    end: async () => undefined,
  } as unknown as pg.Pool;
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: single }) });
  // Kysely releases its connection after each query; this one must stay in the transaction.
  const release = client.release.bind(client);
  client.release = () => undefined;
  try {
    await client.query('begin');
    const out = await fn(db, { pg: client });
    await client.query('commit');
    return out;
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    throw e;
  } finally {
    await db.destroy();
    client.release = release;
    release();
  }
}
