import { describe, expect, it } from 'vitest';
import { composeBulletin, type Bulletin, type BulletinInput } from './index.js';
import { baseInput, countyRow, evaluation, provinceRow } from '../testing/bulletin-input.js';
import type { ResultRow } from '../evaluate/index.js';

// 一、总体情况 from hand-made results: every expected phrase is worked out here from the row's
// numbers (4.8 against 5 is 0.2 below; 4.8 against 4.5 at 1-6月 is 0.3 up).

const counties = baseInput().evaluation.results;

/** The bulletin of these province rows (and the earlier period's), the counties as in baseInput. */
function withProvince(rows: ResultRow[], earlier: ResultRow[] | null = null): Bulletin {
  return composeBulletin(
    baseInput({
      evaluation: evaluation([...rows, ...counties]),
      earlier: earlier && evaluation(earlier, '2026-06'),
    }),
  );
}

const paragraphs = (b: Bulletin, section = 0) =>
  b.sections[section]!.blocks.flatMap((x) => (x.kind === 'paragraph' ? [x.text] : []));

const sentenceOf = (b: Bulletin, start: string) => {
  const found = paragraphs(b).find((p) => p.startsWith(start));
  expect(found, start).toBeDefined();
  return found!;
};

const gdp = (over: Partial<ResultRow>) => provinceRow('gdp_growth', '县域地区生产总值增速', over);

describe('the province targets in sentences', () => {
  it('GDP growth 4.8 against 5以上 and against 4.5 at 1-6月', () => {
    const b = withProvince(
      [gdp({ value: 4.8, gap: -0.2, status: 'not_met' })],
      [gdp({ value: 4.5, gap: -0.5, status: 'not_met' })],
    );
    const s = sentenceOf(b, '全省县域地区生产总值');
    expect(s).toBe(
      '全省县域地区生产总值同比增长4.8%,低于年度目标0.2个百分点(目标为5%以上),评价为未完成;' +
        '较1-6月回升0.3个百分点。',
    );
  });

  it('subtracts exactly: 12.2 − 11.7 is 0.5, and 4.35 − 4.3 rounds once to 0.1', () => {
    const a = withProvince(
      [gdp({ value: 12.2, gap: 7.2, status: 'met' })],
      [gdp({ value: 11.7, gap: 6.7, status: 'met' })],
    );
    expect(sentenceOf(a, '全省县域地区生产总值')).toContain('较1-6月回升0.5个百分点');
    // In binary floating point 4.35 − 4.3 is 0.04999…, which would print 0.0: 持平.
    const b = withProvince(
      [gdp({ value: 4.35, gap: -0.65, status: 'not_met' })],
      [gdp({ value: 4.3, gap: -0.7, status: 'not_met' })],
    );
    expect(sentenceOf(b, '全省县域地区生产总值')).toContain('较1-6月回升0.1个百分点');
  });

  it('falling growth says 回落, equal says 持平, negative growth says 下降 with the absolute value', () => {
    const falling = withProvince(
      [gdp({ value: 4.1, gap: -0.9, status: 'not_met' })],
      [gdp({ value: 4.3, gap: -0.7, status: 'not_met' })],
    );
    expect(sentenceOf(falling, '全省县域地区生产总值')).toContain('较1-6月回落0.2个百分点');
    const equal = withProvince(
      [gdp({ value: 4.3, gap: -0.7, status: 'not_met' })],
      [gdp({ value: 4.3, gap: -0.7, status: 'not_met' })],
    );
    expect(sentenceOf(equal, '全省县域地区生产总值')).toContain('与1-6月持平');
    const negative = withProvince([gdp({ value: -2.5, gap: -7.5, status: 'not_met' })]);
    const s = sentenceOf(negative, '全省县域地区生产总值');
    expect(s).toContain('全省县域地区生产总值同比下降2.5%');
    expect(s).toContain('低于年度目标7.5个百分点');
    expect(s).not.toMatch(/[-−]\d/);
  });

  it('above the target says 高于, on it says 达到', () => {
    const above = withProvince([gdp({ value: 5.3, gap: 0.3, status: 'met' })]);
    expect(sentenceOf(above, '全省县域地区生产总值')).toContain('高于年度目标0.3个百分点');
    const on = withProvince([gdp({ value: 5, gap: 0, status: 'met', phrase: '5左右' })]);
    expect(sentenceOf(on, '全省县域地区生产总值')).toContain('达到年度目标(目标为5%左右)');
  });

  it('a year-to-date level: share of target, the pace, the projection', () => {
    // 543.8 of 750: 72.5%; the pace puts it at 540 now: 3.8 ahead; projected 756.2, 6.2 above.
    const row = provinceRow('industrial_project_investment', '县域产业项目投资', {
      unit: '亿元',
      phrase: '750左右',
      value: 543.8,
      measured: 756.2,
      gap: 6.2,
      status: 'met',
      progress: {
        basis: 'linear',
        share: 0.72,
        done: 0.7250666666666666,
        expected: 540,
        projection: 756.2,
        remaining: 206.2,
        remainingMonths: 3,
      },
    });
    expect(sentenceOf(withProvince([row]), '全省县域产业项目投资')).toBe(
      '全省县域产业项目投资累计完成543.8亿元,占年度目标(750亿元左右)的72.5%,' +
        '按时序进度应完成540.0亿元,快于时序进度3.8亿元;' +
        '预计全年完成756.2亿元,高于年度目标6.2亿元,评价为完成。',
    );
  });

  it('a change target reads last year’s value: 比上年同期提高0.4个百分点', () => {
    // 55.2 against 54.8 last year: +0.4 points, 0.1 short of the 0.5 asked.
    const row = provinceRow('secondary_tertiary_share', '县域二三产业增加值占比', {
      unit: '个百分点',
      phrase: '0.5',
      value: 55.2,
      previous: 54.8,
      measured: 0.4,
      gap: -0.1,
      status: 'not_met',
    });
    const s = sentenceOf(withProvince([row]), '全省县域二三产业增加值占比');
    expect(s).toBe(
      '全省县域二三产业增加值占比为55.2%,比上年同期提高0.4个百分点(上年同期为54.8%),' +
        '低于年度目标0.1个百分点(目标为比上年提高0.5个百分点),评价为未完成。',
    );
  });

  it('leaves out what is missing: no gap, no earlier value, no value at all', () => {
    const b = withProvince(
      [
        gdp({ value: 5.2, gap: null, status: 'no_data' }),
        provinceRow('counties_gdp_over_100', '超100亿元县', {
          unit: '个',
          phrase: '38',
          note: '年度指标,按年评价',
        }),
      ],
      [gdp({ value: null })],
    );
    const s = sentenceOf(b, '全省县域地区生产总值');
    expect(s).toBe('全省县域地区生产总值同比增长5.2%,年度目标为5%以上,评价为无数据。');
    expect(paragraphs(b).some((p) => p.startsWith('全省超100亿元县'))).toBe(false);
    expect(paragraphs(b)).toContain('超100亿元县为年度指标,按年评价。');
    expect(JSON.stringify(b.sections)).not.toMatch(/NaN|undefined|null/);
  });

  it('counts the province targets by status, and puts them in the headline table', () => {
    const b = withProvince([
      gdp({ value: 4.8, gap: -0.2, status: 'not_met' }),
      provinceRow('primary_va_growth', '县域第一产业增加值增速', {
        phrase: '4以上',
        value: 4.2,
        gap: 0.2,
        status: 'met',
      }),
      provinceRow('counties_gdp_over_100', '超100亿元县', { unit: '个', phrase: '38' }),
    ]);
    expect(paragraphs(b)[0]).toBe(
      '2026年1-9月,全省县域经济3项主要指标中,完成1项、未完成1项,另有1项为年度指标或暂无数据。',
    );
    const table = b.sections[0]!.blocks.find((x) => x.kind === 'table')!;
    if (table.kind !== 'table') throw new Error('no table');
    expect(table.table.caption).toBe('表1 全省县域主要指标完成情况');
    expect(table.table.columns).toEqual([
      '指标',
      '目标',
      '完成值',
      '单位',
      '状态',
      '差距',
      '上年同期',
    ]);
    const [first, second, third] = table.table.rows;
    expect(first!.map((c) => c.text)).toEqual([
      '县域地区生产总值增速',
      '5%以上',
      '4.8',
      '%',
      '未完成',
      '\u22120.2',
      '—',
    ]);
    expect(first![2]).toMatchObject({ value: 4.8, places: 1 });
    expect(first![4]).toMatchObject({ status: 'not_met' });
    expect(second![5]).toMatchObject({ text: '+0.2', value: 0.2 });
    expect(third!.map((c) => c.text)).toEqual([
      '超100亿元县',
      '38个',
      '—',
      '个',
      '无数据',
      '—',
      '—',
    ]);
  });
});

describe('the counties against their targets', () => {
  it('tallies the county results and names those that met every target', () => {
    // baseInput: 依兰县 4 (未完成), 方正县 5, 龙江县 6, 依安县 7 (完成).
    const b = composeBulletin(baseInput());
    expect(paragraphs(b)).toContain(
      '从各县(市)看,全省4个县(市)的县级目标共4项,其中完成3项、未完成1项;' +
        '全部目标完成的有方正县、龙江县和依安县。',
    );
  });

  it('counts targets without a value (yearly ones mid-year) apart', () => {
    const rows = [
      ...baseInput().evaluation.results,
      countyRow('230123', {
        indicator: 'tourists',
        name: '年接待总人数增长',
        note: '年度指标,按年评价',
      }),
    ];
    const b = composeBulletin(baseInput({ evaluation: evaluation(rows) }));
    expect(paragraphs(b)[0]).toBe(
      '从各县(市)看,全省4个县(市)的县级目标共5项,其中完成3项、未完成1项,' +
        '另有1项为年度指标或暂无数据;全部目标完成的有方正县、龙江县和依安县。',
    );
  });

  it('without a ranking, leaders and laggards follow the share of targets met', () => {
    const rows: ResultRow[] = [
      countyRow('230123', { value: 4, gap: -1, status: 'not_met' }),
      countyRow('230124', { value: 6, gap: 1, status: 'met' }),
      countyRow('230221', { value: 6, gap: 1, status: 'met' }),
      countyRow('230221', { indicator: 'x', name: 'x', value: 1, gap: -1, status: 'not_met' }),
      countyRow('230223', { value: 4, gap: -1, status: 'not_met' }),
    ];
    const b = composeBulletin(baseInput({ evaluation: evaluation(rows) }));
    expect(paragraphs(b)).toContain(
      '按目标完成比例,居前的是方正县(完成1项/共1项)、龙江县(完成1项/共2项),' +
        '居后的是依兰县(完成0项/共1项)、依安县(完成0项/共1项)。',
    );
  });

  it('counts each county target’s counties by status in a table', () => {
    const b = composeBulletin(baseInput());
    const tables = b.sections[0]!.blocks.filter((x) => x.kind === 'table');
    const last = tables[tables.length - 1]!;
    if (last.kind !== 'table') throw new Error('no table');
    expect(last.table.columns).toEqual([
      '指标',
      '目标',
      '评价县(市)数',
      '完成',
      '基本完成',
      '未完成',
      '无数据',
    ]);
    expect(last.table.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['地区生产总值增速', '5%以上', '4', '3', '0', '1', '0'],
    ]);
  });
});

describe('the input as given', () => {
  it('is not changed by composing', () => {
    const input: BulletinInput = baseInput();
    const before = JSON.stringify(input);
    composeBulletin(input);
    expect(JSON.stringify(input)).toBe(before);
  });
});
