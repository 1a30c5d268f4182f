import { LeitaiError } from '../errors/index.js';
import type { Indicator } from '../indicators/index.js';
import { indicatorCandidates, toHalfWidth } from '../indicators/match.js';
import { parseTarget } from '../targets/index.js';
import { refResolver } from './prepare.js';
import { planSchema, type IndicatorDef, type Plan, type PlanFile, type PlanTarget } from './schema.js';
import type { FiveYearColumn } from './table-columns.js';
import { findHeader, headerKey, type GridProblem, type Header } from './table-header.js';
import { guessIndicator, isUnit, normaliseUnit } from './table-guess.js';

export type { GridProblem };

/**
 * Reads a five-year plan's indicator table (类别 | 指标 | 2020年 | 2025年 | 年均增长 | 属性), given
 * as rows of cells (tab-separated text, CSV, or a sheet whose merged cells repeat their value),
 * into a whole plan. Pure: the caller reads the file. Every problem names row and column.
 */

export interface FiveYearOptions {
  /** The plan's region (6-digit code). */
  region: string;
  id?: string;
  title?: string;
  /** Where the table comes from (the file name), kept in `source`. */
  source: string;
  indicators: readonly Indicator[];
}

export interface FiveYearResult {
  /** Null when there are problems: nothing may be written. */
  plan: Plan | null;
  /** Plan-local indicators guessed from names and units (also in `plan.indicators`). */
  guessed: IndicatorDef[];
  /** What the user should look at that does not stop the import (manual judgements …). */
  notices: GridProblem[];
  problems: GridProblem[];
}

const NO_VALUE = /^[—–\-－―/／]+$/;
const FOOTNOTE = /^(注|说明|备注|资料来源|数据来源)\s*\d*\s*[:：]|^[*※]/;
const SECTION_ROW = /^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十]+[)）])\s*(.+)$/;
const COUNT_SUFFIX = /\s*[(（]\s*\d+\s*[个项类]?\s*[)）]\s*$/;
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const SUB_PREFIX = /^(?:其中\s*[:：]?|[—–·•]+)\s*/;
const SENTENCE = /[。；;，,]/;

function clean(cell: string | undefined): string {
  return (cell ?? '').replace(/<[^>]*>/g, '').replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
}

/** "7. 城镇化率" / "(7)城镇化率" / "⑦城镇化率" → 7 and the name. */
export function splitNumber(name: string): { no: number | undefined; name: string } {
  const s = toHalfWidth(name);
  const m = /^(\d+)\s*[.、]\s*(\D.*)$/.exec(s) ?? /^\((\d+)\)\s*(.+)$/.exec(s);
  if (m?.[1] && m[2]) return { no: Number(m[1]), name: clean(name.slice(name.length - m[2].length)) };
  const circled = CIRCLED.indexOf(name.charAt(0));
  if (circled >= 0) return { no: circled + 1, name: clean(name.slice(1)) };
  return { no: undefined, name };
}

/** "地区生产总值(亿元)" → the name and the bracketed text at its end, if any. */
function splitBrackets(cell: string): { name: string; bracket: string | null } {
  const m = /^(.*?)\s*[(（]([^()（）]*)[)）]$/.exec(cell);
  if (!m?.[1] || m[2] === undefined) return { name: cell, bracket: null };
  return { name: m[1], bracket: clean(m[2]) };
}

/** "经济发展 (6个)" → "经济发展"; "一、经济发展" → "经济发展". */
function sectionName(cell: string): string {
  const s = clean(cell).replace(COUNT_SUFFIX, '');
  return clean(SECTION_ROW.exec(s)?.[1] ?? s);
}

/** A baseline as printed: a number (also [X], 5.2%), null for —, undefined when unreadable. */
function parseValue(printed: string): number | null | undefined {
  // A trailing * or ※ marks a footnote (60.6*), not part of the value.
  const s = toHalfWidth(printed).replace(/[,\s%]|[*※]+$/g, '');
  if (NO_VALUE.test(s)) return null;
  const m = /^\[?(-?\d+(?:\.\d+)?)\]?$/.exec(s);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

/** The column index of each single-valued role. */
function indexOf(columns: FiveYearColumn[], role: FiveYearColumn['role']): number {
  return columns.findIndex((c) => c.role === role);
}

const VALUE_ROLES = new Set(['baseline', 'target', 'annual', 'cumulative']);

/** The indicator a row names, before its targets are read. */
interface Parent {
  name: string;
  unit: string | null;
  no: number | undefined;
  hasValues: boolean;
}

class Reader {
  readonly problems: GridProblem[] = [];
  readonly notices: GridProblem[] = [];
  readonly targets: PlanTarget[] = [];
  readonly guessed: IndicatorDef[] = [];
  readonly sections: string[] = [];
  private section: string | undefined;
  private parent: Parent | undefined;
  private readonly all: Indicator[];
  private readonly col: Record<'no' | 'category' | 'name' | 'sub' | 'unit' | 'attribute' | 'departments' | 'baseline', number>;
  readonly end: number;
  readonly base: number | undefined;

  constructor(
    private readonly header: Header,
    private readonly opts: FiveYearOptions,
  ) {
    const c = header.columns;
    this.col = {
      no: indexOf(c, 'no'),
      category: indexOf(c, 'category'),
      name: indexOf(c, 'name'),
      sub: indexOf(c, 'sub'),
      unit: indexOf(c, 'unit'),
      attribute: indexOf(c, 'attribute'),
      departments: indexOf(c, 'departments'),
      baseline: indexOf(c, 'baseline'),
    };
    this.all = [...opts.indicators];
    const years = c.flatMap((x) => (x.role === 'target' && x.year !== null ? [x.year] : []));
    this.end = Math.max(...years);
    const b = c[this.col.baseline];
    this.base = b?.role === 'baseline' ? b.year : undefined;
  }

  problem(row: number, column: number | null, reason: string): void {
    const label = column === null ? '' : (this.header.labels[column] ?? '');
    this.problems.push({ row: row + 1, column: column === null ? null : column + 1, label, reason });
  }

  notice(row: number, column: number, reason: string): void {
    this.notices.push({ row: row + 1, column: column + 1, label: this.header.labels[column] ?? '', reason });
  }

  private setSection(printed: string): void {
    this.section = sectionName(printed);
    if (this.section !== '' && !this.sections.includes(this.section)) this.sections.push(this.section);
  }

  read(i: number, raw: string[]): void {
    // Short rows (trailing empty cells left off) are padded to the header's width.
    const cells = Array.from({ length: Math.max(raw.length, this.header.columns.length) }, (_, j) =>
      clean(raw[j]),
    );
    const filled = cells.filter((c) => c !== '');
    if (filled.length === 0 || FOOTNOTE.test(filled[0] ?? '')) return;
    // A table printed over several pages repeats its header.
    if (this.header.printed.includes(headerKey(raw))) return;
    const width = this.header.columns.length;
    if (cells.slice(width).some((c) => c !== '')) {
      this.problem(i, width, `单元格多于表头的 ${width} 列,不是表格行 (more cells than the header has columns)`);
      return;
    }
    const { category, name: nameAt } = this.col;
    if (category >= 0 && cells[category] !== '') this.setSection(cells[category] ?? '');
    const others = cells.map((c, j) => (j === category ? '' : c));
    const rest = others.filter((c) => c !== '');
    if (rest.length === 0) return;
    const hasValues = this.header.columns.some((c, j) => VALUE_ROLES.has(c.role) && cells[j] !== '');
    if (rest.length === 1 && !hasValues && (SECTION_ROW.test(rest[0]!) || COUNT_SUFFIX.test(rest[0]!))) {
      this.setSection(rest[0]!);
      this.parent = undefined;
      return;
    }
    const at = others.findIndex((c) => c !== '');
    if (rest.length === 1 && !hasValues && (at !== nameAt || SENTENCE.test(rest[0]!))) {
      this.problem(i, at, `「${rest[0]}」不是表格行:既非指标行、类别行,也不是以「注:」开头的注释 (not a table row)`);
      return;
    }
    this.row(i, raw, cells, hasValues);
  }

  private row(i: number, raw: string[], cells: string[], hasValues: boolean): void {
    const { name: nameAt, sub: subAt, no: noAt } = this.col;
    const printedNo = noAt >= 0 ? toHalfWidth(cells[noAt] ?? '') : '';
    if (printedNo !== '' && !/^\d+$/.test(printedNo)) {
      this.problem(i, noAt, `序号「${printedNo}」不是整数 (not a whole number)`);
      return;
    }
    const nameCell = cells[nameAt] ?? '';
    const subCell = subAt >= 0 ? (cells[subAt] ?? '') : '';
    const numbered = splitNumber(nameCell.replace(SUB_PREFIX, ''));
    const no = numbered.no ?? (printedNo === '' ? undefined : Number(printedNo));
    const parent = this.parent;
    const indented = /^[\s\u3000]/.test(raw[nameAt] ?? '') || SUB_PREFIX.test(nameCell);
    let sub: string | null = null;
    if (subCell !== '') sub = subCell;
    else if (parent && no === undefined && nameCell !== '') {
      const short = splitBrackets(nameCell).bracket === null && nameCell.length <= 4;
      if (indented || (!parent.hasValues && (parent.no !== undefined || short))) sub = numbered.name;
    }
    if (nameCell === '' && sub === null) {
      this.problem(i, nameAt, '缺少指标名称 (missing indicator name)');
      return;
    }
    if (sub !== null) {
      const base = subCell !== '' && nameCell !== '' ? this.named(i, nameCell, cells) : parent;
      if (!base) {
        this.problem(i, nameAt, `「${sub}」是分项,但上方没有所属指标 (a sub-row without its indicator)`);
        return;
      }
      const own = this.unitOf(i, sub.replace(SUB_PREFIX, ''), cells);
      if (!own) return;
      const name = `${base.name}(${own.name})`;
      const unit = own.unit ?? base.unit;
      const alt = [`${own.name}${base.name}`, `${base.name}${own.name}`];
      this.emit(i, cells, { name, unit, no: no ?? base.no, match: alt });
      return;
    }
    const named = this.named(i, numbered.name, cells, no);
    if (!named) return;
    this.parent = { ...named, hasValues };
    this.emit(i, cells, { name: named.name, unit: named.unit, no, match: [named.name] });
  }

  /** Name and printed unit of a name cell (unit column first, then brackets); null on a problem. */
  private named(i: number, printed: string, cells: string[], no?: number): Parent | null {
    const numbered = splitNumber(printed);
    const r = this.unitOf(i, numbered.name, cells);
    return r ? { name: r.name, unit: r.unit, no: no ?? numbered.no, hasValues: false } : null;
  }

  private unitOf(i: number, printed: string, cells: string[]): { name: string; unit: string | null } | null {
    const { unit: unitAt, name: nameAt } = this.col;
    const { name, bracket } = splitBrackets(printed);
    const column = unitAt >= 0 ? (cells[unitAt] ?? '') : '';
    if (column !== '') {
      if (!isUnit(column)) {
        this.problem(i, unitAt, `单位「${column}」无法识别 (unreadable unit)`);
        return null;
      }
      return { name: bracket !== null && isUnit(bracket) ? name : printed, unit: normaliseUnit(column) };
    }
    if (bracket === null) return { name: printed, unit: null };
    if (!isUnit(bracket)) {
      this.problem(i, nameAt, `「${printed}」括号中的「${bracket}」不是可识别的单位 (unreadable unit)`);
      return null;
    }
    return { name, unit: normaliseUnit(bracket) };
  }

  private emit(
    i: number,
    cells: string[],
    row: { name: string; unit: string | null; no: number | undefined; match: string[] },
  ): void {
    const phrases = this.phrases(cells);
    // A row without targets (a parent of 城镇 / 农村 rows, all empty) needs no indicator.
    if (phrases.length === 0) return;
    const found = this.code(i, row.match, row.unit);
    const unit = row.unit ?? found?.unit ?? null;
    if (unit === null) {
      this.problem(i, this.col.name, `「${row.name}」没有单位:请在名称后的括号中或「单位」列写明,如 (亿元) (no unit)`);
      return;
    }
    const shared = this.shared(i, cells);
    if (!shared) return;
    const def = found ?? this.local(row.name, unit);
    const targets: PlanTarget[] = [];
    for (const { column, year, phrase } of phrases) {
      const target: PlanTarget = {
        table: 'province',
        ...(row.no === undefined ? {} : { no: row.no }),
        indicator: def.code,
        name: row.name,
        unit,
        ...(this.section ? { section: this.section } : {}),
        scope: 'province',
        year,
        phrase,
        ...shared,
      };
      const judged = this.judge(i, column, target, def);
      if (judged === null) return;
      targets.push(judged);
    }
    if (targets.length > 0 && !found && !this.guessed.includes(def)) this.guessed.push(def);
    this.targets.push(...targets);
  }

  /** Baseline, attribute and departments of a row; null on a problem. */
  private shared(i: number, cells: string[]): Pick<PlanTarget, 'baseline' | 'attribute' | 'departments'> | null {
    const { baseline: b, attribute: a, departments: d } = this.col;
    const out: Pick<PlanTarget, 'baseline' | 'attribute' | 'departments'> = { departments: [] };
    const printed = b >= 0 ? (cells[b] ?? '') : '';
    if (printed !== '' && this.base !== undefined) {
      const value = parseValue(printed);
      if (value === undefined) {
        this.problem(i, b, `基期值「${printed}」不是数字或 — (not a number)`);
        return null;
      }
      out.baseline = { year: this.base, value, printed };
    }
    const attr = a >= 0 ? (cells[a] ?? '') : '';
    if (/约束/.test(attr)) out.attribute = 'binding';
    else if (/预期/.test(attr)) out.attribute = 'expected';
    else if (attr !== '' && !NO_VALUE.test(attr)) {
      this.problem(i, a, `属性「${attr}」应为 约束性 或 预期性 (expected 约束性 or 预期性)`);
      return null;
    }
    if (d >= 0) out.departments = (cells[d] ?? '').split(/[\s\u3000、，,]+/).filter((x) => x !== '');
    return out;
  }

  /** Every printed target of the row: year columns, then 年均增长, then 累计. */
  private phrases(cells: string[]): { column: number; year: number; phrase: string }[] {
    const out: { column: number; year: number; phrase: string }[] = [];
    this.header.columns.forEach((c, j) => {
      const cell = cells[j] ?? '';
      if (cell === '' || NO_VALUE.test(toHalfWidth(cell))) return;
      if (c.role === 'target' && c.year !== null) out.push({ column: j, year: c.year, phrase: cell });
      if (c.role === 'annual') out.push({ column: j, year: this.end, phrase: annualPhrase(cell) });
      if (c.role === 'cumulative')
        out.push({ column: j, year: this.end, phrase: /^[[【]/.test(cell) ? cell : `[${cell}]` });
    });
    return out;
  }

  /**
   * A phrase the parser cannot read: without any digit (达到上级要求, 实现突破) it is offered to
   * the department as a manual judgement; with digits it is a mistyped number, a problem.
   */
  private judge(i: number, column: number, t: PlanTarget, def: Indicator): PlanTarget | null {
    try {
      parseTarget(t.phrase, { unit: t.unit, indicatorKind: def.kind, resolveRef: refResolver(this.all) });
      return t;
    } catch (e) {
      if (!(e instanceof LeitaiError)) throw e;
      if (/\d/.test(toHalfWidth(t.phrase))) {
        this.problem(i, column, `「${t.phrase}」无法解读:${e.message}`);
        return null;
      }
      this.notice(i, column, `「${t.phrase}」不是可计算的目标表述,已标为由责任部门人工评定 (judgement: manual)`);
      return { ...t, judgement: 'manual' };
    }
  }

  /** The catalogue indicator the row names, if exactly one fits with the same unit. */
  private code(i: number, names: string[], unit: string | null): Indicator | null {
    for (const name of names) {
      const codes = indicatorCandidates(name, this.opts.indicators);
      if (codes.length === 0) continue;
      const def = this.opts.indicators.find((d) => d.code === codes[0]);
      if (codes.length > 1 || !def) {
        this.notice(i, this.col.name, `「${name}」可对应 ${codes.join('、')},按本计划自有指标处理 (ambiguous)`);
        return null;
      }
      if (unit === null || unit === def.unit || (unit === '个百分点' && def.unit === '%')) return def;
      this.notice(i, this.col.name, `「${name}」的单位 ${unit} 与目录指标 ${def.code} 的 ${def.unit} 不同,按本计划自有指标处理`);
      return null;
    }
    return null;
  }

  private local(name: string, unit: string): Indicator {
    const known = this.all.find((d) => d.name === name && d.unit === unit && this.guessed.includes(d as IndicatorDef));
    if (known) return known;
    const taken = new Set(this.all.map((d) => d.code));
    let n = 1;
    while (taken.has(`local_${n}`)) n++;
    const def = guessIndicator(`local_${n}`, name, unit);
    this.all.push(def);
    return def;
  }
}

/**
 * 年均增长 cells print the number alone ("6.5", "6.5%", ">6"): the phrase names 年均增长. Any
 * other cell of the column (a 年均/累计 column's [13.5], 高于GDP增长) is a phrase as printed.
 */
function annualPhrase(cell: string): string {
  const s = toHalfWidth(cell).replace(/\s+/g, '');
  const m = /^(>|≥|>=)?(\d+(?:\.\d+)?%?(?:以上|左右)?)$/.exec(s);
  if (!m?.[2]) return cell; // 年均增长6, [13.5], <5.5, 高于GDP增长: phrases of their own
  return m[1] && !/以上|左右$/.test(m[2]) ? `年均增长${m[2]}以上` : `年均增长${m[2]}`;
}

export function importFiveYearTable(rows: string[][], opts: FiveYearOptions): FiveYearResult {
  const problems: GridProblem[] = [];
  const header = findHeader(rows, problems);
  if (!header || problems.length > 0) return { plan: null, guessed: [], notices: [], problems };
  const reader = new Reader(header, opts);
  for (let i = header.last + 1; i < rows.length; i++) reader.read(i, rows[i] ?? []);
  const { notices, guessed } = reader;
  if (reader.base !== undefined && reader.base >= reader.end)
    reader.problem(header.last, null, `基期 ${reader.base} 年不早于目标年 ${reader.end} 年 (base year not before the end year)`);
  if (reader.problems.length > 0) return { plan: null, guessed, notices, problems: reader.problems };
  const plan = buildPlan(reader, opts);
  const parsed = planSchema.safeParse(plan);
  if (parsed.success) return { plan: parsed.data, guessed, notices, problems: [] };
  const schemaProblems = parsed.error.issues.map((issue) => ({
    row: 0,
    column: null,
    label: issue.path.map(String).join('.'),
    reason: `计划字段「${issue.path.map(String).join('.')}」无效:${issue.message}`,
  }));
  return { plan: null, guessed, notices, problems: schemaProblems };
}

/** The plan as its file names it: `region`, from which the schema gives `province`. */
function buildPlan(reader: Reader, opts: FiveYearOptions): PlanFile {
  // Years from the header: the base year's next year to the end year; without a base, five years.
  const start = reader.base === undefined ? reader.end - 4 : reader.base + 1;
  return {
    id: opts.id ?? `plan-${opts.region}-${start}-${reader.end}`,
    title: opts.title ?? `${start}—${reader.end}年规划主要指标`,
    issuer: '—',
    issued: String(start),
    period: { start, end: reader.end },
    source: opts.source,
    region: opts.region,
    countyScope: { kinds: ['县', '自治县', '县级市'] },
    ...(reader.sections.length > 0 ? { sections: reader.sections } : {}),
    ...(reader.guessed.length > 0 ? { indicators: reader.guessed } : {}),
    targets: reader.targets,
    categories: [],
    tasks: [],
  };
}
