import type { BulletinLedgers } from '../core/bulletin/index.js';
import type { Plan } from '../core/plans/index.js';
import { milestoneRows } from '../core/projects/progress.js';
import type { DataView } from '../core/review/index.js';
import { taskState } from '../core/tasks/status.js';
import { reportsAt } from '../store/projects.js';
import { taskReports } from '../store/tasks.js';
import { ledgerMonth } from './ledger-warnings.js';
import type { ReportContext } from './reports.js';

/**
 * What the bulletin's 项目建设 and 重点任务 read: the period's project reports in the bulletin's
 * view (published: approved only), milestones judged on the bulletin's date, and the plan's
 * tasks with their status on that date. `synthetic` when a project report shown is.
 */
export async function bulletinLedgers(
  ctx: ReportContext,
  o: { plan: Plan; period: string; view: DataView; today: string },
): Promise<{ ledgers: BulletinLedgers; synthetic: boolean }> {
  const stored = await reportsAt(ctx.store, ledgerMonth(o.period));
  const shown = o.view === 'published' ? stored.filter((r) => r.status === 'approved') : stored;
  const projects = shown.map(({ county, report }) => ({
    county,
    countyName: ctx.register.get(county)?.name ?? county,
    name: report.name,
    plannedThisYear: report.plannedThisYear,
    completedYtd: report.completedYtd,
    milestones: milestoneRows(report, o.today),
  }));
  const reports = o.plan.tasks.length > 0 ? await taskReports(ctx.store, { plan: o.plan.id }) : [];
  const tasks = o.plan.tasks.map((t) => {
    const s = taskState({
      deadline: t.deadline,
      planEnd: o.plan.period.end,
      reports: reports.filter((r) => r.task === t.no),
      today: o.today,
    });
    return { no: t.no, title: t.title, lead: t.lead, status: s.status, dueDate: s.dueDate };
  });
  return {
    ledgers: {
      projects: stored.length > 0 ? projects : null,
      tasks: tasks.length > 0 ? tasks : null,
    },
    synthetic: shown.some((r) => r.synthetic),
  };
}
