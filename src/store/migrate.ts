import { createHash } from 'node:crypto';
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

/**
 * Brings the schema up to date. Refuses a database with migrations this program does not know,
 * or one whose applied migrations differ from this program's (a shipped migration was edited).
 * With PostgreSQL `?schema=x`, Kysely's migration tables live in x too, so installations in
 * different schemas of one database never see each other's.
 */
export async function migrate(store: Store): Promise<void> {
  const all = migrations(store.dialect);
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
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new LeitaiError(
      'INPUT_INVALID',
      `数据库 ${store.label} 迁移失败${failed ? ` (${failed.migrationName})` : ''}: ${(error as Error).message}`,
      { reason: (error as Error).message },
      false,
    );
  }
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
