import { LeitaiError } from '../../core/errors/index.js';
import type { IndustryNames } from '../../core/industries/names.js';
import { dec, type Decimal } from '../../core/numeric/index.js';
import { parsePeriod } from '../../core/periods/index.js';
import { checkReport } from '../../core/projects/checks.js';
import type { ProjectReport } from '../../core/projects/types.js';
import type { Register } from '../../core/regions/index.js';
import { columnLetter } from './cells.js';
import { cellString, findHeader, type Column, type Header } from './project-ledger/columns.js';
import { readGrids, type Grid, type GridValue } from './project-ledger/grid.js';
import { readRow, sumKind, type LedgerProblem, type RowContext } from './project-ledger/rows.js';
import { readMoney } from './project-ledger/values.js';
import { isNoteText, RegionNames } from './region-names.js';

export type { LedgerProblem };

export interface LedgerContext {
  fileName: string;
  /** The report's month, YYYY-MM. */
  period: string;
  /** YYYY-MM-DD: actual dates may not be after it. */
  today: string;
  register: Register;
  industries: IndustryNames;
  /** When given, every row must be this county's; the 所在县 column may then be left out. */
  county?: string;
}

export interface LedgerRow {
  report: ProjectReport;
  sheet: string;
  /** 1-based row number, as Excel shows it. */
  row: number;
}

export interface LedgerRead {
  /** Every row that could be read. The caller writes nothing while `problems` is not empty. */
  rows: LedgerRow[];
  problems: LedgerProblem[];
}

/** Whitespace (half and full width) out: how one project is known across rows, files and months. */
export const nameKey = (name: string) => name.replace(/[\s\u3000]+/g, '');

/**
 * Reads a county's project ledger (.xlsx or .csv) as offices keep it: a title, one- or two-row
 * merged headers under any of their usual names, 万元 or 亿元, dates in every spelling, blank,
 * numbered and note rows, 小计/合计 rows (checked against the rows they sum, then skipped). Every
 * problem names sheet, row, column and value; none stops the reading.
 */
export async function readProjectLedger(
  bytes: Uint8Array,
  ctx: LedgerContext,
): Promise<LedgerRead> {
  const p = parsePeriod(ctx.period);
  if (p.kind !== 'month')
    throw new LeitaiError(
      'PERIOD_INVALID',
      `项目台账的期别应为月份(如 2026-09),不是「${ctx.period}」`,
      {
        value: ctx.period,
        reason: 'a project report is monthly',
      },
    );
  const grids = await readGrids(bytes, ctx.fileName);
  const out: LedgerRead = { rows: [], problems: [] };
  const rowCtx = { year: p.year, regions: new RegionNames(ctx.register), countyCache: new Map() };
  const seen = new Map<string, { sheet: string; row: number }>();
  let found = false;
  for (const grid of grids) {
    const header = findHeader(grid.rows, (i) => columnLetter(i + 1));
    if (!header) continue;
    found = true;
    readSheet(
      grid,
      header,
      {
        ...rowCtx,
        sheet: grid.name,
        industries: ctx.industries,
        ...(ctx.county ? { county: ctx.county } : {}),
      },
      ctx,
      out,
      seen,
    );
  }
  if (!found)
    out.problems.push({
      sheet: grids[0]?.name ?? ctx.fileName,
      row: null,
      column: null,
      value: null,
      reason: '未找到项目台账的表头:应有「项目名称」列(以及所在县、所属产业、总投资等列)',
    });
  return out;
}

function missingColumns(header: Header, ctx: LedgerContext): string[] {
  const has = (kind: string, field?: string) =>
    header.columns.some(
      (c) =>
        c.role.kind === kind &&
        (field === undefined || ('field' in c.role && c.role.field === field)),
    );
  const missing: string[] = [];
  if (!has('county') && ctx.county === undefined) missing.push('所在县');
  if (!has('industry')) missing.push('所属产业');
  if (!has('money', 'totalInvestment')) missing.push('总投资');
  return missing;
}

const MONEY = ['totalInvestment', 'plannedThisYear', 'completedYtd'] as const;
type Sums = Record<(typeof MONEY)[number], Decimal>;
const zero = (): Sums => ({
  totalInvestment: dec(0),
  plannedThisYear: dec(0),
  completedYtd: dec(0),
});

interface SheetState {
  all: Sums;
  group: Sums;
  groupRows: number;
  /** A 小计 printed above its rows waits for them: checked at the next sum row or the end. */
  pending: { row: number; cells: GridValue[] } | null;
}

function readSheet(
  grid: Grid,
  header: Header,
  rowCtx: RowContext,
  ctx: LedgerContext,
  out: LedgerRead,
  seen: Map<string, { sheet: string; row: number }>,
): void {
  const sheet = grid.name;
  const missing = missingColumns(header, ctx);
  if (missing.length > 0) {
    out.problems.push({
      sheet,
      row: header.first + 1,
      column: null,
      value: null,
      reason: `表头缺少「${missing.join('」「')}」列`,
    });
    return;
  }
  const state: SheetState = { all: zero(), group: zero(), groupRows: 0, pending: null };
  const totals: { row: number; cells: GridValue[] }[] = [];
  for (let r = header.last + 1; r < grid.rows.length; r++) {
    const cells = grid.rows[r] ?? [];
    if (isBlank(cells, header.columns) || isNote(cells)) continue;
    const kind = sumKind(cells, header.columns);
    if (kind === 'total') totals.push({ row: r, cells });
    else if (kind === 'subtotal') closeGroup(state, { row: r, cells }, header.columns, sheet, out);
    else readProject(cells, r, header.columns, rowCtx, ctx, out, seen, state);
  }
  closeGroup(state, null, header.columns, sheet, out);
  for (const t of totals) checkSum(t, state.all, '合计', header.columns, sheet, out);
}

function readProject(
  cells: GridValue[],
  r: number,
  columns: Column[],
  rowCtx: RowContext,
  ctx: LedgerContext,
  out: LedgerRead,
  seen: Map<string, { sheet: string; row: number }>,
  state: SheetState,
): void {
  const sheet = rowCtx.sheet;
  const row = r + 1;
  const problem = (col: Column | null, reason: string) =>
    out.problems.push({
      sheet,
      row,
      column: col?.title ?? null,
      value: col ? cellString(cells[col.index]) || null : null,
      reason,
    });
  const report = readRow(cells, columns, rowCtx, problem);
  if (!report) return;
  for (const p of checkReport(report, { period: ctx.period, today: ctx.today }))
    problem(columnOf(columns, p.field), p.reason);
  const key = `${report.county} ${nameKey(report.name)}`;
  const first = seen.get(key);
  if (first)
    problem(
      columns.find((c) => c.role.kind === 'name') ?? null,
      `同一项目在本文件中出现两次(第一次在「${first.sheet}」第 ${first.row} 行)`,
    );
  else seen.set(key, { sheet, row });
  for (const f of MONEY) {
    const v = report[f];
    if (v === null || v === '') continue;
    state.all[f] = state.all[f].plus(dec(v));
    state.group[f] = state.group[f].plus(dec(v));
  }
  state.groupRows++;
  out.rows.push({ report, sheet, row });
}

/** The column a checked field came from: `planned.start` → 开工/计划. */
function columnOf(columns: Column[], field: string): Column | null {
  const [a, b] = field.split('.');
  return (
    columns.find((c) => {
      const role = c.role;
      if (role.kind === 'date') return role.which === a && role.milestone === b;
      if (role.kind === 'money' || role.kind === 'text') return role.field === a;
      return role.kind === a;
    }) ?? null
  );
}

/** A 小计 sums the rows since the previous one; one printed above its rows sums the rows below. */
function closeGroup(
  state: SheetState,
  at: { row: number; cells: GridValue[] } | null,
  columns: Column[],
  sheet: string,
  out: LedgerRead,
): void {
  if (state.pending) {
    checkSum(state.pending, state.group, '小计', columns, sheet, out);
    state.pending = at;
  } else if (at && state.groupRows === 0) state.pending = at;
  else if (at) checkSum(at, state.group, '小计', columns, sheet, out);
  state.group = zero();
  state.groupRows = 0;
}

function checkSum(
  at: { row: number; cells: GridValue[] },
  sums: Sums,
  word: string,
  columns: Column[],
  sheet: string,
  out: LedgerRead,
): void {
  for (const col of columns) {
    if (col.role.kind !== 'money') continue;
    const printed = readMoney(at.cells[col.index], col.unit);
    const value = cellString(at.cells[col.index]) || null;
    const where = { sheet, row: at.row + 1, column: col.title, value };
    if (!printed.ok) out.problems.push({ ...where, reason: printed.reason });
    else if (printed.value !== null && !dec(printed.value).equals(sums[col.role.field]))
      out.problems.push({
        ...where,
        reason: `${word}「${printed.value}」万元与所列项目之和「${sums[col.role.field].toFixed()}」万元不符`,
      });
  }
}

function isBlank(cells: GridValue[], columns: Column[]): boolean {
  return columns.every((c) => c.role.kind === 'seq' || cellString(cells[c.index]) === '');
}

/**
 * 注:… / 填报人:… under the table, or a group heading (一、新建项目) between rows: one text
 * in the row (a merged cell fills several with one text).
 */
function isNote(cells: GridValue[]): boolean {
  let text = '';
  for (const v of cells) {
    const t = cellString(v);
    if (t === '' || t === text) continue;
    if (text !== '') return false;
    text = t;
  }
  return (
    isNoteText(text) ||
    /^([一二三四五六七八九十]+[、.]|[(（][一二三四五六七八九十]+[)）])/.test(text)
  );
}
