import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLeitaiError } from '../../src/core/errors/index.js';
import { buildApp } from '../../src/server/app.js';
import { inspectSqlite } from '../../src/store/backup.js';
import { openStore, type Store } from '../../src/store/db.js';
import { leitai, ROOT } from '../helpers.js';
import { cleanUp, DIALECTS, pgAdmin, testDb, type TestDb } from '../store/dialects.js';

/**
 * A database the previous release wrote (test/fixtures/db, made once by
 * scripts/make-previous-release-fixture.mjs and never regenerated) migrated by today's code:
 * every value, revision, user and session is still there, and users still sign in.
 */
const FIXTURE = join(ROOT, 'test/fixtures/db');

async function loadFixture(t: TestDb, dialect: 'sqlite' | 'postgres'): Promise<void> {
  const text = readFileSync(join(FIXTURE, `previous-release.${dialect}.sql`), 'utf8');
  if (dialect === 'sqlite') {
    const h = new SqliteDatabase(t.url);
    h.exec(text);
    h.close();
  } else {
    await pgAdmin(text.replaceAll('__SCHEMA__', t.schema!));
  }
}

const ALL = [
  '0001_init',
  '0002_users_sessions',
  '0003_login_throttle_users',
  '0004_published_values',
  '0005_reminders_admin_log',
  '0006_bulletins',
  '0007_judgement_evidence',
  '0008_ledgers',
];

async function refusal(p: Promise<Store>): Promise<{ code: string; message: string }> {
  try {
    await (await p).close();
  } catch (e) {
    if (isLeitaiError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  return { code: 'ok', message: '' };
}

describe.each(DIALECTS)('a previous release’s database on %s', (dialect) => {
  const t = testDb(dialect);
  let store: Store | undefined;
  afterAll(() => cleanUp(t, store));

  beforeAll(async () => {
    await loadFixture(t, dialect);
    store = await t.open(); // today's migrate runs here
  });

  it('is migrated to the current schema, with a backup taken first on SQLite', async () => {
    const names = await sql<{
      name: string;
    }>`select name from kysely_migration order by name`.execute(store!.db);
    expect(names.rows.map((r) => r.name)).toEqual(ALL);
    // The new tables exist and are empty.
    const projects = await sql<{ n: number }>`select count(*) as n from project`.execute(store!.db);
    expect(Number(projects.rows[0]!.n)).toBe(0);
    if (dialect === 'sqlite') {
      const dir = dirname(t.url);
      const baks = readdirSync(dir).filter((f) =>
        /^test\.db\.before-0008_ledgers-\d{8}T\d+Z\.bak$/.test(f),
      );
      expect(baks).toHaveLength(1);
      // The backup is the database as it was: seven migrations, the first pending one missing.
      const before = inspectSqlite(join(dir, baks[0]!));
      expect(before.migrations).toEqual(ALL.slice(0, 7));
      expect(before.pending).toEqual(['0008_ledgers']);
    }
  });

  it('keeps every value with its published (approved) value', async () => {
    const rows = await store!.db
      .selectFrom('observation')
      .select([
        'id',
        'region',
        'indicator',
        'period',
        'revision',
        'value',
        'status',
        'change_set',
        'old_value',
        'old_status',
        'approved_value',
        'approved_revision',
        'approved_change_set',
      ])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => ({ ...r, change_set: Number(r.change_set) }))).toEqual([
      {
        id: 1,
        region: '230183',
        indicator: 'gdp',
        period: '2026-09',
        revision: 3,
        value: '123.45',
        status: 'approved',
        change_set: 3,
        old_value: '120.5',
        old_status: 'submitted',
        approved_value: '123.45',
        approved_revision: 3,
        approved_change_set: 3,
      },
      {
        id: 2,
        region: '230183',
        indicator: 'fiscal_revenue',
        period: '2026-09',
        revision: 1,
        value: '8.07',
        status: 'approved',
        change_set: 3,
        old_value: null,
        old_status: 'submitted',
        approved_value: '8.07',
        approved_revision: 1,
        approved_change_set: 3,
      },
      {
        id: 3,
        region: '230183',
        indicator: 'gdp',
        period: '2026-10',
        revision: 1,
        value: '0.000001',
        status: 'submitted',
        change_set: 1,
        old_value: null,
        old_status: null,
        approved_value: null,
        approved_revision: null,
        approved_change_set: null,
      },
    ]);
  });

  it('keeps every earlier revision and the change sets that made them', async () => {
    const history = await store!.db
      .selectFrom('observation_history')
      .select(['period', 'indicator', 'region', 'revision', 'value', 'status', 'change_set'])
      .orderBy('revision')
      .execute();
    expect(history.map((r) => ({ ...r, change_set: Number(r.change_set) }))).toEqual([
      {
        period: '2026-09',
        indicator: 'gdp',
        region: '230183',
        revision: 1,
        value: '120.5',
        status: 'submitted',
        change_set: 1,
      },
      {
        period: '2026-09',
        indicator: 'gdp',
        region: '230183',
        revision: 2,
        value: '123.45',
        status: 'submitted',
        change_set: 2,
      },
    ]);
    const sets = await store!.db
      .selectFrom('change_set')
      .select(['id', 'actor', 'action', 'reason', 'evidence'])
      .orderBy('id')
      .execute();
    expect(sets.map((s) => ({ ...s, id: Number(s.id) }))).toEqual([
      { id: 1, actor: 'shangzhi', action: 'import', reason: null, evidence: null },
      { id: 2, actor: 'shangzhi', action: 'edit', reason: '更正录入错误', evidence: null },
      { id: 3, actor: 'admin', action: 'approve', reason: null, evidence: null },
      { id: 4, actor: 'admin', action: 'judge', reason: '已完成', evidence: '黑发改〔2026〕12号' },
    ]);
    // The sequences went on where the old release left them: the next change set is number 5.
    const next = await store!.db
      .insertInto('change_set')
      .values({
        actor: 't',
        at: '2026-12-01T00:00:00Z',
        action: 'edit',
        reason: null,
        source: 't',
        synthetic: 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(Number(next.id)).toBe(5);
    await store!.db.deleteFrom('change_set').where('id', '=', next.id).execute();
  });

  it('keeps the users, the published period and the audit trail', async () => {
    const users = await store!.db
      .selectFrom('app_user')
      .select(['username', 'role', 'region', 'display_name', 'disabled'])
      .orderBy('username')
      .execute();
    expect(users).toEqual([
      {
        username: 'admin',
        role: 'province',
        region: null,
        display_name: '省专班管理员',
        disabled: 0,
      },
      { username: 'former', role: 'observer', region: null, display_name: '已停用', disabled: 1 },
      {
        username: 'shangzhi',
        role: 'county',
        region: '230183',
        display_name: '尚志市统计局',
        disabled: 0,
      },
    ]);
    expect(await store!.db.selectFrom('publication').selectAll().execute()).toEqual([
      { period: '2026-09', published_at: '2026-10-10T00:00:00.000Z', published_by: 'admin' },
    ]);
    const log = await store!.db
      .selectFrom('admin_log')
      .select(['action', 'target', 'new'])
      .execute();
    expect(log).toEqual([
      { action: 'user.add', target: 'user:shangzhi', new: '{"role":"county","region":"230183"}' },
    ]);
  });

  it('lets users sign in with their passwords, and keeps a signed-in session', async () => {
    const app = await buildApp({ store: store! });
    try {
      const signIn = (username: string, password: string) =>
        app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
      const admin = await signIn('admin', '省级-管理员-2026');
      expect(admin.statusCode).toBe(200);
      expect(admin.json().user).toMatchObject({ username: 'admin', role: 'province' });
      const county = await signIn('shangzhi', '尚志 county pw');
      expect(county.statusCode).toBe(200);
      expect(county.json().user).toMatchObject({ role: 'county', region: '230183' });
      expect((await signIn('shangzhi', 'wrong')).statusCode).toBe(401);
      expect((await signIn('former', 'former-pw')).statusCode).toBe(401); // still disabled
      // The session the old release created (its cookie value is in the fixture script).
      const me = await app.inject({
        method: 'GET',
        url: '/api/session',
        headers: { cookie: 'leitai_sid=fixture-session-of-shangzhi' },
      });
      expect(me.statusCode).toBe(200);
      expect(me.json().user).toMatchObject({ username: 'shangzhi' });
    } finally {
      await app.close();
    }
  });
});

describe.each(DIALECTS)('a database from a newer version on %s', (dialect) => {
  const t = testDb(dialect);
  afterAll(() => cleanUp(t));

  it('is refused with the database, the unknown migrations and what to do; nothing changes', async () => {
    const store = await t.open();
    await sql`insert into kysely_migration (name, timestamp) values ('0009_from_the_future', '2027-01-01T00:00:00.000Z'), ('0010_also_new', '2027-01-01T00:00:01.000Z')`.execute(
      store.db,
    );
    await store.close();
    const snapshot = async () =>
      dialect === 'sqlite'
        ? readFileSync(t.url).toString('base64')
        : JSON.stringify(
            await pgAdmin(
              `select (select count(*) from "${t.schema}".kysely_migration) m,
                      (select count(*) from "${t.schema}".migration_checksum) c,
                      (select count(*) from information_schema.tables where table_schema = $1) t`,
              [t.schema],
            ),
          );
    const before = await snapshot();
    const r = await refusal(openStore(t.url));
    expect(r.code).toBe('CONFLICT');
    expect(r.message).toMatch(/^数据库 .+ 来自更新版本的擂台 Leitai/);
    expect(r.message).toContain(dialect === 'sqlite' ? t.url : t.schema!);
    expect(r.message).toContain('0009_from_the_future, 0010_also_new');
    expect(r.message).toContain('请把 Leitai 升级');
    expect(r.message).toContain('未做任何改动');
    expect(await snapshot()).toBe(before);
  });
});

describe('leitai db migrate (SQLite, the previous release’s file)', () => {
  const t = testDb('sqlite');
  afterAll(() => cleanUp(t));

  it('backs up, applies 0008_ledgers and says which; then says it is up to date', async () => {
    await loadFixture(t, 'sqlite');
    const first = leitai('db', 'migrate', '--db', t.url);
    expect(first.code, first.stderr).toBe(0);
    const backup = /迁移前已备份到 (\S+)/.exec(first.stdout)?.[1];
    expect(backup).toMatch(/test\.db\.before-0008_ledgers-\d{8}T\d+Z\.bak$/);
    expect(inspectSqlite(backup!).migrations).toEqual(ALL.slice(0, 7));
    expect(first.stdout).toContain(`数据库 ${t.url}: 已应用迁移 0008_ledgers`);
    const second = leitai('db', 'migrate', '--db', t.url);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toBe(`数据库 ${t.url}: 已是最新,无需迁移 (up to date)\n`);
    // No second backup: nothing was pending.
    expect(readdirSync(dirname(t.url)).filter((f) => f.endsWith('.bak'))).toHaveLength(1);
  });
});
