import yauzl from 'yauzl';
import { LeitaiError } from '../../../core/errors/index.js';
import type { Grid, GridValue } from './grid.js';

/**
 * A lean .xlsx reader for the one thing a ledger needs: each sheet's cell values, date cells as
 * dates, merged ranges filled. ExcelJS builds a full object model (styles, fonts, borders) and
 * reads about 10,000 ledger rows a second; this reads the sheet XML directly. Call it only on
 * bytes that passed checkZip, which bounds what inflating them can cost.
 */
export async function readXlsxGrids(bytes: Buffer, file: string): Promise<Grid[]> {
  const parts = await unzip(bytes, file);
  const text = (name: string) => parts.get(name)?.toString('utf8') ?? '';
  const workbook = text('xl/workbook.xml');
  if (workbook === '') throw damaged(file, 'no xl/workbook.xml');
  const date1904 = /<workbookPr\b[^>]*date1904="(1|true)"/.test(workbook);
  const strings = sharedStrings(text('xl/sharedStrings.xml'));
  const dates = dateStyles(text('xl/styles.xml'));
  const targets = relationships(text('xl/_rels/workbook.xml.rels'));
  const grids: Grid[] = [];
  for (const tag of workbook.match(/<sheet\b[^>]*>/g) ?? []) {
    const name = decode(attr(tag, 'name') ?? '');
    const target = targets.get(attr(tag, 'r:id') ?? '');
    if (target === undefined) continue;
    const xml = text(target.startsWith('/') ? target.slice(1) : `xl/${target}`);
    grids.push({ name, rows: sheetRows(xml, strings, dates, date1904) });
  }
  return grids;
}

function damaged(file: string, reason: string): LeitaiError {
  return new LeitaiError(
    'IMPORT_INVALID',
    `${file}: 文件已损坏、不完整或含有不支持的内容,无法作为 .xlsx 打开(请在 Excel 中另存为 .xlsx 后重新上传)`,
    { file, reason },
  );
}

/** The workbook's XML parts, inflated (media and the like are left alone). */
async function unzip(bytes: Buffer, file: string): Promise<Map<string, Buffer>> {
  const parts = new Map<string, Buffer>();
  try {
    const zip = await yauzl.fromBufferPromise(bytes, { validateEntrySizes: true });
    try {
      for await (const entry of zip.eachEntry()) {
        if (
          !/^xl\/(workbook\.xml|sharedStrings\.xml|styles\.xml|_rels\/workbook\.xml\.rels|worksheets\/[^/]+\.xml)$/.test(
            entry.fileName,
          )
        )
          continue;
        const chunks: Buffer[] = [];
        for await (const c of await zip.openReadStreamPromise(entry)) chunks.push(c as Buffer);
        parts.set(entry.fileName, Buffer.concat(chunks));
      }
    } finally {
      zip.close();
    }
  } catch (e) {
    throw damaged(file, (e as Error).message);
  }
  return parts;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, e: string) => {
    if (e[0] === '#')
      return String.fromCodePoint(
        e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)),
      );
    return ENTITIES[e] ?? whole;
  });
}

const ATTRS = new Map<string, RegExp>();

function attr(tag: string, name: string): string | undefined {
  let re = ATTRS.get(name);
  if (re === undefined) ATTRS.set(name, (re = new RegExp(`\\s${name}="([^"]*)"`)));
  return re.exec(tag)?.[1];
}

/** The text of every <t> of a string item, phonetic runs (<rPh>) left out. */
function itemText(xml: string): string {
  let s = '';
  const body = xml.includes('<rPh') ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : xml;
  for (const m of body.matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>/g)) s += m[1];
  return decode(s);
}

function sharedStrings(xml: string): string[] {
  return (xml.match(/<si>[\s\S]*?<\/si>|<si\/>/g) ?? []).map(itemText);
}

function relationships(xml: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const tag of xml.match(/<Relationship\b[^>]*>/g) ?? []) {
    const id = attr(tag, 'Id');
    const target = attr(tag, 'Target');
    if (id !== undefined && target !== undefined) map.set(id, target);
  }
  return map;
}

/** Built-in number formats that show a date (ECMA-376 18.8.30), with and without the day. */
const BUILTIN_DATES = new Set([
  14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);
const BUILTIN_MONTHS = new Set([17, 57]);

type DateStyle = 'day' | 'month' | undefined;

/** For each cell style (the `s` of a cell): whether it shows a date, and to the day or month. */
function dateStyles(xml: string): DateStyle[] {
  const custom = new Map<number, string>();
  for (const tag of xml.match(/<numFmt\b[^>]*>/g) ?? [])
    custom.set(Number(attr(tag, 'numFmtId')), decode(attr(tag, 'formatCode') ?? ''));
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  return (xfs.match(/<xf\b[^>]*>/g) ?? []).map((tag) => {
    const id = Number(attr(tag, 'numFmtId') ?? 0);
    const code = custom.get(id);
    if (code === undefined)
      return BUILTIN_DATES.has(id) ? (BUILTIN_MONTHS.has(id) ? 'month' : 'day') : undefined;
    const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '').toLowerCase();
    if (!/[yd]/.test(bare)) return undefined;
    return /d/.test(bare) ? 'day' : 'month';
  });
}

function serialDate(serial: number, style: 'day' | 'month', date1904: boolean): string {
  const ms = Math.round((serial - (date1904 ? 24107 : 25569)) * 86_400_000);
  const iso = new Date(ms).toISOString();
  return style === 'day' ? iso.slice(0, 10) : iso.slice(0, 7);
}

function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

const CELL = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
const ROW = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;

function cellValue(
  attrs: string,
  body: string,
  strings: string[],
  dates: DateStyle[],
  date1904: boolean,
): GridValue {
  const t = attr(attrs, 't');
  if (t === 'inlineStr') return itemText(body);
  const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
  if (v === undefined) {
    const f = /<f\b[^>]*>([\s\S]*?)<\/f>/.exec(body)?.[1];
    return f === undefined ? null : { formula: decode(f) };
  }
  if (t === 's') return strings[Number(v)] ?? '';
  if (t === 'str') return decode(v);
  if (t === 'b') return v === '1';
  if (t === 'e') return { error: decode(v) };
  const n = Number(v);
  const style = dates[Number(attr(attrs, 's') ?? 0)];
  return style ? { date: serialDate(n, style, date1904) } : n;
}

function sheetRows(
  xml: string,
  strings: string[],
  dates: DateStyle[],
  date1904: boolean,
): GridValue[][] {
  const rows: GridValue[][] = [];
  let next = 0;
  for (const [, rowAttrs, rowBody] of xml.matchAll(ROW)) {
    const r = Number(attr(rowAttrs ?? '', 'r') ?? next + 1) - 1;
    next = r + 1;
    const cells: GridValue[] = [];
    let col = 0;
    for (const [, attrs, body] of (rowBody ?? '').matchAll(CELL)) {
      const ref = attr(attrs ?? '', 'r');
      const c = ref === undefined ? col : columnIndex(ref);
      col = c + 1;
      cells[c] = cellValue(attrs ?? '', body ?? '', strings, dates, date1904);
    }
    rows[r] = cells;
  }
  fillMerges(xml, rows);
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return rows;
}

/** Every cell of a merged range takes its first cell's value, as a reader of the sheet sees it. */
function fillMerges(xml: string, rows: GridValue[][]): void {
  for (const m of xml.matchAll(/<mergeCell\b[^>]*ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"/g)) {
    const [left, top, right, bottom] = [
      columnIndex(m[1]!),
      Number(m[2]) - 1,
      columnIndex(m[3]!),
      Number(m[4]) - 1,
    ];
    const value = rows[top]?.[left] ?? null;
    for (let r = top; r <= bottom && r - top < 1000; r++)
      for (let c = left; c <= right && c - left < 100; c++) (rows[r] ??= [])[c] = value;
  }
}
