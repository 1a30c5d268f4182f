import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { leitai, ROOT, tempDir, type Run } from '../helpers.js';
import { DIALECTS, pgAdmin, testDb, type TestDb } from '../store/dialects.js';

// `npm start` on a database of one's own, as an operator does it the first time: the start
// initialises it, the banner says what to do next, and what it says works when run as printed.

const PASSWORD = 'a long passphrase';

interface Started {
  proc: ChildProcess;
  /** Everything the start printed on stdout (db init's summary, then the banner). */
  out: string;
  url: string;
}

/** Env of a child: LEITAI_DB, LEITAI_DEMO, PORT and HOST only as given here. */
function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const e = { ...process.env };
  for (const k of ['LEITAI_DB', 'LEITAI_DEMO', 'PORT', 'HOST']) delete e[k];
  return { ...e, ...extra };
}

/**
 * Runs `args` (node scripts/start.mjs or bin/leitai serve) and resolves once the banner is out.
 */
function start(args: string[], extraEnv: Record<string, string>): Promise<Started> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, args, {
      cwd: ROOT,
      env: env({ PORT: '0', ...extraEnv }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const url = /已启动: (http:\/\/\S+)/.exec(out)?.[1];
      // The banner is one write of less than PIPE_BUF bytes: it arrives whole.
      if (url && out.endsWith('\n')) resolve({ proc, out, url });
    });
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    proc.on('exit', (code) => reject(new Error(`exited ${code}: ${out}${err}`)));
  });
}

function stop(s: Started | undefined): Promise<void> {
  if (!s || s.proc.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    s.proc.on('exit', () => resolve());
    s.proc.kill('SIGTERM');
  });
}

/** The commands the banner tells the operator to run: what stands between backquotes. */
function hints(banner: string): string[] {
  return [...banner.matchAll(/`([^`]*leitai [^`]*)`/g)].map((m) => m[1]!);
}

/** Runs a printed command through the shell, as pasted, with the password on stdin. */
function run(command: string): Run {
  const r = spawnSync('sh', ['-c', command], {
    cwd: ROOT,
    input: `${PASSWORD}\n`,
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

async function signIn(url: string, username: string, password: string) {
  const r = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = r.status === 200 ? ((await r.json()) as { user: { role: string } }) : undefined;
  const cookie = r.headers.get('set-cookie')?.split(';')[0] ?? '';
  return { status: r.status, role: body?.user.role, cookie };
}

async function planIds(url: string, cookie: string): Promise<string[]> {
  const r = await fetch(`${url}/api/plans`, { headers: { cookie } });
  expect(r.status).toBe(200);
  return ((await r.json()) as { id: string }[]).map((p) => p.id).sort();
}

const BUILTIN = ['hlj-2011', 'hlj-2025', 'hlj-2026'];

describe.each(DIALECTS)('first start on a new %s database', (dialect) => {
  const dbs: TestDb[] = [];
  const servers: Started[] = [];
  const fresh = () => {
    const t = testDb(dialect);
    dbs.push(t);
    return t;
  };
  afterAll(async () => {
    for (const s of servers) await stop(s);
    for (const t of dbs) await t.drop();
  });

  it('npm start initialises it without demo data; the printed command creates the administrator, who signs in', async () => {
    const t = fresh();
    if (dialect === 'sqlite') expect(existsSync(t.url)).toBe(false);
    const s = await start(['scripts/start.mjs'], { LEITAI_DB: t.url });
    servers.push(s);
    // db init's summary: the register's 135 units, the 3 built-in plans, their 34 published values.
    expect(s.out).toContain('新增区划 135 个,写入计划 3 个,公布值 34 条\n');
    expect(s.out).not.toContain('演示');
    expect(s.out).toContain('尚无用户');
    expect(s.out).not.toContain('--role');
    const commands = hints(s.out);
    expect(commands).toEqual([
      `bin/leitai user add admin --as province --password-stdin --db ${dialect === 'sqlite' ? t.url : `'${t.url}'`}`,
    ]);
    // No demo accounts: the demo password opens nothing.
    expect((await signIn(s.url, 'province', 'leitai-demo')).status).toBe(401);
    const added = run(commands[0]!);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toBe('用户 admin (province) 已新增\n');
    const admin = await signIn(s.url, 'admin', PASSWORD);
    expect(admin).toMatchObject({ status: 200, role: 'province' });
    expect(await planIds(s.url, admin.cookie)).toEqual(BUILTIN);
    await stop(s);

    // The second start initialises again, which changes nothing; there is nothing left to do.
    const again = await start(['scripts/start.mjs'], { LEITAI_DB: t.url });
    servers.push(again);
    expect(again.out).toContain('新增区划 0 个,写入计划 0 个,公布值 0 条\n');
    expect(again.out).not.toContain('下一步');
    expect(hints(again.out)).toEqual([]);
    expect((await signIn(again.url, 'admin', PASSWORD)).status).toBe(200);
  }, 60_000);

  it('serve on a database never initialised: both printed commands, run in order, make it usable', async () => {
    const t = fresh();
    const s = await start(['bin/leitai', 'serve', '--db', t.url], {});
    servers.push(s);
    const commands = hints(s.out);
    expect(commands.map((c) => c.split(' --db ')[0])).toEqual([
      'bin/leitai db init',
      'bin/leitai user add admin --as province --password-stdin',
    ]);
    for (const c of commands) {
      const r = run(c);
      expect(r.code, r.stderr).toBe(0);
    }
    const admin = await signIn(s.url, 'admin', PASSWORD);
    expect(admin.status).toBe(200);
    expect(await planIds(s.url, admin.cookie)).toEqual(BUILTIN);
  }, 60_000);

  it('two instances started at once on one new database both serve it', async () => {
    const t = fresh();
    const both = await Promise.all([
      start(['scripts/start.mjs'], { LEITAI_DB: t.url }),
      start(['scripts/start.mjs'], { LEITAI_DB: t.url }),
    ]);
    servers.push(...both);
    expect(both[0].url).not.toBe(both[1].url);
    // Between them they wrote the register, the plans and their values once.
    const again = leitai('db', 'init', '--db', t.url);
    expect(again.stdout).toContain('新增区划 0 个,写入计划 0 个,公布值 0 条\n');
    const added = run(hints(both[0].out)[0]!);
    expect(added.code, added.stderr).toBe(0);
    for (const s of both) expect((await signIn(s.url, 'admin', PASSWORD)).status).toBe(200);
  }, 60_000);

  it('a command on a database never initialised prints the init command, which works as printed', () => {
    const t = fresh();
    const before = leitai('completeness', '--period', '2026-09', '--db', t.url);
    expect(before.code).toBe(2);
    const [command] = hints(before.stderr);
    expect(command).toBeDefined();
    const init = run(command!);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain('新增区划 135 个');
    const after = leitai('completeness', '--period', '2026-09', '--db', t.url);
    expect(after.code, after.stderr).toBe(0);
  }, 60_000);
});

// On SQLite only: `db init --demo` writes the demo through the same code on both databases
// (test/cli/db.test.ts runs it on PostgreSQL), and on PostgreSQL it is a quarter of this file's time.
describe('demo data only when asked', () => {
  const t = testDb('sqlite');
  let s: Started | undefined;
  afterAll(async () => {
    await stop(s);
    await t.drop();
  });

  it('LEITAI_DEMO=1 with LEITAI_DB: the demo accounts, listed in the banner, sign in', async () => {
    s = await start(['scripts/start.mjs'], { LEITAI_DB: t.url, LEITAI_DEMO: '1' });
    expect(s.out).toContain('合成演示数据');
    expect(s.out).toMatch(/\n {2}province {3}/);
    expect(hints(s.out)).toEqual([]);
    expect(await signIn(s.url, 'province', 'leitai-demo')).toMatchObject({
      status: 200,
      role: 'province',
    });
  }, 120_000);
});

/** What a failed start or command must look like: the message, no stack, nothing else. */
function expectClearFailure(r: Run, ...said: string[]) {
  expect(r.code).not.toBe(0);
  expect(r.stdout).toBe('');
  for (const s of said) expect(r.stderr).toContain(s);
  expect(r.stderr).toMatch(/^错误 \[[A-Z_]+\]: /);
  expect(r.stderr).not.toMatch(/\n\s+at |内部错误/);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
}

function npmStart(db: string): Run {
  const r = spawnSync(process.execPath, ['scripts/start.mjs'], {
    cwd: ROOT,
    env: env({ LEITAI_DB: db, PORT: '0' }),
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('a LEITAI_DB that cannot be used', () => {
  const dir = tempDir('leitai-bad-db-');
  const schemaOf = (name: string) =>
    pgAdmin<{ n: string }>('select nspname as n from pg_namespace where nspname = $1', [name]);

  it('a PostgreSQL server that is not there: npm start, serve and a command name it and why', () => {
    const url = 'postgres://postgres@127.0.0.1:1/x';
    const said = [`无法连接数据库 ${url}: 连接被拒绝`, 'ECONNREFUSED'];
    expectClearFailure(npmStart(url), ...said);
    expectClearFailure(leitai('serve', '--db', url, '--port', '0'), ...said);
    expectClearFailure(leitai('user', 'list', '--db', url), ...said);
  });

  it('a password in the URL is never printed', () => {
    const r = leitai('user', 'list', '--db', 'postgres://postgres:s3cret@127.0.0.1:1/x');
    expectClearFailure(r, '无法连接数据库 postgres://postgres:***@127.0.0.1:1/x');
    expect(r.stderr).not.toContain('s3cret');
  });

  it('a database that does not exist on a running server: said so, and no schema is made', async () => {
    const url = 'postgres://postgres@127.0.0.1:5432/leitai_no_such_db?schema=h1_never_made';
    expectClearFailure(npmStart(url), '该数据库不存在', 'leitai_no_such_db');
    expectClearFailure(leitai('db', 'init', '--db', url), '该数据库不存在');
    expect(await schemaOf('h1_never_made')).toEqual([]);
  });

  it('a SQLite path in a directory that does not exist: said so, and nothing is created', () => {
    const file = join(dir, 'missing', 'leitai.db');
    const said = [`无法打开数据库文件 ${file}: 目录 ${join(dir, 'missing')} 不存在`];
    expectClearFailure(npmStart(file), ...said);
    expectClearFailure(leitai('serve', '--db', file, '--port', '0'), ...said);
    expectClearFailure(leitai('db', 'init', '--db', file), ...said);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a SQLite path under a file, and a file that is not a database: said so, the file unchanged', () => {
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'not a database\n'.repeat(100));
    expectClearFailure(leitai('db', 'init', '--db', join(notes, 'leitai.db')), `${notes} 不是目录`);
    expectClearFailure(npmStart(notes), `无法打开数据库文件 ${notes}: 该文件不是 SQLite 数据库`);
    expectClearFailure(leitai('user', 'list', '--db', notes), '该文件不是 SQLite 数据库');
    expect(readFileSync(notes, 'utf8')).toBe('not a database\n'.repeat(100));
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });
});
