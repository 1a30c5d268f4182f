import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/db.js';
import { loginSucceeded, reserveLogin } from '../../src/store/users.js';
import { cleanUp, DIALECTS, testDb, type TestDb } from './dialects.js';

const T0 = Date.parse('2026-03-01T08:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

describe.each(DIALECTS)('login throttling on %s', (dialect) => {
  let t: TestDb;
  let store: Store;
  beforeAll(async () => {
    t = testDb(dialect);
    store = await t.open();
  });
  afterAll(() => cleanUp(t, store));

  const reserve = (username: string, address: string, minute = 0) =>
    reserveLogin(store, { username, address, at: at(minute) });

  it('lets exactly 5 of 30 simultaneous attempts on one user from one address be checked', async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, () => reserve('shangzhi', '10.0.0.1')),
    );
    // Atomic counting: each attempt got its own number, 1 to 30, none twice.
    expect(results.map((r) => r.byUser).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
  });

  it('does not stop the owner signing in from another address', async () => {
    const r = await reserve('shangzhi', '10.0.0.2');
    expect(r).toEqual({ allowed: true, byUser: 1, byAddress: 1 });
    // The storm's address stays refused for that user; only its 5 checked attempts count
    // against the address, so another user there is still let through.
    expect((await reserve('shangzhi', '10.0.0.1')).allowed).toBe(false);
    expect(await reserve('observer', '10.0.0.1')).toEqual({
      allowed: true,
      byUser: 1,
      byAddress: 6,
    });
  });

  it('refuses an address after 20 failures, whatever names it tries', async () => {
    for (let i = 0; i < 20; i++) expect((await reserve(`name${i}`, '10.0.0.3')).allowed).toBe(true);
    expect(await reserve('someone-else', '10.0.0.3')).toEqual({
      allowed: false,
      byUser: 1,
      byAddress: 21,
    });
    expect((await reserve('someone-else', '10.0.0.4')).allowed).toBe(true);
  });

  it('a success clears the failures of that user at that address', async () => {
    for (let i = 0; i < 4; i++) await reserve('harbin', '10.0.0.5');
    const ok = await reserve('harbin', '10.0.0.5');
    expect(ok).toMatchObject({ allowed: true, byUser: 5 });
    await loginSucceeded(store, { username: 'harbin', address: '10.0.0.5', at: at(0) });
    const after = await Promise.all(Array.from({ length: 6 }, () => reserve('harbin', '10.0.0.5')));
    expect(after.filter((r) => r.allowed)).toHaveLength(5);
  });

  it('successes from one office address never add up to a block', async () => {
    for (let i = 0; i < 40; i++) {
      const user = `clerk${i}`;
      expect((await reserve(user, '10.0.0.6')).allowed).toBe(true);
      await loginSucceeded(store, { username: user, address: '10.0.0.6', at: at(0) });
    }
  });

  it('starts counting again once the 15-minute window has passed', async () => {
    for (let i = 0; i < 6; i++) await reserve('finance', '10.0.0.7');
    expect((await reserve('finance', '10.0.0.7', 14)).allowed).toBe(false);
    expect(await reserve('finance', '10.0.0.7', 16)).toEqual({
      allowed: true,
      byUser: 1,
      byAddress: 1,
    });
  });
});
