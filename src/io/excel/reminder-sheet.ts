import ExcelJS from 'exceljs';

/** The sheet's name in the workbook. */
export const REMINDER_SHEET = '催报单';

/** The column headings, in order (row `HEADER_ROW`). */
export const REMINDER_COLUMNS = [
  '序号',
  '县(市)',
  '区划代码',
  '所属市(地)',
  '缺报指标数(个)',
  '缺报指标(单位)',
  '报送截止日期',
] as const;

/** Row of the column headings: title above it, the period and due date between. */
export const HEADER_ROW = 3;

export interface SheetCounty {
  region: string;
  name: string;
  prefectureName: string | null;
  missing: readonly { name: string; unit: string }[];
}

/**
 * The printable 催报单 (reminder sheet): a title, the period and due date, then one row per late
 * county with its missing indicators (names and units). A4 landscape, fitted to the page width,
 * the heading row repeated on every printed page.
 */
export async function writeReminderSheet(o: {
  title: string;
  periodLabel: string;
  due: string;
  overdue: boolean;
  /** The calendar day it was made (the province's). */
  today: string;
  /** Who made it. */
  by: string;
  counties: readonly SheetCounty[];
}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Leitai';
  const ws = wb.addWorksheet(REMINDER_SHEET, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '第 &P 页,共 &N 页' },
  });
  ws.pageSetup.printTitlesRow = `${HEADER_ROW}:${HEADER_ROW}`;
  const widths = [6, 14, 11, 14, 10, 70, 13];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const last = REMINDER_COLUMNS.length;

  ws.mergeCells(1, 1, 1, last);
  const title = ws.getCell(1, 1);
  title.value = o.title;
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 28;

  ws.mergeCells(2, 1, 2, last);
  const sub = ws.getCell(2, 1);
  sub.value =
    `期别:${o.periodLabel}  报送截止日期:${o.due}  制表日期:${o.today}  制表人:${o.by}  ` +
    (o.overdue ? `逾期缺报的县(市):${o.counties.length} 个` : '截止日期尚未过,暂无逾期的县(市)');
  sub.alignment = { horizontal: 'left', vertical: 'middle', wrapText: true };

  const head = ws.getRow(HEADER_ROW);
  const border: Partial<ExcelJS.Borders> = {
    top: { style: 'thin' },
    bottom: { style: 'thin' },
    left: { style: 'thin' },
    right: { style: 'thin' },
  };
  REMINDER_COLUMNS.forEach((h, i) => {
    const cell = head.getCell(i + 1);
    cell.value = h;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF0F0F0' } };
    cell.border = border;
  });

  o.counties.forEach((c, i) => {
    const row = ws.getRow(HEADER_ROW + 1 + i);
    row.values = [
      i + 1,
      c.name,
      c.region,
      c.prefectureName ?? '',
      c.missing.length,
      c.missing.map((d) => `${d.name}(${d.unit})`).join('、'),
      o.due,
    ];
    row.eachCell((cell, col) => {
      cell.border = border;
      cell.alignment = { vertical: 'top', wrapText: col === 6 };
    });
  });
  if (o.counties.length === 0) {
    const r = HEADER_ROW + 1;
    ws.mergeCells(r, 1, r, last);
    ws.getCell(r, 1).value = o.overdue
      ? '本范围内没有逾期缺报的县(市)。'
      : '报送截止日期尚未过,暂无逾期的县(市)。';
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
