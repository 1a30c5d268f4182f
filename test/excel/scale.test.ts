import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { makeRegister, type Region } from '../../src/core/regions/index.js';
import { readWorkbook } from '../../src/io/excel/read.js';
import { writeTemplate } from '../../src/io/excel/template.js';
import { indicators, register, save, saveBytes } from './helpers.js';

// National scale: ~2,000 synthetic counties beside the real register, 24 indicators.
const COUNTIES = 2000;
const synthetic: Region[] = Array.from({ length: COUNTIES }, (_, i) => ({
  code: String(900001 + i),
  name: `演示县${String(i + 1).padStart(4, '0')}`,
  level: 'county',
  parent: '230000',
  kind: '县',
  attributes: {},
  synthetic: true,
}));
const bigRegister = makeRegister([...register.regions.values(), ...synthetic]);
const chosen = indicators.filter((i) => i.range).slice(0, 24);

function valueOf(k: number, i: number): number {
  const [lo, hi] = chosen[i]!.range!;
  const v = lo + (((k * 7 + i * 13) % 97) / 100) * (hi - lo) * 0.5;
  // Counts (户, 项, 个) are whole.
  return chosen[i]!.kind === 'count' ? Math.round(v) : Math.round(v * 100) / 100;
}

describe('reading and writing at national scale', () => {
  it('reads a 100,000-cell wide sheet with a merged two-row header', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('全国');
    ws.getCell('A1').value = '2026年1-9月县域经济主要指标';
    ws.getRow(2).values = [
      '区划代码',
      '县(市)',
      ...chosen.flatMap((i) => [`${i.name}(${i.unit})`, '']),
    ];
    ws.getRow(3).values = ['', '', ...chosen.flatMap(() => ['本期', '上年同期'])];
    ws.mergeCells('A2:A3');
    ws.mergeCells('B2:B3');
    chosen.forEach((_, i) => ws.mergeCells(2, 3 + i * 2, 2, 4 + i * 2));
    synthetic.forEach((r, k) => {
      ws.getRow(4 + k).values = [
        r.code,
        r.name,
        ...chosen.flatMap((_, i) => [valueOf(k, i), valueOf(k + 1, i)]),
      ];
    });
    const cells = COUNTIES * (2 + chosen.length * 2);
    expect(cells).toBe(100_000);
    const bytes = await save(wb, 'national.xlsx');

    const t0 = performance.now();
    const r = await readWorkbook(bytes, {
      file: 'national.xlsx',
      register: bigRegister,
      indicators,
    });
    const seconds = (performance.now() - t0) / 1000;
    console.log(
      `readWorkbook: ${cells} cells in ${seconds.toFixed(2)} s = ${Math.round(cells / seconds)} cells/s`,
    );
    expect(r.problems).toEqual([]);
    expect(r.rows).toHaveLength(COUNTIES * chosen.length);
    expect(r.rows[0]).toMatchObject({ region: '900001', period: '2026-09', value: valueOf(0, 0) });
    expect(seconds).toBeLessThan(20);
  });

  it('writes a 100,000-cell template and reads it back', async () => {
    const lastYear = new Map(
      synthetic.map((r, k) => [r.code, new Map(chosen.map((ind, i) => [ind.code, valueOf(k, i)]))]),
    );
    const current = new Map(
      synthetic.map((r, k) => [
        r.code,
        new Map(chosen.map((ind, i) => [ind.code, valueOf(k + 1, i)])),
      ]),
    );
    const t0 = performance.now();
    const buffer = await writeTemplate({
      title: '县域经济主要指标',
      period: '2026-09',
      regions: synthetic,
      indicators: chosen,
      lastYear,
      current,
      synthetic: true,
    });
    const seconds = (performance.now() - t0) / 1000;
    const cells = COUNTIES * (2 + chosen.length * 2);
    console.log(
      `writeTemplate: ${cells} cells in ${seconds.toFixed(2)} s = ${Math.round(cells / seconds)} cells/s`,
    );
    const bytes = saveBytes(buffer, 'national-template.xlsx');
    const t1 = performance.now();
    const r = await readWorkbook(bytes, {
      file: 'national-template.xlsx',
      register: bigRegister,
      indicators,
    });
    const back = (performance.now() - t1) / 1000;
    console.log(
      `readWorkbook (template): ${cells} cells in ${back.toFixed(2)} s = ${Math.round(cells / back)} cells/s`,
    );
    expect(r.problems).toEqual([]);
    expect(r.rows).toHaveLength(COUNTIES * chosen.length);
    expect(seconds).toBeLessThan(30);
    expect(back).toBeLessThan(20);
  });
});
