// Leading-industry lists: a county's 1–2 rows checked with every problem named, and the
// province's list across counties with exact totals (sums worked out by hand).
import { describe, expect, it } from 'vitest';
import { checkCountyList, countyList, provinceList } from '../../src/core/industries/leading.js';
import type { LeadingIndustry } from '../../src/core/industries/types.js';
import { loadIndustryNames } from '../../src/io/industries.js';

const names = loadIndustryNames();

describe('a county list', () => {
  it('canonicalises industries and keeps figures exact and by year', () => {
    const rows = countyList(
      '230183',
      [
        { position: 2, industry: '林产品加工', enterprises: [' 甲 ', '甲', '乙'] },
        {
          position: 1,
          industry: '食品',
          policy: ' 一业一策 ',
          figures: [
            { year: 2025, output: '12.50', growth: '-3.1' },
            { year: 2024, output: '12.9' },
          ],
        },
      ],
      names,
    );
    expect(rows.map((r) => [r.position, r.industry, r.policy, r.enterprises])).toEqual([
      [1, '绿色食品产业', '一业一策', []],
      [2, '林产品加工业', null, ['甲', '乙']],
    ]);
    expect(rows[0]!.figures).toEqual([
      { year: 2024, output: '12.9', growth: null },
      { year: 2025, output: '12.50', growth: '-3.1' },
    ]);
  });

  it('names every problem: count, positions, unknown or repeated industry, years, numbers', () => {
    const problems = (rows: Parameters<typeof checkCountyList>[1]) =>
      checkCountyList('230183', rows, names).problems.map((p) => [p.row, p.field, p.reason]);
    expect(problems([])).toEqual([[null, 'industries', '每个县应有1至2个主导工业']]);
    expect(problems([{ position: 2, industry: '食品' }])).toEqual([
      [null, 'position', '只有一个主导工业时位次应为1'],
    ]);
    expect(
      problems([
        { position: 1, industry: '食品' },
        { position: 2, industry: '绿色食品产业' },
      ]),
    ).toEqual([[2, 'industry', '与第1行为同一产业']]);
    expect(
      problems([
        {
          position: 1,
          industry: '宇宙飞船',
          figures: [
            { year: 2025, output: '1,2' },
            { year: 2025, growth: 'abc' },
          ],
        },
      ]),
    ).toEqual([
      [1, 'industry', '未知产业(不在产业名称表中)'],
      [1, 'figures.output', '产值应为非负数(亿元)'],
      [1, 'figures.year', '同一年份重复'],
      [1, 'figures.growth', '增速应为数字(%)'],
    ]);
    expect(() => countyList('230183', [{ position: 1, industry: '宇宙飞船' }], names)).toThrow(
      /第1行industry「宇宙飞船」未知产业/,
    );
  });
});

describe('the province list', () => {
  const row = (county: string, industry: string, figures: LeadingIndustry['figures']) =>
    ({ county, position: 1, industry, policy: null, enterprises: [], figures }) as LeadingIndustry;
  const name = (c: string) => ({ a: '甲县', b: '乙县', c: '丙县' })[c] ?? c;

  it('counts counties per industry and sums the latest year exactly, growth over both years', () => {
    const res = provinceList(
      [
        row('a', '绿色食品产业', [
          { year: 2024, output: '10.1', growth: null },
          { year: 2025, output: '11.2', growth: null },
        ]),
        row('b', '绿色食品产业', [
          { year: 2024, output: '20.2', growth: null },
          { year: 2025, output: '22.1', growth: null },
        ]),
        // Only 2025: counted in the total, not in the growth.
        row('c', '绿色食品产业', [{ year: 2025, output: '0.7', growth: null }]),
        row('c', '新材料产业', []),
      ],
      name,
    );
    expect(res.year).toBe(2025);
    // 11.2 + 22.1 + 0.7 = 34.0; growth (11.2 + 22.1) / (10.1 + 20.2) − 1 = 33.3 / 30.3 − 1 = 9.90…%
    expect(res.industries).toEqual([
      {
        industry: '绿色食品产业',
        counties: 3,
        countyNames: ['甲县', '乙县', '丙县'],
        output: '34',
        growth: '9.9',
      },
      { industry: '新材料产业', counties: 1, countyNames: ['丙县'], output: null, growth: null },
    ]);
  });
});
