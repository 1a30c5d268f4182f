// Leading industries through the API: a county edits its own list only, the observer reads the
// county and province lists, and an import is all or nothing with its problems placed.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { adminLog } from '../../src/store/admin-log.js';
import { as, login, useDemoApp } from './setup.js';

async function workbook(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('清单');
  ws.addRow(['县域主导工业清单台账']);
  ws.addRow([
    '县(市)',
    '位次',
    '主导工业',
    '一业一策',
    '重点企业',
    '2024年产值',
    '2025年产值',
    '2025年增速',
  ]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function multipart(name: string, bytes: Buffer, fields: Record<string, string> = {}) {
  const b = 'leitaiboundary';
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  const head = `${parts.join('')}--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${b}--\r\n`)]),
    type: `multipart/form-data; boundary=${b}`,
  };
}

describe('leading industries through the API', () => {
  const ctx = useDemoApp();
  const put = async (who: string, county: string, industries: object[]) =>
    ctx.app.inject({
      method: 'PUT',
      url: `/api/industries/${county}`,
      headers: as(await login(ctx.app, who)),
      payload: { industries },
    });

  it('lets a county replace its own list and refuses it another county’s', async () => {
    const own = await put('shangzhi', '230183', [
      { position: 1, industry: '食品', policy: '做强鲜食玉米', enterprises: ['尚志甲公司'] },
      {
        position: 2,
        industry: '林产品加工',
        figures: [{ year: 2025, output: '3.5', growth: '4.2' }],
      },
    ]);
    expect(own.statusCode).toBe(200);
    expect(own.json().items.map((i: { industry: string }) => i.industry)).toEqual([
      '绿色食品产业',
      '林产品加工业',
    ]);
    const other = await put('shangzhi', '230184', [{ position: 1, industry: '食品' }]);
    expect(other.statusCode).toBe(403);
    const log = await adminLog(ctx.store, { target: 'region:230184' });
    expect(log).toEqual([]);
  });

  it('refuses an unknown industry, naming it, and keeps the list', async () => {
    const r = await put('province', '230183', [{ position: 1, industry: '宇宙飞船' }]);
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain('「宇宙飞船」未知产业');
    const list = await ctx.app.inject({
      method: 'GET',
      url: '/api/industries?region=230183',
      headers: as(await login(ctx.app, 'observer')),
    });
    expect(list.json().items).toHaveLength(2);
  });

  it('imports a workbook all or nothing, with every problem placed, and twice is no change', async () => {
    const headers = as(await login(ctx.app, 'province'));
    const upload = async (bytes: Buffer, fields: Record<string, string>) => {
      const m = multipart('清单.xlsx', bytes, fields);
      return ctx.app.inject({
        method: 'POST',
        url: '/api/industries/import',
        headers: { ...headers, 'content-type': m.type },
        payload: m.payload,
      });
    };
    const bad = await workbook([
      ['五常市', 1, '食品', null, '甲、乙', 20, 22, 10],
      ['火星县', 1, '食品', null, null, null, null, null],
      ['双城区', 1, '宇宙飞船', null, null, null, 'abc', null],
    ]);
    const refused = await upload(bad, { confirm: 'true' });
    expect(refused.statusCode).toBe(422);
    const problems = refused.json().details.problems as {
      sheet: string;
      row: number;
      column: string;
    }[];
    expect(problems.map((p) => [p.sheet, p.row, p.column])).toEqual([
      ['清单', 4, 'A'],
      ['清单', 5, 'G'],
      ['清单', 5, 'C'],
    ]);
    expect((await adminLog(ctx.store, { target: 'region:230184' })).length).toBe(0);

    const good = await workbook([
      ['五常市', 1, '食品', null, '甲、乙', 20, 22, 10],
      ['巴彦县', 1, '食品', null, null, 10, 11.5, null],
    ]);
    const dry = await upload(good, {});
    expect(dry.json()).toMatchObject({ written: false, changed: ['230184', '230126'] });
    expect((await upload(good, { confirm: 'true' })).json()).toMatchObject({
      written: true,
      counties: 2,
    });
    expect((await upload(good, { confirm: 'true' })).json()).toMatchObject({
      written: true,
      changed: [],
    });

    const summary = await ctx.app.inject({
      method: 'GET',
      url: '/api/industries/summary',
      headers: as(await login(ctx.app, 'observer')),
    });
    // 绿色食品产业 leads in 尚志 (no figures), 五常 and 巴彦: 2025 output 22 + 11.5 = 33.5;
    // growth over 2024 (20 + 10 = 30): 33.5 / 30 − 1 = 11.7 %.
    expect(summary.json()).toMatchObject({ year: 2025 });
    const food = summary
      .json()
      .industries.find((i: { industry: string }) => i.industry === '绿色食品产业');
    expect(food).toMatchObject({ counties: 3, output: '33.5', growth: '11.7' });
  });
});
