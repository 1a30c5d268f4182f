import { dateOf, parsePeriod } from '../core/periods/index.js';
import { ledgerMonth, projectSource } from '../core/projects/warnings.js';
import type { DataView } from '../core/review/index.js';
import { taskOverdueSource } from '../core/tasks/warnings.js';
import type { WarningsOptions } from '../core/warnings/index.js';
import { reportsAt } from '../store/projects.js';
import { taskReports } from '../store/tasks.js';
import type { ReportContext } from './reports.js';

/**
 * The warning sources the ledgers feed (项目滞后节点, 任务逾期), for the board and the CLI alike:
 * the reports of the period's last month in the board's view (published: approved only), and
 * the plan's task reports.
 */
export async function ledgerSources(
  ctx: ReportContext,
  o: { plan: string; period: string; view?: DataView; now: string | null },
): Promise<NonNullable<WarningsOptions['sources']>> {
  const month = ledgerMonth(parsePeriod(o.period));
  const reports = (await reportsAt(ctx.store, month)).filter(
    (r) => o.view !== 'published' || r.status === 'approved',
  );
  return {
    project_behind_milestone: projectSource(reports, month, o.now === null ? null : dateOf(o.now)),
    task_overdue: taskOverdueSource(await taskReports(ctx.store, { plan: o.plan })),
  };
}
