import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLeitaiError } from '../../src/core/errors/index.js';
import { parseActor } from '../../src/core/review/index.js';
import { loadRegister } from '../../src/io/regions.js';
import type { Store } from '../../src/store/db.js';
import { saveRegions } from '../../src/store/regions.js';
import {
  checkUserScope,
  createSession,
  disableUser,
  findSession,
  findUser,
  listUsers,
  removeUser,
  saveUser,
} from '../../src/store/users.js';
import { cleanUp, DIALECTS, testDb, type TestDb } from './dialects.js';

const AT = '2026-03-01T08:00:00.000Z';
const LATER = '2026-03-01T09:00:00.000Z';
const UNTIL = '2026-03-02T08:00:00.000Z';

const county = (username: string, hash = 'scrypt$first') => ({
  username,
  role: 'county' as const,
  region: '230183',
  department: null,
  displayName: '尚志市',
  demo: false,
  passwordHash: hash,
  at: AT,
});

async function errorOf(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isLeitaiError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  return { code: 'ok', message: '' };
}

describe.each(DIALECTS)('users on %s', (dialect) => {
  let t: TestDb;
  let store: Store;
  let n = 0;
  beforeAll(async () => {
    t = testDb(dialect);
    store = await t.open();
    await saveRegions(store, [...loadRegister().regions.values()]);
  });
  afterAll(() => cleanUp(t, store));

  const session = async (username: string) => {
    const id = `session-${username}-${n++}`;
    await createSession(store, { id, username, csrf: 'c', at: AT, expiresAt: UNTIL });
    return id;
  };
  const live = async (id: string) => (await findSession(store, id, LATER)) !== undefined;

  it('a password reset (adding the user again) ends all the sessions of that user only', async () => {
    expect(await saveUser(store, county('reset-me'))).toBe('added');
    expect(await saveUser(store, county('bystander'))).toBe('added');
    const a = await session('reset-me');
    const b = await session('reset-me');
    const other = await session('bystander');
    expect([await live(a), await live(b)]).toEqual([true, true]);
    expect(await saveUser(store, county('reset-me', 'scrypt$second'))).toBe('updated');
    expect([await live(a), await live(b), await live(other)]).toEqual([false, false, true]);
    expect((await findUser(store, 'reset-me'))?.passwordHash).toBe('scrypt$second');
  });

  it('disabling a user ends its sessions and keeps it out until it is added again', async () => {
    await saveUser(store, county('leaver'));
    const s = await session('leaver');
    expect(await disableUser(store, 'leaver')).toBe(true);
    expect(await live(s)).toBe(false);
    // A session written after the disable (another instance, mid-login) is not honoured either.
    expect(await live(await session('leaver'))).toBe(false);
    expect((await findUser(store, 'leaver'))?.disabled).toBe(true);
    await saveUser(store, county('leaver', 'scrypt$new'));
    expect((await findUser(store, 'leaver'))?.disabled).toBe(false);
    expect(await live(await session('leaver'))).toBe(true);
    expect(await disableUser(store, 'nobody')).toBe(false);
  });

  it('removing a user removes it and its sessions', async () => {
    await saveUser(store, county('gone'));
    const s = await session('gone');
    expect(await removeUser(store, 'gone')).toBe(true);
    expect(await findUser(store, 'gone')).toBeUndefined();
    expect(await live(s)).toBe(false);
    expect(await removeUser(store, 'gone')).toBe(false);
  });

  it('lists users by name without their password hashes', async () => {
    const list = await listUsers(store);
    expect(list.map((u) => u.username)).toEqual(['bystander', 'leaver', 'reset-me']);
    expect(list[1]).toEqual({
      username: 'leaver',
      role: 'county',
      region: '230183',
      department: null,
      displayName: '尚志市',
      demo: false,
      disabled: false,
      createdAt: AT,
    });
    expect(JSON.stringify(list)).not.toContain('scrypt');
  });

  it('refuses a county or prefecture scope that is not such a region in the register', async () => {
    const check = (spec: string) => errorOf(checkUserScope(store, parseActor('x', spec), spec));
    const missing = await check('county:999999');
    expect(missing.code).toBe('INPUT_INVALID');
    expect(missing.message).toContain('999999');
    expect(missing.message).toContain('区划名录');
    // 230100 is Harbin, a prefecture; 230183 is 尚志市, a county-level city.
    expect((await check('county:230100')).message).toContain('230100 哈尔滨市');
    expect((await check('prefecture:230183')).code).toBe('INPUT_INVALID');
    expect((await check('county:230183')).code).toBe('ok');
    expect((await check('prefecture:230100')).code).toBe('ok');
    expect((await check('province')).code).toBe('ok');
  });
});
