import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { diagnose, gatherFacts, type DoctorFacts } from '../../src/services/doctor.js';
import { hashPassword } from '../../src/services/password.js';
import type { Store } from '../../src/store/db.js';
import { saveUser } from '../../src/store/users.js';
import { ROOT, tempDir, type Run } from '../helpers.js';
import { cleanUp, DIALECTS, testDb, type TestDb } from '../store/dialects.js';

// `leitai doctor` run as an operator would (bin/leitai, built: `npx tsc -p tsconfig.build.json`)
// on real databases, and against a real server listening on a free port.

const BIN = join(ROOT, 'bin/leitai');

/** bin/leitai without blocking this process (a server in it must keep answering). */
function leitai(args: string[], opts: { env?: Record<string, string>; stdin?: string } = {}) {
  return new Promise<Run>((done) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, TZ: 'Asia/Shanghai', ...opts.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(opts.stdin ?? '');
  });
}

/** The doctor's lines that start with a mark, as [mark, the line's start up to its first colon]. */
const verdicts = (r: Run) =>
  r.stdout
    .split('\n')
    .filter((l) => /^[✓!✗] /.test(l))
    .map((l) => [l[0], l.slice(2, l.indexOf(':'))]);

const province = async (store: Store, username: string, demo: boolean, disabled = false) => {
  await saveUser(store, {
    username,
    role: 'province',
    region: null,
    department: null,
    displayName: '省专班',
    demo,
    passwordHash: await hashPassword('a long enough password'),
    at: new Date().toISOString(),
  });
  if (disabled)
    await store.db
      .updateTable('app_user')
      .set({ disabled: 1 })
      .where('username', '=', username)
      .execute();
};

describe.each(DIALECTS)('leitai doctor on %s', (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = testDb(dialect);
    const r = await leitai(['db', 'init', '--db', t.url]);
    expect(r.code, r.stderr).toBe(0);
  });
  afterAll(() => cleanUp(t));

  it('finds no administrator in a new database, and says how to create one', async () => {
    const r = await leitai(['doctor', '--db', t.url]);
    expect(r.code).toBe(1);
    expect(verdicts(r)).toEqual([
      ['✓', '数据库可达 database reachable'],
      ['✓', '迁移已是最新 migrations current'],
      ['✗', '没有可用的管理员 no administrator'],
      ['✓', dialect === 'sqlite' ? '磁盘空间 disk space' : '时区 time zone'],
      ['✓', dialect === 'sqlite' ? '时区 time zone' : '时钟 clock'],
    ]);
    expect(r.stdout).toContain('1 项未通过,共 5 项');
    // The fix it prints is a command that works: run it as printed, but with our password.
    const fix = r.stdout.split('\n').find((l) => l.includes('leitai user add'))!;
    const command = fix.slice(fix.indexOf('leitai user add') + 'leitai '.length);
    expect(command).toMatch(/^user add admin --as province --name 管理员 --password-stdin --db /);
    // Shell words: the --db value is single-quoted when it holds characters a shell reads.
    const words = command.split(' ').map((w) => w.replace(/^'(.*)'$/, '$1'));
    expect(words.at(-1)).toBe(t.url);
    const add = await leitai(words, { stdin: 'a long enough password\n' });
    expect(add.code, add.stderr).toBe(0);
  });

  it('passes every check once an administrator exists (exit 0)', async () => {
    const r = await leitai(['doctor', '--db', t.url]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(verdicts(r).map((v) => v[0])).toEqual(['✓', '✓', '✓', '✓', '✓']);
    expect(r.stdout).toContain('管理员 administrators: 1 个启用的省级用户');
    expect(r.stdout).toContain('全部 5 项通过');
    expect(verdicts(r).at(-1)![1]).toBe(dialect === 'sqlite' ? '时区 time zone' : '时钟 clock');
  });

  it('warns when the time zone is not Asia/Shanghai, and says how to set it', async () => {
    const r = await leitai(['doctor', '--db', t.url], { env: { TZ: 'America/New_York' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('! 时区不是 Asia/Shanghai time zone is America/New_York');
    expect(r.stdout).toContain('Environment=TZ=Asia/Shanghai');
  });

  it('tells pending, unknown (newer version) and edited migrations apart, changing nothing', async () => {
    const store = await t.open();
    try {
      const rows = async () =>
        (
          await sql<{ name: string }>`select name from kysely_migration order by name`.execute(
            store.db,
          )
        ).rows.map((r) => r.name);
      const before = await rows();
      expect(before.at(-1)).toBe('0008_ledgers');

      // As if the database were from the release before 0008: one migration pending.
      await sql`delete from kysely_migration where name = '0008_ledgers'`.execute(store.db);
      let r = await leitai(['doctor', '--db', t.url]);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('✗ 有待应用的迁移 migrations pending: 0008_ledgers');
      expect(r.stdout).toContain(`leitai db migrate --db`);
      expect(await rows()).toEqual(before.slice(0, -1)); // the doctor applied nothing

      // A newer version's migration this program does not know.
      await sql`insert into kysely_migration (name, timestamp) values ('0008_ledgers', '2026-01-01T00:00:00.000Z'), ('0099_future', '2027-01-01T00:00:00.000Z')`.execute(
        store.db,
      );
      r = await leitai(['doctor', '--db', t.url]);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('✗ 数据库来自更新的版本 database is from a newer version');
      expect(r.stdout).toContain('0099_future');
      expect(r.stdout).toContain('升级 Leitai');
      await sql`delete from kysely_migration where name = '0099_future'`.execute(store.db);

      // A shipped migration whose statements were edited.
      await sql`update migration_checksum set checksum = 'edited' where name = '0003_login_throttle_users'`.execute(
        store.db,
      );
      r = await leitai(['doctor', '--db', t.url]);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(
        '✗ 已应用的迁移与本程序的不一致 applied migrations differ: 0003_login_throttle_users',
      );
    } finally {
      await store.close();
    }
  });
});

describe.each(DIALECTS)('administrators the doctor counts on %s', (dialect) => {
  let t: TestDb;
  let store: Store;
  beforeAll(async () => {
    t = testDb(dialect);
    store = await t.open();
  });
  afterAll(() => cleanUp(t, store));

  const adminCheck = async () =>
    diagnose(await gatherFacts({ db: t.url, timeZone: 'Asia/Shanghai' })).find((c) =>
      c.text.includes('管理员'),
    )!;

  it('does not count a disabled province user, nor accept demo logins alone', async () => {
    await province(store, 'retired', false, true);
    expect(await adminCheck()).toMatchObject({
      mark: 'fail',
      text: expect.stringContaining('没有可用的管理员'),
    });
    await province(store, 'province', true);
    expect(await adminCheck()).toMatchObject({
      mark: 'fail',
      text: expect.stringContaining('管理员只有演示账号'),
      fix: expect.stringContaining('leitai user disable province'),
    });
    await province(store, 'chief', false);
    expect(await adminCheck()).toMatchObject({
      mark: 'ok',
      text: '管理员 administrators: 2 个启用的省级用户 (active province users)',
    });
  });
});

describe('databases the doctor cannot use', () => {
  it('reports a missing SQLite file and creates nothing', async () => {
    const dir = tempDir('leitai-doctor-');
    const r = await leitai(['doctor', '--db', join(dir, 'leitai.db')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`✗ 数据库不存在 database missing: ${join(dir, 'leitai.db')}`);
    expect(r.stdout).toContain(`leitai db init --db ${join(dir, 'leitai.db')}`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reports a file that is not a database', async () => {
    const dir = tempDir('leitai-doctor-');
    const file = join(dir, 'notes.db');
    await import('node:fs').then((fs) => fs.writeFileSync(file, 'not a database\n'.repeat(100)));
    const r = await leitai(['doctor', '--db', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `✗ 数据库不可达 database unreachable: ${file}: file is not a database`,
    );
  });

  it('reports a PostgreSQL server that cannot be reached, without the password', async () => {
    const r = await leitai(['doctor', '--db', 'postgres://postgres:secret@127.0.0.1:1/test']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      '✗ 数据库不可达 database unreachable: postgres://postgres:***@127.0.0.1:1/test',
    );
    expect(r.stdout).toContain('ECONNREFUSED');
    expect(r.stdout).not.toContain('secret');
  });

  it('refuses a --url that is not http(s) (exit 2), naming it', async () => {
    const r = await leitai(['doctor', '--db', ':memory:', '--url', 'ftp://example.org']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--url「ftp://example.org」不是 http:// 或 https:// 地址');
    expect(existsSync(join(ROOT, ':memory:'))).toBe(false);
  });
});

describe('PostgreSQL clock', () => {
  it.runIf(DIALECTS.includes('postgres'))(
    "fails when the database server's clock is more than 60 s from ours",
    async () => {
      const t = testDb('postgres');
      const store = await t.open();
      try {
        // Our clock two minutes behind: the server's is two minutes ahead of it.
        const facts = await gatherFacts({ db: t.url, now: () => Date.now() - 120_000 });
        expect(facts.databaseClockSkewMs).toBeGreaterThan(119_000);
        expect(facts.databaseClockSkewMs).toBeLessThan(121_000);
        const clock = diagnose(facts).find((c) => c.text.includes('时钟'))!;
        expect(clock.mark).toBe('fail');
        expect(clock.text).toContain('数据库服务器比本机快 120 秒');
        expect(clock.fix).toContain('NTP');
      } finally {
        await cleanUp(t, store);
      }
    },
  );
});

describe('disk space where the SQLite file lives', () => {
  const facts = (freeGb: number, totalGb: number): DoctorFacts => ({
    database: { label: '/srv/leitai/leitai.db', dialect: 'sqlite' },
    disk: { path: '/srv/leitai', freeBytes: freeGb * 1024 ** 3, totalBytes: totalGb * 1024 ** 3 },
    timeZone: 'Asia/Shanghai',
  });
  const disk = (f: DoctorFacts) => diagnose(f).find((c) => c.text.includes('磁盘'))!;

  it.each([
    [5, 40, 'ok', '磁盘空间 disk space: /srv/leitai 所在磁盘可用 5.0 GB / 40.0 GB (13%)'],
    [
      0.5,
      4,
      'warn',
      '磁盘空间不足 low disk space: /srv/leitai 所在磁盘可用 0.5 GB / 4.0 GB (13%),低于 1 GB 或 10%',
    ],
    [
      9,
      100,
      'warn',
      '磁盘空间不足 low disk space: /srv/leitai 所在磁盘可用 9.0 GB / 100.0 GB (9%),低于 1 GB 或 10%',
    ],
  ])('%d GB free of %d GB: %s', (free, total, mark, text) => {
    expect(disk(facts(free, total))).toMatchObject({ mark, text });
  });
});

describe('a running server (--url)', () => {
  let t: TestDb;
  let store: Store;
  let plain: FastifyInstance;
  let secure: FastifyInstance;
  let plainUrl: string;
  let secureUrl: string;
  beforeAll(async () => {
    t = testDb('sqlite');
    store = await t.open();
    await province(store, 'chief', false);
    plain = await buildApp({ store });
    secure = await buildApp({ store, secureCookies: true, trustProxy: ['127.0.0.1'] });
    plainUrl = await plain.listen({ port: 0, host: '127.0.0.1' });
    secureUrl = await secure.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => cleanUp(t, plain, secure, store));

  it('checks that the server answers (all pass, exit 0)', async () => {
    const r = await leitai(['doctor', '--db', t.url, '--url', `${plainUrl}/`]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(`✓ 服务应答 server answers: ${plainUrl} (数据库 sqlite)`);
    expect(r.code).toBe(0);
  });

  it('reports a server that does not answer', async () => {
    // A port that was free a moment ago: nothing listens there (fetch refuses port 1 itself).
    const probe = createServer();
    await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((done) => probe.close(done));
    const r = await leitai(['doctor', '--db', t.url, '--url', `http://127.0.0.1:${port}`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `✗ 服务无应答 server not answering: http://127.0.0.1:${port}/api/health: ECONNREFUSED`,
    );
  });

  // This machine has no HTTPS proxy: the real servers' health answers are judged as if reached
  // through one (the URL is the only difference the doctor sees).
  const behindHttps = async (url: string) => {
    const facts = await gatherFacts({ db: t.url, url, timeZone: 'Asia/Shanghai' });
    facts.server!.url = 'https://leitai.example.org';
    return diagnose(facts).slice(-3);
  };

  it('behind HTTPS: fails without secure cookies and a trusted proxy, says what to add', async () => {
    const checks = await behindHttps(plainUrl);
    expect(checks.map((c) => c.mark)).toEqual(['ok', 'fail', 'fail']);
    expect(checks[1]!.fix).toContain('--secure-cookies');
    expect(checks[2]!.fix).toContain('LEITAI_TRUST_PROXY=127.0.0.1');
  });

  it('behind HTTPS: passes with --secure-cookies and --trust-proxy', async () => {
    const checks = await behindHttps(secureUrl);
    expect(checks.map((c) => [c.mark, c.text])).toEqual([
      ['ok', '服务应答 server answers: https://leitai.example.org (数据库 sqlite)'],
      ['ok', '在 HTTPS 之后使用安全 Cookie secure cookies on behind HTTPS'],
      ['ok', '采信反向代理的客户端地址 trusts the proxy for client addresses'],
    ]);
  });

  it('the backend on loopback with secure cookies (the proxy in front) is fine', async () => {
    const r = await leitai(['doctor', '--db', t.url, '--url', secureUrl]);
    expect(r.code).toBe(0);
  });
});
