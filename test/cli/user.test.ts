import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { createSession, findSession } from '../../src/store/users.js';
import { ROOT } from '../helpers.js';
import { cleanUp, DIALECTS, testDb, type TestDb } from '../store/dialects.js';

const PASSWORD = 'correct horse battery staple';

/** bin/leitai with `input` on standard input. */
function leitai(input: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/leitai'), ...args], {
    input,
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe.each(DIALECTS)('leitai user on %s', (dialect) => {
  let t: TestDb;
  beforeAll(() => {
    t = testDb(dialect);
    expect(leitai('', 'db', 'init', '--db', t.url).code).toBe(0);
  }, 60_000);
  afterAll(() => cleanUp(t));

  const add = (name: string, as: string, password = PASSWORD) =>
    leitai(`${password}\n`, 'user', 'add', name, '--as', as, '--password-stdin', '--db', t.url);

  /** Opens a session for `username` the way a login would, and tells whether it is live later. */
  async function sessionOf(username: string): Promise<() => Promise<boolean>> {
    const id = `cli-test-${username}-${Math.random()}`;
    const store = await t.open();
    const now = Date.now();
    await createSession(store, {
      id,
      username,
      csrf: 'x',
      at: new Date(now).toISOString(),
      expiresAt: new Date(now + 3600_000).toISOString(),
    });
    await store.close();
    return async () => {
      const s = await t.open();
      try {
        return (await findSession(s, id, new Date().toISOString())) !== undefined;
      } finally {
        await s.close();
      }
    };
  }

  async function login(username: string, password = PASSWORD): Promise<number> {
    const store = await t.open();
    const app = await buildApp({ store });
    try {
      const r = await app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username, password },
      });
      return r.statusCode;
    } finally {
      await app.close();
      await store.close();
    }
  }

  it('refuses a county that is not in the register, naming it, and adds nobody', () => {
    const r = add('ghost', 'county:999999');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('999999');
    expect(r.stderr).toMatch(/区划/);
    expect(leitai('', 'user', 'list', '--db', t.url).stdout).not.toContain('ghost');
  });

  it('adds users and lists them without password hashes', () => {
    expect(add('shangzhi-stats', 'county:230183').code).toBe(0);
    expect(add('harbin-stats', 'prefecture:230100').code).toBe(0);
    const table = leitai('', 'user', 'list', '--db', t.url);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('shangzhi-stats');
    expect(table.stdout).toContain('county:230183');
    expect(table.stdout).toContain('prefecture:230100');
    expect(table.stdout).not.toContain('scrypt');
    const list = JSON.parse(
      leitai('', 'user', 'list', '--format', 'json', '--db', t.url).stdout,
    ) as { username: string; disabled: boolean }[];
    expect(list.map((u) => [u.username, u.disabled])).toEqual([
      ['harbin-stats', false],
      ['shangzhi-stats', false],
    ]);
    expect(JSON.stringify(list)).not.toMatch(/scrypt|password/i);
  });

  it('a password reset (user add again) ends the existing sessions; the new password works', async () => {
    const live = await sessionOf('shangzhi-stats');
    expect(await live()).toBe(true);
    const r = add('shangzhi-stats', 'county:230183', 'another long passphrase');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('已更新');
    expect(await live()).toBe(false);
    expect(await login('shangzhi-stats')).toBe(401);
    expect(await login('shangzhi-stats', 'another long passphrase')).toBe(200);
  });

  it('disable ends the sessions and refuses the login', async () => {
    const live = await sessionOf('harbin-stats');
    const r = leitai('', 'user', 'disable', 'harbin-stats', '--db', t.url);
    expect(r.code, r.stderr).toBe(0);
    expect(await live()).toBe(false);
    expect(await login('harbin-stats')).toBe(401);
    expect(leitai('', 'user', 'list', '--db', t.url).stdout).toMatch(/harbin-stats.*已停用/);
  });

  it('remove deletes the user; removing an unknown user is bad input', async () => {
    expect(leitai('', 'user', 'remove', 'harbin-stats', '--db', t.url).code).toBe(0);
    expect(leitai('', 'user', 'list', '--db', t.url).stdout).not.toContain('harbin-stats');
    const again = leitai('', 'user', 'remove', 'harbin-stats', '--db', t.url);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('harbin-stats');
  });
});
