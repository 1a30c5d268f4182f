import { describe, expect, it } from 'vitest';
import { baseInput } from '../testing/bulletin-input.js';
import {
  composeBulletin,
  type Bulletin,
  type BulletinProject,
  type BulletinTask,
} from './index.js';
import { MILESTONES, MILESTONE_LABELS, type Milestone } from '../projects/types.js';

// 项目建设 and 重点任务 with figures worked out by hand (see each expectation).

function project(
  county: string,
  countyName: string,
  name: string,
  plannedThisYear: string | null,
  completedYtd: string | null,
  reached: Milestone[],
  late?: { milestone: Milestone; planned: string; monthsLate: number },
): BulletinProject {
  return {
    county,
    countyName,
    name,
    plannedThisYear,
    completedYtd,
    milestones: MILESTONES.map((m) => ({
      milestone: m,
      label: MILESTONE_LABELS[m],
      planned: late?.milestone === m ? late.planned : null,
      reached: reached.includes(m),
      late: late?.milestone === m,
      monthsLate: late?.milestone === m ? late.monthsLate : null,
    })),
  };
}

const projects = [
  project('230123', '依兰县', '依兰县甲项目', '12000', '9000.50', [
    'plan',
    'sign',
    'start',
    'operate',
  ]),
  project('230123', '依兰县', '依兰县乙项目', '8000', '3000', ['plan', 'sign', 'start'], {
    milestone: 'operate',
    planned: '2026-03',
    monthsLate: 6,
  }),
  project('230124', '方正县', '方正县丙项目', null, null, ['plan']),
  project('230221', '龙江县', '龙江县丁项目', '5000', '4500', ['plan', 'sign', 'start']),
];

const task = (
  no: number,
  status: BulletinTask['status'],
  lead: string[] = [],
  dueDate: string | null = null,
): BulletinTask => ({
  no,
  title: `任务${no}`,
  lead,
  status,
  dueDate,
});
const tasks = [
  task(1, 'done'),
  task(2, 'in_progress'),
  task(3, 'overdue', ['省发改委', '省财政厅'], '2011-06-30'),
  task(4, 'not_started'),
  task(5, 'overdue', [], '2026-06-30'),
];

const section = (b: Bulletin, title: string) => b.sections.find((s) => s.heading.endsWith(title));
const tableOf = (b: Bulletin, title: string) => {
  const block = section(b, title)!.blocks.find((x) => x.kind === 'table');
  return block?.kind === 'table' ? block.table : undefined;
};
const firstText = (b: Bulletin, title: string) => {
  const block = section(b, title)!.blocks[0]!;
  return block.kind === 'paragraph' ? block.text : '';
};

describe('项目建设 and 重点任务', () => {
  const b = composeBulletin(baseInput({ ledgers: { projects, tasks } }));

  it('are sections four and five, before 下一步工作', () => {
    expect(b.sections.map((s) => s.heading)).toEqual([
      '一、总体情况',
      '二、擂台赛排名',
      '三、预警与问题',
      '四、项目建设',
      '五、重点任务',
      '六、下一步工作',
    ]);
  });

  it('sums the counties’ projects in 亿元 and names the late one', () => {
    // Completed 9000.50 + 3000 + 4500 = 16500.50 万元 = 1.65005 亿元 → 1.7; planned 25000 万元 = 2.5
    // 亿元; 1.65005 / 2.5 = 66.002% → 66.0.
    expect(firstText(b, '项目建设')).toBe(
      '2026年1-9月,全省3个县(市)报送重点产业项目4个,其中已开工3个、已投产1个;' +
        '本年累计完成投资1.7亿元,为年度计划投资2.5亿元的66.0%。' +
        '1个项目滞后于计划节点:依兰县乙项目(依兰县,计划2026年3月投产,滞后6个月)。',
    );
  });

  it('has a row per county: counts, 亿元 and the completion rate', () => {
    const t = tableOf(b, '项目建设')!;
    expect(t.caption).toMatch(/^表\d+ 各县\(市\)重点产业项目建设情况$/);
    // 依兰县: 20000 万元 planned = 2.0; 12000.50 万元 done = 1.20005 → 1.2; 60.0025% → 60.0.
    // 方正县: nothing planned, so no rate. 龙江县: 0.45 → 0.5 (四舍五入), 4500 / 5000 = 90.0%.
    expect(t.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['依兰县', '2', '2', '1', '2.0', '1.2', '60.0', '1'],
      ['方正县', '1', '0', '0', '0.0', '0.0', '—', '0'],
      ['龙江县', '1', '1', '0', '0.5', '0.5', '90.0', '0'],
    ]);
    // The spreadsheet keeps the exact sum.
    expect(t.rows[0]![5]!.value).toBe(1.20005);
  });

  it('tallies the tasks and names the overdue ones with their lead units', () => {
    expect(firstText(b, '重点任务')).toBe(
      '截至2026年11月30日,计划列出的5项重点任务中,已完成1项、推进中1项、逾期2项、未开始1项。' +
        '逾期任务:第3项「任务3」(牵头单位:省发改委、省财政厅)和第5项「任务5」。',
    );
    expect(tableOf(b, '重点任务')!.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['3', '任务3', '省发改委、省财政厅', '2011年6月底'],
      ['5', '任务5', '—', '2026年6月底'],
    ]);
  });

  it('speaks of its own counties only in a prefecture’s bulletin, and leaves the tasks out', () => {
    const pref = composeBulletin(
      baseInput({
        scope: { code: '230200', name: '齐齐哈尔市', level: 'prefecture' },
        counties: ['230221', '230223'],
        ledgers: { projects, tasks },
      }),
    );
    expect(section(pref, '重点任务')).toBeUndefined();
    expect(firstText(pref, '项目建设')).toBe(
      '2026年1-9月,齐齐哈尔市1个县(市)报送重点产业项目1个,其中已开工1个、已投产0个;' +
        '本年累计完成投资0.5亿元,为年度计划投资0.5亿元的90.0%。各项目均未滞后于计划节点。',
    );
  });

  it('are absent without ledgers, so older bulletins keep their numbering', () => {
    const plain = composeBulletin(baseInput());
    expect(plain.sections.map((s) => s.heading)).toEqual([
      '一、总体情况',
      '二、擂台赛排名',
      '三、预警与问题',
      '四、下一步工作',
    ]);
  });
});
