// Stored bulletins on SQLite and PostgreSQL: each new one of a plan, period and scope is the
// next version; older versions never change; listed newest first; two writers at once never
// make the same version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeitaiError } from '../../src/core/errors/index.js';
import {
  addBulletin,
  findBulletin,
  listBulletins,
  type NewBulletin,
} from '../../src/store/bulletins.js';
import type { Store } from '../../src/store/db.js';
import { DIALECTS, testDb, type TestDb } from './dialects.js';

const base: NewBulletin = {
  plan: 'hlj-2026',
  period: '2026-09',
  scope: 'province',
  reason: 'publish',
  createdAt: '2026-10-20T02:00:00.000Z',
  createdBy: 'province',
  synthetic: true,
  body: JSON.stringify({ title: '全省县域经济运行情况通报', n: 1 }),
};

describe.each(DIALECTS)('stored bulletins on %s', (dialect) => {
  let t: TestDb;
  let store: Store;
  beforeAll(async () => {
    t = testDb(dialect);
    store = await t.open();
  });
  afterAll(async () => {
    await store.close();
    await t.drop();
  });

  it('numbers versions per plan, period and scope, and keeps each as written', async () => {
    const v1 = await addBulletin(store, base);
    const v2 = await addBulletin(store, {
      ...base,
      reason: 'regenerate',
      createdAt: '2026-10-21T02:00:00.000Z',
      body: JSON.stringify({ title: '全省县域经济运行情况通报', n: 2 }),
    });
    const other = await addBulletin(store, { ...base, scope: '230100', synthetic: false });
    expect([v1.version, v2.version, other.version]).toEqual([1, 2, 1]);
    expect(v2).toMatchObject({ reason: 'regenerate', createdBy: 'province', synthetic: true });
    expect(other.synthetic).toBe(false);
    // The first version still says what it said.
    expect(JSON.parse((await findBulletin(store, v1.id))!.body)).toEqual({
      title: '全省县域经济运行情况通报',
      n: 1,
    });
    expect(await findBulletin(store, 999_999)).toBeUndefined();
    const listed = await listBulletins(store, { plan: 'hlj-2026', period: '2026-09' });
    // Newest made first; made at the same moment, the later stored first.
    expect(listed.map((b) => [b.scope, b.version])).toEqual([
      ['province', 2],
      ['230100', 1],
      ['province', 1],
    ]);
    expect(await listBulletins(store, { plan: 'hlj-2025' })).toEqual([]);
  });

  it('two writers at once never store the same version: the loser is told to retry', async () => {
    const one = { ...base, period: '2026-08' };
    const results = await Promise.allSettled([addBulletin(store, one), addBulletin(store, one)]);
    const versions = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.version] : []));
    for (const r of results)
      if (r.status === 'rejected') {
        expect(r.reason).toBeInstanceOf(LeitaiError);
        expect((r.reason as LeitaiError).code).toBe('CONFLICT');
      }
    expect(new Set(versions).size).toBe(versions.length);
    expect(versions.length).toBeGreaterThanOrEqual(1);
    const stored = await listBulletins(store, { period: '2026-08' });
    expect(stored.map((b) => b.version).sort()).toEqual([...versions].sort());
  });
});
