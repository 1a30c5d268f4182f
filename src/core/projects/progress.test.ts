import { describe, expect, it } from 'vitest';
import {
  behindMilestones,
  milestoneRows,
  projectSum,
  stage,
  toItem,
  wholeMonths,
} from './progress.js';
import { projectWarnings } from './warnings.js';
import type { ProjectReport } from './types.js';

const report = (over: Partial<ProjectReport> = {}): ProjectReport => ({
  name: '年产10万吨生物基材料项目',
  company: '某某生物科技有限公司',
  county: '230183',
  industry: '绿色食品',
  type: 'new',
  flags: ['省重点'],
  totalInvestment: '50000',
  plannedThisYear: '12000',
  completedYtd: '3000.5',
  planned: { plan: '2025-10', sign: '2026-01', start: '2026-03', operate: '2027-06' },
  actual: { plan: '2025-10', sign: '2026-01-20' },
  progress: '土地平整',
  problems: null,
  leader: '张三',
  ...over,
});

describe('milestones at a day', () => {
  it('counts whole months late: planned 2026-03, judged 2026-09-30 is 6', () => {
    const rows = milestoneRows(report(), '2026-09-30');
    const start = rows.find((m) => m.milestone === 'start')!;
    expect(start).toMatchObject({ reached: false, late: true, monthsLate: 6, label: '开工' });
    expect(rows.find((m) => m.milestone === 'operate')).toMatchObject({
      late: false,
      monthsLate: null,
    });
    expect(rows.map((m) => m.reached)).toEqual([true, true, false, false, false]);
  });

  it('is not late on the last day of the planned month, and 0 months late the day after', () => {
    expect(behindMilestones(report(), '2026-03-31')).toEqual([]);
    expect(behindMilestones(report(), '2026-04-01')[0]).toMatchObject({ monthsLate: 0 });
    expect(wholeMonths('2026-03-31', '2026-04-30')).toBe(1);
    expect(wholeMonths('2026-03-15', '2026-04-14')).toBe(0);
  });

  it('treats 已开工 (reached, date unknown) as reached; the stage is the last reached', () => {
    const r = report({ actual: { plan: '2025-10', sign: null, start: null } });
    expect(behindMilestones(r, '2026-09-30')).toEqual([]);
    expect(stage(r)).toBe('start');
    expect(stage(report({ actual: {} }))).toBeNull();
  });
});

describe('a county sum against its reported investment', () => {
  it('sums 万元 exactly into 亿元 and agrees within 5 %', () => {
    // 12345.6 + 7654.4 = 20000 万元 = 2 亿元; 2.1 reported: |−0.1| ≤ 0.105 agrees.
    expect(projectSum(['12345.6', '7654.4', null], '2.1', 0.05)).toEqual({
      sum: '2',
      reported: '2.1',
      difference: '-0.1',
      agrees: true,
    });
    // 2 against 2.2: |−0.2| > 0.11 disagrees.
    expect(projectSum(['20000'], 2.2, 0.05).agrees).toBe(false);
    expect(projectSum(['0.1', '0.2'], null, 0.05)).toEqual({
      sum: '0.00003',
      reported: null,
      difference: null,
      agrees: null,
    });
  });
});

describe('a list item and a warning', () => {
  it('labels type, stage and status and gives the share of this year’s plan', () => {
    const item = toItem({
      id: '230183-0123456789',
      county: '230183',
      countyName: '尚志市',
      prefecture: '230100',
      prefectureName: '哈尔滨市',
      report: report(),
      status: 'submitted',
      revision: 2,
      synthetic: false,
      day: '2026-09-30',
    });
    // 3000.5 / 12000 = 25.004 % → 25.0
    expect(item).toMatchObject({
      typeLabel: '新建',
      stage: 'sign',
      stageLabel: '签约',
      late: true,
      shareOfPlan: 25,
      statusLabel: '已报送',
    });
  });

  it('names the project, the milestone and the months late', () => {
    const w = projectWarnings([{ id: 'p1', report: report() }], '2026-09-30');
    expect(w).toEqual([
      {
        region: '230183',
        indicator: null,
        message: '项目「年产10万吨生物基材料项目」计划2026年3月开工,至今未开工,已滞后6个月',
        evidence: {
          project: 'p1',
          projectName: '年产10万吨生物基材料项目',
          milestone: 'start',
          planned: '2026-03',
          monthsLate: 6,
        },
      },
    ]);
    expect(projectWarnings([{ id: 'p1', report: report() }], '2026-09-30', 7)).toEqual([]);
  });
});
