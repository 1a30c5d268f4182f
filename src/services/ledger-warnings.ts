import { monthsElapsed, parsePeriod } from '../core/periods/index.js';
import { projectWarnings } from '../core/projects/warnings.js';
import type { DataView } from '../core/review/index.js';
import { taskOverdueSource } from '../core/tasks/warnings.js';
import type { WarningSource, WarningsOptions } from '../core/warnings/index.js';
import { reportsAt } from '../store/projects.js';
import { taskReports } from '../store/tasks.js';
import type { ReportContext } from './reports.js';

/** The month whose project ledger stands for a period: itself, or a quarter's or year's last. */
export function ledgerMonth(period: string): string {
  const p = parsePeriod(period);
  return `${p.year}-${String(monthsElapsed(p)).padStart(2, '0')}`;
}

/**
 * The warning sources the ledgers feed (项目滞后节点, 任务逾期): the period's project reports in
 * the board's view (published: approved reports only) and the plan's task reports.
 */
export async function ledgerSources(
  ctx: ReportContext,
  o: { plan: string; period: string; view?: DataView },
): Promise<NonNullable<WarningsOptions['sources']>> {
  const stored = await reportsAt(ctx.store, ledgerMonth(o.period));
  const shown = o.view === 'published' ? stored.filter((r) => r.status === 'approved') : stored;
  const projects: WarningSource = (s) => {
    if (s.now === null) {
      s.note(`规则「${s.rule.id}」需要判断日期,未给出,未应用`);
      return [];
    }
    return projectWarnings(shown, s.now.slice(0, 10));
  };
  return {
    project_behind_milestone: projects,
    task_overdue: taskOverdueSource(await taskReports(ctx.store, { plan: o.plan })),
  };
}
