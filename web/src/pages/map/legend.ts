// The map's legend classes: a few ranges at the quintiles of the values shown, each break rounded
// to the precision the unit is displayed with, so every label is a number the table also shows.
import type { Status } from '../../api/types.js';

/** ECharts piecewise visualMap piece. */
export interface Piece {
  value?: number;
  lt?: number;
  gte?: number;
  label: string;
  color: string;
}

/** Sequential blues (ColorBrewer Blues), light to dark: no red/green, which mean status here. */
const RAMP: Record<number, string[]> = {
  1: ['#3182bd'],
  2: ['#9ecae1', '#3182bd'],
  3: ['#c6dbef', '#6baed6', '#2171b5'],
  4: ['#c6dbef', '#6baed6', '#3182bd', '#08519c'],
  5: ['#deebf7', '#9ecae1', '#6baed6', '#3182bd', '#08519c'],
};

/** Regions without a value: grey, and said in words in the legend, tooltip and table. */
export const NO_DATA_FILL = '#bfbfbf';

/** A piece no value falls in, so "no data" has its swatch in the legend. */
function noDataPiece(label: string, color: string): Piece {
  return { lt: -Number.MAX_VALUE, label, color };
}

/** Value at quantile q (0..1) of sorted values, interpolated. */
function quantile(sorted: readonly number[], q: number): number {
  const i = (sorted.length - 1) * q;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (i - lo);
}

/**
 * Up to five classes of the values: each distinct value its own class when there are few
 * (counts such as 0, 1, 2 projects), else ranges between the rounded quintiles.
 */
export function valuePieces(
  values: readonly number[],
  fmt: (v: number) => string,
  unit: string,
  noData: string,
): Piece[] {
  const withUnit = (text: string) => `${text}${/^[A-Za-z]/.test(unit) ? ' ' : ''}${unit}`;
  const sorted = [...values].sort((a, b) => a - b);
  const distinct = [...new Set(sorted)];
  const none = noDataPiece(noData, NO_DATA_FILL);
  if (distinct.length === 0) return [none];
  if (distinct.length <= 5) {
    const ramp = RAMP[distinct.length]!;
    return [
      ...distinct.map((v, i) => ({ value: v, label: withUnit(fmt(v)), color: ramp[i]! })),
      none,
    ];
  }
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  const breaks: number[] = [];
  for (const q of [0.2, 0.4, 0.6, 0.8]) {
    const b = Number(fmt(quantile(sorted, q)));
    if (b > min && b <= max && !breaks.includes(b)) breaks.push(b);
  }
  const ramp = RAMP[breaks.length + 1]!;
  const pieces: Piece[] = [];
  breaks.forEach((b, i) => {
    if (i === 0) pieces.push({ lt: b, label: withUnit(`< ${fmt(b)}`), color: ramp[0]! });
    else
      pieces.push({
        gte: breaks[i - 1]!,
        lt: b,
        label: withUnit(`${fmt(breaks[i - 1]!)} – ${fmt(b)}`),
        color: ramp[i]!,
      });
  });
  const last = breaks[breaks.length - 1]!;
  pieces.push({ gte: last, label: withUnit(`≥ ${fmt(last)}`), color: ramp[breaks.length]! });
  return [...pieces, none];
}

/** The statuses a map can show, in legend order. */
export const STATUS_ORDER: Status[] = ['met', 'nearly_met', 'not_met', 'not_applicable'];

/** The number the visualMap reads for a status (the legend lists higher numbers first). */
export function statusValue(s: Status): number {
  return STATUS_ORDER.length - 1 - STATUS_ORDER.indexOf(s);
}

/** The status classes, in the status colours (StatusTag's STATUS_COLOUR) with their words. */
export function statusPieces(
  word: (s: Status) => string,
  colour: Readonly<Record<Status, string>>,
): Piece[] {
  return [
    ...STATUS_ORDER.map((s) => ({ value: statusValue(s), label: word(s), color: colour[s] })),
    noDataPiece(word('no_data'), colour.no_data),
  ];
}
