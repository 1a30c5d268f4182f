import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envFlag, parseTrustProxy } from '../../src/cli/commands/serve.js';
import { isLeitaiError } from '../../src/core/errors/index.js';
import { buildApp } from '../../src/server/app.js';
import { hashPassword } from '../../src/services/password.js';
import type { Store } from '../../src/store/db.js';
import { saveUser } from '../../src/store/users.js';
import { ROOT, tempDir } from '../helpers.js';
import { cleanUp, DIALECTS, testDb, type TestDb } from '../store/dialects.js';

// Behind a reverse proxy every request comes from the proxy's address. With --trust-proxy set
// to that address, the login throttling (and the request log) see the client's address from
// X-Forwarded-For; without it, the header is ignored, so a forged one cannot dodge throttling.

const PASSWORD = 'the owner knows this one';
const PROXY = '127.0.0.1';
const ALICE = '203.0.113.10';
const BOB = '203.0.113.20';

describe.each(DIALECTS)('login throttling behind a reverse proxy on %s', (dialect) => {
  let t: TestDb;
  let store: Store;
  let behind: FastifyInstance;
  let direct: FastifyInstance;
  const logged: { req?: { remoteAddress?: string; url?: string } }[] = [];
  beforeAll(async () => {
    t = testDb(dialect);
    store = await t.open();
    await saveUser(store, {
      username: 'owner',
      role: 'province',
      region: null,
      department: null,
      displayName: '省专班',
      demo: false,
      passwordHash: await hashPassword(PASSWORD),
      at: new Date().toISOString(),
    });
    const stream = { write: (line: string) => void logged.push(JSON.parse(line)) };
    behind = await buildApp({
      store,
      trustProxy: parseTrustProxy(PROXY, '--trust-proxy'),
      logger: { level: 'info', stream },
    });
    direct = await buildApp({ store });
  });
  afterAll(() => cleanUp(t, behind, direct, store));

  const attempt = (
    app: FastifyInstance,
    password: string,
    remoteAddress: string,
    forwardedFor?: string,
  ) =>
    app.inject({
      method: 'POST',
      url: '/api/session',
      remoteAddress,
      headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
      payload: { username: 'owner', password },
    });

  it('throttles two clients behind one trusted proxy separately', async () => {
    // Alice mistypes 5 times (the per-user-and-address limit), the 6th is refused.
    const alice = [];
    for (let i = 0; i < 6; i++)
      alice.push((await attempt(behind, `wrong ${i}`, PROXY, ALICE)).statusCode);
    expect(alice).toEqual([401, 401, 401, 401, 401, 429]);
    // Bob, behind the same proxy, is not throttled by Alice's failures: he signs in.
    const bob = await attempt(behind, PASSWORD, PROXY, BOB);
    expect(bob.statusCode).toBe(200);
    // Alice stays refused, even with the right password.
    expect((await attempt(behind, PASSWORD, PROXY, ALICE)).statusCode).toBe(429);
  });

  it('writes the client address, not the proxy, into the request log', () => {
    const logins = logged.filter((l) => l.req?.url === '/api/session');
    expect(logins).toHaveLength(8);
    expect(logins.map((l) => l.req!.remoteAddress)).toEqual([...Array(6).fill(ALICE), BOB, ALICE]);
  });

  it('ignores X-Forwarded-For without --trust-proxy: a forged header does not dodge throttling', async () => {
    const attacker = '198.51.100.66';
    const codes = [];
    // Each attempt claims another client address; all count against the attacker's own.
    for (let i = 0; i < 6; i++)
      codes.push((await attempt(direct, `guess ${i}`, attacker, `192.0.2.${i + 1}`)).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('ignores X-Forwarded-For from a peer that is not the trusted proxy', async () => {
    const attacker = '198.51.100.77';
    const codes = [];
    for (let i = 0; i < 6; i++)
      codes.push((await attempt(behind, `guess ${i}`, attacker, `192.0.2.${i + 1}`)).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('reports in /api/health whether it trusts a proxy', async () => {
    expect((await behind.inject({ url: '/api/health' })).json()).toMatchObject({
      trustProxy: true,
      secureCookies: false,
    });
    expect((await direct.inject({ url: '/api/health' })).json()).toMatchObject({
      trustProxy: false,
      secureCookies: false,
    });
  });
});

describe('--trust-proxy / LEITAI_TRUST_PROXY values', () => {
  it('accepts addresses, CIDR ranges and proxy-addr range names', () => {
    expect(parseTrustProxy('127.0.0.1', '--trust-proxy')).toEqual(['127.0.0.1']);
    expect(parseTrustProxy(' 10.0.0.0/8, 127.0.0.1 ', 'LEITAI_TRUST_PROXY')).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
    ]);
    expect(parseTrustProxy('::1,fd00::/8,loopback', '--trust-proxy')).toEqual([
      '::1',
      'fd00::/8',
      'loopback',
    ]);
  });

  const refused = (text: string) => {
    try {
      parseTrustProxy(text, 'LEITAI_TRUST_PROXY');
    } catch (e) {
      if (isLeitaiError(e)) return { code: e.code, message: e.message };
      throw e;
    }
    return undefined;
  };

  it.each([
    ['true', '伪造 X-Forwarded-For'],
    ['*', '伪造 X-Forwarded-For'],
    ['0.0.0.0/0', '伪造 X-Forwarded-For'],
    ['::/0', '伪造 X-Forwarded-For'],
    ['1', '不支持代理层数'],
    ['proxy.example.org', '不是 IP 地址或 CIDR 网段'],
    ['10.0.0.0/33', '前缀长度应在 0 到 32'],
    ['127.0.0.1,', '空项'],
  ])('refuses %j, naming where and why', (text, why) => {
    const e = refused(text);
    expect(e?.code).toBe('INPUT_INVALID');
    expect(e?.message).toMatch(/^LEITAI_TRUST_PROXY「/);
    expect(e?.message).toContain(why);
  });
});

describe('HSTS and Secure cookies only behind HTTPS (--secure-cookies)', () => {
  let t: TestDb;
  let store: Store;
  let plain: FastifyInstance;
  let https: FastifyInstance;
  beforeAll(async () => {
    t = testDb('sqlite');
    store = await t.open();
    await saveUser(store, {
      username: 'owner',
      role: 'province',
      region: null,
      department: null,
      displayName: '省专班',
      demo: false,
      passwordHash: await hashPassword(PASSWORD),
      at: new Date().toISOString(),
    });
    plain = await buildApp({ store });
    https = await buildApp({ store, secureCookies: true });
  });
  afterAll(() => cleanUp(t, plain, https, store));

  // An API answer, a refused one, an unknown address, the web UI and a login: every kind of answer.
  const requests = [
    { method: 'GET', url: '/api/health' },
    { method: 'GET', url: '/api/observations' },
    { method: 'GET', url: '/api/no-such-thing' },
    { method: 'GET', url: '/' },
    { method: 'POST', url: '/api/session', payload: { username: 'owner', password: PASSWORD } },
  ] as const;

  it('never sends Strict-Transport-Security or Secure cookies on plain HTTP', async () => {
    for (const r of requests) {
      const answer = await plain.inject(r);
      expect(answer.headers['strict-transport-security'], r.url).toBeUndefined();
      expect(answer.headers['content-security-policy'], r.url).not.toContain(
        'upgrade-insecure-requests',
      );
    }
    const login = await plain.inject(requests[4]);
    expect(login.statusCode).toBe(200);
    expect(login.cookies[0]!.secure).toBeUndefined();
    expect((await plain.inject(requests[0])).json().secureCookies).toBe(false);
  });

  it('sends HSTS on every answer and marks the session cookie Secure behind HTTPS', async () => {
    for (const r of requests) {
      const answer = await https.inject(r);
      expect(answer.headers['strict-transport-security'], r.url).toBe(
        'max-age=31536000; includeSubDomains',
      );
    }
    const login = await https.inject(requests[4]);
    expect(login.statusCode).toBe(200);
    expect(login.cookies[0]).toMatchObject({ name: 'leitai_sid', secure: true, httpOnly: true });
    expect((await https.inject(requests[0])).json().secureCookies).toBe(true);
  });

  it('reads LEITAI_SECURE_COOKIES as 1/0 and refuses anything else', () => {
    expect(envFlag('LEITAI_SECURE_COOKIES', '1')).toBe(true);
    expect(envFlag('LEITAI_SECURE_COOKIES', undefined)).toBe(false);
    expect(envFlag('LEITAI_SECURE_COOKIES', '0')).toBe(false);
    expect(() => envFlag('LEITAI_SECURE_COOKIES', 'si')).toThrow(
      /^环境变量 LEITAI_SECURE_COOKIES「si」应为 1 或 0/,
    );
  });
});

describe('bad proxy settings stop `leitai serve` before it starts', () => {
  const serve = (args: string[], env: Record<string, string> = {}) => {
    const dir = tempDir('leitai-proxy-');
    const db = join(dir, 'leitai.db');
    const r = spawnSync(
      process.execPath,
      [join(ROOT, 'bin/leitai'), 'serve', '--port', '0', '--db', db, ...args],
      {
        encoding: 'utf8',
        env: { ...process.env, ...env },
        timeout: 20_000,
      },
    );
    return { code: r.status, stderr: r.stderr, created: readdirSync(dir) };
  };

  it('refuses --trust-proxy true (exit 2), naming the option and why, creating nothing', () => {
    const r = serve(['--trust-proxy', 'true']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--trust-proxy「true」无效:不可信任所有来源');
    expect(r.created).toEqual([]);
  });

  it('refuses a bad LEITAI_TRUST_PROXY or LEITAI_SECURE_COOKIES the same way', () => {
    const a = serve([], { LEITAI_TRUST_PROXY: '0.0.0.0/0' });
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('LEITAI_TRUST_PROXY「0.0.0.0/0」无效');
    expect(a.created).toEqual([]);
    const b = serve([], { LEITAI_SECURE_COOKIES: 'maybe' });
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('环境变量 LEITAI_SECURE_COOKIES「maybe」应为 1 或 0');
    expect(b.created).toEqual([]);
  });
});
