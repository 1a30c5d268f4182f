import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  DummyDriver,
  Kysely,
  Migrator,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Migration,
  type MigrationProvider,
  sql,
} from 'kysely';
import { LeitaiError } from '../core/errors/index.js';
import type { Dialect, Store } from './store.js';
import { migrations } from './migrations/index.js';

/**
 * A migration's checksum: the SHA-256 of the statements it runs on this dialect, recorded by
 * running it against a driver that executes nothing. Hashing the statements rather than the
 * function's source text keeps the checksum the same whichever compiler built the program (tsc
 * for bin/leitai, esbuild under the tests) and whatever its comments say, and changes it when
 * anything the migration does to a database changes.
 */
export async function migrationChecksum(dialect: Dialect, migration: Migration): Promise<string> {
  const statements: string[] = [];
  const pg = dialect === 'postgres';
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations take Kysely<any>
  const recorder = new Kysely<any>({
    dialect: {
      createAdapter: () => (pg ? new PostgresAdapter() : new SqliteAdapter()),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => (pg ? new PostgresIntrospector(db) : new SqliteIntrospector(db)),
      createQueryCompiler: () => (pg ? new PostgresQueryCompiler() : new SqliteQueryCompiler()),
    },
    log: (e) => {
      if (e.level === 'query')
        statements.push(`${e.query.sql}\n${JSON.stringify(e.query.parameters, jsonSafe)}`);
    },
  });
  try {
    await migration.up(recorder);
  } finally {
    await recorder.destroy();
  }
  return createHash('sha256').update(statements.join('\n;\n')).digest('hex');
}

const jsonSafe = (_k: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);

const CHECKSUM_TABLE = 'migration_checksum';

/** What one run of `migrate` did: the migrations it applied, and the backup taken before them. */
export interface MigrationOutcome {
  applied: string[];
  /** A new database: every migration was pending (nothing to back up, nothing to announce). */
  created: boolean;
  /** SQLite: the copy of the file taken before the first pending migration ran. */
  backup?: string;
}

/**
 * Where `migrate` tells of a backup it took and of the migrations it applied. By default a line
 * on stderr (the server's start, every command); `leitai db migrate` sets its own to print them.
 */
export type MigrationReporter = (outcome: MigrationOutcome, store: Store) => void;

const stderrReporter: MigrationReporter = (o, store) => {
  if (o.backup)
    process.stderr.write(
      `迁移前已自动备份数据库 ${store.label} 到 ${o.backup} (backup before migration)\n`,
    );
  if (o.applied.length && !o.created)
    process.stderr.write(
      `数据库 ${store.label} 已应用迁移 ${o.applied.join(', ')} (migrations applied)\n`,
    );
};

let reporter: MigrationReporter = stderrReporter;

/** Replaces the reporter until the returned function is called. */
export function setMigrationReporter(r: MigrationReporter): () => void {
  const before = reporter;
  reporter = r;
  return () => {
    reporter = before;
  };
}

/** A filename-safe UTC time, to the millisecond: 20261130T222600123Z. */
export function fileTimestamp(now = new Date()): string {
  return now.toISOString().replace(/[-:]/g, '').replace('.', '');
}

/**
 * Brings the schema up to date. Refuses a database with migrations this program does not know
 * (it comes from a newer version: nothing is changed), or one whose applied migrations differ
 * from this program's (a shipped migration was edited). A SQLite file that already has data is
 * copied (SQLite's online backup) next to itself before the first pending migration runs:
 * `<file>.before-<migration>-<time>.bak`. With PostgreSQL `?schema=x`, Kysely's migration tables
 * live in x too, so installations in different schemas of one database never see each other's.
 */
export async function migrate(store: Store): Promise<MigrationOutcome> {
  const all = migrations(store.dialect);
  await refuseNewer(store, Object.keys(all));
  const provider: MigrationProvider = { getMigrations: async () => all };
  const migrator = new Migrator({
    db: store.db,
    provider,
    ...(store.schema ? { migrationTableSchema: store.schema } : {}),
  });
  const sums = new Map<string, string>();
  for (const [name, m] of Object.entries(all))
    sums.set(name, await migrationChecksum(store.dialect, m));

  await ensureChecksumTable(store);
  await verifyChecksums(store, sums);
  const before = await migrator.getMigrations();
  const pending = before.filter((m) => m.executedAt === undefined);
  const outcome: MigrationOutcome = {
    applied: [],
    created: pending.length === before.length,
  };
  // A new database has nothing to keep; one with data gets a copy before its schema changes.
  if (pending.length > 0 && !outcome.created && store.sqlite && isFile(store))
    outcome.backup = await backupBeforeMigration(store, pending[0]!.name);
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new LeitaiError(
      'INPUT_INVALID',
      `数据库 ${store.label} 迁移失败${failed ? ` (${failed.migrationName})` : ''}: ${(error as Error).message}` +
        (outcome.backup ? `;迁移前的备份: ${outcome.backup}` : ''),
      { reason: (error as Error).message, ...(outcome.backup ? { file: outcome.backup } : {}) },
      false,
    );
  }
  outcome.applied = (results ?? [])
    .filter((r) => r.status === 'Success')
    .map((r) => r.migrationName);
  // Record what was just applied, and, in a database from before checksums were kept, what had
  // been applied already (from this program's code: the best knowledge there is).
  const applied = (await migrator.getMigrations()).filter((m) => m.executedAt !== undefined);
  for (const m of applied) {
    await untyped(store)
      .insertInto(CHECKSUM_TABLE)
      .values({ name: m.name, checksum: sums.get(m.name)! })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  }
  await verifyChecksums(store, sums);
  if (outcome.backup || outcome.applied.length) reporter(outcome, store);
  return outcome;
}

const isFile = (store: Store) => store.label !== ':memory:' && store.label !== '';

async function backupBeforeMigration(store: Store, first: string): Promise<string> {
  const base = `${store.label}.before-${first}-${fileTimestamp()}`;
  let file = `${base}.bak`;
  // Two processes starting in the same millisecond each keep their own copy.
  for (let n = 2; existsSync(file); n++) file = `${base}-${n}.bak`;
  try {
    await store.sqlite!.backup(file);
  } catch (e) {
    throw new LeitaiError(
      'UNAVAILABLE',
      `迁移前无法备份数据库 ${store.label} 到 ${file}: ${(e as Error).message};未应用任何迁移 (backup before migration failed; nothing migrated)`,
      { file, reason: (e as Error).message },
      false,
    );
  }
  return file;
}

/**
 * A database some newer Leitai has migrated (a migration this program does not know) is refused
 * before anything is written to it: its tables, data and migration records stay as they are.
 */
async function refuseNewer(store: Store, known: readonly string[]): Promise<void> {
  const exists =
    store.dialect === 'sqlite'
      ? await sql<{
          n: number;
        }>`select count(*) as n from sqlite_master where type = 'table' and name = 'kysely_migration'`.execute(
          store.db,
        )
      : await sql<{ n: number }>`select count(*)::int as n from information_schema.tables
          where table_name = 'kysely_migration'
            and table_schema = ${store.schema ?? sql`current_schema()`}`.execute(store.db);
  if (Number(exists.rows[0]?.n ?? 0) === 0) return;
  const table = store.schema
    ? sql.id(store.schema, 'kysely_migration')
    : sql.id('kysely_migration');
  const rows = await sql<{ name: string }>`select name from ${table} order by name`.execute(
    store.db,
  );
  const unknown = rows.rows.map((r) => r.name).filter((n) => !known.includes(n));
  if (unknown.length > 0) throw newerVersionError(store.label, unknown);
}

/** The message for a database (or a backup of one) written by a newer Leitai. */
export function newerVersionError(label: string, unknown: readonly string[]): LeitaiError {
  const names = unknown.join(', ');
  return new LeitaiError(
    'CONFLICT',
    `数据库 ${label} 来自更新版本的擂台 Leitai:含有本程序不认识的迁移 ${names}。请把 Leitai 升级到写入它的版本或更新的版本后再使用;数据库未做任何改动 (database from a newer Leitai version: unknown migrations ${names}; upgrade Leitai; nothing was changed)`,
    { value: names, reason: 'database from a newer Leitai version', unknown: [...unknown] },
  );
}

async function ensureChecksumTable(store: Store): Promise<void> {
  const create = () =>
    store.db.schema
      .createTable(CHECKSUM_TABLE)
      .ifNotExists()
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('checksum', 'text', (c) => c.notNull())
      .execute();
  try {
    await create();
  } catch (e) {
    // Two processes creating it at once: PostgreSQL's `if not exists` can still fail for one.
    const exists = await readChecksums(store).then(
      () => true,
      () => false,
    );
    if (!exists) throw e;
  }
}

/** The checksum table is bookkeeping like Kysely's own, not part of the data schema type. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
const untyped = (store: Store) => store.db as unknown as Kysely<any>;

async function readChecksums(store: Store): Promise<Map<string, string>> {
  const rows = (await untyped(store)
    .selectFrom(CHECKSUM_TABLE)
    .select(['name', 'checksum'])
    .execute()) as {
    name: string;
    checksum: string;
  }[];
  return new Map(rows.map((r) => [r.name, r.checksum]));
}

async function verifyChecksums(store: Store, sums: ReadonlyMap<string, string>): Promise<void> {
  for (const [name, stored] of await readChecksums(store)) {
    const current = sums.get(name);
    // A migration this program does not know is refused by the migrator itself.
    if (current === undefined || current === stored) continue;
    throw new LeitaiError(
      'CONFLICT',
      `数据库 ${store.label} 中已应用的迁移「${name}」与本程序中的不一致(校验和不同):已发布的迁移不得修改,拒绝启动 (migration checksum mismatch)`,
      { value: name, reason: 'migration checksum mismatch', stored, current },
      false,
    );
  }
}
