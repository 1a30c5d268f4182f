/**
 * A cell as the ledger reader sees it, whatever the file: text, a number, a date cell (as
 * YYYY-MM-DD, or YYYY-MM when its format shows no day), or an error / formula without result.
 */
export type GridValue =
  string | number | boolean | null | { date: string } | { error: string } | { formula: string };

/** One sheet: rows and columns 0-based; merged ranges already filled with their first cell. */
export interface Grid {
  name: string;
  rows: GridValue[][];
}
