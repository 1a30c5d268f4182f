import type { Cell, CellValue } from 'exceljs';
import { parseNumber } from '../observations.js';
import { withoutFloatNoise } from '../../core/numeric/index.js';
import { utcDate } from '../../core/periods/index.js';

/** Column number (1-based) → letters: 1 → A, 28 → AB. */
export function columnLetter(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26))
    s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** A formula's cached result, a rich text's text, a hyperlink's text: what Excel shows. */
export function plainValue(v: CellValue): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'object' || v instanceof Date) return v;
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as { result?: unknown }).result;
    if (result === undefined || result === null) return FORMULA;
    return result;
  }
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('text' in v && typeof v.text === 'string') return v.text;
  if ('error' in v) return { error: v.error };
  return null;
}

/** A formula without a cached result (a file written by a program and never opened in Excel). */
export const FORMULA = Symbol('formula without result');

/** The text of a cell for labels and names; merged cells show their master's value. */
export function cellText(cell: Cell | undefined): string {
  if (!cell) return '';
  const v = plainValue(cell.value);
  if (v === null || v === FORMULA) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return String(v);
  if (v instanceof Date) return utcDate(v);
  if (typeof v === 'object' && v !== null && 'error' in v) return String(v.error);
  return String(v);
}

/** True for the slave cells of a merge: their value belongs to the master cell. */
export function isMergedSlave(cell: Cell): boolean {
  return cell.isMerged && cell.master !== cell;
}

export type Read =
  | { kind: 'empty' }
  | { kind: 'missing'; text: string }
  | { kind: 'number'; value: number; decimals: number; percent: boolean; text: string }
  | { kind: 'bad'; text: string; reason: string };

const EMPTY: Read = { kind: 'empty' };

function decimalsOf(text: string): number {
  const m = /\.(\d+)/.exec(text);
  return m ? (m[1] ?? '').length : 0;
}

/** Decimals an Excel number format shows ('#,##0.00' → 2), or null for General. */
function formatDecimals(fmt: string | undefined): number | null {
  if (!fmt || /^general$/i.test(fmt)) return null;
  const first = (fmt.split(';')[0] ?? '').replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  const m = /\.([0#?]+)/.exec(first);
  return m ? (m[1] ?? '').length : 0;
}

/** Removes float noise (0.1 + 0.2) without touching a real value. */
export function clean(n: number): number {
  return withoutFloatNoise(n);
}

/**
 * A value cell as statistical sheets fill it: numbers, numbers stored as text (full-width
 * digits, thousands separators, ％), `—`/`-`/`－` for missing, formulas by their cached result.
 */
export function readValue(cell: Cell | undefined): Read {
  if (!cell || isMergedSlave(cell)) return EMPTY;
  const v = plainValue(cell.value);
  if (v === null) return EMPTY;
  if (v === FORMULA)
    return {
      kind: 'bad',
      text: cell.formula ? `=${cell.formula}` : '',
      reason: '公式没有计算结果,请在 Excel 中打开并保存后再上传',
    };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { kind: 'bad', text: String(v), reason: '不是有效数字' };
    const fmt = cell.numFmt;
    const percent = typeof fmt === 'string' && /%/.test(fmt.replace(/"[^"]*"/g, ''));
    const value = clean(percent ? v * 100 : v);
    const fd = formatDecimals(fmt);
    const decimals = fd === null ? decimalsOf(String(value)) : Math.max(0, fd);
    return { kind: 'number', value, decimals, percent, text: String(value) };
  }
  if (typeof v === 'string') {
    const text = v.trim();
    if (text === '') return EMPTY;
    const n = parseNumber(text.replace(/\s+/g, ''));
    if (n === null) return { kind: 'missing', text };
    if (n === undefined) return { kind: 'bad', text, reason: `数值「${text}」不是数字` };
    const half = text.normalize('NFKC');
    return { kind: 'number', value: n, decimals: decimalsOf(half), percent: /%$/.test(half), text };
  }
  if (v instanceof Date) {
    const text = utcDate(v);
    return { kind: 'bad', text, reason: `单元格是日期「${text}」,不是数字` };
  }
  if (typeof v === 'boolean') {
    return { kind: 'bad', text: String(v), reason: `数值「${String(v)}」不是数字` };
  }
  if (typeof v === 'object' && 'error' in v) {
    const text = String(v.error);
    return { kind: 'bad', text, reason: `单元格为错误值「${text}」,不是数字` };
  }
  return { kind: 'bad', text: String(v), reason: '不是数字' };
}
