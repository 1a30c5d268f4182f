import { formatNumber, formatSigned, formatValue, placesFor } from '../numeric/index.js';
import { STATUS_LABELS, type TargetStatus } from '../targets/index.js';
import { attributeLabel, type TargetAttribute } from '../targets/attribute.js';
import type { Block, BulletinChart, Cell } from './model.js';
import type { Scope } from './scope.js';
import { averagePlaces } from './words.js';

// Table cells and the numbered table and chart blocks (表1, 图1 through the document).

/** Shown where a table has no number; a table may say so, a sentence never does. */
const NONE = '—';

export const text = (t: string): Cell => ({ text: t });

/** A number as the API's consumers show it, with the exact value and its places for the xlsx. */
export function number(v: number | null | undefined, unit: string): Cell {
  if (v === null || v === undefined) return { text: NONE };
  return { text: formatValue(v, unit), value: v, places: placesFor(unit) };
}

/** A monthly average: a count's keeps a decimal when not whole, as the text says it (0.7项). */
export function averageCell(v: number, unit: string): Cell {
  const places = averagePlaces(v, unit);
  return { text: formatNumber(v, places), value: v, places };
}

/** A whole count (counties, targets). */
export const count = (n: number): Cell => ({ text: String(n), value: n, places: 0 });

/** A gap or change, signed for its unit: +0.2, −0.2. */
export function signedNumber(v: number | null | undefined, unit: string): Cell {
  if (v === null || v === undefined) return { text: NONE };
  return { text: formatSigned(v, unit), value: v, places: placesFor(unit) };
}

export const statusCell = (s: TargetStatus): Cell => ({ text: STATUS_LABELS[s], status: s });

/** A target's 属性 (约束性 / 预期性); empty where the plan prints none. */
export const attributeCell = (a: TargetAttribute | undefined): Cell => ({
  text: attributeLabel(a),
});

/**
 * A 属性 column after a table's target column, only when a row has one: plans that print no
 * 属性 keep their tables as they were.
 */
export function withAttribute(
  columns: string[],
  rows: Cell[][],
  attributes: readonly (TargetAttribute | undefined)[],
  after: number,
): { columns: string[]; rows: Cell[][] } {
  if (!attributes.some(Boolean)) return { columns, rows };
  const at = <T>(list: T[], item: T) => [
    ...list.slice(0, after + 1),
    item,
    ...list.slice(after + 1),
  ];
  return {
    columns: at(columns, '属性'),
    rows: rows.map((r, i) => at(r, attributeCell(attributes[i]))),
  };
}

const LEVEL_LABELS = { red: '红色', yellow: '黄色', green: '绿色' } as const;

export const levelCell = (l: 'red' | 'yellow' | 'green'): Cell => ({
  text: LEVEL_LABELS[l],
  status: l,
});

/** A rank change: 上升3位, 下降2位, 持平; none without a previous rank. */
export function changeCell(change: number | null): Cell {
  if (change === null) return { text: NONE };
  const t = change > 0 ? `上升${change}位` : change < 0 ? `下降${-change}位` : '持平';
  return { text: t, value: change, places: 0 };
}

/** The xlsx allows 31 characters for a sheet's name, and none of : \ / ? * [ ]. */
const SHEET_MAX = 31;

/** A numbered table: "表2 各县(市)擂台赛排名", its sheet named after it. */
export function table(
  scope: Scope,
  o: { title: string; columns: string[]; rows: Cell[][]; note?: string },
): Block {
  const n = ++scope.numbers.table;
  const caption = `表${n} ${o.title}`;
  return {
    kind: 'table',
    table: {
      sheet: caption.replace(/[:\\/?*[\]]/g, ' ').slice(0, SHEET_MAX),
      caption,
      columns: o.columns,
      rows: o.rows,
      ...(o.note ? { note: o.note } : {}),
    },
  };
}

type ChartBody =
  | Omit<Extract<BulletinChart, { kind: 'ranking' }>, 'caption'>
  | Omit<Extract<BulletinChart, { kind: 'map' }>, 'caption'>;

/** A numbered chart: "图1 …". */
export function chart(scope: Scope, title: string, body: ChartBody): Block {
  const n = ++scope.numbers.chart;
  return { kind: 'chart', chart: { ...body, caption: `图${n} ${title}` } as BulletinChart };
}

export const paragraph = (t: string): Block => ({ kind: 'paragraph', text: t });

export const heading = (level: 2 | 3, t: string): Block => ({ kind: 'heading', level, text: t });
