import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltinPlans } from '../../src/io/plans.js';
import { loadRegister } from '../../src/io/regions.js';
import { buildApp } from '../../src/server/app.js';
import { demoUsers } from '../../src/server/demo-users.js';
import type { Store } from '../../src/store/db.js';
import { initialise } from '../../src/store/init.js';
import { testDb, type TestDb } from '../store/dialects.js';
import { as, login, useDemoApp } from './setup.js';

interface Tally {
  expected: number;
  received: number;
  approved: number;
  late: number;
  missing: number;
}

interface Answer {
  due: string;
  overdue: boolean;
  total: Tally;
  byCounty: Record<string, Tally>;
  byPrefecture: Record<string, Tally>;
  byDepartment: Record<string, Tally>;
  synthetic: boolean;
  note?: string;
}

const URL = '/api/completeness?plan=hlj-2026&period=2026-09';

describe('GET /api/completeness says whether its counts are of synthetic demo data', () => {
  const ctx = useDemoApp();
  const get = async (user: string) =>
    ctx.app.inject({ method: 'GET', url: URL, headers: as(await login(ctx.app, user)) });

  it('labels the demo values synthetic, for the province and for a prefecture', async () => {
    for (const user of ['province', 'harbin']) {
      const r = await get(user);
      expect(r.statusCode, r.body).toBe(200);
      const b = r.json() as Answer;
      expect(b.synthetic).toBe(true);
      expect(b.note).toMatch(/合成演示数据/);
      expect(b.total.received).toBeGreaterThan(0);
    }
    const harbin = (await get('harbin')).json() as Answer;
    expect(Object.keys(harbin.byCounty).every((c) => c.startsWith('2301'))).toBe(true);
  });
});

describe('GET /api/completeness on real (not demo) values', () => {
  let db: TestDb;
  let store: Store;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = testDb('sqlite');
    store = await db.open();
    const register = loadRegister();
    await initialise(store, {
      regions: [...register.regions.values()],
      plans: loadBuiltinPlans(),
      at: new Date().toISOString(),
      users: await demoUsers(),
    });
    app = await buildApp({ store });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await db.drop();
  });

  it('is not labelled synthetic, before and after a county reports a value', async () => {
    const province = as(await login(app, 'province'));
    const before = (
      await app.inject({ method: 'GET', url: URL, headers: province })
    ).json() as Answer;
    expect(before.synthetic).toBe(false);
    expect(before.note).toBeUndefined();
    expect(before.total.received).toBe(0);
    expect(before.total.missing).toBe(before.total.expected);

    const put = await app.inject({
      method: 'PUT',
      url: '/api/observations/230183/gdp_growth/2026-09',
      payload: { value: 5.1 },
      headers: as(await login(app, 'shangzhi')),
    });
    expect(put.statusCode, put.body).toBe(200);
    const after = (
      await app.inject({ method: 'GET', url: URL, headers: province })
    ).json() as Answer;
    expect(after.synthetic).toBe(false);
    expect(after.total.received).toBe(1);
    expect(after.byCounty['230183']!.received).toBe(1);
  });
});
