// The entry form's API (GET /api/entry), the checks a form value meets on PUT, and the import's
// dry run (POST /api/imports with dryRun=true). Expected values come from the demo data as read
// here straight from the store's tables (or worked out by hand), not from the code under test.
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { as, login, useDemoApp } from './setup.js';

interface Row {
  indicator: string;
  name: string;
  unit: string;
  rule: Record<string, unknown>;
  lastYear: number | null;
  previous: number | null;
  previousPeriod: string | null;
  value: number | null;
  status: string | null;
  revision: number;
  returnReason: string | null;
}
interface Answer {
  region: { code: string; name: string; prefecture: { code: string; name: string } | null };
  period: string;
  label: string;
  due: string;
  overdue: boolean;
  months: { period: string; due: string; overdue: boolean }[];
  current: string;
  counties: { code: string; name: string }[];
  rows: Row[];
  synthetic: boolean;
}

function multipart(name: string, content: Buffer | string, fields: Record<string, string> = {}) {
  const b = 'leitaientryboundary';
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  const head = `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${b}` },
    payload: Buffer.concat([
      Buffer.from(parts.join('')),
      Buffer.from(head),
      Buffer.from(content),
      Buffer.from(`\r\n--${b}--\r\n`),
    ]),
  };
}

/** Today in the province (UTC+8), as YYYY-MM-DD. */
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

describe('GET /api/entry: the entry form of one county and month', () => {
  const ctx = useDemoApp();
  const get = async (user: string, query: string) => {
    const s = await login(ctx.app, user);
    return ctx.app.inject({ method: 'GET', url: `/api/entry?${query}`, headers: as(s) });
  };

  /** The store's current rows of 尚志市, read with SQL: the expected values. */
  const stored = async (period: string) => {
    const r = await sql<{
      indicator: string;
      value: string | null;
      status: string;
      revision: number;
      approved_value: string | null;
      reason: string | null;
    }>`select o.indicator, o.value, o.status, o.revision, o.approved_value, c.reason
       from observation o join change_set c on c.id = o.change_set
       where o.region = '230183' and o.period = ${period}`.execute(ctx.store.db);
    return new Map(r.rows.map((x) => [x.indicator, x]));
  };

  it('lists every indicator in the template order with last year, previous month, value, status', async () => {
    const r = await get('shangzhi', 'plan=hlj-2026&region=230183&period=2026-09');
    expect(r.statusCode, r.body).toBe(200);
    const a = r.json() as Answer;
    expect(a.region).toEqual({
      code: '230183',
      name: '尚志市',
      prefecture: { code: '230100', name: '哈尔滨市' },
    });
    expect([a.period, a.label, a.due]).toEqual(['2026-09', '2026年1-9月', '2026-10-10']);
    expect(a.counties).toEqual([{ code: '230183', name: '尚志市' }]);
    expect(a.synthetic).toBe(true);

    // The order of the downloaded template's header (indicator(unit), every other column).
    const s = await login(ctx.app, 'shangzhi');
    const t = await ctx.app.inject({
      method: 'GET',
      url: '/api/templates?period=2026-09&region=230183&plan=hlj-2026',
      headers: as(s),
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(t.rawPayload as unknown as ArrayBuffer);
    const head = wb.getWorksheet('填报表')!.getRow(4);
    const names: string[] = [];
    for (let c = 3; c <= head.cellCount; c += 2) names.push(String(head.getCell(c).value));
    expect(a.rows.map((x) => `${x.name}(${x.unit})`)).toEqual(names);
    expect(a.rows.length).toBe(17);

    // Values and statuses as stored; the previous month's values as stored for 2026-08.
    const now = await stored('2026-09');
    const before = await stored('2026-08');
    for (const row of a.rows) {
      const s9 = now.get(row.indicator);
      expect(row.value, row.indicator).toBe(s9?.value == null ? null : Number(s9.value));
      expect(row.status).toBe(s9?.status ?? null);
      expect(row.revision).toBe(s9?.revision ?? 0);
      const s8 = before.get(row.indicator);
      expect(row.previous, row.indicator).toBe(s8?.value == null ? null : Number(s8.value));
      expect(row.previousPeriod).toBe('2026-08');
    }
    // From the demo data (printed once and copied here): four rows by hand.
    const by = new Map(a.rows.map((x) => [x.indicator, x]));
    expect(by.get('gdp')).toMatchObject({ value: 83.06, previous: 71.4, status: 'submitted' });
    expect(by.get('tax_revenue')).toMatchObject({ value: 1.62, previous: 1.46 });
    expect(by.get('new_projects_over_10m')).toMatchObject({ value: 8, previous: 7 });
    const returned = by.get('general_budget_revenue')!;
    expect(returned).toMatchObject({ value: 4.11, status: 'returned' });
    expect(returned.returnReason).toBe(now.get('general_budget_revenue')!.reason);
    expect(returned.returnReason).toBeTruthy();

    // The rule sent to the form: a cumulative count, a share, a growth rate.
    expect(by.get('new_projects_over_10m')!.rule).toEqual({
      integer: true,
      floor: 0,
      ceiling: null,
      min: 0,
      max: 200,
      cumulative: true,
    });
    expect(by.get('secondary_tertiary_share')!.rule).toEqual({
      integer: false,
      floor: 0,
      ceiling: 100,
      min: 0,
      max: 100,
      cumulative: false,
    });
    expect(by.get('gdp_growth')!.rule).toEqual({
      integer: false,
      floor: null,
      ceiling: null,
      min: -30,
      max: 50,
      cumulative: false,
    });
  });

  it("gives last year's approved value of the same month (上年同期)", async () => {
    const a = (
      await get('shangzhi', 'plan=hlj-2026&region=230183&period=2026-02')
    ).json() as Answer;
    const last = await stored('2025-02');
    const approved = a.rows.filter((x) => x.lastYear !== null);
    expect(approved.length).toBeGreaterThan(10);
    for (const row of a.rows) {
      const v = last.get(row.indicator)?.approved_value;
      expect(row.lastYear, row.indicator).toBe(v == null ? null : Number(v));
    }
  });

  it('offers the months of the reporting calendar up to the one now due, newest first', async () => {
    const a = (await get('shangzhi', 'plan=hlj-2026')).json() as Answer;
    // By hand: month m of 2026 is due on the 10th of month m+1; the list runs from January to
    // the first month whose due date is today or later.
    const day = today();
    const expected: { period: string; due: string; overdue: boolean }[] = [];
    for (let m = 1; m <= 12; m++) {
      const due = m === 12 ? '2027-01-10' : `2026-${String(m + 1).padStart(2, '0')}-10`;
      expected.push({ period: `2026-${String(m).padStart(2, '0')}`, due, overdue: due < day });
      if (due >= day) break;
    }
    expect(a.months.map(({ period, due, overdue }) => ({ period, due, overdue }))).toEqual(
      expected.reverse(),
    );
    expect(a.current).toBe(expected[0]!.period);
    // Without region and period: the user's county and the month now due.
    expect([a.region.code, a.period]).toEqual(['230183', a.current]);
  });

  it('keeps each user to the counties they may enter for', async () => {
    const q = (region: string) => `plan=hlj-2026&region=${region}&period=2026-09`;
    expect((await get('shangzhi', q('230184'))).statusCode).toBe(403);
    expect((await get('harbin', q('230184'))).statusCode).toBe(200);
    expect((await get('harbin', q('230221'))).statusCode).toBe(403);
    expect((await get('province', q('230221'))).statusCode).toBe(200);
    expect((await get('finance', q('230183'))).statusCode).toBe(403);
    expect((await get('observer', q('230183'))).statusCode).toBe(403);
    // A prefecture chooses among its own counties, and opens on the first of them.
    const h = (await get('harbin', 'plan=hlj-2026&period=2026-09')).json() as Answer;
    expect(h.counties.length).toBeGreaterThan(3);
    expect(h.counties.every((c) => c.code.startsWith('2301'))).toBe(true);
    expect(h.region.code).toBe(h.counties[0]!.code);
  });

  it('refuses a period that is not a month, an unknown region and unknown parameters', async () => {
    const q2 = await get('shangzhi', 'plan=hlj-2026&region=230183&period=2026Q3');
    expect(q2.statusCode).toBe(400);
    expect(q2.json().message).toContain('不是月份');
    expect((await get('province', 'plan=hlj-2026&region=999999&period=2026-09')).statusCode).toBe(
      404,
    );
    expect((await get('shangzhi', 'plan=hlj-2026&period=2031-01')).statusCode).toBe(400);
    expect((await get('shangzhi', 'plan=hlj-2026&foo=1')).statusCode).toBe(400);
  });
});

describe('PUT /api/observations: a form value is checked again by the API', () => {
  const ctx = useDemoApp();
  const put = async (indicator: string, period: string, value: unknown) => {
    const s = await login(ctx.app, 'shangzhi');
    return ctx.app.inject({
      method: 'PUT',
      url: `/api/observations/230183/${indicator}/${period}`,
      headers: as(s),
      payload: { value, expectedRevision: 0 },
    });
  };

  it.each([
    ['gdp', 'abc', /invalid request|请求无效/],
    ['gdp', -1, /不能为负数/],
    ['new_projects_over_10m', 9.5, /整数/],
    ['industry_va_share_of_gdp', 120, /不能超过 100%/],
    ['gdp', 99999, /合理范围 0~3000亿元/],
    // 2026-09's GDP (1-9月累计) is 83.06: 1-10月 cannot be less.
    ['gdp', 80, /不能小于上月的 83.06亿元/],
    ['new_projects_over_10m', 7, /不能小于上月的 8个/],
  ])('refuses %s = %s for 2026-10 and writes nothing', async (indicator, value, message) => {
    const r = await put(indicator, '2026-10', value);
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().message).toMatch(message);
    const n = await sql<{
      n: number;
    }>`select count(*) as n from observation where region = '230183' and period = '2026-10'`.execute(
      ctx.store.db,
    );
    expect(Number(n.rows[0]!.n)).toBe(0);
  });

  it('accepts a growth rate below last month and a cumulative value above it', async () => {
    expect((await put('gdp_growth', '2026-10', -2.5)).statusCode).toBe(200);
    const r = await put('gdp', '2026-10', 90.5);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ value: 90.5, status: 'draft', revision: 1 });
  });
});

describe('POST /api/imports dryRun=true: what a clean file would change, nothing written', () => {
  const ctx = useDemoApp();
  const upload = async (
    user: string,
    name: string,
    content: string | Buffer,
    fields: Record<string, string>,
  ) => {
    const s = await login(ctx.app, user);
    const m = multipart(name, content, fields);
    return ctx.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...as(s), ...m.headers },
      payload: m.payload,
    });
  };
  const changeSets = async () =>
    Number(
      (await sql<{ n: number }>`select count(*) as n from change_set`.execute(ctx.store.db))
        .rows[0]!.n,
    );

  const CSV = [
    'region,indicator,period,value',
    '230183,gdp,2026-10,92.4',
    '230183,tax_revenue,2026-10,1.8',
    '230183,tax_revenue,2026-09,1.62',
    '230183,gdp,2026-09,84',
    '230183,industrial_project_investment_growth,2026-09,15.9',
  ].join('\n');

  it('lists new and changed values with their old value and status, and writes nothing', async () => {
    const before = await changeSets();
    const r = await upload('shangzhi', 'mine.csv', CSV, { dryRun: 'true' });
    expect(r.statusCode, r.body).toBe(200);
    const a = r.json();
    expect(a.dryRun).toBe(true);
    // By hand from the demo data: tax_revenue 2026-09 is already 1.62 (unchanged); GDP 2026-09
    // was 83.06 (submitted); the investment growth 15.2 was reviewed: a reason is needed.
    expect(a.changes).toEqual([
      {
        region: '230183',
        indicator: 'gdp',
        period: '2026-10',
        value: 92.4,
        oldValue: null,
        oldStatus: null,
      },
      {
        region: '230183',
        indicator: 'tax_revenue',
        period: '2026-10',
        value: 1.8,
        oldValue: null,
        oldStatus: null,
      },
      {
        region: '230183',
        indicator: 'gdp',
        period: '2026-09',
        value: 84,
        oldValue: 83.06,
        oldStatus: 'submitted',
      },
      {
        region: '230183',
        indicator: 'industrial_project_investment_growth',
        period: '2026-09',
        value: 15.9,
        oldValue: 15.2,
        oldStatus: 'reviewed',
      },
    ]);
    expect(a.result).toMatchObject({ rows: 5, inserted: 2, changed: 2, unchanged: 1, revised: 0 });
    expect(a.needsReason).toBe(true);
    expect(await changeSets()).toBe(before);

    // The same file for real (with the reason) writes what the dry run listed.
    const real = await upload('shangzhi', 'mine.csv', CSV, { reason: '更正' });
    expect(real.statusCode, real.body).toBe(200);
    expect(real.json().result).toMatchObject({ inserted: 2, changed: 2, unchanged: 1 });
  });

  it('reports a bad value row by row, like the real import, and writes nothing', async () => {
    const before = await changeSets();
    const bad =
      'region,indicator,period,value\n230183,gdp,2026-11,abc\n230183,tax_revenue,2026-11,2\n';
    const r = await upload('shangzhi', 'bad.csv', bad, { dryRun: 'true', period: '2026-11' });
    expect(r.statusCode).toBe(422);
    expect(r.json().details.problems).toEqual([
      { row: 2, column: 'value', value: 'abc', reason: '不是数值' },
    ]);
    expect(await changeSets()).toBe(before);
  });

  it("refuses another county's rows (403), a file that is not xlsx/CSV, a bad dryRun", async () => {
    const before = await changeSets();
    const other = 'region,indicator,period,value\n230184,gdp,2026-11,50\n';
    const r = await upload('shangzhi', 'other.csv', other, { dryRun: 'true' });
    expect(r.statusCode).toBe(403);
    expect(r.json().message).toContain('230184');
    const doc = await upload('shangzhi', '报表.docx', Buffer.from('PK\u0003\u0004word'), {
      dryRun: 'true',
    });
    expect(doc.statusCode).toBe(422);
    expect(doc.json().message).toContain('不是 Excel 工作簿 (.xlsx) 或 CSV 文件');
    const bin = await upload('shangzhi', 'scan', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]), {
      dryRun: 'true',
    });
    expect(bin.statusCode).toBe(422);
    const flag = await upload('shangzhi', 'mine.csv', CSV, { dryRun: 'yes' });
    expect(flag.statusCode).toBe(400);
    expect(await changeSets()).toBe(before);
  });
});
