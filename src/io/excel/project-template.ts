import ExcelJS from 'exceljs';
import { parsePeriod } from '../../core/periods/index.js';
import {
  MILESTONES,
  MILESTONE_LABELS,
  PROJECT_TYPE_LABELS,
  type ProjectReport,
} from '../../core/projects/types.js';

export interface ProjectTemplateInput {
  county: string;
  countyName: string;
  /** The month the county fills in, YYYY-MM. */
  period: string;
  /** Last month's reports, pre-filled. */
  previous: ProjectReport[];
  /** The previous reports are synthetic demo data: the sheet says so. */
  synthetic?: boolean;
}

/** The header the reader reads back (readProjectLedger): single columns span both header rows. */
const SINGLE = ['序号', '项目名称', '建设单位', '所在县', '所属产业', '建设性质', '标签'];
const MONEY = ['总投资(万元)', '本年计划投资(万元)', '本年累计完成投资(万元)'];
const TEXTS = ['形象进度', '存在问题', '包联领导'];
const WIDTH = SINGLE.length + MONEY.length + 2 * MILESTONES.length + TEXTS.length;

/**
 * A county's project ledger for one month, pre-filled with last month's reports: the year-to-date
 * figure stays last month's for the county to update (blank in January, when the year starts
 * over). Unit 万元; dates as text (2026-03 or 2026-03-15) so Excel does not reformat them.
 */
export async function writeProjectTemplate(input: ProjectTemplateInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('项目台账', { views: [{ state: 'frozen', ySplit: 4, xSplit: 2 }] });
  const demo = input.synthetic ? '【合成演示数据】' : '';
  ws.getCell(1, 1).value = `${demo}${input.countyName}重点产业项目台账(${input.period})`;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, WIDTH);
  ws.getCell(2, 1).value =
    `单位:万元;日期写作 2026-03 或 2026-03-15,已到达但日期不详写「已开工」等;本年累计完成投资请更新为截至 ${input.period} 月末的数字${input.synthetic ? ';本表预填内容为合成演示数据' : ''}`;
  ws.mergeCells(2, 1, 2, WIDTH);
  writeHeader(ws);
  const january = parsePeriod(input.period).kind === 'month' && input.period.endsWith('-01');
  input.previous.forEach((r, i) => {
    ws.getRow(5 + i).values = rowValues(r, i + 1, input.countyName, january);
  });
  ws.columns.forEach((c, i) => (c.width = i === 1 || i === 2 ? 28 : i === 0 ? 6 : 14));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function writeHeader(ws: ExcelJS.Worksheet): void {
  [...SINGLE, ...MONEY].forEach((h, i) => {
    ws.getCell(3, i + 1).value = h;
    ws.mergeCells(3, i + 1, 4, i + 1);
  });
  const first = SINGLE.length + MONEY.length + 1;
  MILESTONES.forEach((m, k) => {
    const c = first + 2 * k;
    ws.getCell(3, c).value = MILESTONE_LABELS[m];
    ws.mergeCells(3, c, 3, c + 1);
    ws.getCell(4, c).value = '计划';
    ws.getCell(4, c + 1).value = '实际';
  });
  TEXTS.forEach((h, i) => {
    const c = first + 2 * MILESTONES.length + i;
    ws.getCell(3, c).value = h;
    ws.mergeCells(3, c, 4, c);
  });
  for (const r of [3, 4]) {
    ws.getRow(r).font = { bold: true };
    ws.getRow(r).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  }
}

const money = (v: string | null) => (v === null || v === '' ? null : Number(v));

function rowValues(r: ProjectReport, no: number, countyName: string, january: boolean) {
  const dates = MILESTONES.flatMap((m) => {
    const actual = r.actual[m];
    const reached = m in r.actual;
    return [r.planned[m] ?? null, reached ? (actual ?? `已${MILESTONE_LABELS[m]}`) : null];
  });
  return [
    no,
    r.name,
    r.company,
    countyName,
    r.industry,
    r.type ? PROJECT_TYPE_LABELS[r.type] : null,
    r.flags.join('、') || null,
    money(r.totalInvestment),
    money(r.plannedThisYear),
    january ? null : money(r.completedYtd),
    ...dates,
    r.progress,
    r.problems,
    r.leader,
  ];
}
