import { parse } from 'csv-parse/sync';
import { LeitaiError } from '../core/errors/index.js';

export interface CsvTable {
  header: string[];
  /** Each row with its 1-based line number in the file. */
  rows: { line: number; cells: string[] }[];
}

/**
 * Reads a UTF-8 CSV with a header row. Lines starting with `#` are comments; a BOM is dropped.
 * Errors name the file and line.
 */
export function readCsv(text: string, file: string, required: readonly string[]): CsvTable {
  const body = text.replace(/^\uFEFF/, '');
  return withHeader(
    body.includes('"') ? parseQuoted(body, file) : splitPlain(body),
    file,
    required,
  );
}

type Records = { record: string[]; info: { lines: number } }[];

/**
 * Machine-written files (exports, the demo, the bulk API) have no quotes: splitting lines is
 * ten times faster than the general parser at a million rows, and reads them identically.
 */
function splitPlain(text: string): Records {
  const out: Records = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let l = lines[i]!;
    if (l.endsWith('\r')) l = l.slice(0, -1);
    if (l.length === 0 || l.startsWith('#')) continue;
    const cells = l.split(',');
    for (let j = 0; j < cells.length; j++) cells[j] = cells[j]!.trim();
    if (cells.length === 1 && cells[0] === '') continue;
    out.push({ record: cells, info: { lines: i + 1 } });
  }
  return out;
}

function parseQuoted(text: string, file: string): Records {
  let records: Records;
  try {
    records = parse(text, {
      comment: '#',
      comment_no_infix: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      info: true,
    }) as unknown as Records;
  } catch (e) {
    const err = e as { lines?: number; message: string };
    throw new LeitaiError(
      'CSV_INVALID',
      `${file}: 第${err.lines ?? '?'}行无法解析: ${err.message}`,
      {
        file,
        line: err.lines,
        reason: err.message,
      },
    );
  }
  return records;
}

function withHeader(records: Records, file: string, required: readonly string[]): CsvTable {
  const first = records[0];
  if (!first)
    throw new LeitaiError('CSV_INVALID', `${file}: 文件为空,缺少表头`, {
      file,
      reason: 'empty file',
    });
  const header = first.record.map((h) => h.trim());
  for (const col of required) {
    if (!header.includes(col)) {
      throw new LeitaiError('CSV_INVALID', `${file}: 第${first.info.lines}行表头缺少列「${col}」`, {
        file,
        line: first.info.lines,
        column: col,
        reason: `missing column ${col}; expected ${required.join(',')}`,
      });
    }
  }
  return {
    header,
    rows: records.slice(1).map((r) => ({ line: r.info.lines, cells: r.record })),
  };
}
