import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ProjectItem } from '../../src/core/projects/item.js';
import type { ProjectReport } from '../../src/core/projects/types.js';
import { readProjectLedger } from '../../src/io/excel/project-ledger.js';
import { writeProjectTemplate } from '../../src/io/excel/project-template.js';
import { loadIndustryNames } from '../../src/io/industries.js';
import { projectRowsForExport } from '../../src/io/project-table.js';
import { loadRegister } from '../../src/io/regions.js';

const previous: ProjectReport[] = [
  {
    name: '石墨负极材料项目',
    company: '某碳素公司',
    county: '230183',
    industry: '新材料产业',
    type: 'new',
    flags: ['省重点', '绿电直连'],
    totalInvestment: '50000',
    plannedThisYear: '20000',
    completedYtd: '12000.5',
    planned: { sign: '2026-03', start: '2026-04-15', operate: '2027-06' },
    actual: { sign: '2026-03-02', start: null },
    progress: '主体施工',
    problems: '用地指标',
    leader: '张三',
  },
  {
    name: '木材精深加工项目',
    company: null,
    county: '230183',
    industry: '林产品加工业',
    type: 'upgrade',
    flags: [],
    totalInvestment: '3000.25',
    plannedThisYear: null,
    completedYtd: null,
    planned: {},
    actual: {},
    progress: null,
    problems: null,
    leader: null,
  },
];

const input = { county: '230183', countyName: '尚志市', period: '2026-09', previous };
const readBack = (bytes: Buffer, period = '2026-09') =>
  readProjectLedger(bytes, {
    fileName: 'template.xlsx',
    period,
    today: '2026-10-10',
    register: loadRegister(),
    industries: loadIndustryNames(),
    county: '230183',
  });

describe('writeProjectTemplate', () => {
  it('reads back as the same reports, with the unit note and title', async () => {
    const bytes = await writeProjectTemplate(input);
    const r = await readBack(bytes);
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => x.report)).toEqual(previous);
    expect(r.rows.map((x) => x.row)).toEqual([5, 6]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('项目台账')!;
    expect(ws.getCell('A1').value).toBe('尚志市重点产业项目台账(2026-09)');
    expect(String(ws.getCell('A2').value)).toMatch(/^单位:万元;日期写作 2026-03 或 2026-03-15/);
    expect(ws.getCell('K3').value).toBe('谋划');
    expect(ws.getCell('L4').value).toBe('实际');
  });

  it('labels synthetic data and leaves January year-to-date blank', async () => {
    const bytes = await writeProjectTemplate({ ...input, period: '2027-01', synthetic: true });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.getWorksheet('项目台账')!.getCell('A1').value).toBe(
      '【合成演示数据】尚志市重点产业项目台账(2027-01)',
    );
    const r = await readBack(bytes, '2027-01');
    expect(r.rows[0]!.report.completedYtd).toBeNull();
  });
});

describe('projectRowsForExport', () => {
  it('puts a project under Chinese headers, milestones as 计划/实际 pairs', () => {
    const item: ProjectItem = {
      id: '230183-0123456789',
      county: '230183',
      countyName: '尚志市',
      prefecture: '230100',
      prefectureName: '哈尔滨市',
      name: '石墨负极材料项目',
      company: '某碳素公司',
      industry: '新材料产业',
      type: 'new',
      typeLabel: '新建',
      flags: ['省重点'],
      totalInvestment: '50000',
      plannedThisYear: '20000',
      completedYtd: '12000.5',
      shareOfPlan: 60.0025,
      milestones: [
        {
          milestone: 'plan',
          label: '谋划',
          planned: null,
          actual: null,
          reached: false,
          late: false,
          monthsLate: null,
        },
        {
          milestone: 'sign',
          label: '签约',
          planned: '2026-03',
          actual: '2026-03',
          reached: true,
          late: false,
          monthsLate: null,
        },
        {
          milestone: 'start',
          label: '开工',
          planned: '2026-04',
          actual: null,
          reached: true,
          late: false,
          monthsLate: null,
        },
        {
          milestone: 'operate',
          label: '投产',
          planned: '2026-06',
          actual: null,
          reached: false,
          late: true,
          monthsLate: 3,
        },
        {
          milestone: 'full',
          label: '达产',
          planned: null,
          actual: null,
          reached: false,
          late: false,
          monthsLate: null,
        },
      ],
      stage: 'start',
      stageLabel: '开工',
      late: true,
      progress: '主体施工',
      problems: null,
      leader: '张三',
      status: 'approved',
      statusLabel: '已审定',
      revision: 2,
      synthetic: true,
    };
    const t = projectRowsForExport([item]);
    expect(t.header.slice(0, 4)).toEqual(['项目编号', '所属市(地)', '所在县', '项目名称']);
    const cells = Object.fromEntries(t.header.map((h, i) => [h, t.rows[0]![i]]));
    expect(cells).toMatchObject({
      '总投资(万元)': 50000,
      '本年累计完成投资(万元)': 12000.5,
      '完成本年计划(%)': 60,
      签约实际: '2026-03',
      开工实际: '已开工',
      投产计划: '2026-06',
      投产实际: null,
      是否滞后: '是',
      滞后月数: 3,
      数据性质: '合成演示数据',
    });
  });
});
