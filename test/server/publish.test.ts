// 公布 through the API on a prepared store: before publishing, the province sees the period's
// county values by review state and which counties and indicators are not approved (counts
// worked out by hand); publishing records who and when, is said once, and then the observer sees
// the period and its approved values only.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltinPlans } from '../../src/io/plans.js';
import { loadRegister } from '../../src/io/regions.js';
import { buildApp } from '../../src/server/app.js';
import { demoUsers } from '../../src/server/demo-users.js';
import type { Store } from '../../src/store/db.js';
import { initialise } from '../../src/store/init.js';
import { applyValues } from '../../src/store/observations.js';
import { cleanUp, testDb, type TestDb } from '../store/dialects.js';
import { as, login } from './setup.js';

const NOW = new Date('2026-11-20T02:00:00.000Z');
const MONTHLY = [
  'gdp',
  'tech_transfers',
  'industrial_project_investment',
  'new_above_scale_enterprises',
  'new_innovative_smes',
  'general_budget_revenue',
  'tax_revenue',
  'gdp_growth',
  'primary_va_growth',
  'industry_va_growth',
  'secondary_tertiary_share',
  'industrial_project_investment_growth',
  'loan_growth',
  'general_budget_revenue_growth',
  'tax_revenue_growth',
  'new_projects_over_10m',
];
const SHANGZHI = '230183';
const WUCHANG = '230184';

interface Status {
  published: boolean;
  publishedAt: string | null;
  publishedBy: string | null;
  publisherName: string | null;
  counts: Record<string, number>;
  unapproved: {
    region: string;
    name: string;
    prefectureName: string;
    counts: Record<string, number>;
    values: { indicator: string; state: string }[];
  }[];
}

describe('公布 API', () => {
  let t: TestDb;
  let store: Store;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = testDb('sqlite');
    store = await t.open();
    await initialise(store, {
      regions: [...loadRegister().regions.values()],
      plans: loadBuiltinPlans(),
      at: '2026-01-01T00:00:00.000Z',
      users: await demoUsers(),
    });
    // 五常市: all 16 approved. 尚志市: 10 approved, 3 submitted, 2 draft, 1 returned.
    const put = (
      region: string,
      indicators: string[],
      status: 'approved' | 'submitted' | 'draft' | 'returned',
    ) =>
      applyValues(
        store,
        indicators.map((indicator) => ({ region, indicator, period: '2026-10', value: 2 })),
        { actor: 'test', source: 'test', at: '2026-11-05T00:00:00.000Z', status },
      );
    await put(WUCHANG, MONTHLY, 'approved');
    await put(SHANGZHI, MONTHLY.slice(0, 10), 'approved');
    await put(SHANGZHI, MONTHLY.slice(10, 13), 'submitted');
    await put(SHANGZHI, MONTHLY.slice(13, 15), 'draft');
    await put(SHANGZHI, MONTHLY.slice(15), 'returned');
    app = await buildApp({ store, now: () => NOW });
  });
  afterAll(() => cleanUp(t, app, store));

  const get = async (user: string, url: string) =>
    app.inject({ url, headers: as(await login(app, user)) });
  const publish = async (user: string, payload: object) =>
    app.inject({
      method: 'POST',
      url: '/api/publications',
      headers: as(await login(app, user)),
      payload,
    });

  it('shows what is not yet approved, by state and by county and indicator', async () => {
    const r = await get('province', '/api/publications?plan=hlj-2026&period=2026-10');
    expect(r.statusCode).toBe(200);
    const s = r.json() as Status;
    expect(s.published).toBe(false);
    expect(s.publishedAt).toBeNull();
    // 67 counties × 16 values = 1072: 26 approved, 3 submitted, 2 draft, 1 returned, the rest missing.
    expect(s.counts).toEqual({
      approved: 26,
      reviewed: 0,
      submitted: 3,
      draft: 2,
      returned: 1,
      missing: 1040,
    });
    expect(s.unapproved.length).toBe(66);
    const shangzhi = s.unapproved.find((u) => u.region === SHANGZHI)!;
    expect(shangzhi.name).toBe('尚志市');
    expect(shangzhi.prefectureName).toBe('哈尔滨市');
    expect(shangzhi.values.map((v) => [v.indicator, v.state])).toEqual([
      ['secondary_tertiary_share', 'submitted'],
      ['industrial_project_investment_growth', 'submitted'],
      ['loan_growth', 'submitted'],
      ['general_budget_revenue_growth', 'draft'],
      ['tax_revenue_growth', 'draft'],
      ['new_projects_over_10m', 'returned'],
    ]);
    expect(s.unapproved.some((u) => u.region === WUCHANG)).toBe(false);
    expect((await get('harbin', '/api/publications?period=2026-10')).statusCode).toBe(403);
    expect((await get('province', '/api/publications?period=2026-10&x=1')).statusCode).toBe(400);
    expect((await get('province', '/api/publications?period=2026-10&plan=none')).statusCode).toBe(
      404,
    );
  });

  it('publishes once, by whom and when; then the observer sees the period and only approved values', async () => {
    const before = (await get('observer', '/api/periods?plan=hlj-2026')).json() as {
      periods: { period: string }[];
    };
    expect(before.periods.map((p) => p.period)).not.toContain('2026-10');

    expect((await publish('finance', { period: '2026-10' })).statusCode).toBe(403);
    expect((await publish('province', { period: '2026-10', extra: 1 })).statusCode).toBe(400);
    const first = await publish('province', { period: '2026-10' });
    // The first publication stores the plan's province bulletin of the period; a second, none.
    expect(first.json()).toEqual({
      period: '2026-10',
      published: true,
      new: true,
      bulletins: [{ id: expect.any(Number), plan: 'hlj-2026', version: 1 }],
    });
    const again = await publish('province', { period: '2026-10' });
    expect(again.json()).toEqual({ period: '2026-10', published: true, new: false, bulletins: [] });

    const s = (await get('province', '/api/publications?period=2026-10')).json() as Status;
    expect(s).toMatchObject({
      published: true,
      publishedAt: NOW.toISOString(),
      publishedBy: 'province',
      publisherName: '省专班(管理员)',
    });

    const after = (await get('observer', '/api/periods?plan=hlj-2026')).json() as {
      periods: { period: string; published: boolean }[];
    };
    expect(after.periods.find((p) => p.period === '2026-10')).toMatchObject({ published: true });
    const values = (
      await get('observer', `/api/observations?region=${SHANGZHI}&period=2026-10`)
    ).json() as { rows: { indicator: string }[] };
    const list = values.rows;
    expect(list.map((v) => v.indicator).sort()).toEqual(MONTHLY.slice(0, 10).sort());
  });
});
