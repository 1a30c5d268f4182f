import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { LeitaiError } from '../../src/core/errors/index.js';
import { parseObservations } from '../../src/io/observations.js';
import { fill, indicators, lines, read, register, save } from './helpers.js';

// One rule for a value, whichever way it comes in (valueProblem): finite, counts whole, within a
// county's plausible range; and no hidden characters in what names the place of a value.
function csvProblems(text: string): { rows: string[]; problems: string[] } {
  const problems: LeitaiError[] = [];
  const rows = parseObservations(text, 'v.csv', {
    register,
    indicators: new Map(indicators.map((i) => [i.code, i])),
    problems,
    checkRanges: true,
  });
  return {
    rows: rows.map((o) => `${o.region} ${o.indicator} ${o.period} ${o.value}`),
    problems: problems.map((e) => `${e.details.line} ${e.details.column} ${e.details.reason}`),
  };
}

describe('strict values in a CSV', () => {
  it('refuses hex, infinite and NaN values and a count of 3.5, naming line and column', () => {
    const r = csvProblems(
      [
        'region,indicator,period,value',
        '230183,gdp,2026-01,0x10',
        '230183,gdp,2026-02,1e999',
        '230183,gdp,2026-03,Infinity',
        '230183,gdp,2026-04,NaN',
        '230183,above_scale_enterprises,2026-09,3.5',
        '230183,gdp,2026-05,-Infinity',
      ].join('\n'),
    );
    expect(r.problems).toEqual([
      '2 value 不是数值',
      '3 value 不是数值',
      '4 value 不是数值',
      '5 value 不是数值',
      '6 value 「规模以上工业企业」是计数指标,数值必须是整数 (a count must be whole)',
      '7 value 不是数值',
    ]);
  });

  it('reads full-width digits and whole counts; applies the county range to counties only', () => {
    const r = csvProblems(
      [
        'region,indicator,period,value',
        '230183,gdp,2026-09,１２',
        '230183,above_scale_enterprises,2026-09,35',
        // A prefecture's GDP may exceed a county's plausible 3000.
        '230100,gdp,2026-09,5000',
        '230183,gdp,2026-08,5000',
      ].join('\n'),
    );
    expect(r.problems).toEqual([
      '5 value 超出「地区生产总值」的合理范围 0~3000亿元 (outside the plausible range)',
    ]);
  });

  it('refuses NUL and bidi controls in region, indicator and period', () => {
    const r = csvProblems(
      [
        'region,indicator,period,value',
        '230183\u202e,gdp,2026-09,1',
        '230183,gdp\u0000,2026-09,1',
        '230183,gdp,2026-09\u2066,1',
        '230183,gdp,\u200e2026-08,1',
      ].join('\n'),
    );
    expect(r.problems).toEqual([
      expect.stringMatching(/^2 region 含有不可见的控制字符 U\+202E/),
      expect.stringMatching(/^3 indicator 含有不可见的控制字符 U\+0000/),
      expect.stringMatching(/^4 period 含有不可见的控制字符 U\+2066/),
      expect.stringMatching(/^5 period 含有不可见的控制字符 U\+200E/),
    ]);
  });
});

describe('strict values in a workbook', () => {
  it('refuses 1e999 as text, a count of 3.5 and hidden characters, naming sheet, row, column', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    fill(ws, 1, ['区划代码', '地区', '指标名称', '期别', '数值']);
    fill(ws, 2, ['230183', '尚志市', '地区生产总值', '2026-09', '1e999']);
    fill(ws, 3, ['230183', '尚志市', 'above_scale_enterprises', '2026-09', 3.5]);
    fill(ws, 4, ['230184', '五常\u202e市', 'gdp', '2026-09', 12]);
    fill(ws, 5, ['230123', '依兰县', 'gdp\u200f', '2026-09', 12]);
    fill(ws, 6, ['230123', '依兰县', 'gdp', '2026-09\u061c', 13]);
    fill(ws, 7, ['230123', '依兰县', 'gdp_growth', '2026-09', '０x１０']);
    fill(ws, 8, ['230123', '依兰县', 'above_scale_enterprises', '2026-09', '１２']);
    const r = await read(await save(wb, 'strict.xlsx'), 'strict.xlsx');
    expect(lines(r)).toEqual(['230123 above_scale_enterprises 2026-09 12']);
    expect(r.problems.map((p) => `${p.sheet} ${p.column}${p.row} ${p.reason}`)).toEqual([
      '数据 E2 数值「1e999」不是数字',
      '数据 E3 数值「3.5」「规模以上工业企业」是计数指标,数值必须是整数 (a count must be whole)',
      expect.stringMatching(/^数据 B4 含有不可见的控制字符 U\+202E/),
      expect.stringMatching(/^数据 C5 含有不可见的控制字符 U\+200F/),
      expect.stringMatching(/^数据 D6 含有不可见的控制字符 U\+061C/),
      '数据 E7 数值「０x１０」不是数字',
    ]);
  });

  it('refuses a hidden character in a wide sheet header', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('宽表');
    fill(ws, 1, ['2026年1-9月县域经济主要指标']);
    fill(ws, 2, ['区划代码', '县(市)', '地区生产总值(亿元)\u202d']);
    fill(ws, 3, ['230183', '尚志市', 120]);
    const r = await read(await save(wb, 'wide.xlsx'), 'wide.xlsx');
    // The header is also no longer a known indicator; the hidden character is named as such.
    expect(r.problems.map((p) => `${p.sheet} ${p.column}${p.row} ${p.reason}`)).toContainEqual(
      expect.stringMatching(/^宽表 C2 含有不可见的控制字符 U\+202D/),
    );
    expect(r.rows).toEqual([]);
  });
});
