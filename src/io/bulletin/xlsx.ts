import ExcelJS from 'exceljs';
import type { Bulletin, BulletinTable, Cell } from '../../core/bulletin/model.js';
import { NOTE_COLOUR, SHADES, isNumber, textWidth } from './style.js';

// Every table of the bulletin on its own sheet, after a sheet 说明 that says what the workbook
// is. Numbers are numbers (the exact value, shown with the bulletin's decimals), text is text.

export const INFO_SHEET = '说明';
/** Rows of a table sheet: the caption, then the column headings, then the rows. */
export const CAPTION_ROW = 1;
export const HEADER_ROW = 2;

const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  bottom: { style: 'thin' },
  left: { style: 'thin' },
  right: { style: 'thin' },
};

const PAGE_SETUP: Partial<ExcelJS.PageSetup> = {
  paperSize: 9, // A4
  orientation: 'portrait',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
};

function numberFormat(places: number | undefined): string {
  const p = places ?? 0;
  return p > 0 ? `0.${'0'.repeat(p)}` : '0';
}

function infoSheet(wb: ExcelJS.Workbook, b: Bulletin): void {
  const ws = wb.addWorksheet(INFO_SHEET, { pageSetup: PAGE_SETUP });
  ws.getColumn(1).width = 20;
  ws.getColumn(2).width = 70;
  ws.mergeCells(1, 1, 1, 2);
  const title = ws.getCell(1, 1);
  title.value = b.title + b.subtitle;
  title.font = { bold: true, size: 16 };
  // The synthetic note right under the title, where no reader can miss it.
  if (b.synthetic && b.syntheticNote) {
    ws.mergeCells(2, 1, 2, 2);
    const note = ws.getCell(2, 1);
    note.value = b.syntheticNote;
    note.font = { bold: true, color: { argb: argb(NOTE_COLOUR) } };
  }
  const rows: [string, string][] = [
    ['期别', b.periodWords],
    ['范围', b.scopeName],
    ['计划', b.planName],
    ['发布单位', b.issuer],
    ['日期', b.dateWords],
  ];
  if (b.empty !== null) rows.push(['本期', b.empty]);
  const tables = b.sections.flatMap((s) =>
    s.blocks.flatMap((k) => (k.kind === 'table' ? [k.table] : [])),
  );
  for (const t of tables) rows.push([`工作表「${t.sheet}」`, t.caption]);
  rows.forEach(([k, v], i) => {
    const row = ws.getRow(3 + i);
    row.values = [k, v];
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  });
}

function writeCell(target: ExcelJS.Cell, c: Cell): void {
  if (isNumber(c)) {
    target.value = c.value;
    target.numFmt = numberFormat(c.places);
    target.alignment = { horizontal: 'right' };
  } else {
    target.value = c.text;
  }
  const shade = c.status ? SHADES[c.status] : undefined;
  if (shade) {
    target.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(shade.fill) } };
    target.font = { color: { argb: argb(shade.text) } };
    target.alignment = { horizontal: 'center' };
  }
  target.border = BORDER;
}

function tableSheet(wb: ExcelJS.Workbook, t: BulletinTable): void {
  const ws = wb.addWorksheet(t.sheet, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW }],
    pageSetup: PAGE_SETUP,
  });
  const last = t.columns.length;
  ws.mergeCells(CAPTION_ROW, 1, CAPTION_ROW, last);
  const caption = ws.getCell(CAPTION_ROW, 1);
  caption.value = t.caption;
  caption.font = { bold: true, size: 14 };
  caption.alignment = { horizontal: 'center' };

  t.columns.forEach((h, i) => {
    const cell = ws.getCell(HEADER_ROW, i + 1);
    cell.value = h;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF0F0F0' } };
    cell.border = BORDER;
  });
  t.rows.forEach((r, ri) => {
    t.columns.forEach((_, ci) =>
      writeCell(ws.getCell(HEADER_ROW + 1 + ri, ci + 1), r[ci] ?? { text: '' }),
    );
  });
  // Excel's width unit is about one Latin character; a Chinese character takes two.
  t.columns.forEach((h, i) => {
    const widest = Math.max(textWidth(h), ...t.rows.map((r) => textWidth(r[i]?.text ?? '')));
    ws.getColumn(i + 1).width = Math.min(50, Math.max(8, widest + 2));
  });
  if (t.note) {
    const row = HEADER_ROW + t.rows.length + 1;
    ws.mergeCells(row, 1, row, last);
    const note = ws.getCell(row, 1);
    note.value = t.note;
    note.alignment = { wrapText: true, vertical: 'top' };
  }
  ws.pageSetup.printTitlesRow = `${HEADER_ROW}:${HEADER_ROW}`;
}

export async function renderXlsx(b: Bulletin): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Leitai';
  wb.title = b.title;
  infoSheet(wb, b);
  for (const s of b.sections)
    for (const k of s.blocks) if (k.kind === 'table') tableSheet(wb, k.table);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
