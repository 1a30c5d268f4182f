import ExcelJS from 'exceljs';

type Cell = string | number | null;

/** A one-sheet workbook of a header and rows (CLI and API exports), with a note line first if given. */
export async function tableXlsx(
  sheet: string,
  header: readonly string[],
  rows: readonly Cell[][],
  note?: string,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  if (note) ws.addRow([note]);
  ws.addRow([...header]);
  for (const r of rows) ws.addRow([...r]);
  ws.columns.forEach((c) => (c.width = 16));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
