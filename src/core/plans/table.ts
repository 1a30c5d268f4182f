import type { Indicator } from '../indicators/index.js';
import { indicatorCandidates, toHalfWidth } from '../indicators/match.js';
import type { PlanTarget } from './schema.js';
import { fiveYearPlanEnd } from './table-columns.js';

/**
 * Reads a plan's indicator table pasted as printed (tab-separated, one row a line, as in the
 * seeds' 附件1 / 附件2) into plan targets. Pure: the caller reads the file. Every line that is
 * part of the table either becomes targets or a problem naming the line; nothing is guessed.
 */

export interface TableProblem {
  /** 1-based line in `text`. */
  line: number;
  text: string;
  reason: string;
}

export interface TableOptions {
  /** 附件1 (the province row) or 附件2 (every county). */
  scope: 'province' | 'county';
  indicators: readonly Indicator[];
  /** The year of a target column whose header prints none ("目标"); also picks the main column. */
  year?: number;
  /** Category names of the personalised row (工业县 …); defaults to the SPEC §8 four. */
  categories?: readonly { code: string; name: string }[];
}

export interface TableResult {
  targets: PlanTarget[];
  /** The 1-based line each target was read from (same order as `targets`). */
  lines: number[];
  problems: TableProblem[];
}

const DEFAULT_CATEGORIES = [
  { code: 'industrial', name: '工业县' },
  { code: 'agricultural', name: '农业县' },
  { code: 'tourism', name: '旅游县' },
  { code: 'ecological', name: '生态县' },
];

type Column =
  | { role: 'no' }
  | { role: 'name' }
  | { role: 'baseline'; year: number | null; label: string }
  | { role: 'target'; year: number | null; label: string; explicit: boolean }
  | { role: 'departments' }
  | { role: 'unknown'; label: string };

const NO_VALUE = /^[—–\-－―/／]+$/;
const SECTION = /^[一二三四五六七八九十]+[、.．]\s*(.+)$/;
const CIRCLED = /[\u2460-\u2473]/;

/** Trim including ideographic spaces and drop markup such as <b>. */
function clean(cell: string): string {
  return cell.replace(/<[^>]*>/g, '').replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
}

function compact(cell: string): string {
  return toHalfWidth(clean(cell)).replace(/\s+/g, '');
}

function classify(header: string): Column {
  const label = compact(header);
  const year = /(\d{4})年/.exec(label);
  if (label === '序号') return { role: 'no' };
  if (label.includes('完成')) return { role: 'baseline', year: year ? Number(year[1]) : null, label };
  if (label.includes('目标')) {
    if (year) return { role: 'target', year: Number(year[1]), label, explicit: true };
    return { role: 'target', year: fiveYearPlanEnd(label), label, explicit: false };
  }
  if (/部门|单位/.test(label)) return { role: 'departments' };
  if (label.includes('指标')) return { role: 'name' };
  return { role: 'unknown', label };
}

function parseNumber(printed: string): number | null | undefined {
  const s = toHalfWidth(printed).replace(/[,\s]/g, '');
  if (NO_VALUE.test(s)) return null;
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : undefined;
}

function splitDepartments(cell: string): string[] {
  return clean(cell)
    .split(/[\s\u3000]+/)
    .filter((d) => d !== '');
}

/** "县域地区生产总值(亿元)" → name and unit; (P) is a scanning error for (户). */
function nameAndUnit(cell: string): { name: string; unit: string | null } {
  const s = clean(cell);
  const m = /^(.*?)\s*[(（]([^()（）]*)[)）]$/.exec(s);
  if (!m?.[1] || m[2] === undefined) return { name: s, unit: null };
  const unit = clean(m[2]);
  return { name: m[1], unit: unit === 'P' || unit === 'Ｐ' ? '户' : unit.replace('％', '%') };
}

function describeMatch(name: string, indicators: readonly Indicator[]): string | { reason: string } {
  const found = indicatorCandidates(name, indicators);
  if (found.length === 1 && found[0]) return found[0];
  if (found.length === 0) return { reason: `未知指标「${name}」:指标目录中没有相符的名称或别名 (unknown indicator)` };
  return { reason: `指标「${name}」有歧义,可对应 ${found.join('、')} (ambiguous indicator)` };
}

const QUALIFIER = '至少|不少于|不低于|力争';
const VERB = '新开工|新培育|新增|新建|增长|提高|提升|增加|增至|下降|降低|达到|突破|超过';
const NUMBER = '[0-9０-９]+(?:[.．][0-9０-９]+)?';
const UNIT = '%|％|个百分点|户|个|项|家|亿元|万元|亿斤|人';
const PHRASE = new RegExp(
  `(${QUALIFIER})?(${VERB})?(?:${NUMBER})(${UNIT})?(?:以上|左右|以下|以内)?`,
  'g',
);

/**
 * Cuts the target phrase out of a personalised sentence: "至少新增3户规模以上工业企业" → phrase
 * "至少新增3户", indicator name "新增规模以上工业企业" (the verb stays with the name).
 */
export function cutPhrase(
  sentence: string,
): { phrase: string; name: string; unit: string | null } | null {
  PHRASE.lastIndex = 0;
  for (let m = PHRASE.exec(sentence); m; m = PHRASE.exec(sentence)) {
    if (m[1] === undefined && m[2] === undefined) continue;
    const before = sentence.slice(0, m.index);
    const after = sentence.slice(m.index + m[0].length);
    const unit = m[3] === undefined ? null : m[3].replace('％', '%');
    return { phrase: m[0], name: before + (m[2] ?? '') + after, unit };
  }
  return null;
}

interface RowContext {
  opts: TableOptions;
  columns: Column[];
  primary: number;
  /** The year of the main target column (2026年目标 → 2026). */
  year: number;
  section: string | undefined;
}

type RowResult = { targets: PlanTarget[] } | { reasons: string[] };

function personalRow(
  no: number | undefined,
  nameCell: string,
  cells: string[],
  ctx: RowContext,
): RowResult {
  const { opts, columns } = ctx;
  const reasons: string[] = [];
  const targetCell = clean(cells[ctx.primary] ?? '');
  if (targetCell !== '' && !NO_VALUE.test(targetCell)) {
    reasons.push('个性化指标行的目标写在各类别的句子中,目标列应为空 (the target cell must be empty)');
  }
  const depIndex = columns.findIndex((c) => c.role === 'departments');
  const departments = depIndex < 0 ? [] : splitDepartments(cells[depIndex] ?? '');
  const parts = clean(nameCell)
    .split(/(?=[\u2460-\u2473])/)
    .map(clean)
    .filter((p) => p !== '');
  if (depIndex >= 0 && departments.length !== parts.length) {
    reasons.push(`${parts.length} 个类别却有 ${departments.length} 个部门,无法一一对应 (cannot pair them)`);
  }
  const categories = opts.categories ?? DEFAULT_CATEGORIES;
  const targets: PlanTarget[] = [];
  parts.forEach((printed, i) => {
    const m = /^[\u2460-\u2473]\s*([^。.]+?)\s*[。.]\s*(.+?)\s*[。.]?$/.exec(printed);
    if (!m?.[1] || !m[2]) {
      reasons.push(`「${printed}」:应写作「①工业县。<目标句>。」(expected "①工业县。<target sentence>。")`);
      return;
    }
    const category = categories.find((c) => c.name === m[1]);
    if (!category) {
      reasons.push(`「${printed}」:未知类别「${m[1]}」(unknown category)`);
      return;
    }
    const cut = cutPhrase(m[2]);
    if (!cut) {
      reasons.push(`「${printed}」:句中没有目标数值(如 至少新增3户、增长15%以上)(no target phrase)`);
      return;
    }
    const code = describeMatch(cut.name, opts.indicators);
    if (typeof code !== 'string') {
      reasons.push(`「${printed}」: ${code.reason}`);
      return;
    }
    const unit = cut.unit ?? opts.indicators.find((d) => d.code === code)?.unit ?? '';
    const target: PlanTarget = {
      table: opts.scope,
      ...(no === undefined ? {} : { no }),
      indicator: code,
      name: cut.name,
      unit,
      ...(ctx.section === undefined ? {} : { section: ctx.section }),
      scope: { category: category.code },
      year: ctx.year,
      phrase: cut.phrase,
      printed,
      departments: departments[i] === undefined ? [] : [departments[i]],
    };
    targets.push(target);
  });
  return reasons.length > 0 ? { reasons } : { targets };
}

function dataRow(cells: string[], ctx: RowContext): RowResult {
  const { opts, columns } = ctx;
  const reasons: string[] = [];
  const cell = (i: number) => clean(cells[i] ?? '');
  const noIndex = columns.findIndex((c) => c.role === 'no');
  const nameIndex = columns.findIndex((c) => c.role === 'name');

  let no: number | undefined;
  if (noIndex >= 0) {
    const printed = compact(cells[noIndex] ?? '');
    if (printed === '') reasons.push('缺少序号 (missing 序号)');
    else if (!/^\d+$/.test(printed)) reasons.push(`序号「${printed}」不是整数 (not a whole number)`);
    else no = Number(printed);
  }
  const nameCell = cell(nameIndex);
  if (nameCell === '') return { reasons: [...reasons, '缺少主要指标 (missing 主要指标)'] };
  if (CIRCLED.test(nameCell.charAt(0))) {
    if (reasons.length > 0) return { reasons };
    return personalRow(no, nameCell, cells, ctx);
  }

  const { name, unit: printedUnit } = nameAndUnit(nameCell);
  const code = describeMatch(name, opts.indicators);
  if (typeof code !== 'string') reasons.push(code.reason);
  const unit = printedUnit ?? opts.indicators.find((d) => d.code === code)?.unit ?? null;
  if (unit === null || unit === '') reasons.push(`「${nameCell}」:括号中没有单位,如 (亿元) (no unit in brackets)`);

  let baseline: PlanTarget['baseline'];
  let departments: string[] = [];
  const phrases: { year: number; phrase: string }[] = [];
  columns.forEach((col, i) => {
    const printed = cell(i);
    if (col.role === 'baseline') {
      if (printed === '') reasons.push(`缺少${col.label} (missing ${col.label})`);
      else if (col.year !== null) {
        const value = parseNumber(printed);
        if (value === undefined) reasons.push(`${col.label}「${printed}」不是数字或 — (not a number or —)`);
        else baseline = { year: col.year, value, printed };
      }
    } else if (col.role === 'target' && col.year !== null) {
      if (i === ctx.primary) {
        if (printed === '') reasons.push(`缺少${col.label} (missing ${col.label})`);
        else phrases.unshift({ year: col.year, phrase: printed });
      } else if (printed !== '' && !NO_VALUE.test(printed)) {
        phrases.push({ year: col.year, phrase: printed });
      }
    } else if (col.role === 'departments') {
      departments = splitDepartments(printed);
      if (departments.length === 0) reasons.push('缺少责任部门 (missing 责任部门)');
    }
  });
  if (reasons.length > 0 || typeof code !== 'string' || unit === null) return { reasons };

  const targets = phrases.map(
    ({ year, phrase }): PlanTarget => ({
      table: opts.scope,
      ...(no === undefined ? {} : { no }),
      indicator: code,
      name,
      unit,
      ...(ctx.section === undefined ? {} : { section: ctx.section }),
      scope: opts.scope === 'province' ? 'province' : 'all',
      year,
      phrase,
      ...(baseline === undefined ? {} : { baseline }),
      departments,
    }),
  );
  return { targets };
}

/** The section a row such as "二、产业结构" or "<b>六、个性化指标</b>" opens, if it is one. */
function sectionOf(cells: string[]): string | null {
  const filled = cells.map(clean).filter((c) => c !== '');
  if (filled.length !== 1 || !filled[0]) return null;
  const m = SECTION.exec(filled[0]);
  if (!m?.[1]) return null;
  const title = clean(m[1]);
  // 个性化指标 is the section 个性化: the sections are named without 指标 (SPEC §4).
  return title.length > 2 && title.endsWith('指标') ? title.slice(0, -2) : title;
}

function pickPrimary(columns: Column[], year: number | undefined): number {
  const targets = columns
    .map((c, i) => ({ c, i }))
    .filter((x): x is { c: Extract<Column, { role: 'target' }>; i: number } => x.c.role === 'target');
  const byYear = targets.find((x) => year !== undefined && x.c.year === year);
  const explicit = targets.find((x) => x.c.explicit);
  return (byYear ?? explicit ?? targets[0])?.i ?? -1;
}

export function importTable(text: string, opts: TableOptions): TableResult {
  const lines = text.split(/\r?\n/);
  const problems: TableProblem[] = [];
  const targets: PlanTarget[] = [];
  const targetLines: number[] = [];
  const problem = (index: number, reason: string) =>
    problems.push({ line: index + 1, text: lines[index] ?? '', reason });

  // Title lines (附件1, the table's caption) may precede the header; rows may not.
  let headerIndex = -1;
  for (let i = 0; i < lines.length && headerIndex < 0; i++) {
    const line = lines[i] ?? '';
    if (!line.includes('\t')) continue;
    const first = line.split('\t').map(compact).find((c) => c !== '');
    if (first === '序号') headerIndex = i;
    else if (first !== undefined) problem(i, '表头行(序号 …)之前出现了表格行 (a table row before the header row)');
  }
  if (headerIndex < 0) {
    problems.push({
      line: 1,
      text: lines[0] ?? '',
      reason: '没有表头行:应有一行以「序号」开头、以制表符分隔的表头 (no header row)',
    });
    return { targets, lines: targetLines, problems };
  }

  const columns = (lines[headerIndex] ?? '').split('\t').map(classify);
  for (const col of columns) {
    if (col.role === 'unknown' && col.label !== '') problem(headerIndex, `未知列「${col.label}」(unknown column)`);
    if (col.role === 'baseline' && col.year === null)
      problem(headerIndex, `列「${col.label}」未写明年份,如 2025年完成 (names no year)`);
    if (col.role === 'target' && col.year === null) {
      if (opts.year === undefined) problem(headerIndex, `列「${col.label}」未写明年份:请给出计划年份 (names no year: pass the plan year)`);
      else col.year = opts.year;
    }
  }
  const primary = pickPrimary(columns, opts.year);
  if (!columns.some((c) => c.role === 'name')) problem(headerIndex, '没有「主要指标」列 (no 主要指标 column)');
  if (primary < 0) problem(headerIndex, '没有目标列,如 2026年目标 (no target column)');
  if (problems.some((p) => p.line === headerIndex + 1)) return { targets, lines: targetLines, problems };

  const main = columns[primary];
  const year = main?.role === 'target' ? main.year : null;
  if (year === null) return { targets, lines: targetLines, problems };
  const ctx: RowContext = { opts, columns, primary, year, section: undefined };
  let end = -1;
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (end >= 0) {
      if (line.includes('\t') && line.replace(/[\s\u3000]/g, '') !== '')
        problem(i, `表格已在第 ${end + 1} 行结束,其后又出现表格行:请一次粘贴一张表 (a table row after the table ended at line ${end + 1})`);
      continue;
    }
    if (line.replace(/[\s\u3000]/g, '') === '') continue;
    if (!line.includes('\t')) {
      end = i;
      continue;
    }
    const cells = line.split('\t');
    const extra = cells.slice(columns.length).filter((c) => clean(c) !== '');
    if (extra.length > 0) {
      problem(i, `单元格多于表头的 ${columns.length} 列 (more cells than the header has columns)`);
      continue;
    }
    const section = sectionOf(cells);
    if (section !== null) {
      ctx.section = section;
      continue;
    }
    const result = dataRow(cells, ctx);
    if ('reasons' in result) for (const r of result.reasons) problem(i, r);
    else {
      targets.push(...result.targets);
      targetLines.push(...result.targets.map(() => i + 1));
    }
  }
  return { targets, lines: targetLines, problems };
}
