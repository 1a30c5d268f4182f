import type { ResultRow } from '../evaluate/index.js';
import type { Indicator } from '../indicators/index.js';
import { Decimal, dec, formatNumber, formatValue, placesFor } from '../numeric/index.js';
import { STATUS_LABELS } from '../targets/index.js';
import { attributeLabel } from '../targets/attribute.js';

// How numbers and targets read in a warning's message.

/** A number as shown: for its unit, but a fractional count (a projection, a pace) keeps a decimal. */
export function fmt(v: number, unit: string): string {
  return placesFor(unit) === 0 && !Number.isInteger(v) ? formatValue(v, '') : formatValue(v, unit);
}

/** A number with its unit for a message: 4.2%, 373.4亿元, 3户, 1.5项. */
export function show(v: number | null | undefined, unit: string): string {
  return v === null || v === undefined ? '无数据' : `${fmt(v, unit)}${unit}`;
}

/** Two numbers shown with enough decimals that different values do not print alike. */
export function showPair(a: number, b: Decimal, unit: string): [string, string] {
  const base =
    placesFor(unit) === 0 && !(Number.isInteger(a) && b.isInteger()) ? 1 : placesFor(unit);
  let places = base;
  const fix = formatNumber;
  while (places < base + 3 && !dec(a).eq(b) && fix(a, places) === fix(b, places)) places++;
  return [`${fix(a, places)}${unit}`, `${fix(b, places)}${unit}`];
}

export const percentLike = (unit: string) => unit === '%' || unit === '个百分点';

export function targetText(row: ResultRow): string {
  return /^[\d.]+$/.test(row.phrase) ? `${row.phrase}${row.unit}` : row.phrase;
}

/** 「(约束性)」 after a target whose plan prints its 属性; nothing otherwise. */
export function attributeMark(row: ResultRow): string {
  return row.attribute ? `(${attributeLabel(row.attribute)})` : '';
}

/** The message of a target rule: the value (or its projection), the target, the status, the gap. */
export function targetMessage(row: ResultRow, ind: Indicator, label: string): string {
  const unit = ind.unit;
  const parts: string[] = [];
  if (row.value === null) parts.push(`${row.name} 无数据`);
  else if (row.progress)
    parts.push(
      `${row.name} ${label} ${show(row.value, unit)},预计全年${show(row.progress.projection, unit)}`,
    );
  else parts.push(`${row.name} ${show(row.value, unit)}`);
  const isChange =
    !row.progress && row.measured !== null && row.previous !== undefined && row.previous !== null;
  if (isChange) {
    const cu = percentLike(row.unit) ? '个百分点' : '%';
    const m = row.measured!;
    parts.push(`比上年${m >= 0 ? '提高' : '下降'}${formatValue(Math.abs(m), cu)}${cu}`);
  }
  if (row.ref !== undefined && row.ref !== null) parts.push(`参照值 ${show(row.ref, unit)}`);
  let judged = `目标「${targetText(row)}」${attributeMark(row)},${STATUS_LABELS[row.status]}`;
  if (row.gap !== null && row.gap < 0) {
    const gu = row.progress ? row.unit : percentLike(unit) || isChange ? '个百分点' : row.unit;
    judged += `,差${fmt(-row.gap, gu)}${gu}`;
  }
  if (row.note && row.status === 'no_data') judged += `(${row.note})`;
  parts.push(judged);
  return parts.join(',');
}
