import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Cell, Worksheet } from 'exceljs';
import type * as CsvParse from 'csv-parse/sync';
import { LeitaiError } from '../core/errors/index.js';
import { withoutFloatNoise } from '../core/numeric/index.js';
import { cellText } from './excel/cells.js';
import { openWorkbook } from './excel/open.js';

/**
 * A plan table file as rows of cells, for `plan import-table`: tab-separated text, CSV, or the
 * first sheet with content of an .xlsx. Row i of the result is line / sheet row i + 1; merged
 * cells of a sheet repeat the merge's value in every cell it covers (a category spanning rows).
 */

function readBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new LeitaiError('INPUT_INVALID', `无法读取文件 ${file}: ${(e as Error).message}`, {
      file,
      reason: (e as NodeJS.ErrnoException).code ?? 'unreadable',
    });
  }
}

export interface RowOptions {
  /** `repeat` (default): every cell of a merge shows its value; `first`: only the merge's first. */
  merged?: 'repeat' | 'first';
}

/** What the cell shows: a percent-formatted 0.065 is "6.5%". */
function shown(cell: Cell, o: RowOptions): string {
  if (o.merged === 'first' && cell.isMerged && cell.master !== cell) return '';
  const master = cell.isMerged ? cell.master : cell;
  const v = master.value;
  if (typeof v === 'number' && master.numFmt?.includes('%'))
    return `${withoutFloatNoise(v * 100)}%`;
  return cellText(master);
}

function sheetRows(sheet: Worksheet, o: RowOptions): string[][] {
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(shown(row.getCell(c), o));
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    rows.push(cells);
  }
  return rows;
}

async function xlsxRows(bytes: Buffer, file: string, o: RowOptions): Promise<string[][]> {
  const wb = await openWorkbook(bytes, file);
  const sheet = wb.worksheets.find((s) => s.actualRowCount > 0);
  if (!sheet)
    throw new LeitaiError('IMPORT_INVALID', `${file}: 工作簿中没有内容`, {
      file,
      reason: 'empty workbook',
    });
  return sheetRows(sheet, o);
}

function csvRows(text: string, file: string): string[][] {
  const { parse } = createRequire(import.meta.url)('csv-parse/sync') as typeof CsvParse;
  try {
    return parse(text, { relax_column_count: true, bom: true }) as string[][];
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new LeitaiError(
      'CSV_INVALID',
      `${file}${line ? `:${line}` : ''}: CSV 格式错误:${(e as Error).message}`,
      {
        file,
        ...(line ? { line } : {}),
        reason: (e as Error).message,
      },
    );
  }
}

export async function readTableRows(file: string, o: RowOptions = {}): Promise<string[][]> {
  const bytes = readBytes(file);
  if (/\.xlsx$/i.test(file)) return xlsxRows(bytes, file, o);
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (/\.csv$/i.test(file)) return csvRows(text, file);
  return text.split(/\r?\n/).map((line) => line.split('\t'));
}

/** The file as tab-separated lines (for the 附件 reader, which reads pasted text). */
export async function readTableText(file: string): Promise<string> {
  const rows = await readTableRows(file, { merged: 'first' });
  return rows.map((r) => r.map((c) => c.replace(/[\t\r\n]+/g, ' ')).join('\t')).join('\n');
}
