import type { RawWarning, SourceContext, WarningSource } from '../warnings/types.js';
import { taskState } from './status.js';
import type { TaskReport } from './types.js';

/**
 * The `task_overdue` warning source: every task of the plan whose due date (or this year's
 * occurrence) has passed on the day judged without being done. Tasks belong to the plan, not a
 * county, so each warning carries the plan's own region; the board keeps it apart from the
 * county tally.
 */
export function taskOverdueSource(
  reports: readonly Pick<TaskReport, 'task' | 'date' | 'done'>[],
): WarningSource {
  return (ctx: SourceContext): RawWarning[] => {
    if (ctx.now === null) {
      ctx.note(`规则「${ctx.rule.id}」需要判断日期,未给出,未应用`);
      return [];
    }
    const today = ctx.now.slice(0, 10);
    const { plan } = ctx.prepared;
    const out: RawWarning[] = [];
    for (const task of plan.tasks) {
      const own = reports.filter((r) => r.task === task.no);
      const s = taskState({
        deadline: task.deadline,
        planEnd: plan.period.end,
        reports: own,
        today,
      });
      if (s.status !== 'overdue' || s.dueDate === null) continue;
      const lead = task.lead.length ? task.lead.join('、') : '未列明';
      out.push({
        region: plan.province!,
        message: `任务${task.no}「${task.title}」(牵头单位:${lead})已逾期${s.daysLate}天:期限${s.deadlineLabel},应于${s.dueDate}前完成`,
        evidence: {
          plan: plan.id,
          task: task.no,
          title: task.title,
          lead: task.lead,
          dueDate: s.dueDate,
          daysLate: s.daysLate,
          due: s.dueDate,
          now: today,
        },
      });
    }
    return out;
  };
}
