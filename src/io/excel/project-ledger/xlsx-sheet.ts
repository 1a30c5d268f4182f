import type { GridValue } from './grid-value.js';
import { ItemText } from './xlsx-parts.js';
import { serialDate, type DateStyle } from './xlsx-styles.js';
import { readXml, type XmlEvents } from './xml.js';

export interface SheetContext {
  strings: string[];
  dates: DateStyle[];
  date1904: boolean;
}

/** Rows of one sheet part, 0-based, merged ranges filled and no holes between rows. */
export function sheetRows(xml: string, context: SheetContext): GridValue[][] {
  const reader = new SheetReader(context);
  readXml(xml, reader);
  fillMerges(reader.merges, reader.rows);
  const rows = reader.rows;
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return rows;
}

function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** A cell is <c r s t> holding <v> (its value or formula result), <f> or an inline <is>. */
class SheetReader implements XmlEvents {
  readonly rows: GridValue[][] = [];
  readonly merges: string[] = [];
  private row: GridValue[] | undefined;
  private rowAt = 0;
  private nextRow = 0;
  private col = 0;
  /** The open cell's column, -1 between cells, and its t and s attributes. */
  private at = -1;
  private t: string | undefined;
  private s: string | undefined;
  private v: string | undefined;
  private f: string | undefined;
  private into: 'v' | 'f' | undefined;
  private inline: ItemText | undefined;

  constructor(private readonly context: SheetContext) {}

  open(name: string, attrs: Record<string, string>): void {
    switch (name) {
      case 'row':
        // A row without r follows the one before it.
        this.rowAt = Number(attrs.r ?? this.nextRow + 1) - 1;
        this.nextRow = this.rowAt + 1;
        this.row = [];
        this.col = 0;
        return;
      case 'c': {
        if (!this.row) return;
        const at = attrs.r === undefined ? this.col : columnIndex(attrs.r);
        this.col = at + 1;
        this.at = at;
        this.t = attrs.t;
        this.s = attrs.s;
        this.v = this.f = undefined;
        this.inline = attrs.t === 'inlineStr' ? new ItemText() : undefined;
        return;
      }
      // The first <v> or <f> of a cell is its own.
      case 'v':
        if (this.at < 0 || this.v !== undefined) return;
        this.v = '';
        this.into = 'v';
        return;
      case 'f':
        if (this.at < 0 || this.f !== undefined) return;
        this.f = '';
        this.into = 'f';
        return;
      case 'mergeCell':
        if (attrs.ref !== undefined) this.merges.push(attrs.ref);
        return;
      default:
        this.inline?.open(name);
    }
  }

  close(name: string): void {
    switch (name) {
      case 'row':
        if (this.row) this.rows[this.rowAt] = this.row;
        this.row = undefined;
        return;
      case 'c':
        if (this.row && this.at >= 0) this.row[this.at] = this.value();
        this.at = -1;
        this.inline = undefined;
        return;
      case 'v':
      case 'f':
        this.into = undefined;
        return;
      default:
        this.inline?.close(name);
    }
  }

  text(text: string): void {
    if (this.into === 'v') this.v += text;
    else if (this.into === 'f') this.f += text;
    else this.inline?.add(text);
  }

  private value(): GridValue {
    if (this.inline) return this.inline.text;
    const { v, t } = this;
    if (v === undefined) return this.f === undefined ? null : { formula: this.f };
    if (t === 's') return this.context.strings[Number(v)] ?? '';
    if (t === 'str') return v;
    if (t === 'b') return v === '1';
    if (t === 'e') return { error: v };
    const n = Number(v);
    const style = this.context.dates[Number(this.s ?? 0)];
    return style ? { date: serialDate(n, style, this.context.date1904) } : n;
  }
}

/** Merged cells a ledger can have (a few per row); beyond it the file is not a ledger. */
const MERGE_CELLS = 2_000_000;

/** Every cell of a merged range takes its first cell's value, as a reader of the sheet sees it. */
function fillMerges(refs: string[], rows: GridValue[][]): void {
  let budget = MERGE_CELLS;
  for (const ref of refs) {
    const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref);
    if (!m) continue;
    const [left, top, right, bottom] = [
      columnIndex(m[1]!),
      Number(m[2]) - 1,
      columnIndex(m[3]!),
      Number(m[4]) - 1,
    ];
    const value = rows[top]?.[left] ?? null;
    for (let r = top; r <= bottom; r++)
      for (let c = left; c <= right; c++) {
        if (--budget < 0) return;
        (rows[r] ??= [])[c] = value;
      }
  }
}
