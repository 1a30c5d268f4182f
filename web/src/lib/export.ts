// Tables to .xlsx in the browser, with the columns the user sees. ExcelJS is loaded only when
// someone exports (its own chunk), so the pages do not carry it.
import { saveBlob } from './download.js';

export interface ExportColumn<R> {
  title: string;
  value: (row: R) => string | number | null | undefined;
  /** Excel number format for numeric cells (e.g. '0.0'); values stay exact numbers. */
  format?: string;
}

export interface ExportSheet<R> {
  name: string;
  columns: ExportColumn<R>[];
  rows: readonly R[];
  /** Lines above the header: title, period, the synthetic-data label. */
  caption?: string[];
}

export async function exportXlsx<R>(fileName: string, sheet: ExportSheet<R>): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet.name.slice(0, 31));
  for (const line of sheet.caption ?? []) ws.addRow([line]);
  const header = ws.addRow(sheet.columns.map((c) => c.title));
  header.font = { bold: true };
  for (const r of sheet.rows) ws.addRow(sheet.columns.map((c) => c.value(r) ?? null));
  sheet.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = Math.min(40, Math.max(8, c.title.length * 2 + 2));
    if (c.format) col.numFmt = c.format;
  });
  const buffer = await wb.xlsx.writeBuffer();
  const blob = new Blob([buffer], {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
  saveBlob(blob, fileName.endsWith('.xlsx') ? fileName : `${fileName}.xlsx`);
}
