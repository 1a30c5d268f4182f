import type { Cell as XlsxCell, Worksheet } from 'exceljs';
import { LeitaiError } from '../core/errors/index.js';
import { checkCountyList, type LeadingInput } from '../core/industries/leading.js';
import type { IndustryNames } from '../core/industries/names.js';
import type { LeadingIndustry } from '../core/industries/types.js';
import type { Register } from '../core/regions/index.js';
import { readCsv } from './csv.js';
import { cellText, columnLetter } from './excel/cells.js';
import { openWorkbook } from './excel/open.js';
import { RegionNames } from './excel/region-names.js';

/**
 * The leading-industry list (主导工业清单台账) as offices keep it, in .xlsx or .csv: columns
 * 县(市), 序号/位次, 主导工业, 一业一策, 重点企业 (、 , or ; separated), and per year
 * 「2025年产值」(亿元) and 「2025年增速」(%). All or nothing: every problem with its sheet, row
 * and column, and no list when there is one.
 */

export interface FileProblem {
  sheet: string;
  row: number | null;
  column: string | null;
  value: string;
  reason: string;
}

export interface IndustriesFile {
  lists: Map<string, LeadingIndustry[]>;
  problems: FileProblem[];
  rows: number;
}

interface Table {
  sheet: string;
  header: string[];
  /** Cells by column index, with the row's number in the file and the columns' letters. */
  rows: { row: number; cells: string[] }[];
  column: (i: number) => string;
}

type Columns = {
  county: number;
  position: number | null;
  industry: number;
  policy: number | null;
  enterprises: number | null;
  output: Map<number, number>;
  growth: Map<number, number>;
};

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

function columnsOf(header: readonly string[]): Columns | null {
  const find = (re: RegExp) => {
    const i = header.findIndex((h) => re.test(norm(h)));
    return i < 0 ? null : i;
  };
  const county = find(/^(县\(市\)|县市|县|县\(市、区\)|区划|区划代码|县名称)$/);
  const industry = find(/^主导工业(名称)?$/);
  if (county === null || industry === null) return null;
  const output = new Map<number, number>();
  const growth = new Map<number, number>();
  header.forEach((h, i) => {
    const m = /^(\d{4})年?(产值|总产值|增速|增长)/.exec(norm(h));
    if (m) (m[2]!.includes('产值') ? output : growth).set(Number(m[1]), i);
  });
  return {
    county,
    industry,
    position: find(/^(序号|位次|排序)$/),
    policy: find(/一业一策/),
    enterprises: find(/重点企业/),
    output,
    growth,
  };
}

function sheetTable(ws: Worksheet): Table | null {
  for (let r = 1; r <= Math.min(10, ws.rowCount); r++) {
    const row = ws.getRow(r);
    const header = Array.from({ length: ws.columnCount }, (_, i) => cellText(row.getCell(i + 1)));
    if (!header.some((h) => norm(h).startsWith('主导工业'))) continue;
    const rows: Table['rows'] = [];
    for (let n = r + 1; n <= ws.rowCount; n++) {
      const cells = header.map((_, i) => cellText(ws.getRow(n).getCell(i + 1) as XlsxCell));
      rows.push({ row: n, cells });
    }
    return { sheet: ws.name, header, rows, column: (i) => columnLetter(i + 1) };
  }
  return null;
}

async function tableOf(data: Buffer, file: string): Promise<Table> {
  if (/\.csv$/i.test(file)) {
    const t = readCsv(data.toString('utf8'), file, []);
    const rows = t.rows.map((r) => ({ row: r.line, cells: r.cells.map((c) => c.trim()) }));
    return {
      sheet: file,
      header: t.header,
      rows,
      column: (i) => t.header[i] ?? columnLetter(i + 1),
    };
  }
  const wb = await openWorkbook(data, file);
  for (const ws of wb.worksheets) {
    const t = sheetTable(ws);
    if (t) return t;
  }
  throw new LeitaiError('IMPORT_INVALID', `${file}: 找不到表头含「主导工业」的工作表`, {
    file,
    reason: 'no sheet with a 主导工业 header',
  });
}

const NUMBER = /^-?\d+(\.\d+)?$/;

type Entry = { row: number; input: LeadingInput };

/** One data row read into an entry of its county, or problems; blank rows give nothing. */
function readRow(
  t: Table,
  c: Columns,
  r: Table['rows'][number],
  regions: RegionNames,
  lastCounty: string | null,
  problems: FileProblem[],
): { county: string; entry: Entry } | null {
  const at = (i: number | null) => (i === null ? '' : (r.cells[i] ?? ''));
  if (r.cells.every((x) => x === '')) return null;
  const problem = (i: number | null, value: string, reason: string) =>
    problems.push({
      sheet: t.sheet,
      row: r.row,
      column: i === null ? null : t.column(i),
      value,
      reason,
    });
  // A county written once over its two rows (merged, or left blank below) is the one above.
  let county = lastCounty;
  if (at(c.county) !== '') {
    const hit = regions.resolve(at(c.county));
    county = null;
    if (hit.kind === 'region' && regions.get(hit.code)?.level === 'county') county = hit.code;
    else if (hit.kind === 'total' || hit.kind === 'subtotal') return null;
    else problem(c.county, at(c.county), hit.kind === 'unknown' ? hit.reason : '不是县(市)');
  }
  if (county === null) {
    if (at(c.county) === '') problem(c.county, '', '缺少县(市)');
    return null;
  }
  const industry = at(c.industry);
  if (industry === '') problem(c.industry, '', '缺少主导工业');
  const pos = at(c.position);
  if (pos !== '' && pos !== '1' && pos !== '2') problem(c.position, pos, '位次应为1或2');
  const figures = figuresOf(c, at, problem);
  const enterprises = at(c.enterprises)
    .split(/[、,,;;]/u)
    .map((e) => e.trim())
    .filter(Boolean);
  return {
    county,
    entry: {
      row: r.row,
      input: {
        position: pos === '' ? 0 : Number(pos),
        industry,
        policy: at(c.policy) || null,
        enterprises,
        figures,
      },
    },
  };
}

function figuresOf(
  c: Columns,
  at: (i: number | null) => string,
  problem: (i: number | null, value: string, reason: string) => void,
): NonNullable<LeadingInput['figures']> {
  const years = [...new Set([...c.output.keys(), ...c.growth.keys()])].sort();
  const out: { year: number; output: string | null; growth: string | null }[] = [];
  for (const year of years) {
    const read = (col: number | undefined, what: string) => {
      if (col === undefined) return null;
      const v = at(col).replace(/[%%]$/u, '');
      if (v === '') return null;
      if (!NUMBER.test(v)) {
        problem(col, at(col), `${year}年${what}应为数字`);
        return null;
      }
      return v;
    };
    const output = read(c.output.get(year), '产值(亿元)');
    const growth = read(c.growth.get(year), '增速(%)');
    if (output !== null || growth !== null) out.push({ year, output, growth });
  }
  return out;
}

/** Reads a list file: every county's list checked, or every problem with its place. */
export async function readIndustriesFile(
  data: Buffer,
  file: string,
  register: Register,
  names: IndustryNames,
): Promise<IndustriesFile> {
  const t = await tableOf(data, file);
  const c = columnsOf(t.header);
  if (!c) {
    throw new LeitaiError(
      'IMPORT_INVALID',
      `${file}(${t.sheet}): 表头缺少「县(市)」或「主导工业」列`,
      {
        file,
        sheet: t.sheet,
        reason: 'missing 县(市) or 主导工业 column',
      },
    );
  }
  const regions = new RegionNames(register);
  const problems: FileProblem[] = [];
  const byCounty = new Map<string, Entry[]>();
  let last: string | null = null;
  for (const r of t.rows) {
    const got = readRow(t, c, r, regions, last, problems);
    if (!got) {
      if (r.cells.every((x) => x === '')) last = null;
      continue;
    }
    last = got.county;
    byCounty.set(got.county, [...(byCounty.get(got.county) ?? []), got.entry]);
  }
  const lists = new Map<string, LeadingIndustry[]>();
  for (const [county, entries] of byCounty) {
    // Unnumbered rows take their order in the county's block.
    const inputs = entries.map((e, i) => ({ ...e.input, position: e.input.position || i + 1 }));
    const checked = checkCountyList(county, inputs, names);
    for (const p of checked.problems) {
      const row = p.row === null ? entries[0]!.row : entries[p.row - 1]!.row;
      const col = columnFor(p.field, c, t);
      const who = register.get(county)?.name ?? county;
      problems.push({
        sheet: t.sheet,
        row,
        column: col,
        value: p.value,
        reason: `${who}:${p.reason}`,
      });
    }
    lists.set(county, checked.industries);
  }
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { lists: problems.length ? new Map() : lists, problems, rows: t.rows.length };
}

function columnFor(field: string, c: Columns, t: Table): string | null {
  const i =
    field === 'industry'
      ? c.industry
      : field === 'position'
        ? c.position
        : field === 'industries'
          ? c.county
          : null;
  return i === null ? null : t.column(i);
}

/** A problem in words: 「表1 第5行 C列 「化工X」:未知产业」. */
export function problemText(p: FileProblem): string {
  const where = [p.sheet, p.row === null ? '' : `第${p.row}行`, p.column ? `${p.column}列` : '']
    .filter(Boolean)
    .join(' ');
  return `${where}${p.value ? ` 「${p.value}」` : ''}: ${p.reason}`;
}

/** The list as rows in the file's own columns (an export reads back in), years as found. */
export function industryRows(items: readonly (LeadingIndustry & { countyName: string })[]): {
  header: string[];
  rows: (string | number | null)[][];
} {
  const years = [...new Set(items.flatMap((i) => i.figures.map((f) => f.year)))].sort();
  const header = [
    '县(市)',
    '位次',
    '主导工业',
    '一业一策',
    '重点企业',
    ...years.flatMap((y) => [`${y}年产值(亿元)`, `${y}年增速(%)`]),
  ];
  const rows = items.map((i) => [
    i.countyName,
    i.position,
    i.industry,
    i.policy,
    i.enterprises.join('、'),
    ...years.flatMap((y) => {
      const f = i.figures.find((x) => x.year === y);
      return [f?.output ?? null, f?.growth ?? null];
    }),
  ]);
  return { header, rows };
}
