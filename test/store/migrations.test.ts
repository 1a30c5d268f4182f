import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { isLeitaiError } from '../../src/core/errors/index.js';
import { openStore, type Store } from '../../src/store/db.js';
import { migrationChecksum } from '../../src/store/migrate.js';
import { migrations } from '../../src/store/migrations/index.js';
import { cleanUp, DIALECTS, pgAdmin, PG_URL, testDb, type TestDb } from './dialects.js';

/**
 * The checksums of the shipped migrations, as databases in use have them recorded. If one of
 * these changes, an existing database refuses to start: a shipped migration was edited (write a
 * new one instead), or a Kysely upgrade compiles the same migration to different SQL.
 */
const SHIPPED = {
  sqlite: {
    '0001_init': '4be89995581082d0c22f952eeb8a78e2de9a9e0fab3dd43c93a1faefda3d84dc',
    '0002_users_sessions': '32aa213a21e8c81797870e5cd9cbaed1decadd57d1bbd3078e5f107fbbcda1ac',
    '0003_login_throttle_users': 'aed588b808ef85725cc954d4012f778d82045d660e776625550c5533a5d5f5ab',
    '0004_published_values': '10361cf7662d44de4633635a52816dacb4eda6fe43aea665dba001a455b9e8df',
    '0005_reminders_admin_log': '30cbb3e3278be9b9e00e007c8752eb705164d75046793dae1856aec6a9fae89e',
    '0006_bulletins': 'ede0fd1fab9118959b1db3d8a66e04bf097f6514e110cbef0678369a2390e76a',
    '0007_judgement_evidence': '58b13f93db8cba990512f26b9c1905600b36d7fdda07c62761c7df3cdbf080e7',
    '0008_ledgers': 'a5c1c9a5f6a5771848661ba39a25613defa96dab6c2f40a59792ff27ac5ce39a',
  },
  postgres: {
    '0001_init': 'dcb7c19f384a893ada43815970d591cee337d518eebb33d3236cb9621ec075b0',
    '0002_users_sessions': '0e9d6bdf9389ba21474bae6ea97899cb6b18b56347f93a4c59a007016a8d2a44',
    '0003_login_throttle_users': 'aed588b808ef85725cc954d4012f778d82045d660e776625550c5533a5d5f5ab',
    '0004_published_values': '14cef298dfe4b11abebf2554ebfb87c924c459d2e92204c7f3132972f2557aaa',
    '0005_reminders_admin_log': 'a821ff72e08f143100fc4a97a016400190f0694de73a75938c82c991ae2f70ac',
    '0006_bulletins': '1ad3e1e89013d6e0bea53c315ff7ade0d7efa0518f47429ad46f6608848a1b0d',
    '0007_judgement_evidence': '58b13f93db8cba990512f26b9c1905600b36d7fdda07c62761c7df3cdbf080e7',
    '0008_ledgers': 'a05cbdef3c8915592fe4295a06ed71ed9bf4945178d2b2f293340896a9d3d7df',
  },
} as const;

async function failure(p: Promise<Store>): Promise<{ code: string; message: string }> {
  try {
    const s = await p;
    await s.close();
  } catch (e) {
    if (isLeitaiError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  return { code: 'ok', message: '' };
}

const checksums = async (store: Store) => {
  const r = await sql<{
    name: string;
    checksum: string;
  }>`select name, checksum from migration_checksum order by name`.execute(store.db);
  return Object.fromEntries(r.rows.map((x) => [x.name, x.checksum]));
};

describe.each(DIALECTS)('migration checksums on %s', (dialect) => {
  const t = testDb(dialect);
  afterAll(() => cleanUp(t));

  it('are those of the shipped migrations', async () => {
    const all = migrations(dialect);
    const computed: Record<string, string> = {};
    for (const [name, m] of Object.entries(all))
      computed[name] = await migrationChecksum(dialect, m);
    expect(computed).toEqual(SHIPPED[dialect]);
  });

  it('are recorded when the database is created, and refused when one differs', async () => {
    const store = await t.open();
    try {
      expect(await checksums(store)).toEqual(SHIPPED[dialect]);
      await sql`update migration_checksum set checksum = 'tampered' where name = '0002_users_sessions'`.execute(
        store.db,
      );
    } finally {
      await store.close();
    }
    const refused = await failure(t.open());
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain('0002_users_sessions');
    expect(refused.message).toContain('拒绝启动');
  });

  it('are filled in for a database from before checksums were kept', async () => {
    // Undo the tampering the way an old database looks: no checksum table at all.
    const raw = await openRaw(t, dialect);
    await raw.drop();
    const store = await t.open();
    try {
      expect(await checksums(store)).toEqual(SHIPPED[dialect]);
    } finally {
      await store.close();
    }
  });
});

/** Drops the checksum table behind the store's back (opening the store would refuse). */
async function openRaw(t: TestDb, dialect: 'sqlite' | 'postgres') {
  if (dialect === 'postgres')
    return { drop: () => pgAdmin(`drop table "${t.schema}".migration_checksum`) };
  const { default: Database } = await import('better-sqlite3');
  return {
    drop: async () => {
      const db = new Database(t.url);
      db.exec('drop table migration_checksum');
      db.close();
    },
  };
}

describe.runIf(DIALECTS.includes('postgres'))('PostgreSQL installations in schemas', () => {
  const dbs = [
    testDb('postgres'),
    testDb('postgres'),
    testDb('postgres'),
    testDb('postgres'),
    testDb('postgres'),
  ];
  afterAll(async () => {
    for (const t of dbs) await cleanUp(t);
  });

  const tablesIn = async (schema: string) =>
    (
      await pgAdmin<{ table_name: string }>(
        `select table_name from information_schema.tables where table_schema = $1 order by 1`,
        [schema],
      )
    ).map((r) => r.table_name);

  const mark = async (store: Store, value: string) => {
    await store.db.insertInto('meta').values({ key: 'mark', value }).execute();
  };
  const markOf = async (url: string) => {
    const store = await openStore(url);
    try {
      return (await store.db.selectFrom('meta').select('value').executeTakeFirst())?.value;
    } finally {
      await store.close();
    }
  };

  it('initialise one after the other, each with its own migration tables', async () => {
    const [a, b] = dbs as [TestDb, TestDb];
    for (const [t, value] of [
      [a, 'a'],
      [b, 'b'],
    ] as const) {
      const store = await t.open();
      await mark(store, value);
      await store.close();
    }
    for (const t of [a, b]) {
      expect(await tablesIn(t.schema!)).toEqual(
        expect.arrayContaining(['kysely_migration', 'kysely_migration_lock', 'migration_checksum']),
      );
    }
    expect([await markOf(a.url), await markOf(b.url)]).toEqual(['a', 'b']);
  });

  it('initialise at the same time', async () => {
    const [, , c, d] = dbs as [TestDb, TestDb, TestDb, TestDb];
    const stores = await Promise.all([c.open(), d.open()]);
    await Promise.all(stores.map((s, i) => mark(s, ['c', 'd'][i]!)));
    await Promise.all(stores.map((s) => s.close()));
    expect([await markOf(c.url), await markOf(d.url)]).toEqual(['c', 'd']);
  });

  it('one new schema opened by three processes at once is created and migrated once', async () => {
    const e = dbs[4]!;
    const stores = await Promise.all([openStore(e.url), openStore(e.url), openStore(e.url)]);
    await Promise.all(stores.map((s) => s.close()));
    const applied = await pgAdmin<{ name: string }>(
      `select name from "${e.schema}".kysely_migration order by name`,
    );
    expect(applied.map((r) => r.name)).toEqual(Object.keys(SHIPPED.postgres));
  });

  it('dropping one schema leaves the others intact', async () => {
    const [a, b, c] = dbs as [TestDb, TestDb, TestDb];
    await a.drop();
    expect(await tablesIn(a.schema!)).toEqual([]);
    expect([await markOf(b.url), await markOf(c.url)]).toEqual(['b', 'c']);
    // The dropped installation starts again from nothing.
    expect(await markOf(a.url)).toBeUndefined();
  });

  it('a schema name that is not plain lower-case is refused', async () => {
    const r = await failure(openStore(`${PG_URL}?schema=A;drop`));
    expect(r.code).toBe('INPUT_INVALID');
    expect(r.message).toContain('A;drop');
  });
});
