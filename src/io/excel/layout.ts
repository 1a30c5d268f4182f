import type { Worksheet } from 'exceljs';
import type { Indicator } from '../../core/indicators/index.js';
import { indicatorCandidates } from '../../core/indicators/match.js';
import { cellText, columnLetter, isMergedSlave } from './cells.js';
import { isNumberingRow, labelKey, labelRole, subLabel, type LabelRole } from './labels.js';
import { MARK } from './marker.js';
import { findPeriod, periodOrder } from './periods.js';
import type { RegionNames } from './region-names.js';
import { sheetUnit, splitUnit, unitFactor } from './units.js';

/** How far down a sheet we look for the header: titles and notes rarely take more. */
const SCAN_ROWS = 60;

export interface Problem {
  row?: number;
  column?: string;
  value?: string;
  reason: string;
}

export interface ValueColumn {
  col: number;
  indicator: Indicator;
  /** Multiplies a value as printed into the indicator's unit. */
  factor: number;
  /** The unit as printed (or assumed), for messages. */
  unit: string;
  /** A period printed over this column ("2026年1-9月"), else the sheet's. */
  period?: string;
}

interface Common {
  codeCol?: number;
  nameCol?: number;
  dataStart: number;
  /** The sheet's period and where it came from (null when none was found). */
  period: string | null;
  periodSource: string;
  machineRow?: number;
  /** A column giving each row its period (long layout; a wide sheet of several months). */
  periodCol?: number;
}

export interface WideLayout extends Common {
  kind: 'wide';
  columns: ValueColumn[];
}

export interface LongLayout extends Common {
  kind: 'long';
  indicatorCols: number[];
  valueCol: number;
  unitCol?: number;
}

export type Layout = WideLayout | LongLayout;

export interface Context {
  names: RegionNames;
  indicators: readonly Indicator[];
  byCode: ReadonlyMap<string, Indicator>;
  period?: string;
}

export type IndicatorHit =
  { kind: 'one'; indicator: Indicator } | { kind: 'several'; codes: string[] } | { kind: 'none' };

/** An indicator by its code or by any printed name (ambiguous names are refused). */
export function findIndicator(text: string, ctx: Context): IndicatorHit {
  const t = text.trim();
  const direct = ctx.byCode.get(t) ?? ctx.byCode.get(t.toLowerCase());
  if (direct) return { kind: 'one', indicator: direct };
  const codes = indicatorCandidates(t, ctx.indicators);
  if (codes.length === 1) {
    const indicator = ctx.byCode.get(codes[0] ?? '');
    if (indicator) return { kind: 'one', indicator };
  }
  return codes.length > 1 ? { kind: 'several', codes } : { kind: 'none' };
}

/** The header area of a sheet as text, merged cells showing their master's value. */
class TopRows {
  readonly texts: string[][] = [];
  constructor(
    readonly ws: Worksheet,
    readonly rows: number,
    readonly cols: number,
  ) {
    for (let r = 1; r <= rows; r++) {
      const row = ws.getRow(r);
      const line: string[] = [];
      for (let c = 1; c <= cols; c++) line.push(cellText(row.findCell(c)));
      this.texts.push(line);
    }
  }
  text(r: number, c: number): string {
    return this.texts[r - 1]?.[c - 1] ?? '';
  }
  line(r: number): string[] {
    return this.texts[r - 1] ?? [];
  }
  /** Non-empty cells of a row counting a merge once. */
  distinct(r: number): string[] {
    const out: string[] = [];
    const row = this.ws.getRow(r);
    for (let c = 1; c <= this.cols; c++) {
      const cell = row.findCell(c);
      if (!cell || isMergedSlave(cell)) continue;
      const t = this.text(r, c);
      if (t !== '') out.push(t);
    }
    return out;
  }
}

interface Machine {
  row: number;
  codeCol?: number;
  nameCol?: number;
  period?: string;
  tokens: Map<number, string>;
}

function findMachineRow(top: TopRows): Machine | undefined {
  for (let r = 1; r <= top.rows; r++) {
    const line = top.line(r);
    if (!line.some((t) => t.startsWith(MARK))) continue;
    const m: Machine = { row: r, tokens: new Map() };
    line.forEach((t, i) => {
      const c = i + 1;
      if (t === `${MARK}code`) m.codeCol = c;
      else if (t === `${MARK}name`) m.nameCol = c;
      else if (t.startsWith(`${MARK}period=`)) m.period = t.slice(`${MARK}period=`.length);
      else if (t !== '' && !t.startsWith(MARK)) m.tokens.set(c, t);
    });
    return m;
  }
  return undefined;
}

interface Labels {
  row: number;
  roles: Map<number, LabelRole>;
}

function findLabelRow(top: TopRows, skip?: number): Labels | undefined {
  for (let r = 1; r <= top.rows; r++) {
    if (r === skip) continue;
    const roles = new Map<number, LabelRole>();
    top.line(r).forEach((t, i) => {
      const role = labelRole(t);
      if (role) roles.set(i + 1, role);
    });
    const hasRegion = [...roles.values()].some(
      (x) => x === 'code' || x === 'name' || x === 'region',
    );
    if (hasRegion) return { row: r, roles };
  }
  return undefined;
}

/**
 * Reads the shape of a sheet: where the county column and the header are, which columns hold
 * which indicator in which unit, and the period. Returns null for a sheet that is not a table
 * of county values. Problems in the header (unknown indicator …) go to `problems`.
 */
export function detectLayout(
  ws: Worksheet,
  ctx: Context,
  problems: Problem[],
  notes: string[],
): Layout | null {
  const rows = Math.min(ws.rowCount, SCAN_ROWS);
  const cols = ws.columnCount;
  if (rows === 0 || cols === 0) return null;
  const top = new TopRows(ws, rows, cols);
  const machine = findMachineRow(top);
  const labels = findLabelRow(top, machine?.row);

  let codeCol = machine?.codeCol;
  let nameCol = machine?.nameCol;
  if (labels && codeCol === undefined && nameCol === undefined) {
    for (const [c, role] of labels.roles) {
      if (role === 'code' && codeCol === undefined) codeCol = c;
      else if ((role === 'name' || role === 'region') && nameCol === undefined) nameCol = c;
    }
  }

  // Long layout: one value per row with its indicator (and period) in columns.
  if (labels && !machine) {
    const long = longLayout(top, labels, codeCol, nameCol, ctx, notes, ws.name);
    if (long) return long;
  }

  let headerTop: number;
  let headerBottom: number;
  if (labels) {
    headerTop = labels.row;
    headerBottom = headerEnd(top, labels.row, [codeCol, nameCol], machine?.row);
  } else {
    // No county label: the first row naming a county starts the data.
    const found = firstRegionRow(top, ctx);
    if (!found) return null;
    codeCol ??= found.codeCol;
    nameCol ??= found.nameCol;
    headerBottom = found.row - 1;
    headerTop = headerBottom;
    while (
      headerTop > 1 &&
      headerTop - 1 !== machine?.row &&
      top.distinct(headerTop - 1).length >= 2
    )
      headerTop--;
    if (headerBottom < 1 || top.distinct(headerBottom).length < 2) {
      if (!machine) return null;
    }
  }
  if (codeCol === undefined && nameCol === undefined) return null;

  const { period, source } = sheetPeriod(top, headerTop, machine, ctx, ws.name, problems);
  let defaultUnit: string | null = null;
  for (let r = 1; r < headerTop; r++)
    for (const t of top.distinct(r)) defaultUnit ??= r === machine?.row ? null : sheetUnit(t);

  let periodCol: number | undefined;
  if (labels) for (const [c, role] of labels.roles) if (role === 'period') periodCol ??= c;
  const regionCols = new Set(
    [codeCol, nameCol, periodCol].filter((c): c is number => c !== undefined),
  );
  const columns = wideColumns(top, {
    headerTop,
    headerBottom,
    regionCols,
    machine,
    defaultUnit,
    ctx,
    problems,
    notes,
    sheet: ws.name,
  });
  // No period in the title: columns labelled "2026年1-9月" say it for the whole sheet.
  let sheetPeriodFound = period;
  let sheetSource = source;
  if (sheetPeriodFound === null) {
    for (const c of columns)
      if (
        c.period &&
        (sheetPeriodFound === null || periodOrder(c.period) > periodOrder(sheetPeriodFound))
      ) {
        sheetPeriodFound = c.period;
        sheetSource = '表头';
      }
  }
  const layout: WideLayout = {
    kind: 'wide',
    columns,
    dataStart: headerBottom + 1,
    period: sheetPeriodFound,
    periodSource: sheetSource,
  };
  if (codeCol !== undefined) layout.codeCol = codeCol;
  if (nameCol !== undefined) layout.nameCol = nameCol;
  if (machine) layout.machineRow = machine.row;
  if (periodCol !== undefined) layout.periodCol = periodCol;
  return layout;
}

/** The last header row: the county column keeps its label (a merge) or stays empty. */
function headerEnd(
  top: TopRows,
  start: number,
  regionCols: Array<number | undefined>,
  machineRow?: number,
): number {
  const cols = regionCols.filter((c): c is number => c !== undefined);
  const labelTexts = cols.map((c) => top.text(start, c));
  let end = start;
  for (let r = start + 1; r <= top.rows && r <= start + 5; r++) {
    if (r === machineRow) {
      end = r;
      continue;
    }
    const line = top.line(r);
    if (isNumberingRow(line)) {
      end = r;
      continue;
    }
    const sameLabel = cols.every((c, i) => {
      const t = top.text(r, c);
      return t === '' || t === labelTexts[i];
    });
    if (!sameLabel) break;
    // A row of numbers under an empty county cell is data (a problem row), not header.
    const numeric = line.some((t, i) => !cols.includes(i + 1) && /^[-+]?[\d,.]+%?$/.test(t));
    if (numeric) break;
    if (line.every((t) => t === '')) break;
    end = r;
  }
  return end;
}

function firstRegionRow(
  top: TopRows,
  ctx: Context,
): { row: number; codeCol?: number; nameCol?: number } | undefined {
  for (let r = 1; r <= top.rows; r++) {
    let codeCol: number | undefined;
    let nameCol: number | undefined;
    top.line(r).forEach((t, i) => {
      const hit = ctx.names.resolve(t);
      // A 合计 row often comes first, right under the header.
      if (hit.kind !== 'region' && hit.kind !== 'total') return;
      if (/^\d{6}$/.test(t)) codeCol ??= i + 1;
      else nameCol ??= i + 1;
    });
    if (codeCol !== undefined || nameCol !== undefined) {
      const out: { row: number; codeCol?: number; nameCol?: number } = { row: r };
      if (codeCol !== undefined) out.codeCol = codeCol;
      if (nameCol !== undefined) out.nameCol = nameCol;
      return out;
    }
  }
  return undefined;
}

/** The sheet's period: the caller's, else the machine row's, else the title's or sheet name's. */
function sheetPeriod(
  top: TopRows,
  headerTop: number,
  machine: Machine | undefined,
  ctx: Context,
  sheet: string,
  problems: Problem[],
): { period: string | null; source: string } {
  let printed: { period: string; row?: number; column?: string; text: string } | undefined;
  if (machine?.period)
    printed = { period: machine.period, row: machine.row, text: `模板期别 ${machine.period}` };
  for (let r = 1; r < headerTop && !printed; r++) {
    if (r === machine?.row) continue;
    const line = top.line(r);
    for (let i = 0; i < line.length && !printed; i++) {
      const t = line[i] ?? '';
      const p = t === '' ? null : findPeriod(t);
      if (p) printed = { period: p, row: r, column: columnLetter(i + 1), text: t };
    }
  }
  if (!printed) {
    const p = findPeriod(sheet);
    if (p) printed = { period: p, text: sheet };
  }
  if (ctx.period) {
    if (printed && printed.period !== ctx.period) {
      const where: Problem = { value: printed.text, reason: '' };
      if (printed.row !== undefined) where.row = printed.row;
      if (printed.column !== undefined) where.column = printed.column;
      where.reason = `表中期别「${printed.text}」(${printed.period})与所选期别 ${ctx.period} 不一致`;
      problems.push(where);
    }
    return { period: ctx.period, source: '所选期别' };
  }
  if (printed) return { period: printed.period, source: `「${printed.text}」` };
  return { period: null, source: '' };
}

interface ColumnsInput {
  headerTop: number;
  headerBottom: number;
  regionCols: ReadonlySet<number>;
  machine: Machine | undefined;
  defaultUnit: string | null;
  ctx: Context;
  problems: Problem[];
  notes: string[];
  sheet: string;
}

/** The header texts over each column, top to bottom, group labels filled to the right. */
function headerTexts(
  top: TopRows,
  a: ColumnsInput,
): Map<number, Array<{ row: number; text: string }>> {
  const out = new Map<number, Array<{ row: number; text: string }>>();
  const headerRows: number[] = [];
  for (let r = a.headerTop; r <= a.headerBottom; r++)
    if (r !== a.machine?.row && !isNumberingRow(top.line(r))) headerRows.push(r);
  for (let c = 1; c <= top.cols; c++) out.set(c, []);
  headerRows.forEach((r, idx) => {
    const bottom = idx === headerRows.length - 1;
    let carry = '';
    for (let c = 1; c <= top.cols; c++) {
      let t = top.text(r, c);
      if (a.regionCols.has(c)) {
        carry = '';
        continue;
      }
      // An unmerged group label covers the empty cells to its right (rows above the last).
      if (t === '' && !bottom) t = carry;
      else carry = t;
      const list = out.get(c)!;
      if (t !== '' && list[list.length - 1]?.text !== t) list.push({ row: r, text: t });
    }
  });
  return out;
}

function wideColumns(top: TopRows, a: ColumnsInput): ValueColumn[] {
  const texts = headerTexts(top, a);
  const columns: ValueColumn[] = [];
  const ignored: string[] = [];
  for (let c = 1; c <= top.cols; c++) {
    if (a.regionCols.has(c)) continue;
    const letter = columnLetter(c);
    const header = texts.get(c) ?? [];
    const token = a.machine?.tokens.get(c);
    // In our template only the machine row's codes count (上年同期 columns carry none).
    if (a.machine && token === undefined) continue;
    const found = classify(header, token, a);
    if (found.kind === 'skip') continue;
    if (found.kind === 'ignored') {
      ignored.push(`${letter}「${found.label}」`);
      continue;
    }
    if (found.kind === 'problem') {
      const row = found.row ?? a.headerBottom;
      if (found.needsData && !columnHasData(top.ws, c, a.headerBottom + 1)) continue;
      a.problems.push({ row, column: letter, value: found.value, reason: found.reason });
      continue;
    }
    columns.push({ col: c, ...found.column });
  }
  // Of several columns of one indicator labelled with periods, the latest is this period's.
  const labelled = new Map<string, ValueColumn[]>();
  for (const col of columns) {
    if (!col.period) continue;
    const list = labelled.get(col.indicator.code) ?? [];
    list.push(col);
    labelled.set(col.indicator.code, list);
  }
  const drop = new Set<ValueColumn>();
  for (const list of labelled.values()) {
    const wanted = a.ctx.period;
    const keep = wanted
      ? list.find((x) => x.period === wanted)
      : list.reduce((best, x) => (periodOrder(x.period!) > periodOrder(best.period!) ? x : best));
    for (const x of list) if (x !== keep) drop.add(x);
  }
  for (const x of drop) ignored.push(`${columnLetter(x.col)}「${x.period}」`);
  if (ignored.length > 0)
    a.notes.push(`工作表「${a.sheet}」:未导入的列(上年同期、同比、序号等):${ignored.join('、')}`);
  return columns.filter((x) => !drop.has(x));
}

type Classified =
  | { kind: 'skip' }
  | { kind: 'ignored'; label: string }
  | {
      kind: 'problem';
      row?: number;
      value: string;
      reason: string;
      /** Only a problem when the column holds values. */
      needsData: boolean;
    }
  | { kind: 'column'; column: Omit<ValueColumn, 'col'> };

function classify(
  header: ReadonlyArray<{ row: number; text: string }>,
  token: string | undefined,
  a: ColumnsInput,
): Classified {
  let unit: string | undefined;
  let growth = false;
  let period: string | undefined;
  const names: Array<{ row: number; text: string }> = [];
  // Bottom up: the sub-header says which of the indicator's columns this is.
  for (let i = header.length - 1; i >= 0; i--) {
    const h = header[i]!;
    const split = splitUnit(h.text);
    if (split.unit && unit === undefined) unit = split.unit;
    if (split.name === '') continue;
    const sub = subLabel(split.name);
    // A period may head the column at any level ("2026年1-9月" over all indicators).
    if (sub === 'period') {
      period ??= findPeriod(split.name) ?? undefined;
      continue;
    }
    if (names.length === 0) {
      if (sub === 'previous' || sub === 'ignore') return { kind: 'ignored', label: h.text };
      if (sub === 'growth') {
        growth = true;
        continue;
      }
      if (sub === 'current') continue;
    }
    names.unshift({ row: h.row, text: split.name });
  }

  let indicator: Indicator | undefined;
  let nameRow: number | undefined;
  if (token !== undefined) {
    indicator = a.ctx.byCode.get(token);
    if (!indicator)
      return {
        kind: 'problem',
        row: a.machine?.row,
        value: token,
        reason: `模板中的指标代码「${token}」不在指标目录中`,
        needsData: false,
      };
  } else {
    if (names.length === 0) {
      if (header.length === 0)
        return {
          kind: 'problem',
          value: '',
          reason: '此列有数值但没有表头,无法判断是哪个指标',
          needsData: true,
        };
      return { kind: 'ignored', label: header.map((h) => h.text).join('/') };
    }
    // The lowest name that fits decides; a group label above it ("财政") is only a heading.
    for (let i = names.length - 1; i >= 0 && !indicator; i--) {
      const n = names[i]!;
      const text = growth && !/增速|增长|增幅/.test(n.text) ? `${n.text}增速` : n.text;
      const hit = findIndicator(text, a.ctx);
      if (hit.kind === 'one') {
        if (i < names.length - 1) {
          // "粮食产量" over "计划数": we cannot tell which figure the column holds.
          const under = names[names.length - 1]!;
          return {
            kind: 'problem',
            row: under.row,
            value: under.text,
            reason: `无法判断「${n.text}」下的「${under.text}」列是哪一项:应为 本期、本年、上年同期 等`,
            needsData: true,
          };
        }
        indicator = hit.indicator;
        nameRow = n.row;
      } else if (hit.kind === 'several') {
        return {
          kind: 'problem',
          row: n.row,
          value: n.text,
          reason: `指标名称「${text}」对应多个指标(${hit.codes.join('、')}),请改用指标代码`,
          needsData: false,
        };
      }
    }
    if (!indicator) {
      const last = names[names.length - 1]!;
      if (isIgnorable(last.text)) return { kind: 'ignored', label: last.text };
      if (growth) return { kind: 'ignored', label: `${last.text}增速` };
      return {
        kind: 'problem',
        row: last.row,
        value: header.map((h) => h.text).join('/'),
        reason: `未知指标「${last.text}」:不在指标目录中(删除此列或改用指标代码)`,
        needsData: true,
      };
    }
  }

  // Units: the header's, else the sheet's "单位:万元" when it converts, else the indicator's.
  let factor = 1;
  let printedUnit = indicator.unit;
  const own = unit && !(growth && unit !== '%') ? unit : undefined;
  if (own) {
    const f = unitFactor(own, indicator.unit);
    if (f === null)
      return {
        kind: 'problem',
        row: nameRow ?? header[header.length - 1]?.row,
        value: header.map((h) => h.text).join('/'),
        reason: `单位「${own}」不能换算为指标「${indicator.name}」的单位「${indicator.unit}」`,
        needsData: false,
      };
    factor = f;
    printedUnit = own;
  } else if (a.defaultUnit && !growth) {
    const f = unitFactor(a.defaultUnit, indicator.unit);
    if (f !== null) {
      factor = f;
      printedUnit = a.defaultUnit;
    }
  }
  const column: Omit<ValueColumn, 'col'> = { indicator, factor, unit: printedUnit };
  if (period) column.period = period;
  return { kind: 'column', column };
}

function isIgnorable(text: string): boolean {
  return subLabel(text) === 'ignore' || labelKey(text) === '';
}

function columnHasData(ws: Worksheet, col: number, from: number): boolean {
  for (let r = from; r <= ws.rowCount; r++) {
    const t = cellText(ws.getRow(r).findCell(col));
    if (t !== '') return true;
  }
  return false;
}

function longLayout(
  top: TopRows,
  labels: Labels,
  codeCol: number | undefined,
  nameCol: number | undefined,
  ctx: Context,
  notes: string[],
  sheet: string,
): LongLayout | null {
  const indicatorCols: number[] = [];
  let periodCol: number | undefined;
  let valueCol: number | undefined;
  let unitCol: number | undefined;
  for (const [c, role] of labels.roles) {
    if (role === 'indicator') indicatorCols.push(c);
    else if (role === 'period') periodCol ??= c;
    else if (role === 'value') valueCol ??= c;
    else if (role === 'unit') unitCol ??= c;
  }
  if (indicatorCols.length === 0 || valueCol === undefined) return null;
  // The code column first: a code is exact, a name may need matching.
  indicatorCols.sort((x, y) => rank(top.text(labels.row, x)) - rank(top.text(labels.row, y)));
  let period: string | null = ctx.period ?? null;
  let source = ctx.period ? '所选期别' : '';
  if (periodCol === undefined && !period) {
    for (let r = 1; r < labels.row && !period; r++)
      for (const t of top.line(r)) {
        const p = t === '' ? null : findPeriod(t);
        if (p && !period) {
          period = p;
          source = `「${t}」`;
        }
      }
    if (!period) {
      const p = findPeriod(sheet);
      if (p) {
        period = p;
        source = `「${sheet}」`;
      }
    }
  }
  if (periodCol !== undefined && ctx.period)
    notes.push(`工作表「${sheet}」:期别取自「期别」列,所选期别 ${ctx.period} 只用于空白的期别`);
  const layout: LongLayout = {
    kind: 'long',
    indicatorCols,
    valueCol,
    dataStart: labels.row + 1,
    period,
    periodSource: source,
  };
  if (codeCol !== undefined) layout.codeCol = codeCol;
  if (nameCol !== undefined) layout.nameCol = nameCol;
  if (periodCol !== undefined) layout.periodCol = periodCol;
  if (unitCol !== undefined) layout.unitCol = unitCol;
  return layout;
}

function rank(label: string): number {
  const k = labelKey(label);
  return k.includes('代码') || k.includes('编码') || k === 'indicator' ? 0 : 1;
}
