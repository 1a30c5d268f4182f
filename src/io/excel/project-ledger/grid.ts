import { createRequire } from 'node:module';
import type * as CsvParse from 'csv-parse/sync';
import { LeitaiError } from '../../../core/errors/index.js';
import { checkZip } from '../zip-guard.js';
import { readXlsxGrids } from './xlsx.js';

/**
 * A cell as the ledger reader sees it, whatever the file: text, a number, a date cell (as
 * YYYY-MM-DD, or YYYY-MM when its format shows no day), or an error / formula without result.
 */
export type GridValue =
  string | number | boolean | null | { date: string } | { error: string } | { formula: string };

/** One sheet: rows and columns 0-based; merged ranges already filled with their first cell. */
export interface Grid {
  name: string;
  rows: GridValue[][];
}

function invalid(file: string, message: string, reason: string): LeitaiError {
  return new LeitaiError('IMPORT_INVALID', `${file}: ${message}`, { file, reason });
}

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/**
 * Reads an .xlsx workbook or a CSV file into grids, told apart by content (a zip, or text), not
 * by the file name. Anything else is refused with what to do about it.
 */
export async function readGrids(data: Uint8Array, file: string): Promise<Grid[]> {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (bytes.length === 0) throw invalid(file, '文件是空的', 'empty file');
  if (bytes.subarray(0, 4).equals(OLE2))
    throw invalid(
      file,
      '这是旧版 Excel(.xls)文件或加密的工作簿:请在 Excel 中另存为 .xlsx(不设密码)后再上传',
      'ole2 compound file (xls or encrypted xlsx)',
    );
  if (bytes.subarray(0, 2).equals(Buffer.from('PK'))) {
    // Before anything inflates a part for real: every entry's size, counted.
    await checkZip(bytes, file);
    return readXlsxGrids(bytes, file);
  }
  return [{ name: sheetNameOf(file), rows: csvRows(decodeText(bytes, file), file) }];
}

function sheetNameOf(file: string): string {
  return (file.split(/[\\/]/).pop() ?? file).replace(/\.[^.]*$/, '') || 'CSV';
}

/** UTF-8, else GB18030 (what Excel in a Chinese locale saves CSV as); binary is refused. */
function decodeText(bytes: Buffer, file: string): string {
  // eslint-disable-next-line no-control-regex
  const binary = /[\x00-\x08\x0e-\x1a]/;
  const notLedger = () =>
    invalid(
      file,
      '不是项目台账文件:只接受 Excel 工作簿(.xlsx)或 CSV 文本文件',
      'neither a zip nor text',
    );
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    try {
      text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    } catch {
      throw notLedger();
    }
  }
  if (binary.test(text)) throw notLedger();
  return text;
}

function csvRows(text: string, file: string): GridValue[][] {
  const { parse } = createRequire(import.meta.url)('csv-parse/sync') as typeof CsvParse;
  try {
    return parse(text, { relax_column_count: true, bom: true, relax_quotes: true }) as string[][];
  } catch (e) {
    throw invalid(file, `CSV 文件格式有误:${(e as Error).message}`, (e as Error).message);
  }
}
