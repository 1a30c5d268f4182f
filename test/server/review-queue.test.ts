import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltinPlans } from '../../src/io/plans.js';
import { loadRegister } from '../../src/io/regions.js';
import { buildApp } from '../../src/server/app.js';
import { demoUsers } from '../../src/server/demo-users.js';
import type { Status } from '../../src/core/review/index.js';
import type { Store } from '../../src/store/db.js';
import { initialise } from '../../src/store/init.js';
import { applyValues, currentValues } from '../../src/store/observations.js';
import { cleanUp, DIALECTS, testDb, type TestDb } from '../store/dialects.js';
import { as, login } from './setup.js';

const SHANGZHI = '230183'; // 尚志市, 哈尔滨市
const WUCHANG = '230184'; // 五常市, 哈尔滨市
const LONGJIANG = '230221'; // 龙江县, 齐齐哈尔市

interface Row {
  region: string;
  regionName: string;
  prefecture: string | null;
  prefectureName: string | null;
  indicator: string;
  indicatorName: string;
  unit: string;
  period: string;
  value: number | null;
  status: string;
  revision: number;
  lastYearPeriod: string;
  lastYearValue: number | null;
  change: number | null;
  changeUnit: string;
  findings: unknown[];
}

interface Revision {
  revision: number;
  actor: string;
  actorName: string;
  actorRole: string | null;
  action: string;
  oldValue: number | null;
  newValue: number | null;
  oldStatus: string | null;
  newStatus: string;
  reason: string | null;
}

type Seed = [region: string, indicator: string, period: string, value: number, status: Status];

/**
 * The store, by hand: last year's approved values of 尚志市, this year's values in each state of
 * the chain in two prefectures. Expected changes worked out by hand:
 *   general_budget_revenue (亿元, a level): 12.6 against 12 → (12.6 − 12) / 12 × 100 = +5 %
 *   general_budget_revenue_growth (%, a rate): 4.8 against 5.3 → 4.8 − 5.3 = −0.5 个百分点
 *   gdp (亿元): 84.2 against 80 → 4.2 / 80 × 100 = +5.25 %
 *   五常市 tax_revenue: no value last year → no change
 */
const SEEDS: Seed[] = [
  [SHANGZHI, 'general_budget_revenue', '2025-09', 12, 'approved'],
  [SHANGZHI, 'general_budget_revenue_growth', '2025-09', 5.3, 'approved'],
  [SHANGZHI, 'gdp', '2025-09', 80, 'approved'],
  // A value of last year still waiting is no comparison: it was never approved.
  [WUCHANG, 'tax_revenue', '2025-09', 2.5, 'reviewed'],
  [SHANGZHI, 'general_budget_revenue', '2026-09', 12.6, 'submitted'],
  [SHANGZHI, 'general_budget_revenue_growth', '2026-09', 4.8, 'submitted'],
  [SHANGZHI, 'gdp', '2026-09', 84.2, 'submitted'],
  [WUCHANG, 'tax_revenue', '2026-09', 3, 'submitted'],
  [SHANGZHI, 'gdp', '2026-06', 50, 'submitted'],
  [SHANGZHI, 'industry_va', '2026-09', 20, 'draft'],
  [LONGJIANG, 'gdp', '2026-09', 40, 'submitted'],
  [SHANGZHI, 'general_budget_revenue', '2026-08', 11, 'reviewed'],
  [SHANGZHI, 'tax_revenue', '2026-08', 5, 'reviewed'],
];

describe.each(DIALECTS)('the review queue and its actions on %s', (dialect) => {
  let t: TestDb;
  let store: Store;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = testDb(dialect);
    store = await t.open();
    const register = loadRegister();
    await initialise(store, {
      regions: [...register.regions.values()],
      plans: loadBuiltinPlans(),
      at: new Date().toISOString(),
      users: await demoUsers(),
    });
    for (const status of ['approved', 'reviewed', 'submitted', 'draft'] as const) {
      await applyValues(
        store,
        SEEDS.filter((s) => s[4] === status).map(([region, indicator, period, value]) => ({
          region,
          indicator,
          period,
          value,
        })),
        { actor: 'test', source: 'test:seed', at: '2026-10-08T00:00:00.000Z', status },
      );
    }
    app = await buildApp({ store });
  }, 120_000);
  afterAll(() => cleanUp(t, app, store));

  const call = async (user: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({
      method,
      url,
      headers: as(await login(app, user)),
      ...(payload ? { payload } : {}),
    });
  const queue = async (user: string, query: string) => {
    const r = await call(user, 'GET', `/api/review/queue${query}`);
    expect(r.statusCode, r.body).toBe(200);
    return { rows: r.json() as Row[], total: Number(r.headers['x-total-count']) };
  };
  const stateOf = async (region: string, indicator: string, period: string) => {
    const [v] = await currentValues(store, {
      regions: [region],
      indicators: [indicator],
      periods: [period],
    });
    return { status: v!.status, revision: v!.revision, value: v!.value };
  };

  it("lists 哈尔滨市's submitted values of one period with names, last year's value and the change", async () => {
    const { rows, total } = await queue('harbin', '?period=2026-09');
    expect(total).toBe(4);
    expect(
      rows.map((r) => [
        r.region,
        r.regionName,
        r.indicator,
        r.indicatorName,
        r.unit,
        r.value,
        r.status,
        r.lastYearPeriod,
        r.lastYearValue,
        r.change,
        r.changeUnit,
      ]),
    ).toEqual([
      [
        SHANGZHI,
        '尚志市',
        'gdp',
        '地区生产总值',
        '亿元',
        84.2,
        'submitted',
        '2025-09',
        80,
        5.25,
        '%',
      ],
      [
        SHANGZHI,
        '尚志市',
        'general_budget_revenue',
        '一般公共预算收入',
        '亿元',
        12.6,
        'submitted',
        '2025-09',
        12,
        5,
        '%',
      ],
      [
        SHANGZHI,
        '尚志市',
        'general_budget_revenue_growth',
        '一般公共预算收入增速',
        '%',
        4.8,
        'submitted',
        '2025-09',
        5.3,
        -0.5,
        '个百分点',
      ],
      [
        WUCHANG,
        '五常市',
        'tax_revenue',
        '税收收入',
        '亿元',
        3,
        'submitted',
        '2025-09',
        null,
        null,
        '%',
      ],
    ]);
    expect(rows.every((r) => r.prefecture === '230100' && r.prefectureName === '哈尔滨市')).toBe(
      true,
    );
    expect(rows.every((r) => Array.isArray(r.findings))).toBe(true);
  });

  it('asked for every period: the newest first, bounded by limit, the total in X-Total-Count', async () => {
    const all = await queue('harbin', '');
    expect(all.total).toBe(5);
    expect(all.rows.map((r) => `${r.period} ${r.region} ${r.indicator}`)).toEqual([
      `2026-09 ${SHANGZHI} gdp`,
      `2026-09 ${SHANGZHI} general_budget_revenue`,
      `2026-09 ${SHANGZHI} general_budget_revenue_growth`,
      `2026-09 ${WUCHANG} tax_revenue`,
      `2026-06 ${SHANGZHI} gdp`,
    ]);
    const one = await queue('harbin', '?limit=1');
    expect(one.rows).toHaveLength(1);
    expect(one.total).toBe(5);
    const tooMany = await call('harbin', 'GET', '/api/review/queue?limit=5001');
    expect(tooMany.statusCode).toBe(400);
    const unknown = await call('harbin', 'GET', '/api/review/queue?period=2026-09&x=1');
    expect(unknown.statusCode).toBe(400);
  });

  it('counts what waits in each period, for each role within its scope', async () => {
    const waiting = async (user: string) => {
      const r = await call(user, 'GET', '/api/review/waiting');
      expect(r.statusCode, r.body).toBe(200);
      return r.json() as { total: number; periods: unknown[] };
    };
    expect(await waiting('harbin')).toEqual({
      total: 5,
      periods: [
        { period: '2026-09', status: 'submitted', count: 4 },
        { period: '2026-06', status: 'submitted', count: 1 },
      ],
    });
    // 省财政厅: its indicators only (general_budget_revenue, not tax_revenue of 省税务局).
    expect(await waiting('finance')).toEqual({
      total: 1,
      periods: [{ period: '2026-08', status: 'reviewed', count: 1 }],
    });
    expect(await waiting('province')).toEqual({
      total: 9,
      periods: [
        { period: '2026-09', status: 'submitted', count: 5 },
        { period: '2026-08', status: 'reviewed', count: 2 },
        { period: '2026-06', status: 'submitted', count: 1 },
        { period: '2025-09', status: 'reviewed', count: 1 },
      ],
    });
  });

  it("省财政厅 sees and approves its own indicator; another department's is refused and unchanged", async () => {
    const { rows } = await queue('finance', '?period=2026-08');
    expect(rows.map((r) => [r.region, r.indicator, r.status])).toEqual([
      [SHANGZHI, 'general_budget_revenue', 'reviewed'],
    ]);
    const before = await stateOf(SHANGZHI, 'tax_revenue', '2026-08');
    const refused = await call('finance', 'POST', '/api/review/approve', {
      keys: [
        { region: SHANGZHI, indicator: 'general_budget_revenue', period: '2026-08' },
        { region: SHANGZHI, indicator: 'tax_revenue', period: '2026-08' },
      ],
    });
    expect(refused.statusCode).toBe(403);
    expect(await stateOf(SHANGZHI, 'tax_revenue', '2026-08')).toEqual(before);
    // All or nothing: its own value in the refused batch is unchanged too.
    expect((await stateOf(SHANGZHI, 'general_budget_revenue', '2026-08')).status).toBe('reviewed');
    const ok = await call('finance', 'POST', '/api/review/approve', {
      keys: [{ region: SHANGZHI, indicator: 'general_budget_revenue', period: '2026-08' }],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await stateOf(SHANGZHI, 'general_budget_revenue', '2026-08')).status).toBe('approved');
    expect((await queue('finance', '?period=2026-08')).rows).toEqual([]);
  });

  it('a return without a reason is refused, saying so, and changes nothing', async () => {
    const key = { region: SHANGZHI, indicator: 'gdp', period: '2026-09' };
    const before = await stateOf(key.region, key.indicator, key.period);
    for (const body of [
      { keys: [key] },
      { keys: [key], reason: '' },
      { keys: [key], reason: '  ' },
    ]) {
      const r = await call('harbin', 'POST', '/api/review/return', body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().message).toMatch(/退回须填写原因/);
      expect(r.json().details).toMatchObject({ field: 'reason' });
    }
    expect(await stateOf(key.region, key.indicator, key.period)).toEqual(before);
  });

  it('acting on a value someone else has handled is a conflict (409), and nothing changes', async () => {
    const gdp = { region: SHANGZHI, indicator: 'gdp', period: '2026-06' };
    const other = { region: SHANGZHI, indicator: 'general_budget_revenue', period: '2026-09' };
    // The province passes it first.
    expect((await call('province', 'POST', '/api/review/review', { keys: [gdp] })).statusCode).toBe(
      200,
    );
    const before = await stateOf(other.region, other.indicator, other.period);
    const r = await call('harbin', 'POST', '/api/review/review', { keys: [other, gdp] });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('CONFLICT');
    expect(r.json().message).toMatch(/市级已审核/);
    expect(await stateOf(other.region, other.indicator, other.period)).toEqual(before);
    // A single value carries the revision the reviewer saw.
    const stale = await call('harbin', 'POST', '/api/review/review', {
      keys: [other],
      expectedRevision: before.revision - 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(await stateOf(other.region, other.indicator, other.period)).toEqual(before);
  });

  it('the history of a value: every revision with who (name and role), old and new, why', async () => {
    const key = { region: SHANGZHI, indicator: 'industry_va', period: '2026-07' };
    const url = `/api/observations/${key.region}/${key.indicator}/${key.period}`;
    const step = async (user: string, method: 'PUT' | 'POST', path: string, payload: object) => {
      const r = await app.inject({
        method,
        url: path,
        headers: as(await login(app, user)),
        payload,
      });
      expect(r.statusCode, `${user} ${path} ${r.body}`).toBe(200);
    };
    await step('shangzhi', 'PUT', url, { value: 30 });
    await step('shangzhi', 'POST', '/api/review/submit', { keys: [key] });
    await step('harbin', 'POST', '/api/review/return', {
      keys: [key],
      reason: '与上月不符,请核实',
    });
    await step('shangzhi', 'PUT', url, { value: 31.5 });
    await step('shangzhi', 'POST', '/api/review/submit', { keys: [key] });
    await step('harbin', 'POST', '/api/review/review', { keys: [key] });
    const r = await call(
      'shangzhi',
      'GET',
      `/api/review/history?region=${key.region}&indicator=${key.indicator}&period=${key.period}`,
    );
    expect(r.statusCode, r.body).toBe(200);
    const b = r.json() as { regionName: string; indicatorName: string; revisions: Revision[] };
    expect(b.regionName).toBe('尚志市');
    expect(b.indicatorName).toBe('工业增加值');
    expect(
      b.revisions.map((x) => [
        x.revision,
        x.actorName,
        x.actorRole,
        x.action,
        x.oldValue,
        x.newValue,
        x.oldStatus,
        x.newStatus,
        x.reason,
      ]),
    ).toEqual([
      [1, '尚志市', 'county', 'enter', null, 30, null, 'draft', null],
      [2, '尚志市', 'county', 'submit', 30, 30, 'draft', 'submitted', null],
      [3, '哈尔滨市', 'prefecture', 'return', 30, 30, 'submitted', 'returned', '与上月不符,请核实'],
      [4, '尚志市', 'county', 'revise', 30, 31.5, 'returned', 'draft', null],
      [5, '尚志市', 'county', 'submit', 31.5, 31.5, 'draft', 'submitted', null],
      [6, '哈尔滨市', 'prefecture', 'review', 31.5, 31.5, 'submitted', 'reviewed', null],
    ]);
    const outside = await call(
      'harbin',
      'GET',
      `/api/review/history?region=${LONGJIANG}&indicator=gdp&period=2026-09`,
    );
    expect(outside.statusCode).toBe(403);
    const missing = await call(
      'harbin',
      'GET',
      `/api/review/history?region=${SHANGZHI}&indicator=gdp&period=2031-01`,
    );
    expect(missing.statusCode).toBe(404);
  });
});
