import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leitai, ROOT } from '../helpers.js';
import { testDb, type TestDb } from '../store/dialects.js';

interface Server {
  proc: ChildProcess;
  log: string[];
  /** The port it chose (it is started with --port 0 and prints its address). */
  port: number;
}

/** Starts `bin/leitai serve --port 0` and resolves once it listens; its log lines are collected. */
function start(db: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      [join(ROOT, 'bin/leitai'), 'serve', '--db', db, '--port', '0'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const log: string[] = [];
    const onData = (d: Buffer) => {
      log.push(d.toString());
      const started = /已启动: http:\/\/[^:\s]+:(\d+)/.exec(log.join(''));
      if (started) resolve({ proc, log, port: Number(started[1]) });
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (d: Buffer) => log.push(d.toString()));
    proc.on('exit', (code) => reject(new Error(`server exited ${code}: ${log.join('')}`)));
    setTimeout(() => reject(new Error(`server did not start: ${log.join('')}`)), 20_000);
  });
}

async function loginAt(port: number, username: string) {
  const r = await fetch(`http://127.0.0.1:${port}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'leitai-demo' }),
  });
  expect(r.status).toBe(200);
  const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

describe('two server instances on one PostgreSQL', () => {
  let t: TestDb;
  const servers: Server[] = [];
  let ports: [number, number] = [0, 0];
  beforeAll(async () => {
    t = testDb('postgres');
    expect(leitai('db', 'init', '--db', t.url, '--demo').code).toBe(0);
    servers.push(await start(t.url), await start(t.url));
    ports = [servers[0]!.port, servers[1]!.port];
    expect(ports[0]).not.toBe(ports[1]);
  }, 60_000);
  afterAll(async () => {
    for (const s of servers) s.proc.kill('SIGTERM');
    await t.drop();
  });

  it('a session made on one instance works on the other', async () => {
    const s = await loginAt(ports[0], 'province');
    const r = await fetch(`http://127.0.0.1:${ports[1]}/api/session`, {
      headers: { cookie: s.cookie },
    });
    expect(r.status).toBe(200);
    expect(((await r.json()) as { user: { username: string } }).user.username).toBe('province');
  });

  it('concurrent approvals of one value through both: one succeeds, the other conflicts', async () => {
    // A value under review, approved at the same revision through both instances at once.
    const key = { region: '230183', indicator: 'general_budget_revenue', period: '2028-01' };
    const admin = await loginAt(ports[0], 'province');
    const put = await fetch(
      `http://127.0.0.1:${ports[0]}/api/observations/${key.region}/${key.indicator}/${key.period}`,
      {
        method: 'PUT',
        headers: {
          'content-type': 'application/json',
          cookie: admin.cookie,
          'x-csrf-token': admin.csrf,
        },
        body: JSON.stringify({ value: 3.5 }),
      },
    );
    expect(put.status).toBe(200);
    for (const action of ['submit', 'review']) {
      const r = await fetch(`http://127.0.0.1:${ports[0]}/api/review/${action}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: admin.cookie,
          'x-csrf-token': admin.csrf,
        },
        body: JSON.stringify({ keys: [key] }),
      });
      expect(r.status).toBe(200);
    }
    const finance = [await loginAt(ports[0], 'finance'), await loginAt(ports[1], 'finance')];
    const results = await Promise.all(
      finance.map((s, i) =>
        fetch(`http://127.0.0.1:${ports[i]}/api/review/approve`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
          body: JSON.stringify({ keys: [key], expectedRevision: 3 }),
        }).then((r) => r.status),
      ),
    );
    expect(results.sort()).toEqual([200, 409]);
  });

  it('logs request ids but never passwords or session ids, and reports health', async () => {
    const s = await loginAt(ports[1], 'shangzhi');
    const h = await fetch(`http://127.0.0.1:${ports[1]}/api/health`);
    expect(await h.json()).toEqual({
      status: 'ok',
      database: 'postgres',
      secureCookies: false,
      trustProxy: false,
    });
    // The JSON log lines (the start-up banner, which shows the demo password on purpose, aside).
    const log = servers[1]!.log
      .join('')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .join('\n');
    expect(log).toContain('reqId');
    expect(log).not.toContain('leitai-demo');
    expect(log).not.toContain(s.cookie.split('=')[1]!);
  });

  it('finishes in-flight requests on SIGTERM, then exits', async () => {
    const s = await loginAt(ports[1], 'province');
    const inflight = fetch(
      `http://127.0.0.1:${ports[1]}/api/evaluation?plan=hlj-2026&period=2026-09`,
      { headers: { cookie: s.cookie } },
    );
    await new Promise((r) => setTimeout(r, 5));
    const proc = servers[1]!.proc;
    const exited = new Promise<number | null>((r) => {
      if (proc.exitCode !== null) r(proc.exitCode);
      proc.once('exit', (code) => r(code));
    });
    proc.kill('SIGTERM');
    const res = await inflight;
    expect(res.status).toBe(200);
    await res.text();
    expect(await exited).toBe(0);
  });
});
