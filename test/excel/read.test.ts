import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { isLeitaiError } from '../../src/core/errors/index.js';
import { findPeriod } from '../../src/io/excel/periods.js';
import { fill, lines, read, save, saveBytes } from './helpers.js';

/**
 * A sheet as a prefecture statistics office makes it: a title with the period, a unit line,
 * merged two-row headers with 本期/上年同期, a 万元 column, a column-number row, a 合计 row at
 * the top, county names without their suffix, `—`, numbers as text with thousands separators,
 * full-width digits and ％, a formula, a footnote.
 */
function messy(total = { gdp: 446.7 as ExcelJS.CellValue }): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const notes = wb.addWorksheet('填表说明');
  notes.getCell('A1').value = '请按月填报。区划代码 县(市) 地区生产总值';
  const ws = wb.addWorksheet('县域经济');
  ws.getCell('A1').value = '2026年1-9月县域经济主要指标';
  ws.mergeCells('A1:J1');
  ws.getCell('A2').value = '填报单位:哈尔滨市统计局';
  ws.getCell('H2').value = '单位:亿元';
  fill(ws, 3, ['序号', '县(市)', '地区生产总值', undefined, '一般公共预算收入(万元)']);
  fill(ws, 3, [, , , , , , '规模以上工业企业(户)', '地区生产总值增速(%)', '粮食产量']);
  ws.mergeCells('A3:A4');
  ws.mergeCells('B3:B4');
  ws.mergeCells('C3:D3');
  ws.mergeCells('E3:F3');
  ws.mergeCells('G3:G4');
  ws.mergeCells('H3:H4');
  ws.mergeCells('I3:J3');
  fill(ws, 4, [, , '本期', '上年同期', '本年', '上年', , , '本期', '同比']);
  fill(ws, 5, ['甲', '乙', 1, 2, 3, 4, 5, 6, 7, 8]);
  fill(ws, 6, ['', '合　计', total.gdp, 420, 267899, 250000, 136, '5.2', '12.3', '']);
  fill(ws, 7, [1, '尚志', '１２３.４', 110.2, '123,456', '118,000', '56', '5.2％', '—', '']);
  fill(ws, 8, [2, '五常市', 234.5, 220, 98765, 90000, 80, 0.048, '-', '']);
  ws.getCell('H8').numFmt = '0.0%';
  fill(ws, 9, [3, '依兰县', { formula: 'C7-C7+88.8', result: 88.8 }, 80, ' 45,678 ', 40000]);
  fill(ws, 9, [, , , , , , '  ', '－', ' 12.3 ', '-1.1']);
  ws.getCell('A10').value = '注:本表数据为初步统计数,合计与分项之和因四舍五入可能略有出入。';
  ws.mergeCells('A10:J10');
  const hidden = wb.addWorksheet('旧数据', { state: 'hidden' });
  fill(hidden, 1, ['区划代码', '地区生产总值']);
  fill(hidden, 2, ['230183', 'junk']);
  return wb;
}

describe('readWorkbook: the wide layout of a statistics office', () => {
  it('reads a messy sheet: titles, merged headers, 万元, names, —, text numbers, a matching 合计', async () => {
    const r = await read(await save(messy(), 'messy.xlsx'), 'messy.xlsx');
    expect(r.problems).toEqual([]);
    expect(lines(r)).toEqual(
      [
        '230183 gdp 2026-09 123.4',
        '230183 general_budget_revenue 2026-09 12.3456',
        '230183 above_scale_enterprises 2026-09 56',
        '230183 gdp_growth 2026-09 5.2',
        '230183 grain_output 2026-09 null',
        '230184 gdp 2026-09 234.5',
        '230184 general_budget_revenue 2026-09 9.8765',
        '230184 above_scale_enterprises 2026-09 80',
        '230184 gdp_growth 2026-09 4.8',
        '230184 grain_output 2026-09 null',
        '230123 gdp 2026-09 88.8',
        '230123 general_budget_revenue 2026-09 4.5678',
        '230123 gdp_growth 2026-09 null',
        '230123 grain_output 2026-09 12.3',
      ].sort(),
    );
    const gbr = r.rows.find(
      (x) => x.region === '230183' && x.indicator === 'general_budget_revenue',
    );
    expect(gbr?.at).toEqual({ sheet: '县域经济', row: 7, column: 'E' });
    expect(r.notes.join('\n')).toMatch(/填表说明.*已跳过/);
    expect(r.notes.join('\n')).toMatch(/旧数据.*隐藏/);
    expect(r.notes.join('\n')).toMatch(/合计行已与各县\(市\)之和核对/);
  });

  it('names the 合计 cell and both numbers when the total is wrong', async () => {
    const r = await read(await save(messy({ gdp: 450 }), 'wrong-total.xlsx'), 'wrong-total.xlsx');
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ sheet: '县域经济', row: 6, column: 'C', value: '450' });
    expect(r.problems[0]?.reason).toContain('450');
    expect(r.problems[0]?.reason).toContain('446.7');
  });

  it('takes the caller’s period, and reports a title that says another one', async () => {
    const ok = await read(await save(messy(), 'p.xlsx'), 'p.xlsx', '2026-09');
    expect(ok.problems).toEqual([]);
    const other = await read(await save(messy(), 'p2.xlsx'), 'p2.xlsx', '2026-08');
    expect(other.problems).toHaveLength(1);
    expect(other.problems[0]).toMatchObject({ sheet: '县域经济', row: 1, column: 'A' });
    expect(other.problems[0]?.reason).toMatch(/2026-08/);
    expect(other.rows.every((x) => x.period === '2026-08')).toBe(true);
  });

  it('reports every problem with sheet, row, column, value and a Chinese reason', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('问题表');
    ws.getCell('A1').value = '2026年1-9月主要指标';
    fill(ws, 2, [
      '区划代码',
      '县(市)',
      '地区生产总值(亿元)',
      '社会消费品零售总额(亿元)',
      '税收收入',
    ]);
    fill(ws, 2, [, , , , , '粮食产量(%)']);
    fill(ws, 3, ['230183', '尚志市', 'abc', 10, 2]);
    fill(ws, 4, ['', '不存在县', 100, 10, 2]);
    fill(ws, 5, ['230184', '五常市', 99999, 10, 2]);
    fill(ws, 6, ['230123', '依兰县', 50, 10, 2]);
    fill(ws, 7, ['230123', '依兰县', 51, 10, 3]);
    fill(ws, 8, ['999999', '', 51, 10, 3]);
    fill(ws, 9, ['230184', '尚志市', 51, 10, 3]);
    const r = await read(await save(wb, 'problems.xlsx'), 'problems.xlsx');
    const got = r.problems.map((p) => `${p.sheet}!${p.column}${p.row} [${p.value}] ${p.reason}`);
    const want: Array<[string, RegExp]> = [
      ['问题表!D2', /未知指标「社会消费品零售总额」/],
      ['问题表!F2', /单位「%」不能换算.*亿斤/],
      ['问题表!C3', /数值「abc」不是数字/],
      ['问题表!B4', /未知县\(市\)「不存在县」/],
      ['问题表!C5', /数值「99999」超出「地区生产总值」的合理范围 0~3000亿元/],
      ['问题表!C7', /与 C6 重复/],
      ['问题表!E7', /与 E6 重复/],
      ['问题表!A8', /区划代码「999999」不在区划名录中/],
      ['问题表!B9', /区划代码 230184\(五常市\)与名称「尚志市」不一致/],
    ];
    expect(got).toHaveLength(want.length);
    want.forEach(([where, reason], i) => {
      expect(got[i]).toContain(where);
      expect(got[i]).toMatch(reason);
    });
    expect(r.problems[0]).toMatchObject({ sheet: '问题表', row: 2, column: 'D' });
    expect(r.problems[2]).toMatchObject({ row: 3, column: 'C', value: 'abc' });
  });

  it('reports a sheet without any period', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    fill(ws, 1, ['县(市)', '地区生产总值(亿元)']);
    fill(ws, 2, ['尚志市', 100]);
    const r = await read(await save(wb, 'noperiod.xlsx'), 'noperiod.xlsx');
    expect(r.rows).toEqual([]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]?.reason).toMatch(/无法确定期别/);
    const withPeriod = await read(await save(wb, 'noperiod2.xlsx'), 'noperiod2.xlsx', '2025');
    expect(lines(withPeriod)).toEqual(['230183 gdp 2025 100']);
  });

  it('reads codes as numbers, a sheet-level 万元 and period-labelled sub-columns', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.getCell('A1').value = '各县(市)一般公共预算收入完成情况';
    ws.getCell('C2').value = '单位:万元';
    fill(ws, 3, ['区划代码', '地区', '一般公共预算收入', undefined, '税收收入']);
    ws.mergeCells('C3:D3');
    ws.mergeCells('E3:F3');
    ws.mergeCells('A3:A4');
    ws.mergeCells('B3:B4');
    fill(ws, 4, [, , '2026年1-9月', '2025年1-9月', '2026年1-9月', '比上年增长(%)']);
    fill(ws, 5, [230183, '尚志市', 50000, 45000, 30000, 12.5]);
    const r = await read(await save(wb, 'labelled.xlsx'), 'labelled.xlsx');
    expect(r.problems).toEqual([]);
    expect(lines(r)).toEqual([
      '230183 general_budget_revenue 2026-09 5',
      '230183 tax_revenue 2026-09 3',
      '230183 tax_revenue_growth 2026-09 12.5',
    ]);
  });
});

describe('readWorkbook: other wide sheets', () => {
  it('reads a period column (several months in one sheet) and converts 万吨 to 亿斤', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('月报');
    fill(ws, 1, ['县(市)', '月份', '粮食产量(万吨)', '税收收入(万元)']);
    fill(ws, 2, ['尚志市', '2026年1-8月', 60, 12000]);
    fill(ws, 3, ['尚志市', '2026-09', 61.5, 13000]);
    fill(ws, 4, ['五常市', '', 1, 1]);
    fill(ws, 5, ['五常市', '八月', 1, 1]);
    const r = await read(await save(wb, 'months.xlsx'), 'months.xlsx');
    expect(lines(r)).toEqual([
      '230183 grain_output 2026-08 12',
      '230183 grain_output 2026-09 12.3',
      '230183 tax_revenue 2026-08 1.2',
      '230183 tax_revenue 2026-09 1.3',
    ]);
    expect(r.problems.map((p) => `${p.column}${p.row} ${p.reason}`)).toEqual([
      'B4 缺少期别',
      'B5 期别「八月」无法识别:应为 2025、2026Q3、2026-09 或「2026年1-9月」',
    ]);
  });

  it('finds the county column without a label, and refuses a sub-header it cannot place', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.getCell('A1').value = '2025年县域主要指标';
    fill(ws, 2, ['', '地区生产总值(亿元)', '税收收入(亿元)']);
    fill(ws, 3, ['', '本年', '计划数']);
    fill(ws, 4, ['尚志市', 201.3, 9.9]);
    fill(ws, 5, ['杜尔伯特', 101.1, 3.3]);
    const r = await read(await save(wb, 'nolabel.xlsx'), 'nolabel.xlsx');
    expect(lines(r)).toEqual(['230183 gdp 2025 201.3', '230624 gdp 2025 101.1']);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ row: 3, column: 'C', value: '计划数' });
  });
});

describe('readWorkbook: corner cells and period headings', () => {
  it('reads a diagonal corner cell and a period heading over every indicator', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    fill(ws, 1, ['指标\n地区', '2026年第三季度']);
    ws.mergeCells('B1:E1');
    ws.mergeCells('A1:A3');
    fill(ws, 2, ['', '税收收入(亿元)', '', '地区生产总值增速(%)', '']);
    ws.mergeCells('B2:C2');
    ws.mergeCells('D2:E2');
    fill(ws, 3, ['', '本期', '同比±%', '本期', '上年同期']);
    fill(ws, 4, ['合计', 5.5, 3, 5, 4]);
    fill(ws, 5, ['尚志市', 2.5, 1, 5.1, 4]);
    fill(ws, 6, ['五常市', 3, 2, 4.9, 4]);
    const r = await read(await save(wb, 'corner.xlsx'), 'corner.xlsx');
    expect(r.problems).toEqual([]);
    expect(lines(r)).toEqual([
      '230183 gdp_growth 2026Q3 5.1',
      '230183 tax_revenue 2026Q3 2.5',
      '230183 tax_revenue_growth 2026Q3 1',
      '230184 gdp_growth 2026Q3 4.9',
      '230184 tax_revenue 2026Q3 3',
      '230184 tax_revenue_growth 2026Q3 2',
    ]);
  });

  it('starts the data at a 合计 row when the county column has no label', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    fill(ws, 1, ['', '地区生产总值(亿元)', '税收收入(亿元)']);
    fill(ws, 2, ['合计', 300, 9]);
    fill(ws, 3, ['尚志市', 200, 5]);
    fill(ws, 4, ['五常市', 100, 4]);
    const r = await read(await save(wb, 'nolabel-total.xlsx'), 'nolabel-total.xlsx', '2025');
    expect(r.problems).toEqual([]);
    expect(r.rows).toHaveLength(4);
  });
});

describe('readWorkbook: prefecture rows', () => {
  it('checks a prefecture row against its own counties and does not import it', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('分市');
    ws.getCell('A1').value = '2026年1-9月';
    fill(ws, 2, ['地区', '一般公共预算收入(亿元)', '规模以上工业企业(户)']);
    fill(ws, 3, ['全省', 30.3, 12]);
    fill(ws, 4, ['哈尔滨市', 20.1, 7]);
    fill(ws, 5, ['尚志市', 10.0, 3]);
    fill(ws, 6, ['五常市', 10.1, 3]);
    fill(ws, 7, ['齐齐哈尔市', 10.2, 5]);
    fill(ws, 8, ['龙江县', 10.2, 5]);
    const r = await read(await save(wb, 'prefectures.xlsx'), 'prefectures.xlsx');
    expect(lines(r)).toEqual([
      '230183 above_scale_enterprises 2026-09 3',
      '230183 general_budget_revenue 2026-09 10',
      '230184 above_scale_enterprises 2026-09 3',
      '230184 general_budget_revenue 2026-09 10.1',
      '230221 above_scale_enterprises 2026-09 5',
      '230221 general_budget_revenue 2026-09 10.2',
    ]);
    // 哈尔滨市 says 7 enterprises, its counties 6; the province's 12 is 11 (counts are exact).
    expect(r.problems.map((p) => `${p.column}${p.row}`)).toEqual(['C3', 'C4']);
    expect(r.problems[1]?.reason).toMatch(/合计 7 与各县\(市\)之和 6 不符/);
  });
});

describe('readWorkbook: the long layout', () => {
  it('reads Chinese headers, codes or names, periods in several forms and a unit column', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    fill(ws, 1, ['区划代码', '地区', '指标名称', '期别', '数值', '计量单位']);
    fill(ws, 2, ['230183', '尚志市', '地区生产总值', '2026-09', 123.4, '亿元']);
    fill(ws, 3, ['', '五常市', '一般公共预算收入', '2026年1-9月', '98,765', '万元']);
    fill(ws, 4, ['230123', '', 'gdp_growth', 2025, '4.8%', '%']);
    fill(ws, 5, ['230123', '', '粮食产量', '2026Q3', '—', '']);
    fill(ws, 6, ['230123', '依兰县', 'tax_revenue', '2026-09', '', '']);
    fill(ws, 7, ['230123', '依兰县', '不存在的指标', '2026-09', 1, '']);
    fill(ws, 8, ['230123', '依兰县', 'gdp', '九月', 1, '']);
    const r = await read(await save(wb, 'long.xlsx'), 'long.xlsx');
    expect(lines(r)).toEqual([
      '230123 gdp_growth 2025 4.8',
      '230123 grain_output 2026Q3 null',
      '230123 tax_revenue 2026-09 null',
      '230183 gdp 2026-09 123.4',
      '230184 general_budget_revenue 2026-09 9.8765',
    ]);
    expect(r.problems.map((p) => `${p.column}${p.row} ${p.reason}`)).toEqual([
      'C7 未知指标「不存在的指标」:不在指标目录中',
      'D8 期别「九月」无法识别:应为 2025、2026Q3、2026-09 或「2026年1-9月」',
    ]);
  });

  it('reads the English CSV header region,indicator,period,value', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('obs');
    fill(ws, 1, ['region', 'indicator', 'period', 'value']);
    fill(ws, 2, ['230183', 'gdp_growth', '2025', '4.8']);
    fill(ws, 3, ['230000', 'gdp', '2025', '600']);
    fill(ws, 4, ['230184', 'gdp', '2025', '300']);
    fill(ws, 5, ['230183', 'gdp', '2025', '201']);
    const r = await read(await save(wb, 'csvlike.xlsx'), 'csvlike.xlsx');
    expect(lines(r)).toEqual([
      '230183 gdp 2025 201',
      '230183 gdp_growth 2025 4.8',
      '230184 gdp 2025 300',
    ]);
    // The province row is a total: 201 + 300 ≠ 600.
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ row: 3, column: 'D' });
  });
});

describe('readWorkbook: files that are not workbooks', () => {
  async function invalid(bytes: Buffer, name: string): Promise<string> {
    try {
      await read(bytes, name);
    } catch (e) {
      expect(isLeitaiError(e)).toBe(true);
      if (isLeitaiError(e)) {
        expect(e.code).toBe('IMPORT_INVALID');
        return e.message;
      }
    }
    throw new Error('expected IMPORT_INVALID');
  }

  it('refuses non-xlsx bytes, a truncated file, an old .xls and an empty workbook', async () => {
    expect(
      await invalid(saveBytes(Buffer.from('region,indicator\n1,2\n'), 'a.xlsx'), 'a.xlsx'),
    ).toMatch(/不是 Excel 工作簿/);
    const whole = await save(messy(), 'whole.xlsx');
    const half = saveBytes(whole.subarray(0, Math.floor(whole.length / 2)), 'half.xlsx');
    expect(await invalid(half, 'half.xlsx')).toMatch(/不完整/);
    // The last quarter gone keeps most of the data but loses the zip's directory.
    const most = saveBytes(whole.subarray(0, whole.length - 200), 'most.xlsx');
    expect(await invalid(most, 'most.xlsx')).toMatch(/不完整/);
    // An entry claiming 4 GB unzipped (a zip bomb's signature) is refused before inflating.
    const bomb = Buffer.from(whole);
    const entry = bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    bomb.writeUInt32LE(0xfffffff0, entry + 24);
    expect(await invalid(saveBytes(bomb, 'bomb.xlsx'), 'bomb.xlsx')).toMatch(/过大/);
    const xls = saveBytes(
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      'old.xls',
    );
    expect(await invalid(xls, 'old.xls')).toMatch(/\.xls/);
    expect(await invalid(saveBytes(Buffer.alloc(0), 'zero.xlsx'), 'zero.xlsx')).toMatch(/空/);

    const none = new ExcelJS.Workbook();
    expect(await invalid(await save(none, 'nosheet.xlsx'), 'nosheet.xlsx')).toMatch(/没有工作表/);
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('Sheet1');
    expect(await invalid(await save(empty, 'empty.xlsx'), 'empty.xlsx')).toMatch(
      /没有可识别的数据表/,
    );
    const prose = new ExcelJS.Workbook();
    prose.addWorksheet('Sheet1').getCell('A1').value = '会议纪要';
    expect(await invalid(await save(prose, 'prose.xlsx'), 'prose.xlsx')).toMatch(/没有可识别/);
  });
});

describe('findPeriod', () => {
  it.each([
    ['2026年1-9月县域经济主要指标', '2026-09'],
    ['2026年1—9月', '2026-09'],
    ['２０２６年１～９月', '2026-09'],
    ['2026年9月', '2026-09'],
    ['2026年第三季度', '2026Q3'],
    ['2026年前三季度', '2026Q3'],
    ['2026年上半年', '2026Q2'],
    ['2025年县域经济发展情况', '2025'],
    ['2025年度', '2025'],
    ['2026Q1', '2026Q1'],
    ['202609', '2026-09'],
  ])('%s → %s', (text, period) => {
    expect(findPeriod(text)).toBe(period);
  });
  it('finds none in a title without a period', () => {
    expect(findPeriod('县域经济主要指标')).toBeNull();
    expect(findPeriod('2026年7-9月')).toBeNull();
  });
});
