// Reading a leading-industry list as offices keep it: a title row above the header, a county cell
// merged over its two rows, a 合计 row, blank rows, 、-separated enterprises; and every problem
// placed by sheet, row and column with nothing returned while there is one.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { industryRows, readIndustriesFile } from '../../src/io/industries-file.js';
import { loadIndustryNames } from '../../src/io/industries.js';
import { loadRegister } from '../../src/io/regions.js';

const register = loadRegister();
const names = loadIndustryNames();

async function book(rows: (string | number | null)[][], merge?: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('说明').addRow(['填表说明']);
  const ws = wb.addWorksheet('台账');
  ws.addRow(['2026年县域主导工业清单']);
  ws.addRow([
    '序号',
    '县(市)',
    '主导工业',
    '一业一策',
    '重点企业',
    '2025年产值(亿元)',
    '2025年增速(%)',
  ]);
  for (const r of rows) ws.addRow(r);
  if (merge) ws.mergeCells(merge);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('readIndustriesFile', () => {
  it('reads merged county cells, skips blank and 合计 rows, splits enterprises', async () => {
    const data = await book(
      [
        [1, '尚志市', '食品', '鲜食玉米', '甲、乙', 12.5, '8.5%'],
        [2, null, '林产品加工', null, null, 3, null],
        [null, null, null, null, null, null, null],
        [1, '230184', '食品', null, null, null, null],
        [null, '合计', null, null, null, 15.5, null],
      ],
      'B3:B4',
    );
    const r = await readIndustriesFile(data, '清单.xlsx', register, names);
    expect(r.problems).toEqual([]);
    expect([...r.lists.keys()]).toEqual(['230183', '230184']);
    expect(
      r.lists.get('230183')!.map((i) => [i.position, i.industry, i.enterprises, i.figures]),
    ).toEqual([
      [1, '绿色食品产业', ['甲', '乙'], [{ year: 2025, output: '12.5', growth: '8.5' }]],
      [2, '林产品加工业', [], [{ year: 2025, output: '3', growth: null }]],
    ]);
  });

  it('places every problem and returns no list while there is one', async () => {
    const data = await book([
      [1, '尚志市', '宇宙飞船', null, null, 'abc', null],
      [1, '不存在县', '食品', null, null, null, null],
      [1, '五常市', '食品', null, null, null, null],
      [2, '五常市', '绿色食品产业', null, null, null, null],
    ]);
    const r = await readIndustriesFile(data, '清单.xlsx', register, names);
    expect(r.problems.map((p) => [p.sheet, p.row, p.column, p.value])).toEqual([
      ['台账', 3, 'F', 'abc'],
      ['台账', 3, 'C', '宇宙飞船'],
      ['台账', 4, 'B', '不存在县'],
      ['台账', 6, 'C', '绿色食品产业'],
    ]);
    expect(r.problems[3]!.reason).toBe('五常市:与第1行为同一产业');
    expect(r.lists.size).toBe(0);
  });

  it('exports rows in the same columns', () => {
    const { header, rows } = industryRows([
      {
        county: '230183',
        countyName: '尚志市',
        position: 1,
        industry: '绿色食品产业',
        policy: null,
        enterprises: ['甲', '乙'],
        figures: [{ year: 2025, output: '12.5', growth: null }],
      },
    ]);
    expect(header).toEqual([
      '县(市)',
      '位次',
      '主导工业',
      '一业一策',
      '重点企业',
      '2025年产值(亿元)',
      '2025年增速(%)',
    ]);
    expect(rows).toEqual([['尚志市', 1, '绿色食品产业', null, '甲、乙', '12.5', null]]);
  });
});
