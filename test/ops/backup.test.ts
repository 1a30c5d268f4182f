import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupPostgres } from '../../src/store/backup.js';
import { openStore, type Store } from '../../src/store/db.js';
import { leitai, ROOT, tempDir } from '../helpers.js';
import { cleanUp, DIALECTS, pgAdmin, testDb, type TestDb } from '../store/dialects.js';

/** A recognisable row: the meta table exists in every Leitai database. */
async function mark(store: Store, value: string): Promise<void> {
  await sql`insert into meta (key, value) values ('mark', ${value})
    on conflict (key) do update set value = excluded.value`.execute(store.db);
}

function markOf(file: string): string | undefined {
  const h = new SqliteDatabase(file, { readonly: true });
  try {
    return (h.prepare(`select value from meta where key = 'mark'`).get() as { value: string })
      ?.value;
  } finally {
    h.close();
  }
}

describe('leitai db backup and restore on SQLite', () => {
  const dir = tempDir('leitai-backup-');
  const db = join(dir, 'leitai.db');
  let store: Store | undefined;
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeAll(async () => {
    store = await openStore(db);
    await mark(store, 'one');
  });

  it('backs up while the database is open and being written', async () => {
    const out = join(dir, 'b1.bak');
    const r = leitai('db', 'backup', '--db', db, '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`已备份 ${db} 到 ${out}`);
    expect(markOf(out)).toBe('one');
    // One self-contained file: no -wal or -shm beside it.
    expect(readdirSync(dir).filter((f) => f.startsWith('b1.bak'))).toEqual(['b1.bak']);
    await mark(store!, 'two');
  });

  it('refuses to overwrite a backup unless --force', () => {
    const out = join(dir, 'b1.bak');
    const before = readFileSync(out);
    const r = leitai('db', 'backup', '--db', db, '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`文件 ${out} 已存在:未覆盖;要覆盖请加 --force`);
    expect(readFileSync(out).equals(before)).toBe(true);
    const forced = leitai('db', 'backup', '--db', db, '--out', out, '--force');
    expect(forced.code, forced.stderr).toBe(0);
    expect(markOf(out)).toBe('two');
  });

  it('does not back up a database that does not exist (and does not create it)', () => {
    const missing = join(dir, 'nothing-here.db');
    const r = leitai('db', 'backup', '--db', missing, '--out', join(dir, 'x.bak'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`数据库 ${missing} 不存在`);
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(join(dir, 'x.bak'))).toBe(false);
  });

  it('restores once nothing has the database open, keeping the replaced file', async () => {
    await mark(store!, 'three');
    await store!.close();
    store = undefined;
    // b1.bak holds 'two'; the database now holds 'three'.
    const r = leitai('db', 'restore', '--db', db, '--from', join(dir, 'b1.bak'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`已从 ${join(dir, 'b1.bak')} 恢复数据库 ${db}`);
    const replaced = /原数据库保留为 (\S+)/.exec(r.stdout)?.[1];
    expect(replaced).toMatch(/leitai\.db\.replaced-\d{8}T\d+Z$/);
    expect(markOf(replaced!)).toBe('three');
    expect(markOf(db)).toBe('two');
    // No temporary file is left behind, and the restored file opens as a working store.
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    store = await openStore(db);
    await mark(store, 'four');
    expect(
      (await sql<{ value: string }>`select value from meta where key = 'mark'`.execute(store.db))
        .rows[0]!.value,
    ).toBe('four');
  });
});

describe('leitai db restore refuses a file that is not a Leitai backup', () => {
  const dir = tempDir('leitai-restore-bad-');
  const db = join(dir, 'leitai.db');
  let original: Buffer;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    const s = await openStore(db);
    await mark(s, 'keep');
    await s.close();
    original = readFileSync(db);
    writeFileSync(join(dir, 'random.bak'), randomBytes(4096));
    writeFileSync(join(dir, 'empty.bak'), '');
    writeFileSync(join(dir, 'text.bak'), '地区,指标,期别,数值\n230183,gdp,2026-09,123.45\n');
    const other = new SqliteDatabase(join(dir, 'other.sqlite'));
    other.exec(`create table notes (t text); insert into notes values ('not leitai')`);
    other.close();
    // A backup from a newer Leitai: a copy of ours with a migration this program does not know.
    copyFileSync(db, join(dir, 'newer.bak'));
    const s2 = await openStore(join(dir, 'newer.bak'));
    await sql`insert into kysely_migration (name, timestamp) values ('0042_later', '2030-01-01')`.execute(
      s2.db,
    );
    await s2.close();
    writeFileSync(join(dir, 'truncated.bak'), readFileSync(db).subarray(0, 5000));
  });

  const cases: [string, string][] = [
    ['random.bak', '不是 SQLite 数据库(文件头不对)'],
    ['empty.bak', '是空文件,不是数据库'],
    ['text.bak', '不是 SQLite 数据库(文件头不对)'],
    ['other.sqlite', '是 SQLite 数据库,但不是擂台 Leitai 的数据库'],
    ['newer.bak', '来自更新版本的擂台 Leitai:含有本程序不认识的迁移 0042_later'],
    ['truncated.bak', '备份文件'],
    ['missing.bak', '不存在'],
  ];

  it.each(cases)('%s: a clear message, and the database is unchanged', (name, message) => {
    const from = join(dir, name);
    const filesBefore = readdirSync(dir).sort();
    const r = leitai('db', 'restore', '--db', db, '--from', from);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain(from);
    expect(readFileSync(db).equals(original)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(filesBefore);
  });
});

describe('leitai db restore over a running server', () => {
  const dir = tempDir('leitai-restore-live-');
  const db = join(dir, 'leitai.db');
  let server: ChildProcess | undefined;
  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('is refused while `leitai serve` has the database open; nothing changes', async () => {
    const s = await openStore(db);
    await mark(s, 'served');
    await s.close();
    const backup = join(dir, 'b.bak');
    expect(leitai('db', 'backup', '--db', db, '--out', backup).code).toBe(0);
    server = spawn(
      process.execPath,
      [join(ROOT, 'bin/leitai'), 'serve', '--db', db, '--port', '0'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    await new Promise<void>((resolve, reject) => {
      let out = '';
      server!.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        if (out.includes('已启动')) resolve();
      });
      server!.on('exit', (code) => reject(new Error(`server exited ${code}`)));
    });
    const before = readFileSync(db);
    const r = leitai('db', 'restore', '--db', db, '--from', backup);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`数据库 ${db} 正在被使用(擂台服务器或其他 leitai 命令打开着它)`);
    expect(readFileSync(db).equals(before)).toBe(true);
    expect(readdirSync(dir).some((f) => f.includes('.replaced-'))).toBe(false);
  });
});

describe.runIf(DIALECTS.includes('postgres'))('leitai db backup and restore on PostgreSQL', () => {
  let t: TestDb;
  const dir = tempDir('leitai-pgdump-');
  beforeAll(async () => {
    t = testDb('postgres');
    const s = await t.open();
    await mark(s, 'pg');
    await s.close();
  });
  afterAll(async () => {
    await cleanUp(t);
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs pg_dump for the installation’s schema: plain SQL for .sql', async () => {
    const out = join(dir, 'leitai.sql');
    const r = leitai('db', 'backup', '--db', t.url, '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`已用 pg_dump 备份到 ${out}`);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain(`CREATE TABLE ${t.schema}.observation`);
    expect(text).toContain('mark\tpg'); // the meta row, in COPY's tab-separated form
    // Only this installation's schema: no other test schema is in the dump.
    expect(text.match(/CREATE SCHEMA \w+/g)).toEqual([`CREATE SCHEMA ${t.schema}`]);
  });

  it('and the custom format otherwise; refuses to overwrite without --force', () => {
    const out = join(dir, 'leitai.dump');
    expect(leitai('db', 'backup', '--db', t.url, '--out', out).code).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('PGDMP');
    const before = readFileSync(out);
    const again = leitai('db', 'backup', '--db', t.url, '--out', out);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('已存在:未覆盖');
    expect(readFileSync(out).equals(before)).toBe(true);
  });

  it('restore prints the pg_restore or psql command, runs nothing itself; the command works', async () => {
    const r = leitai('db', 'restore', '--db', t.url, '--from', join(dir, 'leitai.dump'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('请先停止所有 Leitai 实例');
    expect(r.stdout).toContain(
      `pg_restore --dbname=postgres://postgres@127.0.0.1:5432/test --clean --if-exists --no-owner --single-transaction ${join(dir, 'leitai.dump')}`,
    );
    const markPg = async () =>
      (
        await pgAdmin<{ value: string }>(`select value from "${t.schema}".meta where key = 'mark'`)
      ).map((x) => x.value);
    expect(await markPg()).toEqual(['pg']);
    // The printed commands work: run as printed, they bring the backed-up row back.
    for (const file of ['leitai.dump', 'leitai.sql']) {
      await pgAdmin(`update "${t.schema}".meta set value = 'changed' where key = 'mark'`);
      const printed = leitai('db', 'restore', '--db', t.url, '--from', join(dir, file));
      const command = printed.stdout.trim().split('\n').at(-1)!.trim();
      expect(command).toMatch(file.endsWith('.sql') ? /^psql / : /^pg_restore /);
      const run = spawnSync('sh', ['-c', command], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      expect(await markPg()).toEqual(['pg']);
    }
  });
});

describe('PostgreSQL backup where pg_dump is not installed', () => {
  it('prints the exact pg_dump command, with the password kept out of it, and writes nothing', () => {
    const dir = tempDir('leitai-nopgdump-');
    const out = join(dir, 'leitai.dump');
    const r = backupPostgres('postgres://leitai:s3cret@db.example:5432/stats?schema=hlj', out, {
      pgDump: join(dir, 'no-such-pg_dump'),
    });
    expect(r).toEqual({
      ran: false,
      command: `PGPASSWORD=… pg_dump --dbname=postgres://leitai@db.example:5432/stats --schema=hlj --format=custom --clean --if-exists --no-owner --file=${out}`,
    });
    expect(readdirSync(dir)).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });
});
