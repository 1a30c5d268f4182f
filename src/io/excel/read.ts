import type { Row, Worksheet } from 'exceljs';
import { LeitaiError } from '../../core/errors/index.js';
import { valueProblem, type Indicator } from '../../core/indicators/index.js';
import { isPeriod } from '../../core/periods/index.js';
import type { Register } from '../../core/regions/index.js';
import {
  cellText,
  clean,
  columnLetter,
  isMergedSlave,
  plainValue,
  readValue,
  type Read,
} from './cells.js';
import { isNumberingRow } from './labels.js';
import {
  detectLayout,
  findIndicator,
  type Context,
  type LongLayout,
  type Problem,
  type WideLayout,
} from './layout.js';
import { hiddenTextProblem } from '../hidden-text.js';
import { openWorkbook } from './open.js';
import { findPeriod, periodOfCell } from './periods.js';
import { isNoteText, RegionNames, type RegionHit } from './region-names.js';
import { ADDITIVE_UNITS, isPercent, unitFactor } from './units.js';
import { formatNumber } from '../../core/numeric/index.js';

export interface CellRef {
  sheet: string;
  row: number;
  /** Column letter, e.g. 'D'. */
  column: string;
}

export interface ImportRow {
  region: string;
  indicator: string;
  period: string;
  value: number | null;
  at: CellRef;
}

export interface ImportProblem {
  sheet?: string;
  row?: number;
  column?: string;
  value?: string;
  reason: string;
}

export interface WorkbookRead {
  rows: ImportRow[];
  problems: ImportProblem[];
  notes: string[];
}

export interface ReadWorkbookOptions {
  /** Named in error messages. */
  file: string;
  /** The period of every sheet; else each sheet's title ("2026年1-9月") says it. */
  period?: string;
  register: Register;
  indicators: readonly Indicator[];
}

/** Sheets of instructions beside the data (our template's 填表说明 among them). */
const INSTRUCTIONS = /说明|须知|instruction|readme/i;

/**
 * Reads every county value of an xlsx workbook in the long layout (one value per row) or the
 * statistics office's wide layout (one row per county, one column per indicator, titles and
 * merged two-row headers above). Every problem is reported, none stops the reading; nothing is
 * written: the caller applies the rows only when `problems` is empty.
 */
export async function readWorkbook(
  data: Buffer | Uint8Array,
  opts: ReadWorkbookOptions,
): Promise<WorkbookRead> {
  const period = opts.period === undefined ? undefined : checkPeriod(opts.period);
  const wb = await openWorkbook(data, opts.file);
  const ctx: Context = {
    names: new RegionNames(opts.register),
    indicators: opts.indicators,
    byCode: new Map(opts.indicators.map((i) => [i.code, i])),
  };
  if (period) ctx.period = period;
  const out = new Collector();
  let recognised = 0;
  const skipped: string[] = [];
  for (const ws of wb.worksheets) {
    if (ws.state !== 'visible') {
      out.notes.push(`工作表「${ws.name}」为隐藏工作表,已跳过`);
      continue;
    }
    if (INSTRUCTIONS.test(ws.name)) {
      out.notes.push(`工作表「${ws.name}」为说明,已跳过`);
      continue;
    }
    const problems: Problem[] = [];
    const notes: string[] = [];
    const layout = detectLayout(ws, ctx, problems, notes);
    // A county list without a single indicator column (contacts, a roster) is not data.
    const empty = layout?.kind === 'wide' && layout.columns.length === 0 && problems.length === 0;
    if (!layout || empty) {
      if (ws.actualRowCount > 0) skipped.push(ws.name);
      continue;
    }
    recognised++;
    out.notes.push(...notes);
    for (const p of problems) out.problem(ws.name, p);
    hiddenInHeader(ws, layout.dataStart, out);
    const before = out.rows.length;
    if (layout.kind === 'wide') readWide(ws, layout, ctx, out);
    else readLong(ws, layout, ctx, out);
    const what = layout.kind === 'wide' ? `宽表,${layout.columns.length} 个指标列` : '长表';
    const when = layout.period ? `,期别 ${layout.period}(取自${layout.periodSource})` : '';
    out.notes.push(`工作表「${ws.name}」:${what}${when},读取 ${out.rows.length - before} 个数值`);
  }
  for (const name of skipped)
    out.notes.push(`工作表「${name}」没有可识别的县(市)数据表(缺少区划代码或县(市)列),已跳过`);
  if (recognised === 0) {
    const names = wb.worksheets.map((w) => `「${w.name}」`).join('、');
    throw new LeitaiError(
      'IMPORT_INVALID',
      wb.worksheets.length === 0
        ? `${opts.file}: 工作簿中没有工作表`
        : `${opts.file}: 没有可识别的数据表:工作表${names}中都找不到「区划代码」或「县(市)」列和指标列`,
      { file: opts.file, reason: 'no recognisable sheet' },
    );
  }
  if (out.rows.length === 0 && out.problems.length === 0) out.notes.push('未读到任何数值');
  const order = new Map(wb.worksheets.map((w, i) => [w.name, i]));
  out.problems.sort(
    (a, b) =>
      (order.get(a.sheet ?? '') ?? -1) - (order.get(b.sheet ?? '') ?? -1) ||
      (a.row ?? 0) - (b.row ?? 0) ||
      columnIndex(a.column) - columnIndex(b.column),
  );
  return { rows: out.rows, problems: out.problems, notes: out.notes };
}

/** Titles and headers name the period and the indicators: no hidden characters in them. */
function hiddenInHeader(ws: Worksheet, dataStart: number, out: Collector): void {
  for (let r = 1; r < dataStart; r++) {
    const row = ws.findRow(r);
    if (!row || !row.hasValues) continue;
    row.eachCell((cell, c) => {
      if (isMergedSlave(cell)) return;
      const text = cellText(cell);
      const hidden = hiddenTextProblem(text);
      if (hidden) out.at({ sheet: ws.name, row: r, column: columnLetter(c) }, text, hidden);
    });
  }
}

function checkPeriod(text: string): string {
  const p = isPeriod(text.trim()) ? text.trim() : findPeriod(text);
  if (p === null)
    throw new LeitaiError(
      'INPUT_INVALID',
      `无法识别的期别「${text}」:应为 2025、2026Q3 或 2026-09`,
      {
        value: text,
        reason: 'expected YYYY, YYYYQn or YYYY-MM',
      },
    );
  return p;
}

function columnIndex(letters: string | undefined): number {
  let n = 0;
  for (const ch of letters ?? '') n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/** One printed value of a 合计 row, checked against the counties' values below or above it. */
interface Total {
  key: string;
  indicator: Indicator;
  read: Extract<Read, { kind: 'number' }>;
  at: CellRef;
  /** A prefecture's row: the sum of its own counties. */
  of?: string;
}

/** A county's value as printed, for the 合计 check. */
interface Part {
  region: string;
  value: number;
  decimals: number;
}

class Collector {
  readonly rows: ImportRow[] = [];
  readonly problems: ImportProblem[] = [];
  readonly notes: string[] = [];
  private readonly seen = new Map<string, CellRef>();

  problem(sheet: string, p: Problem): void {
    this.problems.push({ sheet, ...p });
  }

  at(at: CellRef, value: string, reason: string): void {
    this.problems.push({ sheet: at.sheet, row: at.row, column: at.column, value, reason });
  }

  /**
   * Checks and keeps one value. Returns false when it has a problem. `factor` takes the printed
   * number to the indicator's unit; `unit` is the printed unit for messages.
   */
  value(
    ctx: Context,
    region: string,
    indicator: Indicator,
    period: string | null,
    read: Read,
    factor: number,
    unit: string,
    at: CellRef,
  ): boolean {
    if (read.kind === 'empty') return true;
    if (read.kind === 'bad') {
      this.at(at, read.text, read.reason);
      return false;
    }
    let value: number | null = null;
    if (read.kind === 'number') {
      if (read.percent && !isPercent(unit) && !isPercent(indicator.unit)) {
        this.at(at, read.text, `数值「${read.text}」是百分数,但此列单位为「${unit}」`);
        return false;
      }
      value = clean(read.value * factor);
      const county = ctx.names.get(region)?.level === 'county';
      const problem = valueProblem(indicator, value, { county });
      if (problem) {
        const converted = factor === 1 ? '' : `(折合 ${value}${indicator.unit})`;
        this.at(at, read.text, `数值「${read.text}」${converted}${problem}`);
        return false;
      }
    }
    if (period === null) return false;
    const key = `${region}\u0000${indicator.code}\u0000${period}`;
    const prior = this.seen.get(key);
    if (prior) {
      const where =
        prior.sheet === at.sheet
          ? `${prior.column}${prior.row}`
          : `「${prior.sheet}」${prior.column}${prior.row}`;
      this.at(
        at,
        read.text,
        `与 ${where} 重复:${ctx.names.get(region)?.name ?? ''}(${region})的「${indicator.name}」${period} 出现两次`,
      );
      return false;
    }
    this.seen.set(key, at);
    this.rows.push({ region, indicator: indicator.code, period, value, at });
    return true;
  }

  /** Compares each printed 合计 with the sum of the county values it covers. */
  checkTotals(ctx: Context, totals: Total[], parts: Map<string, Part[]>): number {
    let checked = 0;
    for (const t of totals) {
      if (!ADDITIVE_UNITS.has(t.indicator.unit) || t.indicator.aggregate.method !== 'sum') continue;
      const all = parts.get(t.key) ?? [];
      const list = t.of ? all.filter((p) => ctx.names.get(p.region)?.parent === t.of) : all;
      if (list.length === 0) continue;
      checked++;
      let sum = 0;
      // Each printed figure may be off by half its last digit: the total and every part.
      // Counts (户, 个, 项) are exact.
      const exact = COUNT_UNITS.has(t.indicator.unit);
      let slack = exact ? 0 : half(t.read.decimals);
      let decimals = t.read.decimals;
      for (const p of list) {
        sum += p.value;
        if (!exact) slack += half(p.decimals);
        decimals = Math.max(decimals, p.decimals);
      }
      sum = clean(sum);
      const diff = Math.abs(t.read.value - sum);
      if (diff > slack + 1e-9 * Math.max(1, Math.abs(sum))) {
        const shown = Math.min(decimals, 6);
        this.at(
          t.at,
          t.read.text,
          `合计 ${t.read.text} 与各县(市)之和 ${formatNumber(sum, shown)} 不符(相差 ${formatNumber(diff, shown)},指标「${t.indicator.name}」)`,
        );
      }
    }
    return checked;
  }
}

function total(
  key: string,
  indicator: Indicator,
  read: Extract<Read, { kind: 'number' }>,
  at: CellRef,
  of: string | undefined,
): Total {
  return of === undefined ? { key, indicator, read, at } : { key, indicator, read, at, of };
}

const COUNT_UNITS = new Set(['户', '个', '项']);

function half(decimals: number): number {
  return 0.5 * 10 ** -decimals;
}

/** The county of a row from its code cell and name cell; they must agree when both are filled. */
function rowRegion(
  row: Row,
  codeCol: number | undefined,
  nameCol: number | undefined,
  ctx: Context,
): { hit: RegionHit; col: number; text: string; byNameOnly?: string } {
  const codeText = codeCol === undefined ? '' : cellText(row.findCell(codeCol));
  const nameText = nameCol === undefined ? '' : cellText(row.findCell(nameCol));
  for (const [col, text] of [
    [codeCol, codeText],
    [nameCol, nameText],
  ] as const) {
    const hidden = hiddenTextProblem(text);
    if (hidden && col !== undefined) return { hit: { kind: 'unknown', reason: hidden }, col, text };
  }
  const byCode = codeText === '' ? undefined : ctx.names.resolve(codeText);
  const byName = nameText === '' ? undefined : ctx.names.resolve(nameText);
  if (byCode && codeCol !== undefined) {
    if (
      byCode.kind === 'region' &&
      byName?.kind === 'region' &&
      byName.code !== byCode.code &&
      nameCol !== undefined
    ) {
      const official = ctx.names.get(byCode.code)?.name ?? '';
      return {
        hit: {
          kind: 'unknown',
          reason: `区划代码 ${byCode.code}(${official})与名称「${nameText}」不一致`,
        },
        col: nameCol,
        text: nameText,
      };
    }
    // An outdated or mistyped code beside a known name: the name decides, and a note says so.
    if (byCode.kind === 'unknown' && byName && byName.kind !== 'unknown' && byName.kind !== 'none')
      return { hit: byName, col: nameCol!, text: nameText, byNameOnly: codeText };
    return { hit: byCode, col: codeCol, text: codeText };
  }
  if (byName && nameCol !== undefined) return { hit: byName, col: nameCol, text: nameText };
  return { hit: { kind: 'none' }, col: codeCol ?? nameCol ?? 1, text: '' };
}

function finish(
  ctx: Context,
  out: Collector,
  sheet: string,
  totals: Total[],
  parts: Map<string, Part[]>,
  byName: string[],
): void {
  const checked = out.checkTotals(ctx, totals, parts);
  if (checked > 0) out.notes.push(`工作表「${sheet}」:合计行已与各县(市)之和核对(${checked} 项)`);
  if (byName.length > 0)
    out.notes.push(
      `工作表「${sheet}」:区划代码不在名录中、按名称识别县(市)的行:${byName.slice(0, 20).join('、')}${byName.length > 20 ? ` 等 ${byName.length} 行` : ''}`,
    );
}

/**
 * The period a row's own period cell gives: undefined when the cell is empty, false (after
 * reporting it) when it cannot be read.
 */
function rowPeriod(
  row: Row,
  col: number,
  sheet: string,
  r: number,
  out: Collector,
): string | undefined | false {
  const cell = row.findCell(col);
  const text = cellText(cell);
  if (text === '') return undefined;
  const hidden = hiddenTextProblem(text);
  if (hidden) {
    out.at({ sheet, row: r, column: columnLetter(col) }, text, hidden);
    return false;
  }
  const p = periodOfCell(plainValue(cell?.value ?? null));
  if (p !== null) return p;
  out.at(
    { sheet, row: r, column: columnLetter(col) },
    text,
    `期别「${text}」无法识别:应为 2025、2026Q3、2026-09 或「2026年1-9月」`,
  );
  return false;
}

/** Rows to pass over silently: empty, column numbers, footnotes. */
function isFiller(ws: Worksheet, row: Row): boolean {
  const texts: string[] = [];
  for (let c = 1; c <= Math.min(ws.columnCount, 60); c++) texts.push(cellText(row.findCell(c)));
  return isNumberingRow(texts);
}

function readWide(ws: Worksheet, layout: WideLayout, ctx: Context, out: Collector): void {
  const sheet = ws.name;
  const totals: Total[] = [];
  const parts = new Map<string, Part[]>();
  const letters = layout.columns.map((c) => columnLetter(c.col));
  const periodOf = layout.columns.map((c) => c.period ?? layout.period);
  const byName: string[] = [];
  if (
    layout.periodCol === undefined &&
    layout.columns.length > 0 &&
    periodOf.some((p) => p === null)
  )
    out.problem(sheet, {
      reason: '无法确定期别:标题中没有「2026年1-9月」这样的期别,请在标题中写明或在上传时选择期别',
    });
  const last = ws.rowCount;
  for (let r = layout.dataStart; r <= last; r++) {
    if (r === layout.machineRow) continue;
    const row = ws.findRow(r);
    if (!row || !row.hasValues) continue;
    const reads = layout.columns.map((c) => readValue(row.findCell(c.col)));
    if (reads.every((x) => x.kind === 'empty')) continue;
    const { hit, col, text, byNameOnly } = rowRegion(row, layout.codeCol, layout.nameCol, ctx);
    if (byNameOnly !== undefined) byName.push(`第${r}行「${byNameOnly}」`);
    if (hit.kind === 'subtotal') continue;
    if (hit.kind === 'none' || hit.kind === 'unknown') {
      if (hit.kind === 'unknown' && isNoteText(text)) continue;
      if (hit.kind === 'none' && isFiller(ws, row)) continue;
      const reason = hit.kind === 'unknown' ? hit.reason : '此行有数值但没有县(市)名称或区划代码';
      out.at({ sheet, row: r, column: columnLetter(col) }, text, reason);
      continue;
    }
    const own =
      layout.periodCol === undefined ? undefined : rowPeriod(row, layout.periodCol, sheet, r, out);
    if (own === false) continue;
    let missing = false;
    layout.columns.forEach((c, i) => {
      const read = reads[i]!;
      const at: CellRef = { sheet, row: r, column: letters[i]! };
      const period = own ?? periodOf[i] ?? null;
      if (period === null && layout.periodCol !== undefined && !missing && read.kind !== 'empty') {
        missing = true;
        out.at({ sheet, row: r, column: columnLetter(layout.periodCol) }, '', '缺少期别');
      }
      const key = `${c.indicator.code}\u0000${period ?? ''}\u0000${c.col}`;
      if (hit.kind === 'total') {
        if (read.kind === 'number') totals.push(total(key, c.indicator, read, at, hit.of));
        else if (read.kind === 'bad') out.at(at, read.text, read.reason);
        return;
      }
      const ok = out.value(ctx, hit.code, c.indicator, period, read, c.factor, c.unit, at);
      if (ok && read.kind === 'number') {
        const list = parts.get(key) ?? [];
        list.push({ region: hit.code, value: read.value, decimals: read.decimals });
        parts.set(key, list);
      }
    });
  }
  finish(ctx, out, sheet, totals, parts, byName);
}

function readLong(ws: Worksheet, layout: LongLayout, ctx: Context, out: Collector): void {
  const sheet = ws.name;
  const totals: Total[] = [];
  const parts = new Map<string, Part[]>();
  const valueLetter = columnLetter(layout.valueCol);
  const byName: string[] = [];
  let missingPeriod = false;
  for (let r = layout.dataStart; r <= ws.rowCount; r++) {
    const row = ws.findRow(r);
    if (!row || !row.hasValues) continue;
    const read = readValue(row.findCell(layout.valueCol));
    let indicatorText = '';
    let indicatorCol = layout.indicatorCols[0]!;
    for (const c of layout.indicatorCols) {
      const t = cellText(row.findCell(c));
      if (t !== '') {
        indicatorText = t;
        indicatorCol = c;
        break;
      }
    }
    const { hit, col, text, byNameOnly } = rowRegion(row, layout.codeCol, layout.nameCol, ctx);
    if (byNameOnly !== undefined) byName.push(`第${r}行「${byNameOnly}」`);
    if (read.kind === 'empty' && indicatorText === '') {
      if (hit.kind === 'none' || isNoteText(text) || hit.kind === 'unknown') continue;
    }
    if (hit.kind === 'subtotal') continue;
    if (hit.kind === 'unknown' && isNoteText(text) && read.kind === 'empty') continue;
    const at: CellRef = { sheet, row: r, column: valueLetter };
    let bad = false;
    if (hit.kind === 'none' || hit.kind === 'unknown') {
      const reason = hit.kind === 'unknown' ? hit.reason : '缺少县(市)名称或区划代码';
      out.at({ sheet, row: r, column: columnLetter(col) }, text, reason);
      bad = true;
    }
    let indicator: Indicator | undefined;
    const ind = findIndicator(indicatorText, ctx);
    const hiddenInName = hiddenTextProblem(indicatorText);
    if (hiddenInName) {
      out.at({ sheet, row: r, column: columnLetter(indicatorCol) }, indicatorText, hiddenInName);
      bad = true;
    } else if (ind.kind === 'one') indicator = ind.indicator;
    else {
      const reason =
        indicatorText === ''
          ? '缺少指标'
          : ind.kind === 'several'
            ? `指标名称「${indicatorText}」对应多个指标(${ind.codes.join('、')}),请改用指标代码`
            : `未知指标「${indicatorText}」:不在指标目录中`;
      out.at({ sheet, row: r, column: columnLetter(indicatorCol) }, indicatorText, reason);
      bad = true;
    }
    let period = layout.period;
    if (layout.periodCol !== undefined) {
      const cell = row.findCell(layout.periodCol);
      const raw = plainValue(cell?.value ?? null);
      const t = cellText(cell);
      const hidden = hiddenTextProblem(t);
      if (hidden) {
        out.at({ sheet, row: r, column: columnLetter(layout.periodCol) }, t, hidden);
        bad = true;
      } else if (t !== '') {
        period = periodOfCell(raw);
        if (period === null) {
          out.at(
            { sheet, row: r, column: columnLetter(layout.periodCol) },
            t,
            `期别「${t}」无法识别:应为 2025、2026Q3、2026-09 或「2026年1-9月」`,
          );
          bad = true;
        }
      } else if (period === null) {
        out.at({ sheet, row: r, column: columnLetter(layout.periodCol) }, '', '缺少期别');
        bad = true;
      }
    } else if (period === null && !missingPeriod) {
      missingPeriod = true;
      out.problem(sheet, {
        reason: '无法确定期别:表中没有「期别」列,标题中也没有,请在上传时选择期别',
      });
    }
    let factor = 1;
    let unit = indicator?.unit ?? '';
    if (layout.unitCol !== undefined && indicator) {
      const u = cellText(row.findCell(layout.unitCol));
      if (u !== '') {
        const f = unitFactor(u, indicator.unit);
        if (f === null) {
          out.at(
            { sheet, row: r, column: columnLetter(layout.unitCol) },
            u,
            `单位「${u}」不能换算为指标「${indicator.name}」的单位「${indicator.unit}」`,
          );
          bad = true;
        } else {
          factor = f;
          unit = u;
        }
      }
    }
    if (bad || !indicator) {
      if (read.kind === 'bad') out.at(at, read.text, read.reason);
      continue;
    }
    const key = `${indicator.code}\u0000${period ?? ''}\u0000${unit}`;
    if (hit.kind === 'total') {
      if (read.kind === 'number') totals.push(total(key, indicator, read, at, hit.of));
      else if (read.kind === 'bad') out.at(at, read.text, read.reason);
      continue;
    }
    if (hit.kind !== 'region') continue;
    // A long row is one explicit record: an empty value is a missing one, as in the CSV.
    const value: Read = read.kind === 'empty' ? { kind: 'missing', text: '' } : read;
    const ok = out.value(ctx, hit.code, indicator, period, value, factor, unit, at);
    if (ok && read.kind === 'number') {
      const list = parts.get(key) ?? [];
      list.push({ region: hit.code, value: read.value, decimals: read.decimals });
      parts.set(key, list);
    }
  }
  finish(ctx, out, sheet, totals, parts, byName);
}
