import { isAscii } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { LeitaiError } from '../core/errors/index.js';
import type * as CsvParse from 'csv-parse/sync';

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
  const rows: Row[] = [];
  const header = eachCsvRow(text, file, required, (line, cells) => rows.push({ line, cells }));
  return { header, rows };
}

/**
 * Calls `fn` for every data row, without holding the whole table: the million-row path.
 * The header is checked first; its columns are passed along and returned.
 */
export function eachCsvRow(
  text: string,
  file: string,
  required: readonly string[],
  fn: (line: number, cells: string[], header: string[]) => void,
): string[] {
  const body = text.replace(/^\uFEFF/, '');
  let header: string[] | null = null;
  const visit = (line: number, cells: string[]) => {
    if (header === null) header = checkHeader(cells, line, file, required);
    else fn(line, cells, header);
  };
  if (body.includes('"')) {
    for (const r of splitQuotedCells(body) ?? parseQuoted(body, file)) visit(r.line, r.cells);
  } else splitPlain(body, visit);
  if (header === null) {
    throw new LeitaiError('CSV_INVALID', `${file}: 文件为空,缺少表头`, {
      file,
      reason: 'empty file',
    });
  }
  return header;
}

/** A CSV file read for eachCsvRow: its text, and its leading `#` comment lines as written. */
export interface CsvFile {
  text: string;
  comments: string;
}

/**
 * Reads a CSV file. Data files are ASCII after their leading comments (codes, periods, numbers),
 * but one non-ASCII comment (the demo's 合成 note) makes UTF-8 decoding build the whole text as
 * two-byte characters, which costs 3× to decode and makes every later scan slower. Such a body is
 * decoded byte for byte instead, and the comments' text is returned apart: in `text` the leading
 * comment lines stay (lines and line numbers are the file's) with their non-ASCII bytes as spaces.
 * Any other file is read as UTF-8, unchanged.
 */
export function readCsvFile(file: string): CsvFile {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (e) {
    throw new LeitaiError('INPUT_INVALID', `无法读取文件 ${file}: ${(e as Error).message}`, {
      file,
      reason: (e as NodeJS.ErrnoException).code ?? 'unreadable',
    });
  }
  const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  let body = bom; // after the leading comment lines
  while (buf[body] === 35 /* # */) {
    const eol = buf.indexOf(10, body);
    body = eol < 0 ? buf.length : eol + 1;
  }
  const comments = buf.toString('utf8', bom, body);
  if (!isAscii(buf.subarray(body))) return { text: buf.toString('utf8'), comments };
  if (!isAscii(buf.subarray(bom, body))) {
    for (let i = bom; i < body; i++) if (buf[i]! > 127) buf[i] = 32;
  }
  return { text: buf.toString('latin1', bom), comments };
}

type Row = CsvTable['rows'][number];

const isSpace = (c: number) => c === 32 || c === 9 || c === 0x3000;

function trimCell(cell: string): string {
  const n = cell.length;
  return n > 0 && (isSpace(cell.charCodeAt(0)) || isSpace(cell.charCodeAt(n - 1)))
    ? cell.trim()
    : cell;
}

/**
 * Machine-written files (exports, the demo, the bulk API) have no quotes: cutting lines at their
 * commas is several times faster than the general parser at a million rows, and reads them
 * identically. Such files repeat a column's text from row to row (a region's many indicators and
 * periods): a cell equal to the one above is handed on as that same string, which spares a caller
 * that looks cells up (by identity first) the hashing.
 */
function splitPlain(
  text: string,
  visit: (line: number, cells: string[], start: number, stop: number) => void,
): void {
  const above: string[] = [];
  let start = 0;
  let lineNo = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNo++;
    let stop = end;
    if (stop > start && text.charCodeAt(stop - 1) === 13) stop--;
    if (stop > start && text.charCodeAt(start) !== 35 /* # */) {
      const cells = splitLine(text, start, stop, above);
      if (!(cells.length === 1 && cells[0] === '')) visit(lineNo, cells, start, stop);
    }
    start = end + 1;
  }
}

/** The trimmed cells of text[start, stop), reusing `above[j]` when column j's text equals it. */
function splitLine(text: string, start: number, stop: number, above: string[]): string[] {
  const cells: string[] = [];
  for (let a = start, j = 0; ; j++) {
    let b = text.indexOf(',', a);
    if (b < 0 || b > stop) b = stop;
    // Short slices are cheap to make and to compare; a match hands on the string above instead.
    const raw = text.slice(a, b);
    const prior = above[j];
    if (raw === prior) {
      cells.push(prior); // the same text, so also already trimmed
    } else {
      const cell = trimCell(raw);
      above[j] = cell;
      cells.push(cell);
    }
    if (b === stop) return cells;
    a = b + 1;
  }
}

/**
 * Files whose quotes only wrap whole cells (R's write.csv, COINr's data): split like plain files
 * and unwrapped. Null as soon as a quote is anything else (a comma or line break inside quotes,
 * an escaped quote): the general parser reads those.
 */
function splitQuotedCells(text: string): Row[] | null {
  const rows: Row[] = [];
  let simple = true;
  splitPlain(text, (line, cells, start, stop) => {
    if (!simple) return;
    // Only cells that start with a quote are looked into; the line's quotes are counted once, so
    // a quote anywhere else (or a third one in a cell) shows as a count that does not match.
    let quotes = 0;
    for (let q = text.indexOf('"', start); q >= 0 && q < stop; q = text.indexOf('"', q + 1))
      quotes++;
    for (let j = 0; j < cells.length && quotes > 0; j++) {
      const c = cells[j]!;
      if (c.charCodeAt(0) !== 34) continue;
      if (c.length < 2 || c.indexOf('"', 1) !== c.length - 1) break;
      cells[j] = c.slice(1, -1);
      quotes -= 2;
    }
    if (quotes !== 0) simple = false;
    else rows.push({ line, cells });
  });
  return simple ? rows : null;
}

type Records = { record: string[]; info: { lines: number } }[];

function parseQuoted(text: string, file: string): Row[] {
  // Loaded on first use: most files take the fast paths above, and loading it costs ~10 ms.
  const { parse } = createRequire(import.meta.url)('csv-parse/sync') as typeof CsvParse;
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
  return records.map((r) => ({ line: r.info.lines, cells: r.record }));
}

function checkHeader(
  cells: string[],
  line: number,
  file: string,
  required: readonly string[],
): string[] {
  const header = cells.map((h) => h.trim());
  for (const col of required) {
    if (!header.includes(col)) {
      throw new LeitaiError('CSV_INVALID', `${file}: 第${line}行表头缺少列「${col}」`, {
        file,
        line,
        column: col,
        reason: `missing column ${col}; expected ${required.join(',')}`,
      });
    }
  }
  return header;
}
