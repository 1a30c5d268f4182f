/**
 * Synthetic progress reports on the built-in plans' tasks (合成演示数据). A task with lead units
 * is reported by its first lead unit; one without (hlj-2026) by the province's 专班. Every task
 * with a deadline is done on time except one, left overdue on purpose.
 */
import type { Plan } from '../plans/schema.js';
import { Rng } from '../random/index.js';
import type { TaskReport } from '../tasks/types.js';

/** The provincial task force that reports on tasks naming no lead unit. */
export const TASK_FORCE = '省县域经济突破年专班';

type Task = Plan['tasks'][number];

export interface TaskLedgers {
  reports: TaskReport[];
  /** The deliberately overdue task. */
  overdue: { plan: string; task: number } | null;
}

const day = (year: number, month: number, d = 20) =>
  `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/**
 * `last` is the newest day a report may carry (the demo's last month's end); `department` gives a
 * lead unit's canonical name.
 */
export function generateTaskReports(
  seed: number,
  plans: readonly Pick<Plan, 'id' | 'period' | 'tasks'>[],
  last: string,
  department: (printed: string) => string = (n) => n,
): TaskLedgers {
  const reports: TaskReport[] = [];
  let overdue: TaskLedgers['overdue'] = null;
  for (const plan of plans) {
    const dated = plan.tasks.filter((t) => t.deadline?.kind === 'date');
    const rng = new Rng(seed, 'tasks', plan.id);
    const late: Task | undefined =
      dated.length > 0 && !overdue ? dated[Math.floor(rng.next() * dated.length)] : undefined;
    if (late) overdue = { plan: plan.id, task: late.no };
    for (const task of plan.tasks) {
      const unit = task.lead[0] ? department(task.lead[0]) : TASK_FORCE;
      const base = { plan: plan.id, task: task.no, department: unit, evidence: null };
      const steps = task === late ? lateSteps(task) : onTime(rng, task, plan.period, last);
      for (const s of steps) reports.push({ ...base, ...s });
    }
  }
  return { reports, overdue };
}

type Step = Pick<TaskReport, 'date' | 'text' | 'percent' | 'done'>;

/** The overdue task: begun before its deadline, stuck at 60%. */
function lateSteps(task: Task): Step[] {
  const [y, m] = (task.deadline?.date ?? '2011-01').split('-').map(Number) as [number, number];
  return [
    {
      date: day(y, Math.max(1, m - 1), 10),
      text: '已形成初稿,正在征求有关部门意见',
      percent: 60,
      done: false,
    },
  ];
}

function onTime(rng: Rng, task: Task, period: Plan['period'], last: string): Step[] {
  const d = task.deadline;
  const lastYear = Math.min(period.end, Number(last.slice(0, 4)));
  if (d?.kind === 'date' && d.date) {
    const [y, m] = d.date.split('-').map(Number) as [number, number];
    return [
      {
        date: day(y, Math.max(1, m - 1), 10),
        text: '工作已启动,正在推进',
        percent: 50,
        done: false,
      },
      { date: day(y, m), text: '已按期完成', percent: 100, done: true },
    ];
  }
  if (d?.kind === 'recurring') {
    const n = d.perYear ?? 1;
    const out: Step[] = [];
    for (let year = period.start; year <= lastYear; year++) {
      for (let k = 1; k <= n; k++) {
        const month = d.month ?? Math.ceil((12 * k) / n);
        const date = day(year, month);
        if (date <= last)
          out.push({ date, text: `${year}年第${k}次工作已完成`, percent: 100, done: true });
      }
    }
    return out;
  }
  // All-year work and tasks without a deadline: quarterly reports, the last plan year done.
  const out: Step[] = [];
  for (let year = period.start; year <= lastYear; year++) {
    for (const q of [1, 2, 3, 4]) {
      const date = day(year, q * 3, q === 4 ? 20 : 28);
      if (date > last) break;
      const finalYear = year === period.end;
      const done = finalYear && q === 4;
      const percent = Math.min(
        100,
        Math.round(((year - period.start) * 4 + q) * (100 / ((period.end - period.start + 1) * 4))),
      );
      out.push({
        date,
        text: done ? '全年工作已完成' : `按计划推进,完成约${percent}%`,
        percent,
        done,
      });
    }
  }
  // A few 2026 tasks have not reported yet.
  return task.deadline === undefined && rng.chance(0.15) ? [] : out;
}
