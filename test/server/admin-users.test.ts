import { describe, expect, it } from 'vitest';
import { as, login, useDemoApp, type Session } from './setup.js';

interface Listed {
  username: string;
  role: string;
  region: string | null;
  department: string | null;
  displayName: string;
  demo: boolean;
  disabled: boolean;
  regionName: string | null;
  prefectureName: string | null;
  scope: string;
}

/** /api/users: the province adds users, resets passwords, disables and enables them. */
describe('admin: users', () => {
  const ctx = useDemoApp();
  let province: Session;

  const call = async (
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: object,
    s?: Session,
  ) => {
    province ??= await login(ctx.app, 'province');
    return ctx.app.inject({
      method,
      url,
      headers: as(s ?? province),
      ...(payload ? { payload } : {}),
    });
  };
  const users = async () => {
    const r = await call('GET', '/api/users');
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { users: Listed[]; departments: string[] };
  };
  const tryLogin = (username: string, password: string) =>
    ctx.app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
  const sessionWorks = async (s: Session) =>
    (await ctx.app.inject({ method: 'GET', url: '/api/session', headers: as(s) })).statusCode;

  it('lists users with their scope by name, demo flag and status, never a password', async () => {
    const { users: list, departments } = await users();
    expect(list.map((u) => u.username)).toEqual([
      'finance',
      'harbin',
      'observer',
      'province',
      'shangzhi',
    ]);
    expect(list.find((u) => u.username === 'shangzhi')).toMatchObject({
      role: 'county',
      region: '230183',
      regionName: '尚志市',
      prefectureName: '哈尔滨市',
      demo: true,
      disabled: false,
      scope: 'county:230183',
    });
    expect(list.find((u) => u.username === 'finance')).toMatchObject({
      role: 'department',
      department: '省财政厅',
      regionName: null,
    });
    expect(departments).toContain('省财政厅');
    expect(JSON.stringify(list)).not.toMatch(/scrypt|password/i);
  });

  it('adds a county user with a generated password, shown once, that signs in', async () => {
    const r = await call('POST', '/api/users', {
      username: 'shangzhi-stats',
      displayName: '尚志市统计局',
      role: 'county',
      region: '230183',
    });
    expect(r.statusCode, r.body).toBe(201);
    const body = r.json() as { user: Listed; password: string };
    expect(body.user).toMatchObject({
      username: 'shangzhi-stats',
      displayName: '尚志市统计局',
      role: 'county',
      region: '230183',
      regionName: '尚志市',
      demo: false,
      disabled: false,
    });
    expect(body.password).toMatch(/^[A-Za-z2-9]{16}$/);
    const signIn = await tryLogin('shangzhi-stats', body.password);
    expect(signIn.statusCode, signIn.body).toBe(200);
    expect((signIn.json() as { user: { role: string; region: string } }).user).toMatchObject({
      role: 'county',
      region: '230183',
    });
    expect((await users()).users.map((u) => u.username)).toContain('shangzhi-stats');
  });

  it('adds a department user with a password the admin sets (no password in the answer)', async () => {
    const r = await call('POST', '/api/users', {
      username: 'finance-2',
      role: 'department',
      department: '省财政厅',
      password: 'a long enough secret',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).not.toHaveProperty('password');
    expect((await tryLogin('finance-2', 'a long enough secret')).statusCode).toBe(200);
  });

  it('refuses a user name that exists (409) and changes nothing', async () => {
    const before = await users();
    const r = await call('POST', '/api/users', {
      username: 'shangzhi',
      role: 'observer',
      password: 'another long secret',
    });
    expect(r.statusCode).toBe(409);
    expect((r.json() as { message: string }).message).toContain('用户名「shangzhi」已存在');
    expect(await users()).toEqual(before);
    expect((await tryLogin('shangzhi', 'another long secret')).statusCode).toBe(401);
  });

  it.each([
    ['a short password', { username: 'x-short', role: 'observer', password: 'short' }, /至少 10/],
    ['a bad user name', { username: 'has space', role: 'observer' }, /用户名「has space」无效/],
    ['a county without a region', { username: 'x-noregion', role: 'county' }, /须选择所属区划/],
    [
      'a county scope on a prefecture',
      { username: 'x-pref', role: 'county', region: '230100' },
      /哈尔滨市 是地级区划,不是县级区划/,
    ],
    [
      'an unknown department',
      { username: 'x-dept', role: 'department', department: '省外星局' },
      /省外星局.*不是/,
    ],
    [
      'a province user with a region',
      { username: 'x-p', role: 'province', region: '230183' },
      /region/,
    ],
    ['an unknown field', { username: 'x-f', role: 'observer', admin: true }, /请求无效/],
  ])('refuses %s (400) and adds nobody', async (_, body, message) => {
    const before = await users();
    const r = await call('POST', '/api/users', body);
    expect(r.statusCode, r.body).toBe(400);
    expect((r.json() as { message: string }).message).toMatch(message);
    expect(await users()).toEqual(before);
  });

  it('a reset ends the sessions; the old password fails, the shown one works', async () => {
    await call('POST', '/api/users', {
      username: 'reset-me',
      role: 'prefecture',
      region: '230100',
      password: 'first password here',
    });
    const old = await login(ctx.app, 'reset-me', 'first password here');
    expect(await sessionWorks(old)).toBe(200);
    const r = await call('PUT', '/api/users/reset-me/password', {});
    expect(r.statusCode, r.body).toBe(200);
    const { password, sessionsEnded } = r.json() as { password: string; sessionsEnded: number };
    expect(sessionsEnded).toBe(1);
    expect(await sessionWorks(old)).toBe(401);
    expect((await tryLogin('reset-me', 'first password here')).statusCode).toBe(401);
    expect((await tryLogin('reset-me', password)).statusCode).toBe(200);
    // Set by the admin: the answer holds no password.
    const set = await call('PUT', '/api/users/reset-me/password', {
      password: 'chosen by the admin',
    });
    expect(set.json()).toEqual({ sessionsEnded: 1 });
    expect((await tryLogin('reset-me', 'chosen by the admin')).statusCode).toBe(200);
    const short = await call('PUT', '/api/users/reset-me/password', { password: 'short' });
    expect(short.statusCode).toBe(400);
    expect((await tryLogin('reset-me', 'chosen by the admin')).statusCode).toBe(200);
    expect((await call('PUT', '/api/users/nobody/password', {})).statusCode).toBe(404);
  });

  it('disable ends the sessions and refuses sign-in; enable lets the user in again', async () => {
    const s = await login(ctx.app, 'finance-2', 'a long enough secret');
    const r = await call('POST', '/api/users/finance-2/disable');
    expect(r.statusCode, r.body).toBe(200);
    // This session and the one of the sign-in when the user was added.
    expect(r.json()).toEqual({ changed: true, sessionsEnded: 2 });
    expect(await sessionWorks(s)).toBe(401);
    const refused = await tryLogin('finance-2', 'a long enough secret');
    expect(refused.statusCode).toBe(401);
    expect((refused.json() as { message: string }).message).toContain('停用');
    expect((await users()).users.find((u) => u.username === 'finance-2')!.disabled).toBe(true);
    expect((await call('POST', '/api/users/finance-2/enable')).json()).toEqual({
      changed: true,
      sessionsEnded: 0,
    });
    expect((await tryLogin('finance-2', 'a long enough secret')).statusCode).toBe(200);
  });

  it('the admin cannot disable themself', async () => {
    const r = await call('POST', '/api/users/province/disable');
    expect(r.statusCode).toBe(400);
    expect((r.json() as { message: string }).message).toContain('不能停用自己的账户');
    expect(await sessionWorks(province)).toBe(200);
  });

  it('keeps every change in the admin log, newest first, without passwords', async () => {
    const r = await call('GET', '/api/users/finance-2/history');
    expect(r.statusCode, r.body).toBe(200);
    const log = r.json() as { actor: string; action: string; target: string; new: unknown }[];
    expect(log.map((e) => e.action)).toEqual(['user.enable', 'user.disable', 'user.add']);
    expect(log.every((e) => e.actor === 'province' && e.target === 'user:finance-2')).toBe(true);
    const reset = (await call('GET', '/api/users/reset-me/history')).json() as {
      action: string;
      new: unknown;
    }[];
    expect(reset.map((e) => e.action)).toEqual(['user.password', 'user.password', 'user.add']);
    expect(reset[0]!.new).toEqual({ generated: false, sessionsEnded: 1 });
    expect(JSON.stringify(reset)).not.toMatch(/chosen by the admin|first password here/);
  });

  it('refuses everyone but the province (403)', async () => {
    for (const who of ['finance', 'harbin', 'shangzhi', 'observer']) {
      const s = await login(ctx.app, who);
      expect((await call('GET', '/api/users', undefined, s)).statusCode).toBe(403);
      const add = await call(
        'POST',
        '/api/users',
        { username: `by-${who}`, role: 'province', password: 'long enough password' },
        s,
      );
      expect(add.statusCode).toBe(403);
      expect((await call('POST', '/api/users/province/disable', undefined, s)).statusCode).toBe(
        403,
      );
    }
    expect((await users()).users.map((u) => u.username)).not.toContain('by-finance');
  });
});
