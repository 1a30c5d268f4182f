import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLeitaiError } from '../../src/core/errors/index.js';
import { loadRegister } from '../../src/io/regions.js';
import { setRegionAttributes } from '../../src/services/regions.js';
import { verifyPassword } from '../../src/services/password.js';
import { addUser, resetPassword, setDisabled } from '../../src/services/users.js';
import { adminLog } from '../../src/store/admin-log.js';
import type { Store } from '../../src/store/db.js';
import { loadRegisterFrom, saveRegions } from '../../src/store/regions.js';
import { createSession, findSession, findUser } from '../../src/store/users.js';
import { cleanUp, DIALECTS, testDb, type TestDb } from './dialects.js';

const AT = '2026-03-01T08:00:00.000Z';
const by = { actor: 'admin', at: AT, departments: ['省财政厅'] };

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isLeitaiError(e)) return e.code;
    throw e;
  }
  return 'ok';
}

/** The admin services on both databases: each change and its admin-log record together. */
describe.each(DIALECTS)('admin services on %s', (dialect) => {
  let t: TestDb;
  let store: Store;
  beforeAll(async () => {
    t = testDb(dialect);
    store = await t.open();
    await saveRegions(store, [...loadRegister().regions.values()]);
  });
  afterAll(() => cleanUp(t, store));

  it('sets a county attribute, keeps the others, and logs old and new', async () => {
    const r = await setRegionAttributes(store, {
      code: '230183',
      attributes: { scenic_4a: true, eco_zone: false },
      reason: '名录',
      actor: 'admin',
      at: AT,
    });
    // The register has border false and eco_zone unknown for 尚志市.
    expect(r.changed).toEqual(['eco_zone', 'scenic_4a']);
    expect((await loadRegisterFrom(store)).get('230183')!.attributes).toEqual({
      border: false,
      eco_zone: false,
      scenic_4a: true,
      heritage_area: null,
    });
    expect(await adminLog(store, { target: 'region:230183' })).toEqual([
      {
        at: AT,
        actor: 'admin',
        action: 'region.attributes',
        target: 'region:230183',
        old: { eco_zone: null, scenic_4a: null },
        new: { eco_zone: false, scenic_4a: true },
        reason: '名录',
      },
    ]);
  });

  it('refuses a prefecture, an unknown code and an unknown attribute, writing nothing', async () => {
    const set = (code: string, attributes: Record<string, boolean>) =>
      codeOf(setRegionAttributes(store, { code, attributes, reason: null, actor: 'a', at: AT }));
    expect(await set('230100', { border: true })).toBe('INPUT_INVALID');
    expect(await set('239999', { border: true })).toBe('NOT_FOUND');
    expect(await set('230183', { capital: true })).toBe('INPUT_INVALID');
    expect(await adminLog(store)).toHaveLength(1);
  });

  it('adds, resets, disables and enables a user, each with its record; a taken name is a conflict', async () => {
    const added = await addUser(store, { username: 'u1', scope: 'department:省财政厅' }, by);
    expect(added.outcome).toBe('added');
    expect(await verifyPassword(added.password!, (await findUser(store, 'u1'))!.passwordHash)).toBe(
      true,
    );
    expect(
      await codeOf(
        addUser(store, { username: 'u1', scope: 'observer', password: 'x'.repeat(10) }, by),
      ),
    ).toBe('CONFLICT');
    expect(await codeOf(addUser(store, { username: 'u2', scope: 'department:省外星局' }, by))).toBe(
      'INPUT_INVALID',
    );
    await createSession(store, {
      id: 's1',
      username: 'u1',
      csrf: 'c',
      at: AT,
      expiresAt: '2099-01-01T00:00:00Z',
    });
    const reset = await resetPassword(store, 'u1', by, 'a new password');
    expect(reset).toEqual({ sessionsEnded: 1 });
    expect(await findSession(store, 's1', AT)).toBeUndefined();
    expect(await setDisabled(store, 'u1', true, by)).toEqual({ changed: true, sessionsEnded: 0 });
    expect(await setDisabled(store, 'u1', true, by)).toEqual({ changed: false, sessionsEnded: 0 });
    expect(await codeOf(setDisabled(store, 'admin', true, by))).toBe('INPUT_INVALID');
    await setDisabled(store, 'u1', false, by);
    const log = await adminLog(store, { target: 'user:u1' });
    expect(log.map((e) => e.action)).toEqual([
      'user.enable',
      'user.disable',
      'user.password',
      'user.add',
    ]);
    expect(log[3]!.new).toEqual({
      role: 'department',
      region: null,
      department: '省财政厅',
      displayName: 'u1',
    });
    expect(JSON.stringify(log)).not.toContain('a new password');
    expect(await adminLog(store, { target: 'user:u2' })).toEqual([]);
  });
});
