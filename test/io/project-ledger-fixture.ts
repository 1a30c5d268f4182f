import ExcelJS from 'exceljs';

type Cell = string | number | Date | null;

/** Columns of the office-style fixture: A 序号 … W 省重点. */
export const TOP = ['序号', '项目名称', '建设单位', '所在县', '所属产业', '建设性质'];
const MILESTONES = ['谋划', '签约', '开工', '投产', '达产'];

/**
 * A ledger as a prefecture office keeps it: a merged title, a unit line, a two-row header whose
 * single columns are merged down and whose milestones each span 计划/实际, then the rows (from
 * Excel row 5).
 */
export async function officeLedger(
  rows: Cell[][],
  opts: { unitLine?: string; moneyHeader?: string; dateCells?: Record<string, Date> } = {},
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('项目台账');
  ws.getCell('A1').value = '哈尔滨市2026年重点产业项目建设台账';
  ws.mergeCells('A1:W1');
  ws.getCell('A2').value = opts.unitLine ?? '单位:万元';
  const money = opts.moneyHeader ?? '';
  const singles = [...TOP, `总投资${money}`, `本年计划投资${money}`, `本年累计完成投资${money}`];
  singles.forEach((h, i) => {
    ws.getCell(3, i + 1).value = h;
    ws.mergeCells(3, i + 1, 4, i + 1);
  });
  MILESTONES.forEach((m, k) => {
    const c = 10 + 2 * k;
    ws.getCell(3, c).value = m;
    ws.mergeCells(3, c, 3, c + 1);
    ws.getCell(4, c).value = '计划';
    ws.getCell(4, c + 1).value = '实际';
  });
  ['形象进度', '存在问题', '包联领导', '是否省重点'].forEach((h, i) => {
    ws.getCell(3, 20 + i).value = h;
    ws.mergeCells(3, 20 + i, 4, 20 + i);
  });
  rows.forEach((r, i) => {
    r.forEach((v, c) => {
      if (v !== null) ws.getCell(5 + i, c + 1).value = v;
    });
  });
  for (const [ref, d] of Object.entries(opts.dateCells ?? {})) {
    ws.getCell(ref).value = d;
    ws.getCell(ref).numFmt = 'yyyy-mm-dd';
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
