import ExcelJS from 'exceljs';
import type { Indicator } from '../../core/indicators/index.js';
import { parsePeriod, periodLabel, previousYearPeriod } from '../../core/periods/index.js';
import type { Region } from '../../core/regions/index.js';
import { MARK } from './marker.js';

export interface TemplateOptions {
  title: string;
  /** 2026-09, 2026Q3 or 2025. */
  period: string;
  regions: readonly Region[];
  indicators: readonly Indicator[];
  /** region → indicator → the value one year earlier (the 上年同期 column). */
  lastYear: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Values already entered for this period, pre-filled in the input cells. */
  current?: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** The pre-filled values are synthetic demo data: the sheet says so. */
  synthetic?: boolean;
}

export const TEMPLATE_SHEET = '填报表';
export const INSTRUCTIONS_SHEET = '填表说明';

// Row numbers of the layout: the machine row is hidden above the title.
const MACHINE_ROW = 1;
const TITLE_ROW = 2;
const NOTE_ROW = 3;
const HEADER_ROW = 4;
const SUB_ROW = 5;
const FIRST_DATA_ROW = 6;

const GREY: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
const HEAD: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  left: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  right: { style: 'thin', color: { argb: 'FFBFBFBF' } },
};
const CENTER: Partial<ExcelJS.Alignment> = {
  horizontal: 'center',
  vertical: 'middle',
  wrapText: true,
};

/** Display widths: a CJK character takes two columns. */
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) > 0x2e7f ? 2 : 1;
  return w;
}

function header(ind: Indicator): string {
  return `${ind.name}(${ind.unit})`;
}

/**
 * The statistics office's sheet for one period: a title, a two-row header (indicator with
 * unit over 本期 | 上年同期), one row per county with last year's value locked in grey beside
 * each input cell, and a hidden machine row so readWorkbook reads it back exactly. The sheet is
 * protected without a password: it keeps the layout, it is not security.
 */
export async function writeTemplate(opts: TemplateOptions): Promise<Buffer> {
  const period = parsePeriod(opts.period);
  const label = periodLabel(period);
  const lastLabel = periodLabel(previousYearPeriod(period));
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Leitai 擂台';
  wb.created = new Date(0);
  wb.modified = new Date(0);
  const ws = wb.addWorksheet(TEMPLATE_SHEET, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: SUB_ROW, topLeftCell: `C${FIRST_DATA_ROW}` }],
    properties: { defaultRowHeight: 18 },
  });
  const lastCol = 2 + opts.indicators.length * 2;

  // Hidden machine row: codes the importer trusts over the printed header.
  const machine = ws.getRow(MACHINE_ROW);
  machine.getCell(1).value = `${MARK}code`;
  machine.getCell(2).value = `${MARK}name`;
  opts.indicators.forEach((ind, i) => {
    machine.getCell(3 + i * 2).value = ind.code;
    machine.getCell(4 + i * 2).value = `${MARK}prev`;
  });
  machine.getCell(lastCol + 1).value = `${MARK}period=${opts.period}`;
  machine.hidden = true;

  const title = ws.getRow(TITLE_ROW);
  title.getCell(1).value = `${opts.title} ${label}`;
  title.getCell(1).font = { bold: true, size: 14 };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  title.height = 28;
  ws.mergeCells(TITLE_ROW, 1, TITLE_ROW, Math.max(lastCol, 2));

  const note = ws.getRow(NOTE_ROW);
  note.getCell(1).value = opts.synthetic
    ? `合成演示数据(synthetic demo data):上年同期等预填数值为合成数据,不是官方统计数据。在白色单元格填写${label}数值;灰色为${lastLabel}数值,不可修改。`
    : `在白色单元格填写${label}数值(单位见表头);灰色为${lastLabel}数值,不可修改;无数据的留空。`;
  note.getCell(1).font = opts.synthetic
    ? { color: { argb: 'FFC00000' }, bold: true, size: 10 }
    : { color: { argb: 'FF595959' }, size: 10 };
  note.getCell(1).alignment = { vertical: 'middle', wrapText: true };
  note.height = 30;
  ws.mergeCells(NOTE_ROW, 1, NOTE_ROW, Math.max(lastCol, 2));

  const head = ws.getRow(HEADER_ROW);
  const sub = ws.getRow(SUB_ROW);
  head.getCell(1).value = '区划代码';
  head.getCell(2).value = '县(市)';
  ws.mergeCells(HEADER_ROW, 1, SUB_ROW, 1);
  ws.mergeCells(HEADER_ROW, 2, SUB_ROW, 2);
  opts.indicators.forEach((ind, i) => {
    const c = 3 + i * 2;
    head.getCell(c).value = header(ind);
    ws.mergeCells(HEADER_ROW, c, HEADER_ROW, c + 1);
    sub.getCell(c).value = '本期';
    sub.getCell(c + 1).value = '上年同期';
  });
  head.height = 48;
  for (const row of [head, sub])
    for (let c = 1; c <= lastCol; c++) {
      const cell = row.getCell(c);
      cell.font = { bold: true };
      cell.alignment = CENTER;
      cell.fill = HEAD;
      cell.border = THIN;
    }

  opts.regions.forEach((region, k) => {
    const row = ws.getRow(FIRST_DATA_ROW + k);
    row.getCell(1).value = region.code;
    row.getCell(2).value = region.name;
    for (const c of [1, 2]) {
      row.getCell(c).border = THIN;
      row.getCell(c).fill = GREY;
    }
    const last = opts.lastYear.get(region.code);
    const now = opts.current?.get(region.code);
    opts.indicators.forEach((ind, i) => {
      const input = row.getCell(3 + i * 2);
      const prev = row.getCell(4 + i * 2);
      const value = now?.get(ind.code);
      if (value !== undefined) input.value = value;
      input.protection = { locked: false };
      input.border = THIN;
      input.dataValidation = validation(ind);
      const before = last?.get(ind.code);
      if (before !== undefined) prev.value = before;
      prev.fill = GREY;
      prev.border = THIN;
      prev.font = { color: { argb: 'FF595959' } };
    });
  });

  ws.getColumn(1).width = 10;
  ws.getColumn(2).width = Math.max(10, ...opts.regions.map((r) => width(r.name) + 2));
  opts.indicators.forEach((ind, i) => {
    // The header wraps over two columns: each needs about half of it, within reason.
    const w = Math.min(18, Math.max(10, Math.ceil(width(header(ind)) / 4) + 2));
    ws.getColumn(3 + i * 2).width = w;
    ws.getColumn(4 + i * 2).width = w;
  });
  ws.getColumn(lastCol + 1).hidden = true;

  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
  });

  instructions(wb, opts, label, lastLabel);
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

function validation(ind: Indicator): ExcelJS.DataValidation {
  const [lo, hi] = ind.range ?? [-1e15, 1e15];
  const limits = ind.range ? `${lo}~${hi}${ind.unit}之间的` : '';
  return {
    type: 'decimal',
    operator: 'between',
    allowBlank: true,
    formulae: [lo, hi],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '数值无效',
    error: `「${ind.name}」应填写${limits}数字(单位:${ind.unit});无数据请留空。`,
  };
}

function instructions(
  wb: ExcelJS.Workbook,
  opts: TemplateOptions,
  label: string,
  lastLabel: string,
): void {
  const ws = wb.addWorksheet(INSTRUCTIONS_SHEET);
  const lines = [
    `${opts.title} ${label} 填表说明`,
    '',
    `1. 在「${TEMPLATE_SHEET}」的白色单元格填写${label}数值;年度累计指标填写自1月起的累计数。`,
    `2. 灰色的「上年同期」为${lastLabel}数值,仅供对照,不可修改;区划代码、县(市)名称和表头也不可修改。`,
    '3. 单位见表头括号,例如「一般公共预算收入(亿元)」填亿元;增速、比重填百分数的数字(4.8 表示 4.8%)。',
    '4. 只能填写数字;无数据的单元格留空。超出合理范围的数值会被拒绝。',
    '5. 不要增删行列或改动工作表名称;填好后保存为 .xlsx 上传。上传时系统逐格检查,全部无误才会写入。',
    '6. 工作表保护没有密码,只为防止误改表头;如需解除,请在「审阅」中撤销工作表保护。',
  ];
  if (opts.synthetic)
    lines.push('', '注意:本模板中的预填数值为合成演示数据(synthetic demo data),不是官方统计数据。');
  lines.push('', '指标及单位:');
  for (const ind of opts.indicators) {
    const range = ind.range ? `,合理范围 ${ind.range[0]}~${ind.range[1]}` : '';
    lines.push(`  ${ind.name}(${ind.unit}${range}) — 代码 ${ind.code}`);
  }
  lines.forEach((text, i) => {
    const cell = ws.getCell(i + 1, 1);
    cell.value = text;
    if (i === 0) cell.font = { bold: true, size: 13 };
  });
  ws.getColumn(1).width = 100;
}
