import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { DEFAULT_DB } from './db.js';
import { migrationChecksum } from './migrate.js';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';
import type { Store } from './store.js';

/** Kysely's table of applied migrations (its default name; migrate.ts keeps the default). */
const MIGRATION_TABLE = 'kysely_migration';
const CHECKSUM_TABLE = 'migration_checksum';

/** Where a database stands against this program's migrations. */
export interface MigrationStatus {
  /** Applied, in order. */
  applied: string[];
  /** Known to this program, not applied yet (`leitai db migrate`, or any start, applies them). */
  pending: string[];
  /** Applied but unknown to this program: the database is from a newer version. */
  unknown: string[];
  /** Applied, but with other statements than this program's (a shipped migration was edited). */
  changed: string[];
}

/**
 * Reads a database's migration state without changing anything (openStore would migrate it).
 * A database nothing was ever applied to has every migration pending.
 */
export async function migrationStatus(store: Store): Promise<MigrationStatus> {
  const known = migrations(store.dialect);
  const names = Object.keys(known).sort();
  const applied = (await hasTable(store, MIGRATION_TABLE))
    ? (
        await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)} order by name`
          .execute(store.db)
          .then((r) => r.rows)
      ).map((r) => r.name)
    : [];
  const stored = (await hasTable(store, CHECKSUM_TABLE))
    ? (
        await sql<{ name: string; checksum: string }>`select name, checksum from ${sql.table(
          CHECKSUM_TABLE,
        )}`.execute(store.db)
      ).rows
    : [];
  const changed: string[] = [];
  for (const row of stored) {
    const m = known[row.name];
    if (m && (await migrationChecksum(store.dialect, m)) !== row.checksum) changed.push(row.name);
  }
  return {
    applied,
    pending: names.filter((n) => !applied.includes(n)),
    unknown: applied.filter((n) => !(n in known)),
    changed: changed.sort(),
  };
}

/** Whether a table exists in this installation (PostgreSQL: in its schema, the search path's first). */
export async function hasTable(store: Store, table: string): Promise<boolean> {
  const r =
    store.dialect === 'sqlite'
      ? await sql`select 1 from sqlite_master where type = 'table' and name = ${table}`.execute(
          store.db,
        )
      : await sql`select 1 from information_schema.tables where table_schema = current_schema() and table_name = ${table}`.execute(
          store.db,
        );
  return r.rows.length > 0;
}

/** Why a database could not be inspected: it does not exist, or it could not be reached. */
export class InspectError extends Error {
  constructor(
    message: string,
    readonly missing: boolean,
    readonly label: string,
  ) {
    super(message);
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/**
 * Opens a database to look at it, changing nothing: no migration, no schema or file created
 * (openStore does all three). SQLite is opened read-only and must exist; PostgreSQL must be
 * reachable (a `?schema=` that does not exist reads as an empty installation).
 */
export async function inspectStore(url = process.env.LEITAI_DB || DEFAULT_DB): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const u = new URL(url);
    const schema = u.searchParams.get('schema');
    u.searchParams.delete('schema');
    const label = redact(url);
    if (schema !== null && !/^[a-z_][a-z0-9_]*$/.test(schema))
      throw new InspectError(`schema「${schema}」只能包含小写字母、数字和下划线`, false, label);
    const pool = new pg.Pool({
      connectionString: u.toString(),
      max: 2,
      connectionTimeoutMillis: 10_000,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    try {
      await sql`select 1`.execute(db);
    } catch (e) {
      await db.destroy();
      throw new InspectError((e as Error).message, false, label);
    }
    return {
      db,
      dialect: 'postgres',
      label,
      ...(schema ? { schema } : {}),
      url,
      pool,
      close: () => db.destroy(),
    };
  }
  const file = resolve(url.replace(/^sqlite:/, ''));
  if (!existsSync(file)) throw new InspectError(`文件不存在 (no such file)`, true, file);
  let handle: SqliteDatabase.Database;
  try {
    handle = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    handle.pragma('busy_timeout = 5000');
    handle.prepare('select count(*) from sqlite_master').get();
  } catch (e) {
    throw new InspectError((e as Error).message, false, file);
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: handle }) });
  return {
    db,
    dialect: 'sqlite',
    label: file,
    url: file,
    sqlite: handle,
    close: () => db.destroy(),
  };
}
