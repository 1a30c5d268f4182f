import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { LeitaiError } from '../core/errors/index.js';
import { OneSchemaDialect } from './pg-dialect.js';
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
 * A word the shell passes through unchanged, single-quoted only when it needs to be: messages
 * print `--db ${shellWord(store.label)}` in the commands they tell the user to run (a password
 * reads `***` there, to be filled in).
 */
export function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Why a database could not be opened or reached, in words an operator can act on. */
function reasonOf(e: unknown): string {
  const err = e as { code?: string; message?: string; errors?: { code?: string }[] };
  const code = err.code ?? err.errors?.[0]?.code;
  const said = err.message || code || String(e);
  const why: Record<string, string> = {
    ECONNREFUSED: '连接被拒绝:该地址和端口上没有 PostgreSQL 在运行 (connection refused)',
    ENOTFOUND: '找不到该主机 (host not found)',
    EAI_AGAIN: '暂时无法解析该主机名 (host name lookup failed)',
    ETIMEDOUT: '连接超时 (connection timed out)',
    EHOSTUNREACH: '无法到达该主机 (host unreachable)',
    '3D000': '该数据库不存在 (database does not exist)',
    '28P01': '用户名或密码错误 (authentication failed)',
    '28000': '服务器拒绝了该用户 (authentication rejected)',
    '42501': '该用户没有所需权限 (permission denied)',
    SQLITE_NOTADB: '该文件不是 SQLite 数据库 (file is not a database)',
    SQLITE_CANTOPEN: '无法打开或创建该文件 (unable to open the file)',
    SQLITE_READONLY: '该文件只读 (read-only)',
  };
  if (code && why[code]) return `${why[code]}: ${said}`;
  if (/timeout/i.test(said)) return `连接超时 (connection timed out): ${said}`;
  return said;
}

/** How long opening a PostgreSQL database waits for the server before it says so. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Opens the store named by `url` (or LEITAI_DB, or the default SQLite file under data/):
 * `postgres://user@host:5432/db[?schema=name]` or a SQLite file path (`sqlite:` optional).
 * `?schema=` keeps a test run's tables apart from every other run's. A database that cannot be
 * opened or reached is a LeitaiError naming it and why, and nothing is created: no directory
 * (only the default's data/ is made when missing), no file, no schema.
 */
export async function openStore(url = process.env.LEITAI_DB || DEFAULT_DB): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url);
  const file = resolve(url.replace(/^sqlite:/, ''));
  const dir = dirname(file);
  if (file === resolve(DEFAULT_DB)) mkdirSync(dir, { recursive: true });
  const problem = directoryProblem(dir);
  if (problem) {
    throw new LeitaiError('INPUT_INVALID', `无法打开数据库文件 ${file}: ${problem}`, {
      file,
      reason: problem,
    });
  }
  let handle: SqliteDatabase.Database | undefined;
  try {
    handle = new SqliteDatabase(file);
    // WAL and NORMAL sync: crash-safe (a committed transaction survives), and fast imports.
    handle.pragma('journal_mode = WAL');
    handle.pragma('synchronous = NORMAL');
    handle.pragma('foreign_keys = ON');
    handle.pragma('busy_timeout = 5000');
    handle.pragma('cache_size = -65536'); // 64 MB: index pages stay in memory during large imports
  } catch (e) {
    handle?.close();
    const reason = reasonOf(e);
    throw new LeitaiError('INPUT_INVALID', `无法打开数据库文件 ${file}: ${reason}`, {
      file,
      reason,
    });
  }
  const sqlite = handle;
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: cachingStatements(sqlite) }),
  });
  const store: Store = {
    db,
    dialect: 'sqlite',
    label: file,
    url: file,
    sqlite,
    close: () => db.destroy(),
  };
  await migrate(store);
  return store;
}

/** Why a SQLite file cannot be made in `dir`, if it cannot. */
function directoryProblem(dir: string): string | undefined {
  try {
    if (!statSync(dir).isDirectory()) return `${dir} 不是目录 (not a directory)`;
  } catch {
    return `目录 ${dir} 不存在 (directory does not exist)`;
  }
  return undefined;
}

async function openPostgres(url: string): Promise<Store> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new LeitaiError('INPUT_INVALID', `数据库地址 ${redact(url)} 无法解析 (not a valid URL)`, {
      value: redact(url),
      reason: 'bad URL',
    });
  }
  const schema = u.searchParams.get('schema');
  u.searchParams.delete('schema');
  if (schema !== null && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new LeitaiError('INPUT_INVALID', `schema「${schema}」只能包含小写字母、数字和下划线`, {
      value: schema,
      reason: 'bad schema name',
    });
  }
  // One connection first, with a time limit: an unreachable server is said so at once, before
  // the pool (which waits without limit) is made.
  const probe = new pg.Client({
    connectionString: u.toString(),
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    if (schema) await createSchema(probe, schema);
  } catch (e) {
    const reason = reasonOf(e);
    throw new LeitaiError(
      'UNAVAILABLE',
      `无法连接数据库 ${redact(url)}: ${reason}`,
      { value: redact(url), reason },
      false,
    );
  } finally {
    await probe.end().catch(() => undefined);
  }
  const pool = new pg.Pool({
    connectionString: u.toString(),
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new OneSchemaDialect({ pool }, schema) });
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
async function createSchema(client: pg.Client, schema: string): Promise<void> {
  try {
    await client.query(`create schema if not exists "${schema}"`);
  } catch (e) {
    const r = await client.query('select 1 from pg_namespace where nspname = $1', [schema]);
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
