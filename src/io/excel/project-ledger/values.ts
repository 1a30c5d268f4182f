import { dec } from '../../../core/numeric/index.js';
import { isDate } from '../../../core/periods/index.js';
import type { ProjectType } from '../../../core/projects/types.js';
import { unitFactor } from '../units.js';
import { cellString, type Role } from './columns.js';
import type { GridValue } from './grid.js';

/** A cell read: the value, or why it cannot be one. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = (reason: string): Parsed<never> => ({ ok: false, reason });

const MISSING = /^([—–\-―]+|无|暂无|\/)$/;

/** Text as printed, or null for an empty cell. */
export function readText(v: GridValue | undefined): string | null {
  const s = cellString(v);
  return s === '' ? null : s;
}

/** Money in the column's unit → 万元 as an exact decimal string; null when empty or "—". */
export function readMoney(v: GridValue | undefined, unit: string): Parsed<string | null> {
  if (v === null || v === undefined) return ok(null);
  if (typeof v === 'object') {
    if ('formula' in v) return bad('公式没有计算结果,请在 Excel 中打开并保存后再上传');
    if ('date' in v) return bad(`单元格是日期「${v.date}」,不是金额`);
    return bad(`单元格为错误值「${v.error}」,不是金额`);
  }
  if (typeof v === 'boolean') return bad(`「${String(v)}」不是金额`);
  let text: string;
  if (typeof v === 'number') text = String(Number(v.toPrecision(15)));
  else {
    text = v.normalize('NFKC').replace(/\s+/g, '').replace(/,/g, '');
    if (text === '' || MISSING.test(text)) return ok(null);
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) return bad(`「${v.trim()}」不是金额数字`);
  }
  const factor = unitFactor(unit, '万元');
  if (factor === null) return bad(`金额单位「${unit}」无法换算为万元`);
  // Most ledgers are in 万元: a plain number is already the exact text.
  if (factor === 1 && /^\d+(\.\d*[1-9])?$/.test(text)) return ok(text);
  return ok(dec(text).times(dec(factor)).toFixed());
}

const TYPES: Array<[RegExp, ProjectType]> = [
  [/^新建(项目)?$/, 'new'],
  [/^(扩建|改扩建|续建扩建)(项目)?$/, 'expansion'],
  [/^(技改|改建|技术改造|技改扩能)(项目)?$/, 'upgrade'],
];

export function readType(v: GridValue | undefined): Parsed<ProjectType | null> {
  const s = cellString(v).replace(/\s+/g, '');
  if (s === '' || MISSING.test(s)) return ok(null);
  const hit = TYPES.find(([re]) => re.test(s));
  return hit ? ok(hit[1]) : bad(`未知建设性质「${s}」:应为 新建、扩建 或 技改`);
}

const pad = (n: number) => String(n).padStart(2, '0');

function ymd(year: number, month: number, day?: number): Parsed<string> {
  if (month < 1 || month > 12) return bad(`月份 ${month} 不存在`);
  if (day === undefined) return ok(`${year}-${pad(month)}`);
  const d = `${year}-${pad(month)}-${pad(day)}`;
  return isDate(d) ? ok(d) : bad(`日期 ${d} 不存在`);
}

const FULL = /^(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*(?:月?\s*[.\-/]?\s*(\d{1,2})\s*[日号]?|月)?$/;
const MONTH_ONLY = /^(\d{1,2})\s*月\s*(?:(\d{1,2})\s*[日号])?$/;
const REACHED = /^已(谋划|签约|开工|投产|达产|达效|建成|完成|竣工)$/;
const HOW = '应写作 2026.3、2026-03、2026年3月、3月 或 2026/3/15';

/**
 * A milestone date as ledgers write it; `null` is "reached, date unknown" (已开工), undefined an
 * empty cell. `year` is the report's year, for "3月".
 */
export function readDate(
  v: GridValue | undefined,
  year: number,
  actual: boolean,
): Parsed<string | null | undefined> {
  if (v === null || v === undefined) return ok(undefined);
  if (typeof v === 'object')
    return 'date' in v ? ok(v.date) : bad(`「${cellString(v)}」不是日期,${HOW}`);
  if (typeof v === 'number') return numberDate(v);
  if (typeof v === 'boolean') return bad(`「${String(v)}」不是日期,${HOW}`);
  const s = v.normalize('NFKC').trim();
  if (s === '' || MISSING.test(s) || /^未/.test(s)) return ok(undefined);
  if (REACHED.test(s)) return actual ? ok(null) : bad(`计划时间「${s}」应为日期,${HOW}`);
  let m = FULL.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3]));
  m = MONTH_ONLY.exec(s);
  if (m) return ymd(year, Number(m[1]), m[2] === undefined ? undefined : Number(m[2]));
  return bad(`「${s}」不是日期,${HOW}`);
}

/** 2026.3 typed into Excel is the number 2026.3 (so 2026.10 reads as 2026.1: October is lost). */
function numberDate(n: number): Parsed<string> {
  const m = /^(\d{4})\.(\d{1,2})$/.exec(String(n));
  if (!m) return bad(`「${n}」不是日期,${HOW}`);
  return ymd(Number(m[1]), Number(m[2]));
}

const YES = /^(是|√|✓|✔|y|yes|1|true)$/i;

/** A 是/否 flag column. */
export function readYes(v: GridValue | undefined): boolean {
  return YES.test(cellString(v).normalize('NFKC'));
}

/** A 标签 cell: 省重点、绿电直连. */
export function readTags(v: GridValue | undefined): string[] {
  return cellString(v)
    .split(/[、,，;；/\s]+/)
    .map((t) => t.replace(/项目$/, ''))
    .filter((t) => t !== '');
}

export type { Role };
