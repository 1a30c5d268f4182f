import type { ResultRow } from '../evaluate/index.js';
import { dec } from '../numeric/index.js';
import { STATUS_LABELS, type TargetStatus } from '../targets/index.js';
import { amount, printsAsZero, tallyWords } from './words.js';

// How an evaluation row reads: the units of its value and gap, its target as printed, which
// side of the target it stands on.

const percentLike = (unit: string) => unit === '%' || unit === '个百分点';

/** The unit of the row's value: a change target's row carries 个百分点, its value is in %. */
export const valueUnit = (row: ResultRow) => (row.unit === '个百分点' ? '%' : row.unit);

/** A change target (its value is compared with last year's): the evaluation read `previous`. */
export const judgesChange = (row: ResultRow) => row.previous !== undefined;

/**
 * The unit of the row's gap: a year-end projection's is the value's own; a rate's is 个百分点;
 * a level's relative change on last year is in %.
 */
export function gapUnit(row: ResultRow): string {
  if (row.progress) return row.unit;
  if (percentLike(row.unit)) return '个百分点';
  if (judgesChange(row)) return '%';
  return row.unit;
}

/** A growth rate (增速, 增长): its value reads 同比增长 / 同比下降. */
export const isGrowth = (row: ResultRow) =>
  valueUnit(row) === '%' && /(增速|增长率|增长)$/.test(row.name);

/** A rate compared directly (not projected): 较1-6月回升 applies to it. */
export const isRate = (row: ResultRow) => valueUnit(row) === '%' && !row.progress;

/**
 * The row's indicator as a sentence's subject: "全省县域地区生产总值" (a growth rate's name
 * without 增速, the province's indicators with 全省 before them).
 */
export function subject(row: ResultRow, province: boolean): string {
  const name = isGrowth(row) ? row.name.replace(/(增速|增长率|增长)$/, '') : row.name;
  if (!province) return name;
  // 各县城乡居民收入 as the province's figure is 全省县域城乡居民收入.
  return `全省${name.replace(/^(县域|各县)/, '县域')}`;
}

const NUMBER = /^[+-]?\d+(?:\.\d+)?$/;
const NUMBER_WORD = /^([+-]?\d+(?:\.\d+)?)(以上|以下|左右|及以上|以内)$/;

/** The target as printed, with its unit where the plan left it to the column: "5%以上". */
export function targetText(row: ResultRow): string {
  const p = row.phrase.trim();
  if (row.ref !== undefined && row.ref !== null) return `${p}(${amount(row.ref, valueUnit(row))})`;
  if (row.unit === '个百分点' && NUMBER.test(p)) {
    const n = Number(p);
    return `比上年${n < 0 ? '下降' : '提高'}${p.replace(/^[+-]/, '')}个百分点`;
  }
  if (NUMBER.test(p)) return `${p}${row.unit}`;
  const m = NUMBER_WORD.exec(p);
  return m ? `${m[1]}${row.unit}${m[2]}` : p;
}

/** The target inside a sentence: a reference's value follows as 参照值 (no nested brackets). */
export function targetWords(row: ResultRow): string {
  if (row.ref === undefined || row.ref === null) return targetText(row);
  return `${row.phrase.trim()},参照值${amount(row.ref, valueUnit(row))}`;
}

/** The number the compared quantity is held against: the reference, else the phrase's number. */
function threshold(row: ResultRow): number | null {
  if (row.ref !== undefined && row.ref !== null) return row.ref;
  const m = /[+-]?\d+(?:\.\d+)?/.exec(row.phrase);
  return m ? Number(m[0]) : null;
}

/**
 * Whether lower is better for the row. The gap is positive on the good side: measured − threshold
 * for a higher-is-better target, threshold − measured for a lower one; the row does not carry
 * the direction, so it is read back from these numbers (higher when they cannot tell).
 */
function lowerIsBetter(row: ResultRow): boolean {
  const t = threshold(row);
  if (row.measured === null || row.gap === null || t === null) return false;
  const gap = dec(row.gap);
  return dec(t).minus(dec(row.measured)).eq(gap) && !dec(row.measured).minus(dec(t)).eq(gap);
}

/** Where the row stands against its target: above, below or level with it; null with no gap. */
export function side(row: ResultRow): 'above' | 'below' | 'level' | null {
  if (row.gap === null) return null;
  if (printsAsZero(row.gap, gapUnit(row))) return 'level';
  const good = row.gap > 0;
  return good !== lowerIsBetter(row) ? 'above' : 'below';
}

/** A tally in words, zeros left out: "完成6项、基本完成2项、未完成4项". */
export function statusWords(t: Record<TargetStatus, number>, unit = '项'): string {
  const order: TargetStatus[] = ['met', 'nearly_met', 'not_met', 'no_data'];
  return tallyWords(
    order.map((s) => [STATUS_LABELS[s], t[s]]),
    unit,
  );
}
