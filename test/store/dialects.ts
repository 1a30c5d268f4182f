import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/db.js';
import { tempDir } from '../helpers.js';

/**
 * Every storage test runs on both databases through the same code. PostgreSQL is the local
 * server (LEITAI_TEST_PG, default postgres://postgres@127.0.0.1:5432/test); each run gets its own
 * schema, dropped afterwards. PostgreSQL missing is a failure, never a skip.
 */
export const PG_URL = process.env.LEITAI_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

export const DIALECTS = (process.env.LEITAI_TEST_DIALECTS ?? 'sqlite,postgres').split(',') as (
  'sqlite' | 'postgres'
)[];

export interface TestDb {
  url: string;
  /** PostgreSQL: the schema this test owns. */
  schema?: string;
  open(): Promise<Store>;
  drop(): Promise<void>;
}

/** Runs `sql` on the test database outside any test schema. */
export async function pgAdmin<T = unknown>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Test schemas are named t_<time>_<random>: unique to their run, and datable. */
const STALE_MS = 6 * 3600_000;
let sweep: Promise<void> | undefined;

/**
 * Drops test schemas left by runs that were killed more than six hours ago (a finished run drops
 * its own). They cannot disturb a new run (every installation's tables, migration tables
 * included, stay in its own schema); this only keeps the database tidy. Best effort.
 */
function sweepStaleSchemas(): Promise<void> {
  sweep ??= (async () => {
    try {
      const rows = await pgAdmin<{ nspname: string }>(
        `select nspname from pg_namespace where nspname ~ '^t_[0-9a-z]+_[0-9a-f]+$'`,
      );
      for (const { nspname } of rows) {
        const at = parseInt(nspname.split('_')[1]!, 36);
        if (Date.now() - at > STALE_MS)
          await pgAdmin(`drop schema if exists "${nspname}" cascade`).catch(() => undefined);
      }
    } catch {
      // The tests themselves report an unreachable server.
    }
  })();
  return sweep;
}

export function testDb(dialect: 'sqlite' | 'postgres'): TestDb {
  if (dialect === 'sqlite') {
    const dir = tempDir('leitai-db-');
    const url = join(dir, 'test.db');
    return {
      url,
      open: () => openStore(url),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const schema = `t_${Date.now().toString(36)}_${randomBytes(6).toString('hex')}`;
  const url = `${PG_URL}?schema=${schema}`;
  return {
    url,
    schema,
    open: async () => {
      await sweepStaleSchemas();
      return openStore(url);
    },
    drop: async () => {
      await pgAdmin(`drop schema if exists "${schema}" cascade`);
    },
  };
}

/**
 * Closes what a test opened and drops its database, whatever state the test left: the drop runs
 * even when closing fails or the store was never opened.
 */
export async function cleanUp(
  t: TestDb | undefined,
  ...closers: ({ close(): Promise<unknown> } | undefined)[]
): Promise<void> {
  try {
    for (const c of closers) await c?.close().catch(() => undefined);
  } finally {
    await t?.drop();
  }
}
