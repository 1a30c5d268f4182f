// Builds test/fixtures/db/previous-release.{sqlite,postgres}.sql: a small database as the
// release before 0008_ledgers wrote it (migrations 0001–0007 and their checksums), with values,
// revisions, users, a session, an approved review and a published period. Run once, by hand,
// after `npx tsc -p tsconfig.build.json`:
//
//   node scripts/make-previous-release-fixture.mjs
//
// The committed files are what test/ops/migrate.test.ts reads; they must stay as they are while
// the code evolves (that is the point), so this script is for rebuilding them only if a fixture
// for a later release is wanted (change LAST below).
import { createHash, scryptSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';

const root = fileURLToPath(new URL('../', import.meta.url));
const { migrations } = await import(`${root}dist/store/migrations/index.js`);
const { migrationChecksum } = await import(`${root}dist/store/migrate.js`);

const LAST = '0007_judgement_evidence';
const PG_URL = process.env.LEITAI_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const OUT = join(root, 'test/fixtures/db');

/** The hash format of src/services/password.ts, with a fixed salt so the output is stable. */
function scryptHash(password, saltText) {
  const salt = Buffer.from(saltText.padEnd(16, '.').slice(0, 16));
  const key = scryptSync(password.normalize('NFKC'), salt, 32, { N: 16384, r: 8, p: 1 });
  return `scrypt$16384$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
}
const sessionKey = (id) => createHash('sha256').update(id).digest('hex');

/** The data, as the previous release's code would have written it (same columns, same forms). */
const DATA = {
  meta: [{ key: 'fixture', value: 'previous-release (migrations to 0007)' }],
  region: [
    {
      code: '230000',
      name: '黑龙江省',
      level: 'province',
      parent_code: null,
      kind: 'province',
      attributes: '{}',
      synthetic: 0,
    },
    {
      code: '230100',
      name: '哈尔滨市',
      level: 'prefecture',
      parent_code: '230000',
      kind: 'city',
      attributes: '{}',
      synthetic: 0,
    },
    {
      code: '230183',
      name: '尚志市',
      level: 'county',
      parent_code: '230100',
      kind: 'county_city',
      attributes: '{"border":"no"}',
      synthetic: 0,
    },
  ],
  change_set: [
    {
      id: 1,
      actor: 'shangzhi',
      at: '2026-10-05T02:00:00.000Z',
      action: 'import',
      reason: null,
      source: 'web:upload 尚志9月.xlsx',
      synthetic: 0,
      evidence: null,
    },
    {
      id: 2,
      actor: 'shangzhi',
      at: '2026-10-06T03:30:00.000Z',
      action: 'edit',
      reason: '更正录入错误',
      source: 'web',
      synthetic: 0,
      evidence: null,
    },
    {
      id: 3,
      actor: 'admin',
      at: '2026-10-08T08:00:00.000Z',
      action: 'approve',
      reason: null,
      source: 'web',
      synthetic: 0,
      evidence: null,
    },
    {
      id: 4,
      actor: 'admin',
      at: '2026-10-09T01:00:00.000Z',
      action: 'judge',
      reason: '已完成',
      source: 'web',
      synthetic: 0,
      evidence: '黑发改〔2026〕12号',
    },
  ],
  observation: [
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
  ],
  observation_history: [
    {
      id: 1,
      region: '230183',
      indicator: 'gdp',
      period: '2026-09',
      revision: 1,
      value: '120.5',
      status: 'submitted',
      change_set: 1,
      old_value: null,
      old_status: null,
    },
    {
      id: 2,
      region: '230183',
      indicator: 'gdp',
      period: '2026-09',
      revision: 2,
      value: '123.45',
      status: 'submitted',
      change_set: 2,
      old_value: '120.5',
      old_status: 'submitted',
    },
  ],
  app_user: [
    {
      username: 'admin',
      password_hash: scryptHash('省级-管理员-2026', 'fixture-admin'),
      role: 'province',
      region: null,
      department: null,
      display_name: '省专班管理员',
      demo: 0,
      created_at: '2026-10-01T00:00:00.000Z',
      disabled: 0,
    },
    {
      username: 'shangzhi',
      password_hash: scryptHash('尚志 county pw', 'fixture-shangzhi'),
      role: 'county',
      region: '230183',
      department: null,
      display_name: '尚志市统计局',
      demo: 0,
      created_at: '2026-10-01T00:05:00.000Z',
      disabled: 0,
    },
    {
      username: 'former',
      password_hash: scryptHash('former-pw', 'fixture-former'),
      role: 'observer',
      region: null,
      department: null,
      display_name: '已停用',
      demo: 0,
      created_at: '2026-10-01T00:10:00.000Z',
      disabled: 1,
    },
  ],
  app_session: [
    {
      id_hash: sessionKey('fixture-session-of-shangzhi'),
      username: 'shangzhi',
      csrf: 'fixture-csrf',
      created_at: '2026-10-06T03:00:00.000Z',
      expires_at: '2099-01-01T00:00:00.000Z',
    },
  ],
  login_attempt: [
    { id: 1, username: 'shangzhi', address: '10.0.0.7', at: '2026-10-06T03:00:00.000Z', ok: 1 },
  ],
  publication: [
    { period: '2026-09', published_at: '2026-10-10T00:00:00.000Z', published_by: 'admin' },
  ],
  admin_log: [
    {
      id: 1,
      at: '2026-10-01T00:05:00.000Z',
      actor: 'admin',
      action: 'user.add',
      target: 'user:shangzhi',
      old: null,
      new: '{"role":"county","region":"230183"}',
      reason: null,
    },
  ],
};

async function build(db, dialect, schema) {
  const all = migrations(dialect);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => all },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error } = await migrator.migrateTo(LAST);
  if (error) throw error;
  await db.schema
    .createTable('migration_checksum')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('checksum', 'text', (c) => c.notNull())
    .execute();
  for (const name of Object.keys(all).filter((n) => n <= LAST))
    await db
      .insertInto('migration_checksum')
      .values({ name, checksum: await migrationChecksum(dialect, all[name]) })
      .execute();
  for (const [table, rows] of Object.entries(DATA))
    for (const row of rows) await db.insertInto(table).values(row).execute();
  if (dialect === 'postgres')
    for (const t of [
      'change_set',
      'observation',
      'observation_history',
      'login_attempt',
      'admin_log',
    ])
      await sql`select setval(pg_get_serial_sequence(${t}, 'id'), (select max(id) from ${sql.table(t)}))`.execute(
        db,
      );
}

const lit = (v) =>
  v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`;

/** The SQLite file as statements: its schema in creation order, then every row. */
function dumpSqlite(file) {
  const h = new SqliteDatabase(file, { readonly: true });
  const out = [
    '-- Leitai database as the previous release (migrations to 0007) wrote it.',
    '-- Made by scripts/make-previous-release-fixture.mjs; do not edit.',
    'PRAGMA foreign_keys=OFF;',
    'BEGIN;',
  ];
  const objects = h
    .prepare(
      `select type, name, sql from sqlite_master where sql is not null and name not like 'sqlite_%' order by rowid`,
    )
    .all();
  for (const o of objects) out.push(`${o.sql};`);
  for (const o of objects.filter((x) => x.type === 'table')) {
    for (const row of h.prepare(`select * from "${o.name}" order by rowid`).all())
      out.push(
        `INSERT INTO "${o.name}" (${Object.keys(row)
          .map((k) => `"${k}"`)
          .join(',')}) VALUES (${Object.values(row).map(lit).join(',')});`,
      );
  }
  for (const row of h.prepare('select name, seq from sqlite_sequence order by name').all())
    out.push(`INSERT INTO sqlite_sequence (name, seq) VALUES (${lit(row.name)}, ${row.seq});`);
  out.push('COMMIT;');
  h.close();
  return `${out.join('\n')}\n`;
}

const dir = mkdtempSync(join(tmpdir(), 'leitai-fixture-'));
try {
  const file = join(dir, 'prev.db');
  const handle = new SqliteDatabase(file);
  const sdb = new Kysely({ dialect: new SqliteDialect({ database: handle }) });
  await build(sdb, 'sqlite');
  await sdb.destroy();
  writeFileSync(join(OUT, 'previous-release.sqlite.sql'), dumpSqlite(file));

  const schema = `leitai_previous_release_fixture`;
  const pool = new pg.Pool({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  const pdb = new Kysely({ dialect: new PostgresDialect({ pool }) });
  await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(pdb);
  await sql`create schema ${sql.id(schema)}`.execute(pdb);
  try {
    await build(pdb, 'postgres', schema);
    const r = spawnSync(
      'pg_dump',
      [
        `--dbname=${PG_URL}`,
        `--schema=${schema}`,
        '--inserts',
        '--no-owner',
        '--no-privileges',
        '--no-comments',
      ],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(r.stderr);
    const text = r.stdout
      .split('\n')
      // psql's \restrict guards are for psql only; the test runs the statements directly.
      .filter((l) => !/^-- Dumped (from|by)/.test(l) && !/^\\(un)?restrict /.test(l))
      .join('\n')
      .replaceAll(schema, '__SCHEMA__');
    writeFileSync(
      join(OUT, 'previous-release.postgres.sql'),
      `-- Leitai database as the previous release (migrations to 0007) wrote it, from pg_dump;\n-- __SCHEMA__ is replaced by the schema to load it into. Made by\n-- scripts/make-previous-release-fixture.mjs; do not edit.\n${text}`,
    );
  } finally {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(pdb);
    await pdb.destroy();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.stdout.write(`written: ${OUT}/previous-release.{sqlite,postgres}.sql\n`);
