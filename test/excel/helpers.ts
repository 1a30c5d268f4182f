import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { loadIndicators } from '../../src/io/plans.js';
import { loadRegister } from '../../src/io/regions.js';
import { readWorkbook, type WorkbookRead } from '../../src/io/excel/read.js';
import { tempDir } from '../helpers.js';

export const register = loadRegister();
export const indicators = loadIndicators();
export const dir = tempDir('leitai-excel-');

/** Writes a workbook to a file in the temp dir and returns the file's bytes, as an upload. */
export async function save(wb: ExcelJS.Workbook, name: string): Promise<Buffer> {
  const file = join(dir, name);
  await wb.xlsx.writeFile(file);
  return readFileSync(file);
}

export function saveBytes(bytes: Uint8Array, name: string): Buffer {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return readFileSync(file);
}

export function read(data: Buffer, file: string, period?: string): Promise<WorkbookRead> {
  return readWorkbook(data, {
    file,
    register,
    indicators,
    ...(period === undefined ? {} : { period }),
  });
}

/** rows as `region indicator period value` lines, sorted, for compact comparisons. */
export function lines(r: WorkbookRead): string[] {
  return r.rows.map((x) => `${x.region} ${x.indicator} ${x.period} ${x.value}`).sort();
}

/** Sets a row of values starting at column 1 (undefined leaves a cell empty). */
export function fill(ws: ExcelJS.Worksheet, row: number, values: ExcelJS.CellValue[]): void {
  values.forEach((v, i) => {
    if (v !== undefined) ws.getCell(row, i + 1).value = v;
  });
}
