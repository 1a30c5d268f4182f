// 催报 through the API on a prepared store (the register, the built-in plans, the demo users and
// hand-chosen values of 2026-10; the clock fixed the day after the due date): who may remind whom,
// what a reminder records, what a county sees and marks read, the 催报单's contents worked out by
// hand, bad input changing nothing, and the automatic job making each reminder once even when two
// instances on one database (SQLite file, PostgreSQL) run it at the same time.
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuiltinPlans } from '../../src/io/plans.js';
import { loadRegister } from '../../src/io/regions.js';
import { buildApp } from '../../src/server/app.js';
import { demoUsers } from '../../src/server/demo-users.js';
import type { Store } from '../../src/store/db.js';
import { initialise } from '../../src/store/init.js';
import { applyValues } from '../../src/store/observations.js';
import { cleanUp, DIALECTS, testDb, type TestDb } from '../store/dialects.js';
import { as, login } from './setup.js';

/** 2026-11-11 09:00 in the province: the day after 2026-10's due date (2026-11-10). */
const NOW = new Date('2026-11-11T01:00:00.000Z');
/** The monthly county indicators of hlj-2026, as its county table and 附件1 list them. */
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
/** Harbin's plan counties other than 尚志市 and 五常市: they report everything. */
const HARBIN_COMPLETE = ['230123', '230124', '230125', '230126', '230127', '230128', '230129'];
const SHANGZHI = '230183';
const WUCHANG = '230184';
/** 67 plan counties; 9 under Harbin report, 7 of them fully: 58 + 2 late. */
const LATE_IN_PROVINCE = 60;

/** The prepared store: 2026-10 values for Harbin's counties, 尚志市 without two, 五常市 without one. */
async function prepare(store: Store): Promise<void> {
  await initialise(store, {
    regions: [...loadRegister().regions.values()],
    plans: loadBuiltinPlans(),
    at: '2026-01-01T00:00:00.000Z',
    users: await demoUsers(),
  });
  const rows = [
    ...HARBIN_COMPLETE.flatMap((region) => MONTHLY.map((indicator) => ({ region, indicator }))),
    ...MONTHLY.filter((i) => i !== 'gdp' && i !== 'tax_revenue').map((indicator) => ({
      region: SHANGZHI,
      indicator,
    })),
    ...MONTHLY.filter((i) => i !== 'new_projects_over_10m').map((indicator) => ({
      region: WUCHANG,
      indicator,
    })),
  ];
  await applyValues(
    store,
    rows.map((r) => ({ ...r, period: '2026-10', value: 1 })),
    { actor: 'test', source: 'test', at: '2026-11-05T00:00:00.000Z', status: 'submitted' },
  );
}

async function reminderCount(app: FastifyInstance): Promise<number> {
  const s = await login(app, 'province');
  const r = await app.inject({ url: '/api/reminders?limit=1', headers: as(s) });
  return (r.json() as { total: number }).total;
}

describe('催报 API', () => {
  let t: TestDb;
  let store: Store;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = testDb('sqlite');
    store = await t.open();
    await prepare(store);
    app = await buildApp({ store, now: () => NOW });
  });
  afterAll(() => cleanUp(t, app, store));

  const post = async (user: string, url: string, payload: object) =>
    app.inject({ method: 'POST', url, headers: as(await login(app, user)), payload });
  const get = async (user: string, url: string) =>
    app.inject({ url, headers: as(await login(app, user)) });

  it('lists the late counties in scope with their missing indicators', async () => {
    const r = await get('harbin', '/api/reminders/late?plan=hlj-2026&period=2026-10');
    expect(r.statusCode).toBe(200);
    const late = r.json() as {
      due: string;
      overdue: boolean;
      counties: { region: string; missing: { code: string }[] }[];
    };
    expect(late.due).toBe('2026-11-10');
    expect(late.overdue).toBe(true);
    expect(late.counties.map((c) => [c.region, c.missing.map((m) => m.code)])).toEqual([
      [SHANGZHI, ['gdp', 'tax_revenue']],
      [WUCHANG, ['new_projects_over_10m']],
    ]);
    const all = (await get('province', '/api/reminders/late?plan=hlj-2026&period=2026-10')).json();
    expect((all as { counties: unknown[] }).counties.length).toBe(LATE_IN_PROVINCE);
  });

  it('refuses a county, a prefecture reminding another prefecture’s county, and bad input, writing nothing', async () => {
    const body = { plan: 'hlj-2026', period: '2026-10' };
    const county = await post('shangzhi', '/api/reminders', { ...body, regions: [SHANGZHI] });
    expect(county.statusCode).toBe(403);
    const other = await post('harbin', '/api/reminders', { ...body, regions: ['230421'] });
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toContain('萝北县(230421)');
    // One county out of scope refuses the whole request.
    const mixed = await post('harbin', '/api/reminders', {
      ...body,
      regions: [SHANGZHI, '230421'],
    });
    expect(mixed.statusCode).toBe(403);
    const complete = await post('harbin', '/api/reminders', { ...body, regions: ['230125'] });
    expect(complete.statusCode).toBe(409);
    expect(complete.json().message).toContain('宾县(230125)');
    for (const bad of [
      { ...body, regions: [] },
      { ...body, regions: ['2301'] },
      { ...body, regions: ['999999'] },
      { ...body, note: 'x'.repeat(501) },
      { ...body, extra: 1 },
      { ...body, period: '2026-13' },
    ]) {
      const r = await post('harbin', '/api/reminders', bad);
      expect(r.statusCode, JSON.stringify(bad).slice(0, 80)).toBe(400);
      expect(r.json().message).toMatch(/[\u4e00-\u9fff]/);
    }
    const noPlan = await post('province', '/api/reminders', { ...body, plan: 'nope' });
    expect(noPlan.statusCode).toBe(404);
    expect(await reminderCount(app)).toBe(0);
  });

  it('records a reminder with sender, time, plan, period, due date, missing count and note; the county sees it and marks it read', async () => {
    const sent = await post('harbin', '/api/reminders', {
      plan: 'hlj-2026',
      period: '2026-10',
      regions: [SHANGZHI],
      note: '请于本周内补报',
    });
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toEqual({ sent: 1, regions: [SHANGZHI], due: '2026-11-10' });

    const mine = (await get('shangzhi', '/api/reminders')).json() as {
      total: number;
      unread: number;
      items: Record<string, unknown>[];
    };
    expect(mine.total).toBe(1);
    expect(mine.unread).toBe(1);
    expect(mine.items[0]).toMatchObject({
      plan: 'hlj-2026',
      period: '2026-10',
      region: SHANGZHI,
      regionName: '尚志市',
      due: '2026-11-10',
      missing: 2,
      note: '请于本周内补报',
      sentBy: 'harbin',
      senderName: '哈尔滨市',
      sentAt: NOW.toISOString(),
      auto: false,
      readAt: null,
    });
    // Marking needs the county's own session; then nothing is unread.
    expect((await post('shangzhi', '/api/reminders/read', { ids: [] })).json()).toEqual({
      marked: 0,
    });
    expect((await post('shangzhi', '/api/reminders/read', {})).json()).toEqual({ marked: 1 });
    const after = (await get('shangzhi', '/api/reminders?unread=true')).json() as {
      total: number;
    };
    expect(after.total).toBe(0);
    const read = (await get('shangzhi', '/api/reminders')).json() as {
      items: { readBy: string; readAt: string }[];
    };
    expect(read.items[0]).toMatchObject({ readBy: 'shangzhi', readAt: NOW.toISOString() });
    expect((await post('shangzhi', '/api/reminders/read', { bogus: 1 })).statusCode).toBe(400);
  });

  it('sends to every late county in scope when none is named, and lists each user only their scope', async () => {
    const harbin = await post('harbin', '/api/reminders', { plan: 'hlj-2026', period: '2026-10' });
    expect(harbin.json()).toMatchObject({ sent: 2, regions: [SHANGZHI, WUCHANG] });
    const province = await post('province', '/api/reminders', {
      plan: 'hlj-2026',
      period: '2026-10',
    });
    expect(province.json()).toMatchObject({ sent: LATE_IN_PROVINCE });
    expect(await reminderCount(app)).toBe(1 + 2 + LATE_IN_PROVINCE);
    const h = (await get('harbin', '/api/reminders?limit=200')).json() as {
      total: number;
      items: { region: string }[];
    };
    // Harbin's: 尚志市 three times, 五常市 twice.
    expect(h.total).toBe(5);
    expect(new Set(h.items.map((r) => r.region))).toEqual(new Set([SHANGZHI, WUCHANG]));
    const s = (await get('shangzhi', '/api/reminders')).json() as { total: number; unread: number };
    expect([s.total, s.unread]).toEqual([3, 2]);
    // Pages are bounded.
    expect((await get('province', '/api/reminders?limit=201')).statusCode).toBe(400);
    const page = (await get('province', '/api/reminders?limit=10&offset=60')).json() as {
      items: unknown[];
    };
    expect(page.items.length).toBe(3);
  });

  it('refuses reminders before the due date', async () => {
    const early = await buildApp({ store, now: () => new Date('2026-11-10T15:00:00.000Z') });
    try {
      // 23:00 on 2026-11-10 in the province: the due day itself is still in time.
      const r = await early.inject({
        method: 'POST',
        url: '/api/reminders',
        headers: as(await login(early, 'province')),
        payload: { plan: 'hlj-2026', period: '2026-10' },
      });
      expect(r.statusCode).toBe(409);
      expect(r.json().message).toContain('2026-11-10');
    } finally {
      await early.close();
    }
  });

  it('prints the 催报单 of the late counties in scope, worked out by hand', async () => {
    const r = await get('harbin', '/api/reminders/sheet?plan=hlj-2026&period=2026-10');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(r.headers['content-disposition']))).toContain(
      '催报单-hlj-2026-2026-10.xlsx',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('催报单')!;
    expect(String(ws.getCell('A1').value)).toBe('黑龙江省深化县域经济发展突破年行动方案 催报单');
    const sub = String(ws.getCell('A2').value);
    expect(sub).toContain('期别:2026年1-10月');
    expect(sub).toContain('报送截止日期:2026-11-10');
    expect(sub).toContain('制表人:哈尔滨市');
    expect(sub).toContain('逾期缺报的县(市):2 个');
    const values = (n: number) => (ws.getRow(n).values as unknown[]).slice(1);
    expect(values(3)).toEqual([
      '序号',
      '县(市)',
      '区划代码',
      '所属市(地)',
      '缺报指标数(个)',
      '缺报指标(单位)',
      '报送截止日期',
    ]);
    expect(values(4)).toEqual([
      1,
      '尚志市',
      '230183',
      '哈尔滨市',
      2,
      '地区生产总值(亿元)、税收收入(亿元)',
      '2026-11-10',
    ]);
    expect(values(5)).toEqual([
      2,
      '五常市',
      '230184',
      '哈尔滨市',
      1,
      '新开工固定资产投资1000万元以上项目(个)',
      '2026-11-10',
    ]);
    expect(ws.rowCount).toBe(5);
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '3:3',
    });

    const all = await get('province', '/api/reminders/sheet?plan=hlj-2026&period=2026-10');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(all.rawPayload as unknown as ArrayBuffer);
    expect(wb2.getWorksheet('催报单')!.rowCount).toBe(3 + LATE_IN_PROVINCE);
    expect(
      (await get('harbin', '/api/reminders/sheet?plan=hlj-2026&period=2026-10&x=1')).statusCode,
    ).toBe(400);
  });
});

describe.each(DIALECTS)('automatic reminders on %s', (dialect) => {
  let t: TestDb;
  let a: Store;
  let b: Store;
  let one: FastifyInstance;
  let two: FastifyInstance;
  beforeAll(async () => {
    t = testDb(dialect);
    a = await t.open();
    await prepare(a);
    // Two instances, each with its own connection, on one database.
    b = await t.open();
    one = await buildApp({ store: a, now: () => NOW });
    two = await buildApp({ store: b, now: () => NOW });
  });
  afterAll(() => cleanUp(t, one, two, a, b));

  it('makes one reminder per late county for the newest overdue month, however many instances run it', async () => {
    const [x, y] = await Promise.all([one.runReminders(), two.runReminders()]);
    expect(x + y).toBe(LATE_IN_PROVINCE);
    expect(await one.runReminders()).toBe(0);
    expect(await two.runReminders()).toBe(0);
    const s = await login(one, 'province');
    const list = (await one.inject({ url: '/api/reminders?limit=200', headers: as(s) })).json() as {
      total: number;
      items: {
        region: string;
        period: string;
        sentBy: string;
        senderName: string;
        auto: boolean;
      }[];
    };
    expect(list.total).toBe(LATE_IN_PROVINCE);
    expect(new Set(list.items.map((r) => r.region)).size).toBe(LATE_IN_PROVINCE);
    // Only 2026-10 (not 2026-09 or older, and no reminder of the 2025 or 2011 plans).
    expect(
      new Set(list.items.map((r) => `${r.period}|${r.sentBy}|${r.senderName}|${r.auto}`)),
    ).toEqual(new Set(['2026-10|system|系统|true']));
    const shangzhi = list.items.filter((r) => r.region === SHANGZHI);
    expect(shangzhi.length).toBe(1);
  });

  it('runs on a timer when asked, with the same key', async () => {
    const three = await buildApp({ store: b, now: () => NOW, reminderJob: { everyMs: 3_600_000 } });
    try {
      // Its first run starts at once; it finds everything already sent.
      expect(await three.runReminders()).toBe(0);
    } finally {
      await three.close();
    }
  });
});
