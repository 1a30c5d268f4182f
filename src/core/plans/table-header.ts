import {
  classifyFiveYear,
  compactLabel,
  joinHeader,
  resolveYears,
  type FiveYearColumn,
} from './table-columns.js';

/**
 * Finding the header of a five-year plan table among its rows: the title lines above it, one or
 * two header rows, and what each column holds.
 */

export interface GridProblem {
  /** 1-based row of the grid (the line of a text file, the row of a sheet). */
  row: number;
  /** 1-based column, or null for the whole row. */
  column: number | null;
  /** The column's header, when there is one. */
  label: string;
  reason: string;
}

const clean = (cell: string | undefined) =>
  (cell ?? '').replace(/<[^>]*>/g, '').replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');

export interface Header {
  /** Index of the header's last row. */
  last: number;
  columns: FiveYearColumn[];
  labels: string[];
  /** The header's rows as printed (compacted), to skip where a long table repeats them. */
  printed: string[];
}

export const headerKey = (cells: string[]) => cells.map(compactLabel).join('\t').replace(/\t+$/, '');
const roleOf = (cell: string) => classifyFiveYear(compactLabel(cell)).role;

/** A second header row: no indicator name, and each new cell completes its column's label. */
function isSecondHeader(cells: string[], top: string[], nameAt: number): boolean {
  const joined = joinHeader(top, cells);
  const fresh = cells
    .map((c, i) => ({ i, label: compactLabel(c) }))
    .filter(({ i, label }) => label !== '' && label !== compactLabel(top[i] ?? ''));
  if (fresh.length === 0 || fresh.some(({ i }) => i === nameAt)) return false;
  return fresh.every(({ i }) => classifyFiveYear(joined[i] ?? '').role !== 'unknown');
}

export function findHeader(rows: string[][], problems: GridProblem[]): Header | null {
  // A title line (…规划主要指标, or merged across the sheet) names 指标 too, but a header has
  // more than one distinct cell.
  const at = rows.findIndex(
    (cells) =>
      new Set(cells.map(clean).filter((c) => c !== '')).size > 1 &&
      cells.some((c) => roleOf(c) === 'name'),
  );
  if (at < 0) {
    problems.push({
      row: 1,
      column: null,
      label: '',
      reason: '没有表头行:应有一行含「指标」(指标、指标名称、主要指标)的表头 (no header row)',
    });
    return null;
  }
  const top = rows[at] ?? [];
  const nameAt = top.findIndex((c) => roleOf(c) === 'name');
  const second = rows[at + 1];
  const two = second !== undefined && isSecondHeader(second, top, nameAt);
  const labels = joinHeader(top, two ? second : undefined);
  const resolved = resolveYears(labels.map(classifyFiveYear));
  const columns = resolved.map((c, i): FiveYearColumn =>
    c.role === 'blank' && resolved[i - 1]?.role === 'name' ? { role: 'sub' } : c,
  );
  const row = (two ? at + 1 : at) + 1;
  columns.forEach((c, i) => {
    const label = labels[i] ?? '';
    if (c.role === 'unknown')
      problems.push({ row, column: i + 1, label, reason: `未知列「${label}」(unknown column)` });
    if (c.role === 'target' && c.year === null)
      problems.push({ row, column: i + 1, label, reason: `列「${label}」未写明年份,如 2025年目标 (names no year)` });
  });
  if (!columns.some((c) => c.role === 'target'))
    problems.push({ row, column: null, label: '', reason: '没有目标列,如 2025年 或 2025年目标 (no target column)' });
  const printed = [top, ...(two ? [second] : [])].map(headerKey);
  return { last: row - 1, columns, labels, printed };
}

