import { describe, it, expect } from 'vitest';
import { planSchema, type PlanTarget } from '../../src/core/plans/schema.js';
import { cutPhrase, importTable } from '../../src/core/plans/table.js';
import { loadIndicators, readJson, readText } from './load.js';

const indicators = loadIndicators();

const cases = [
  { file: 'hlj-2026-province', plan: 'hlj-2026', scope: 'province' },
  { file: 'hlj-2026-county', plan: 'hlj-2026', scope: 'county' },
  { file: 'hlj-2025-province', plan: 'hlj-2025', scope: 'province' },
  { file: 'hlj-2025-county', plan: 'hlj-2025', scope: 'county' },
] as const;

describe('importTable on the seed tables', () => {
  it.each(cases)('$file.tsv yields the targets of $plan', ({ file, plan, scope }) => {
    const text = readText(`test/fixtures/tables/${file}.tsv`);
    const { targets, problems } = importTable(text, { scope, indicators });
    expect(problems).toEqual([]);
    const builtIn = planSchema.parse(readJson(`plans/${plan}.json`));
    const expected = builtIn.targets.filter((t) => t.table === scope);
    // A table that prints no section rows (2026 附件1) gets its sections in the built-in plan
    // from the plan's 工作目标 headings; everything else must match as printed.
    const printsSections = targets.some((t) => t.section !== undefined);
    const strip = ({ section: _section, ...rest }: PlanTarget) => rest;
    expect(targets.map((t) => (printsSections ? t : strip(t)))).toEqual(
      expected.map((t) => (printsSections ? t : strip(t))),
    );
  });

  it('reads the 十五五 column as a second, 2030 target', () => {
    const text = readText('test/fixtures/tables/hlj-2026-province.tsv');
    const { targets } = importTable(text, { scope: 'province', indicators });
    const rowOne = targets.filter((t) => t.no === 1);
    expect(rowOne.map((t) => [t.year, t.phrase])).toEqual([
      [2026, '38'],
      [2030, '50'],
    ]);
    expect(targets.filter((t) => t.year === 2030)).toHaveLength(1);
  });
});

const header = '序号\t主要指标\t2025年完成\t2026年目标\t责任部门';

describe('importTable problems', () => {
  it('names the line of an unknown indicator and of a row with missing cells', () => {
    const text = [
      '附件1',
      '',
      header,
      '<b>一、经济总量</b>\t\t\t\t',
      '1\t县域地区生产总值(亿元)\t7080.7\t7500左右\t省发展改革委',
      '2\t县域社会消费品零售总额(亿元)\t1000\t1100以上\t省商务厅',
      '3\t县域税收收入(亿元)\t148.9',
      '4\t\t1\t2\t省财政厅',
      '五\t税收收入增速(%)\t—\t8以上\t省税务局',
      '6\t一般公共预算收入(亿元)\t三百\t400左右\t省财政厅',
      '',
    ].join('\n');
    const { targets, problems } = importTable(text, { scope: 'province', indicators });
    expect(targets.map((t) => [t.indicator, t.section])).toEqual([['gdp', '经济总量']]);
    expect(problems.map((p) => p.line)).toEqual([6, 7, 7, 8, 9, 10]);
    expect(problems[0]?.reason).toContain('县域社会消费品零售总额');
    expect(problems[0]?.text).toBe('2\t县域社会消费品零售总额(亿元)\t1000\t1100以上\t省商务厅');
    expect(problems[1]?.reason).toContain('2026年目标');
    expect(problems[2]?.reason).toContain('责任部门');
    expect(problems[3]?.reason).toContain('主要指标');
    expect(problems[4]?.reason).toContain('序号');
    expect(problems[5]?.reason).toContain('not a number');
  });

  it('stops at the first line without a tab and reports table rows after it', () => {
    const text = [
      header,
      '1\t县域税收收入(亿元)\t148.9\t161.5左右\t省税务局',
      '注:说明文字。',
      '2\t县域一般公共预算收入(亿元)\t373.4\t400左右\t省财政厅',
      '',
    ].join('\n');
    const { targets, problems } = importTable(text, { scope: 'province', indicators });
    expect(targets).toHaveLength(1);
    expect(problems).toEqual([expect.objectContaining({ line: 4, reason: expect.stringContaining('line 3') })]);
  });

  it('reports a missing header, rows before it, and an unknown column', () => {
    expect(importTable('1\t县域税收收入(亿元)\t148.9', { scope: 'province', indicators }).problems).toEqual([
      expect.objectContaining({ line: 1 }),
      expect.objectContaining({ line: 1, reason: expect.stringContaining('序号') }),
    ]);
    const odd = importTable('序号\t主要指标\t备注\t2026年目标\n', { scope: 'county', indicators });
    expect(odd.problems).toEqual([expect.objectContaining({ line: 1, reason: expect.stringContaining('备注') })]);
  });

  it('takes the year from the options when the header prints none', () => {
    const text = '序号\t主要指标\t目标\t评价部门\n1\t地区生产总值增速(%)\t5以上\t省发展改革委';
    expect(importTable(text, { scope: 'county', indicators }).problems).toHaveLength(1);
    const { targets, problems } = importTable(text, { scope: 'county', indicators, year: 2027 });
    expect(problems).toEqual([]);
    expect(targets[0]).toMatchObject({ indicator: 'gdp_growth', year: 2027, scope: 'all', phrase: '5以上' });
  });

  it('reads full-width brackets, (P) and a — target, keeping the row', () => {
    const text = [
      '序号\t主要指标\t2026年目标\t评价部门',
      '1\t新增规模以上工业企业（P）\t—\t省工业和信息化厅',
    ].join('\n');
    const { targets, problems } = importTable(text, { scope: 'county', indicators });
    expect(problems).toEqual([]);
    expect(targets).toEqual<PlanTarget[]>([
      {
        table: 'county',
        no: 1,
        indicator: 'new_above_scale_enterprises',
        name: '新增规模以上工业企业',
        unit: '户',
        scope: 'all',
        year: 2026,
        phrase: '—',
        departments: ['省工业和信息化厅'],
      },
    ]);
  });

  it('reports a personalised part it cannot read, and departments that do not pair', () => {
    const text = [
      '序号\t主要指标\t2026年目标\t评价部门',
      '<b>六、个性化指标</b>\t\t\t',
      '12\t①工业县。至少新增3户规模以上工业企业。 ②边境县。口岸过货量增长5%以上。\t\t省工业和信息化厅 省商务厅',
      '13\t①工业县。至少新增3户规模以上工业企业。\t\t省工业和信息化厅 省商务厅',
    ].join('\n');
    const { targets, problems } = importTable(text, { scope: 'county', indicators });
    expect(targets).toEqual([]);
    expect(problems.map((p) => [p.line, p.reason.includes('边境县') || p.reason.includes('pair')])).toEqual([
      [3, true],
      [4, true],
    ]);
  });
});

describe('cutPhrase', () => {
  it.each([
    ['至少新增3户规模以上工业企业', '至少新增3户', '新增规模以上工业企业', '户'],
    ['至少新开工2个固定资产投资1000万元以上的项目', '至少新开工2个', '新开工固定资产投资1000万元以上的项目', '个'],
    ['年接待总人数增长15%以上', '增长15%以上', '年接待总人数增长', '%'],
    ['林下经济规模增长6％以上', '增长6％以上', '林下经济规模增长', '%'],
  ])('%s', (sentence, phrase, name, unit) => {
    expect(cutPhrase(sentence)).toEqual({ phrase, name, unit });
  });

  it('finds nothing without a verb before the number', () => {
    expect(cutPhrase('固定资产投资1000万元以上的项目')).toBeNull();
  });
});
