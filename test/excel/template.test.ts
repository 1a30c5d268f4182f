import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Indicator } from '../../src/core/indicators/index.js';
import type { Region } from '../../src/core/regions/index.js';
import { writeTemplate } from '../../src/io/excel/template.js';
import { indicators, lines, read, register, save, saveBytes } from './helpers.js';

const counties: Region[] = ['230183', '230184', '230123'].map((c) => register.get(c)!);
const pick = (codes: string[]): Indicator[] =>
  codes.map((c) => indicators.find((i) => i.code === c)!);
const chosen = pick([
  'gdp',
  'gdp_growth',
  'general_budget_revenue',
  'above_scale_enterprises',
  'grain_output',
  'urban_income_growth',
]);

const lastYear = new Map([
  [
    '230183',
    new Map([
      ['gdp', 180.2],
      ['general_budget_revenue', 8.1],
    ]),
  ],
  [
    '230184',
    new Map([
      ['gdp', 260.7],
      ['grain_output', 55.3],
    ]),
  ],
]);

function template(extra: Partial<Parameters<typeof writeTemplate>[0]> = {}) {
  return writeTemplate({
    title: '县域经济主要指标',
    period: '2026-09',
    regions: counties,
    indicators: chosen,
    lastYear,
    ...extra,
  });
}

/** The input cell of an indicator in a county's row of our template. */
function inputCell(ws: ExcelJS.Worksheet, k: number, code: string): ExcelJS.Cell {
  const i = chosen.findIndex((x) => x.code === code);
  return ws.getCell(6 + k, 3 + i * 2);
}

describe('writeTemplate', () => {
  it('lays out the statistics office sheet: title, merged two-row header, locked 上年同期', async () => {
    const bytes = saveBytes(await template(), 'template.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('填报表')!;
    expect(wb.getWorksheet('填表说明')).toBeDefined();
    expect(ws.getCell('A2').value).toBe('县域经济主要指标 2026年1-9月');
    expect(ws.getCell('A4').value).toBe('区划代码');
    expect(ws.getCell('B4').value).toBe('县(市)');
    expect(ws.getCell('C4').value).toBe('地区生产总值(亿元)');
    expect(ws.getCell('D4').isMerged).toBe(true);
    expect(ws.getCell('C5').value).toBe('本期');
    expect(ws.getCell('D5').value).toBe('上年同期');
    expect(ws.getCell('A6').value).toBe('230183');
    expect(ws.getCell('B6').value).toBe('尚志市');
    expect(ws.getCell('D6').value).toBe(180.2);
    expect(ws.getRow(1).hidden).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 5 });
    // Input cells are open, everything else is locked by the sheet protection.
    expect(ws.getCell('C6').protection?.locked).toBe(false);
    expect(ws.getCell('D6').protection?.locked).not.toBe(false);
    expect(ws.getCell('C6').dataValidation).toMatchObject({
      type: 'decimal',
      formulae: [0, 3000],
    });
    expect(ws.getCell('C6').dataValidation.error).toContain('地区生产总值');
    const model = ws.model as unknown as { sheetProtection?: { sheet?: boolean } };
    expect(model.sheetProtection?.sheet).toBe(true);
    expect(String(ws.getCell('A3').value)).not.toContain('合成');
    const synthetic = await template({ synthetic: true });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(synthetic as unknown as ArrayBuffer);
    expect(String(wb2.getWorksheet('填报表')!.getCell('A3').value)).toContain('合成演示数据');
  });

  it('round-trips: filled in with ExcelJS, read back as the same rows', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(saveBytes(await template(), 'blank.xlsx') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('填报表')!;
    const values: Record<string, Record<string, number | string>> = {
      '230183': {
        gdp: 190.5,
        gdp_growth: 5.2,
        general_budget_revenue: 8.64,
        above_scale_enterprises: 41,
      },
      '230184': { gdp: 271.25, grain_output: 56.1, urban_income_growth: -0.4, gdp_growth: '—' },
      '230123': { general_budget_revenue: 3.2 },
    };
    counties.forEach((c, k) => {
      for (const [code, v] of Object.entries(values[c.code] ?? {}))
        inputCell(ws, k, code).value = v;
    });
    const filled = await save(wb, 'filled.xlsx');
    const r = await read(filled, 'filled.xlsx');
    expect(r.problems).toEqual([]);
    const want: string[] = [];
    for (const [region, vals] of Object.entries(values))
      for (const [code, v] of Object.entries(vals))
        want.push(`${region} ${code} 2026-09 ${typeof v === 'number' ? v : null}`);
    expect(lines(r)).toEqual(want.sort());
    const gdp = r.rows.find((x) => x.region === '230184' && x.indicator === 'gdp');
    expect(gdp?.at).toEqual({ sheet: '填报表', row: 7, column: 'C' });
    // With the caller's period equal to the template's, the same; another period is a problem.
    expect((await read(filled, 'filled.xlsx', '2026-09')).problems).toEqual([]);
    const other = await read(filled, 'filled.xlsx', '2026-06');
    expect(other.problems[0]?.reason).toMatch(/2026-06/);
  });

  it('pre-fills current values, and an untouched template reads as nothing', async () => {
    const current = new Map([['230123', new Map([['gdp', 77.7]])]]);
    const r = await read(saveBytes(await template({ current }), 'current.xlsx'), 'current.xlsx');
    expect(r.problems).toEqual([]);
    expect(lines(r)).toEqual(['230123 gdp 2026-09 77.7']);
    const blank = await read(saveBytes(await template(), 'blank2.xlsx'), 'blank2.xlsx');
    expect(blank.rows).toEqual([]);
    expect(blank.problems).toEqual([]);
  });

  it('reads a template whose values break the rules as problems, not rows', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(saveBytes(await template(), 'bad.xlsx') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('填报表')!;
    inputCell(ws, 0, 'gdp').value = 'n/a';
    inputCell(ws, 1, 'gdp_growth').value = 500;
    const r = await read(await save(wb, 'bad-filled.xlsx'), 'bad-filled.xlsx');
    expect(r.problems.map((p) => `${p.column}${p.row}`)).toEqual(['C6', 'E7']);
    expect(r.problems[0]?.reason).toBe('数值「n/a」不是数字');
  });
});
