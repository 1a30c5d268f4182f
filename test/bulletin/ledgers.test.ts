// 项目建设 and 重点任务 as a reader finds them in the Word file and the workbook: the docx read
// back through mammoth, the xlsx through ExcelJS. Figures worked out by hand below.
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { composeBulletin, type BulletinProject } from '../../src/core/bulletin/index.js';
import { SYNTHETIC_NOTE } from '../../src/core/demo/note.js';
import { MILESTONES, MILESTONE_LABELS, type Milestone } from '../../src/core/projects/types.js';
import { baseInput } from '../../src/core/testing/bulletin-input.js';
import { renderBulletin } from '../../src/io/bulletin/index.js';

const project = (
  county: string,
  countyName: string,
  name: string,
  planned: string,
  completed: string,
  reached: Milestone[],
  late?: Milestone,
): BulletinProject => ({
  county,
  countyName,
  name,
  plannedThisYear: planned,
  completedYtd: completed,
  milestones: MILESTONES.map((m) => ({
    milestone: m,
    label: MILESTONE_LABELS[m],
    planned: m === late ? '2026-04' : null,
    reached: reached.includes(m),
    late: m === late,
    monthsLate: m === late ? 5 : null,
  })),
});

const bulletin = composeBulletin(
  baseInput({
    synthetic: true,
    ledgers: {
      projects: [
        project('230123', '依兰县', '依兰县年产5万吨玉米深加工项目', '30000', '24000', [
          'plan',
          'sign',
          'start',
        ]),
        project(
          '230221',
          '龙江县',
          '龙江县10万千瓦风电项目',
          '20000',
          '6000',
          ['plan', 'sign', 'start'],
          'operate',
        ),
      ],
      tasks: [
        { no: 1, title: '建立主导工业清单台账', lead: ['省工信厅'], status: 'done', dueDate: null },
        {
          no: 2,
          title: '制定实施方案',
          lead: ['省发改委'],
          status: 'overdue',
          dueDate: '2026-04-30',
        },
      ],
    },
  }),
);

describe('the ledgers’ sections in the files', () => {
  it('are in the Word document with their figures, under the synthetic label', async () => {
    const raw = (await mammoth.extractRawText({ buffer: await renderBulletin(bulletin, 'docx') }))
      .value;
    expect(raw).toContain(SYNTHETIC_NOTE);
    expect(raw).toContain('四、项目建设');
    // 24000 + 6000 = 30000 万元 = 3.0 亿元 of 50000 万元 = 5.0 亿元: 60.0%.
    expect(raw).toContain(
      '全省2个县(市)报送重点产业项目2个,其中已开工2个、已投产0个;本年累计完成投资3.0亿元,为年度计划投资5.0亿元的60.0%。',
    );
    expect(raw).toContain('龙江县10万千瓦风电项目(龙江县,计划2026年4月投产,滞后5个月)');
    expect(raw).toContain('五、重点任务');
    expect(raw).toContain('已完成1项、逾期1项');
    expect(raw).toContain('第2项「制定实施方案」(牵头单位:省发改委)');
    expect(raw).toContain('2026年4月底');
  });

  it('are tables of the workbook', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderBulletin(bulletin, 'xlsx')) as unknown as ArrayBuffer);
    const sheet = wb.worksheets.find((w) => w.name.includes('重点产业项目建设情况'))!;
    const values = sheet
      .getSheetValues()
      .flatMap((r) => (Array.isArray(r) ? [r.slice(1).map((v) => v)] : []));
    // 依兰县: 3.0 亿元 planned, 2.4 done, 80%.
    expect(values.some((r) => r[0] === '依兰县' && r[4] === 3 && r[5] === 2.4 && r[6] === 80)).toBe(
      true,
    );
    expect(wb.worksheets.some((w) => w.name.includes('逾期重点任务'))).toBe(true);
  });
});
