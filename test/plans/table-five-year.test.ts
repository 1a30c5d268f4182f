import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importFiveYearTable, splitNumber, type FiveYearResult } from '../../src/core/plans/five-year.js';
import { readPlan } from '../../src/core/plans/prepare.js';
import { classifyFiveYear, compactLabel } from '../../src/core/plans/table-columns.js';
import { guessDirection, guessKind, isUnit } from '../../src/core/plans/table-guess.js';
import { readTableRows } from '../../src/io/plan-table.js';
import { tempDir } from '../helpers.js';
import { loadIndicators } from './load.js';

const indicators = loadIndicators();
const opts = (region: string) => ({ region, source: 'test', indicators });
const textRows = (text: string) => text.split('\n').map((l) => l.split('\t'));

/** [no, indicator, name, unit, section, year, phrase, baseline value, attribute, judgement] */
function rowsOf(r: FiveYearResult) {
  return (r.plan?.targets ?? []).map((t) => [
    t.no,
    t.indicator,
    t.name,
    t.unit,
    t.section,
    t.year,
    t.phrase,
    t.baseline?.value,
    t.attribute,
    t.judgement,
  ]);
}

const guessedOf = (r: FiveYearResult) =>
  r.guessed.map((d) => [d.code, d.name, d.unit, d.kind, d.direction, d.guessed]);

describe('a five-year table as tab-separated text', () => {
  it('becomes a whole plan: years from the header, sections, sub-rows, 年均增长, [累计], manual', async () => {
    const r = importFiveYearTable(
      await readTableRows('test/fixtures/tables/county-five-year.tsv'),
      opts('230183'),
    );
    expect(r.problems).toEqual([]);
    // Base year 2020 (the earlier year column) → the plan runs 2021–2025.
    expect(r.plan).toMatchObject({
      id: 'plan-230183-2021-2025',
      province: '230183',
      period: { start: 2021, end: 2025 },
      sections: ['经济发展', '创新驱动', '民生福祉', '绿色生态'],
    });
    const E = 'expected';
    expect(rowsOf(r)).toEqual([
      // "170" in 2025年 and "7" in 年均增长 → two targets of row 1.
      [1, 'gdp', '地区生产总值', '亿元', '经济发展', 2025, '170', 120.5, E, undefined],
      [1, 'gdp', '地区生产总值', '亿元', '经济发展', 2025, '年均增长7', 120.5, E, undefined],
      // 2025年 "—": no target; 年均增长 "6.5左右".
      [2, 'gdp_growth', '地区生产总值增长率', '%', '经济发展', 2025, '年均增长6.5左右', 3.2, E, undefined],
      [3, 'general_budget_revenue', '一般公共预算收入', '亿元', '经济发展', 2025, '12', 8.6, E, undefined],
      // ">6" reads as 6以上.
      [3, 'general_budget_revenue', '一般公共预算收入', '亿元', '经济发展', 2025, '年均增长6以上', 8.6, E, undefined],
      [4, 'local_1', '常住人口城镇化率', '%', '经济发展', 2025, '52', 45.2, E, undefined],
      // The category cell is empty: same as above, until 创新驱动.
      [5, 'local_2', '研发经费投入强度', '%', '创新驱动', 2025, '2', 1.1, E, undefined],
      [6, 'local_3', '新增高新技术企业', '户', '创新驱动', 2025, '[30]', null, E, undefined],
      // Row 7 has no values: its 城镇 / 农村 rows are its indicators, in 元, with 序号 7.
      [7, 'local_4', '居民人均可支配收入(城镇)', '元', '民生福祉', 2025, '45000', 32000, E, undefined],
      [7, 'local_4', '居民人均可支配收入(城镇)', '元', '民生福祉', 2025, '年均增长7', 32000, E, undefined],
      [7, 'local_5', '居民人均可支配收入(农村)', '元', '民生福祉', 2025, '22000', 15000, E, undefined],
      [7, 'local_5', '居民人均可支配收入(农村)', '元', '民生福祉', 2025, '年均增长8', 15000, E, undefined],
      [8, 'local_6', '城镇调查失业率', '%', '民生福祉', 2025, '5.5以内', null, E, undefined],
      [9, 'local_7', '单位地区生产总值能源消耗降低', '%', '绿色生态', 2025, '[14]', null, 'binding', undefined],
      [10, 'local_8', '耕地保有量', '万亩', '绿色生态', 2025, '达到上级要求', null, 'binding', 'manual'],
    ]);
    expect(guessedOf(r)).toEqual([
      ['local_1', '常住人口城镇化率', '%', 'share', 'higher', true],
      ['local_2', '研发经费投入强度', '%', 'share', 'higher', true],
      ['local_3', '新增高新技术企业', '户', 'count', 'higher', true],
      ['local_4', '居民人均可支配收入(城镇)', '元', 'level', 'higher', true],
      ['local_5', '居民人均可支配收入(农村)', '元', 'level', 'higher', true],
      ['local_6', '城镇调查失业率', '%', 'share', 'lower', true],
      // The indicator is the reduction itself: a larger reduction is better.
      ['local_7', '单位地区生产总值能源消耗降低', '%', 'growth', 'higher', true],
      ['local_8', '耕地保有量', '万亩', 'level', 'higher', true],
    ]);
    expect(r.plan?.indicators).toEqual(r.guessed);
    // 达到上级要求 is in line 15, column 4 (2025年).
    expect(r.notices).toEqual([
      expect.objectContaining({ row: 15, column: 4, label: '2025年', reason: expect.stringContaining('达到上级要求') }),
    ]);
    // Every target, the manual one included, reads back.
    expect(readPlan(r.plan!, indicators).problems).toEqual([]);
  });
});

/** A district's table as Excel prints it: title, two-row merged header, merged categories. */
async function districtWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('主要指标');
  ws.addRow(['某区“十四五”规划主要指标']);
  ws.mergeCells('A1:H1');
  ws.addRow(['领域', '序号', '指标名称', '单位', '2020年', '2025年目标', null, '属性']);
  ws.addRow([null, null, null, null, null, '目标值', '年均增长(%)', null]);
  for (const m of ['A2:A3', 'B2:B3', 'C2:C3', 'D2:D3', 'E2:E3', 'F2:G2', 'H2:H3']) ws.mergeCells(m);
  const rows: (string | number | null)[][] = [
    ['经济发展 (3个)', 1, '地区生产总值', '亿元', 350, 480, 6.5, '预期性'],
    [null, 2, '固定资产投资增长率', '%', 0.052, '—', '7左右', '预期性'],
    [null, 3, '税收收入', '亿元', 20, 27, null, '预期性'],
    ['民生福祉 (2个)', 4, '居民人均可支配收入', '元', null, null, null, null],
    [null, null, '城镇', '元', 41000, 57000, 7, '预期性'],
    [null, null, '农村', '元', 17000, 25000, 8, '预期性'],
    [null, 5, '新增城镇就业', '万人', '—', '[3.5]', '—', '预期性'],
    ['生态环境 (2个)', 6, '单位地区生产总值二氧化碳排放降低', '%', '—', '完成市下达任务', '—', '约束性'],
    [null, 7, '森林覆盖率', '%', 43.5, '实现突破', '—', '约束性'],
    ['注:带[ ]为五年累计数据。'],
  ];
  for (const r of rows) ws.addRow(r);
  ws.getCell('E5').numFmt = '0.0%';
  for (const m of ['A4:A6', 'A7:A10', 'A11:A12', 'A13:H13']) ws.mergeCells(m);
  await wb.xlsx.writeFile(file);
}

describe('a five-year table in an .xlsx with merged cells', () => {
  it('reads merged categories, a two-row header and a percent-formatted baseline', async () => {
    const file = join(tempDir(), 'district.xlsx');
    await districtWorkbook(file);
    const r = importFiveYearTable(await readTableRows(file), opts('230102'));
    expect(r.problems).toEqual([]);
    expect(r.plan).toMatchObject({ period: { start: 2021, end: 2025 }, sections: ['经济发展', '民生福祉', '生态环境'] });
    const E = 'expected';
    const B = 'binding';
    expect(rowsOf(r)).toEqual([
      [1, 'gdp', '地区生产总值', '亿元', '经济发展', 2025, '480', 350, E, undefined],
      [1, 'gdp', '地区生产总值', '亿元', '经济发展', 2025, '年均增长6.5', 350, E, undefined],
      // 0.052 shown as 5.2% is the baseline 5.2.
      [2, 'local_1', '固定资产投资增长率', '%', '经济发展', 2025, '年均增长7左右', 5.2, E, undefined],
      [3, 'tax_revenue', '税收收入', '亿元', '经济发展', 2025, '27', 20, E, undefined],
      [4, 'local_2', '居民人均可支配收入(城镇)', '元', '民生福祉', 2025, '57000', 41000, E, undefined],
      [4, 'local_2', '居民人均可支配收入(城镇)', '元', '民生福祉', 2025, '年均增长7', 41000, E, undefined],
      [4, 'local_3', '居民人均可支配收入(农村)', '元', '民生福祉', 2025, '25000', 17000, E, undefined],
      [4, 'local_3', '居民人均可支配收入(农村)', '元', '民生福祉', 2025, '年均增长8', 17000, E, undefined],
      [5, 'local_4', '新增城镇就业', '万人', '民生福祉', 2025, '[3.5]', null, E, undefined],
      [6, 'local_5', '单位地区生产总值二氧化碳排放降低', '%', '生态环境', 2025, '完成市下达任务', null, B, undefined],
      [7, 'local_6', '森林覆盖率', '%', '生态环境', 2025, '实现突破', 43.5, B, 'manual'],
    ]);
    expect(guessedOf(r).map(([code, , unit, kind, direction]) => [code, unit, kind, direction])).toEqual([
      ['local_1', '%', 'growth', 'higher'],
      ['local_2', '元', 'level', 'higher'],
      ['local_3', '元', 'level', 'higher'],
      ['local_4', '万人', 'level', 'higher'],
      ['local_5', '%', 'growth', 'higher'],
      ['local_6', '%', 'share', 'higher'],
    ]);
    // Sheet row 12, column F.
    expect(r.notices.map((n) => [n.row, n.column])).toEqual([[12, 6]]);
    expect(readPlan(r.plan!, indicators).problems).toEqual([]);
  });
});

describe('a five-year table as CSV', () => {
  it('reads numbered names, a [累计] column, and a catalogue name printed in another unit', async () => {
    const file = join(tempDir(), 'plan.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      file,
      [
        '指标名称,单位,2025年目标,[累计],属性',
        '⑦ 粮食产量,万吨,—,"[1,200]",约束性',
        '(8)城镇调查失业率,%,5.5以内,,预期性',
        '9. 地区生产总值增长率,%,6以上,,预期性',
        '',
      ].join('\n'),
    );
    const r = importFiveYearTable(await readTableRows(file), opts('230621'));
    expect(r.problems).toEqual([]);
    // No base-year column: a five-year plan ending 2025 runs 2021–2025.
    expect(r.plan?.period).toEqual({ start: 2021, end: 2025 });
    expect(rowsOf(r)).toEqual([
      [7, 'local_1', '粮食产量', '万吨', undefined, 2025, '[1,200]', undefined, 'binding', undefined],
      [8, 'local_2', '城镇调查失业率', '%', undefined, 2025, '5.5以内', undefined, 'expected', undefined],
      [9, 'gdp_growth', '地区生产总值增长率', '%', undefined, 2025, '6以上', undefined, 'expected', undefined],
    ]);
    // 粮食产量 is grain_output in 亿斤: printed in 万吨 it cannot be the same series.
    expect(r.notices).toEqual([
      expect.objectContaining({ row: 2, reason: expect.stringContaining('grain_output') }),
    ]);
    expect(readPlan(r.plan!, indicators).problems).toEqual([]);
  });
});

describe('a two-row header in text', () => {
  it('joins 2025年 over 目标值 | 年均增长, the empty cell under a spanning label', () => {
    const text = [
      '指标\t2020年\t2025年\t\t属性',
      '\t\t目标值\t年均增长\t',
      '(1) 税收收入(亿元)\t20\t27\t6\t预期性',
    ].join('\n');
    const r = importFiveYearTable(textRows(text), opts('230183'));
    expect(r.problems).toEqual([]);
    expect(rowsOf(r)).toEqual([
      [1, 'tax_revenue', '税收收入', '亿元', undefined, 2025, '27', 20, 'expected', undefined],
      [1, 'tax_revenue', '税收收入', '亿元', undefined, 2025, '年均增长6', 20, 'expected', undefined],
    ]);
  });
});

describe('header words', () => {
  it.each([
    ['2020年', { role: 'year', year: 2020 }],
    ['2020年基期值', { role: 'baseline', year: 2020 }],
    ['"十三五"完成', { role: 'baseline', year: 2020 }],
    ['十三五末', { role: 'baseline', year: 2020 }],
    ['2025年目标', { role: 'target', year: 2025 }],
    ['2025年末目标', { role: 'target', year: 2025 }],
    ['"十四五"规划目标', { role: 'target', year: 2025 }],
    ['规划目标', { role: 'target', year: null }],
    ['年均增长(%)', { role: 'annual' }],
    ['[累计]', { role: 'cumulative' }],
    ['指标属性', { role: 'attribute' }],
    ['指标名称', { role: 'name' }],
    ['计量单位', { role: 'unit' }],
    ['责任单位', { role: 'departments' }],
    ['领域', { role: 'category' }],
    ['备注', { role: 'unknown' }],
  ])('%s', (label, column) => {
    expect(classifyFiveYear(compactLabel(label))).toEqual(column);
  });

  it('a parent row without a unit takes its unit from nowhere: its sub-rows print their own', () => {
    const text = [
      '序号\t指标\t2020年\t2025年',
      '1\t居民人均可支配收入\t\t',
      '\t城镇(元)\t32000\t45000',
    ].join('\n');
    const r = importFiveYearTable(textRows(text), opts('230183'));
    expect(r.problems).toEqual([]);
    expect(rowsOf(r)).toEqual([
      [1, 'local_1', '居民人均可支配收入(城镇)', '元', undefined, 2025, '45000', 32000, undefined, undefined],
    ]);
  });
});

describe('a 年均/累计 column as national tables print it', () => {
  it('prefixes 年均增长 to a bare number only; [X], <X and words are phrases of their own; a repeated header is skipped', () => {
    const text = [
      '类别\t指标\t2020年\t2025年\t年均/累计\t属性',
      '经济发展\t1.全员劳动生产率增长(%)\t2.5\t—\t>6\t预期性',
      '\t2.常住人口城镇化率(%)\t60.6*\t65\t—\t预期性',
      '绿色生态\t3.单位GDP能源消耗降低(%)\t—\t—\t[13.5]\t约束性',
      '民生福祉\t4.城镇调查失业率(%)\t5.2\t—\t<5.5\t预期性',
      '类别\t指标\t2020年\t2025年\t年均/累计\t属性\t',
      '\t5.居民人均可支配收入增长(%)\t2.1\t—\t保持同步\t预期性',
    ].join('\n');
    const r = importFiveYearTable(textRows(text), opts('230000'));
    expect(r.problems).toEqual([]);
    expect((r.plan?.targets ?? []).map((t) => [t.no, t.phrase, t.baseline?.value, t.judgement])).toEqual([
      [1, '年均增长6以上', 2.5, undefined],
      // 60.6* : the star is a footnote mark.
      [2, '65', 60.6, undefined],
      [3, '[13.5]', null, undefined],
      [4, '<5.5', 5.2, undefined],
      [5, '保持同步', 2.1, 'manual'],
    ]);
  });
});

describe('bad five-year tables', () => {
  it('names row and column of every problem and yields no plan', () => {
    const text = [
      '指标\t单位\t2020年\t2025年\t属性',
      '1. 地区生产总值(GDP)\t\t100\t120\t预期性',
      '2. 税收收入\t亿圆\t10\t12\t预期性',
      '本表数据以统计部门公布为准。',
      '\t\t\t120\t',
      '3. 一般公共预算收入\t亿元\t8\t12以上上\t预期性',
      '4. 规模以上工业企业\t户\t约100\t120\t预期性',
      '5. 新增市场主体\t户\t—\t500\t重要',
      '\t\t\t\t预期性',
    ].join('\n');
    const r = importFiveYearTable(textRows(text), opts('230183'));
    expect(r.plan).toBeNull();
    expect(r.problems.map((p) => [p.row, p.column])).toEqual([
      [2, 1], // (GDP) is not a unit
      [3, 2], // 亿圆 is not a unit
      [4, 1], // a sentence, not a row
      [5, 1], // a value without an indicator name
      [6, 4], // 12以上上 has a number but cannot be read
      [7, 3], // 约100 is not a base value
      [8, 5], // 重要 is neither 约束性 nor 预期性
      [9, 5], // a lone cell outside the name column: not a table row
    ]);
    expect(r.problems[0]?.reason).toContain('GDP');
    expect(r.problems[1]?.reason).toContain('亿圆');
    expect(r.problems[3]?.reason).toContain('缺少指标名称');
    expect(r.problems[4]?.reason).toContain('12以上上');
  });

  it('refuses an unknown column and a table without a header', () => {
    const odd = importFiveYearTable(textRows('指标\t2020年\t2025年\t备注\n地区生产总值(亿元)\t1\t2\t'), opts('230183'));
    expect(odd.plan).toBeNull();
    expect(odd.problems).toEqual([expect.objectContaining({ row: 1, column: 4, label: '备注' })]);
    const none = importFiveYearTable(textRows('地区生产总值\t1\t2'), opts('230183'));
    expect(none.problems).toEqual([expect.objectContaining({ reason: expect.stringContaining('表头') })]);
  });
});

describe('reading names and guessing indicators', () => {
  it.each([
    ['7. 城镇化率', 7, '城镇化率'],
    ['（7）城镇化率', 7, '城镇化率'],
    ['⑦城镇化率', 7, '城镇化率'],
    ['12、城镇化率', 12, '城镇化率'],
    ['5G基站数', undefined, '5G基站数'],
  ])('%s', (printed, no, name) => {
    expect(splitNumber(printed)).toEqual({ no, name });
  });

  it.each([
    ['地区生产总值增速', '%', 'growth', 'higher'],
    ['城镇化率', '%', 'share', 'higher'],
    ['城镇调查失业率', '%', 'share', 'lower'],
    ['单位GDP能耗降低', '%', 'growth', 'higher'],
    ['二氧化碳排放总量', '万吨', 'level', 'lower'],
    ['研发投入强度提高', '个百分点', 'change_pp', 'higher'],
    ['高新技术企业', '家', 'count', 'higher'],
    ['新增就业', '万人', 'level', 'higher'],
  ])('%s (%s) → %s, %s', (name, unit, kind, direction) => {
    expect([guessKind(name, unit), guessDirection(name)]).toEqual([kind, direction]);
  });

  it.each([
    ['亿元', true],
    ['%', true],
    ['元/人', true],
    ['吨标准煤/万元', true],
    ['万千瓦', true],
    ['GDP', false],
    ['亿圆', false],
  ])('unit %s readable: %s', (unit, ok) => {
    expect(isUnit(unit)).toBe(ok);
  });
});
