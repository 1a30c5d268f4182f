import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../../src/core/plans/index.js';
import { ROOT } from '../helpers.js';
import { as, login, useDemoApp } from './setup.js';

/** The test plan with two indicators of its own (see test/cli/local-indicators.test.ts). */
const plan = JSON.parse(
  readFileSync(join(ROOT, 'test/fixtures/plans/local-indicators.json'), 'utf8'),
) as Plan;

function multipart(name: string, content: Buffer | string) {
  const boundary = 'leitaiboundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(head),
      Buffer.from(content),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

describe('a plan’s own indicators through the API', () => {
  const ctx = useDemoApp();
  const call = async (
    user: string,
    method: 'GET' | 'PUT' | 'POST',
    url: string,
    payload?: object,
  ) =>
    ctx.app.inject({
      method,
      url,
      headers: as(await login(ctx.app, user)),
      ...(payload ? { payload } : {}),
    });
  const upload = async (user: string, name: string, content: Buffer | string) => {
    const m = multipart(name, content);
    return ctx.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...as(await login(ctx.app, user)), ...m.headers },
      payload: m.payload,
    });
  };

  it('saves the plan, and refuses another that gives one of its codes another unit', async () => {
    const r = await call('province', 'PUT', `/api/plans/${plan.id}`, plan);
    expect(r.statusCode, r.body).toBe(200);
    const other = {
      ...plan,
      id: 'local-other',
      indicators: plan.indicators!.map((i) =>
        i.code === 'forest_food_firms' ? { ...i, unit: '个' } : i,
      ),
    };
    const bad = await call('province', 'PUT', '/api/plans/local-other', other);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(
      /forest_food_firms.*local-2026|local-2026.*forest_food_firms/,
    );
    expect(bad.json().message).toContain('local-other');
    const list = (await call('province', 'GET', '/api/plans')).json() as { id: string }[];
    expect(list.map((p) => p.id)).not.toContain('local-other');
    // The same definitions word for word are no conflict.
    const same = await call('province', 'PUT', '/api/plans/local-same', {
      ...plan,
      id: 'local-same',
    });
    expect(same.statusCode, same.body).toBe(200);
  });

  it('gives 尚志 an entry form and a template of them that re-imports', async () => {
    const entry = await call('shangzhi', 'GET', `/api/entry?plan=${plan.id}&period=2026-10`);
    expect(entry.statusCode, entry.body).toBe(200);
    const rows = (entry.json() as { rows: { indicator: string; name: string; unit: string }[] })
      .rows;
    expect(rows.map((r) => [r.indicator, r.name, r.unit])).toEqual([
      ['ice_snow_revenue', '冰雪旅游收入', '亿元'],
      ['forest_food_firms', '森林食品企业数', '户'],
    ]);
    const t = await call(
      'shangzhi',
      'GET',
      `/api/templates?period=2026-10&region=230183&plan=${plan.id}`,
    );
    expect(t.statusCode, t.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(t.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('填报表')!;
    const codes = ws.getRow(1).values as unknown[];
    const row = ws.getColumn(1).values.findIndex((v) => v === '230183');
    ws.getCell(row, codes.indexOf('ice_snow_revenue')).value = 7.25;
    ws.getCell(row, codes.indexOf('forest_food_firms')).value = 21;
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const imp = await upload('shangzhi', 'shangzhi.xlsx', filled);
    expect(imp.statusCode, imp.body).toBe(200);
    const again = await call('shangzhi', 'GET', `/api/entry?plan=${plan.id}&period=2026-10`);
    const values = (again.json() as { rows: { indicator: string; value: number | null }[] }).rows;
    expect(values.map((r) => [r.indicator, r.value])).toEqual([
      ['ice_snow_revenue', 7.25],
      ['forest_food_firms', 21],
    ]);
  });

  it('takes a CSV and a single value of them, checking each against its own rule', async () => {
    const csv = 'region,indicator,period,value\n230184,ice_snow_revenue,2026-10,11\n';
    const imp = await upload('harbin', 'wuchang.csv', csv);
    expect(imp.statusCode, imp.body).toBe(200);
    // A count is whole: 4.5 户 is refused, 4 is taken.
    const put = (value: number) =>
      call('harbin', 'PUT', '/api/observations/230184/forest_food_firms/2026-10', {
        value,
        expectedRevision: 0,
      });
    const half = await put(4.5);
    expect(half.statusCode).toBe(400);
    expect(half.json().message).toMatch(/整数/);
    const whole = await put(4);
    expect(whole.statusCode, whole.body).toBe(200);
  });

  it('queues them for review, approves them, counts them and judges them', async () => {
    const keys = (region: string) =>
      ['ice_snow_revenue', 'forest_food_firms'].map((indicator) => ({
        region,
        indicator,
        period: '2026-10',
      }));
    expect(
      (await call('shangzhi', 'POST', '/api/review/submit', { keys: keys('230183') })).json(),
    ).toMatchObject({ count: 2 });
    const queue = await call('harbin', 'GET', '/api/review/queue?period=2026-10');
    const waiting = (queue.json() as { region: string; indicator: string }[]).filter(
      (r) => r.region === '230183' && r.indicator.startsWith('ice_snow'),
    );
    expect(waiting).toHaveLength(1);
    expect(
      (await call('harbin', 'POST', '/api/review/review', { keys: keys('230183') })).json(),
    ).toMatchObject({ count: 2 });
    expect(
      (await call('province', 'POST', '/api/review/approve', { keys: keys('230183') })).json(),
    ).toMatchObject({ count: 2 });
    // 3 counties × 2 = 6 expected; 尚志 2 and 五常 2 received, 尚志's 2 approved; 杜尔伯特 missing.
    const c = await call('province', 'GET', `/api/completeness?plan=${plan.id}&period=2026-10`);
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json().total).toMatchObject({ expected: 6, received: 4, approved: 2, missing: 2 });
    const ev = await call('province', 'GET', `/api/evaluation?plan=${plan.id}&period=2026-10`);
    expect(ev.statusCode, ev.body).toBe(200);
    const body = ev.json() as {
      targets: { indicator: string; name: string; unit: string }[];
      results: { target: number; region: string; value: number | null; status: string }[];
    };
    expect(body.targets.map((t) => [t.indicator, t.name, t.unit])).toEqual([
      ['ice_snow_revenue', '冰雪旅游收入', '亿元'],
      ['forest_food_firms', '森林食品企业数', '户'],
    ]);
    const got = body.results.map(
      (r) => `${r.region} ${body.targets[r.target]!.indicator} ${r.value} ${r.status}`,
    );
    expect(got).toContain('230624 ice_snow_revenue null no_data');
    expect(got.filter((g) => g.startsWith('230183 forest_food_firms 21'))).toHaveLength(1);
    const rank = await call('province', 'GET', `/api/ranking?plan=${plan.id}&period=2026-10`);
    expect(rank.statusCode, rank.body).toBe(200);
    const r = rank.json() as {
      method: { items: { indicator: string; name: string; unit: string }[] };
      counties: { region: string; met: number; judged: number; rank: number | null }[];
    };
    expect(r.method.items.map((i) => `${i.indicator} ${i.name} ${i.unit}`)).toEqual([
      'ice_snow_revenue 冰雪旅游收入 亿元',
      'forest_food_firms 森林食品企业数 户',
    ]);
    // 尚志: 7.25 亿元 < 10 (also as a year-end pace, 7.25 / 10 × 12 = 8.7), 21 户 ≥ 20: one met.
    // 五常: 11 亿元 ≥ 10, 4 户 < 20: one met. 杜尔伯特 has no data and no rank.
    const byRegion = Object.fromEntries(r.counties.map((c) => [c.region, c]));
    expect(byRegion['230183']).toMatchObject({ met: 1, judged: 2 });
    expect(byRegion['230184']).toMatchObject({ met: 1, judged: 2 });
    expect(byRegion['230624']).toMatchObject({ judged: 0, rank: null });
  });
});
