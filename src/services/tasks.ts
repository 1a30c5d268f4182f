import { LeitaiError } from '../core/errors/index.js';
import type { DepartmentNames } from '../core/departments/index.js';
import type { Plan } from '../core/plans/index.js';
import type { Actor } from '../core/review/index.js';
import { taskGoals } from '../core/tasks/goals.js';
import { checkReport, mayReport, reportDenied, type ReportInput } from '../core/tasks/report.js';
import { taskState, type Deadline } from '../core/tasks/status.js';
import type { TaskGoal, TaskStatus } from '../core/tasks/types.js';
import { loadDepartmentNames } from '../io/departments.js';
import { findPlan } from '../io/plans.js';
import type { Store } from '../store/db.js';
import { addTaskReport, taskReports, type StoredTaskReport } from '../store/tasks.js';

type Task = Plan['tasks'][number];
type ShownReport = Omit<StoredTaskReport, 'id' | 'synthetic'>;

export interface TaskItem {
  plan: string;
  no: number;
  group: string | null;
  title: string;
  text: string | null;
  lead: string[];
  cooperating: string[];
  deadline: Deadline | null;
  deadlineLabel: string;
  goals: TaskGoal[];
  status: TaskStatus;
  statusLabel: string;
  dueDate: string | null;
  daysLate: number | null;
  percent: number | null;
  lastReport: ShownReport | null;
  occurrences: { due: number; done: number; perYear: number; year: number } | null;
  mayReport: boolean;
  synthetic: boolean;
}

export interface TaskContext {
  store: Store;
  plans: readonly Plan[];
  departments?: DepartmentNames;
}

const shown = ({ id: _id, synthetic: _s, ...r }: StoredTaskReport): ShownReport => r;

/** The plan asked for, or the newest plan that has tasks. */
export function taskPlan(plans: readonly Plan[], id?: string): Plan {
  if (id) return findPlan(plans, id);
  const withTasks = plans.filter((p) => p.tasks.length > 0);
  const newest = [...withTasks].sort((a, b) => b.issued.localeCompare(a.issued))[0];
  if (!newest)
    throw new LeitaiError('NOT_FOUND', '没有含重点任务的计划', { reason: 'no plan with tasks' });
  return newest;
}

function itemOf(
  plan: Plan,
  task: Task,
  reports: readonly StoredTaskReport[],
  o: { today: string; actor: Actor; names: DepartmentNames },
): TaskItem {
  const s = taskState({
    deadline: task.deadline,
    planEnd: plan.period.end,
    reports,
    today: o.today,
  });
  const upToToday = reports.filter((r) => r.date <= o.today);
  const last = upToToday.at(-1) ?? null;
  const withPercent = upToToday.filter((r) => r.percent !== null).at(-1);
  const canonical = (n: string) => o.names.canonical(n);
  return {
    plan: plan.id,
    no: task.no,
    group: task.group ?? null,
    title: task.title,
    text: task.text ?? null,
    lead: task.lead.map(canonical),
    cooperating: task.cooperating.map(canonical),
    deadline: task.deadline ?? null,
    deadlineLabel: s.deadlineLabel,
    goals: taskGoals(task),
    status: s.status,
    statusLabel: s.statusLabel,
    dueDate: s.dueDate,
    daysLate: s.daysLate,
    percent: withPercent?.percent ?? null,
    lastReport: last && shown(last),
    occurrences: s.occurrences,
    mayReport: mayReport(o.actor, task.lead, canonical),
    synthetic: reports.some((r) => r.synthetic),
  };
}

const byTask = (reports: readonly StoredTaskReport[], no: number) =>
  reports.filter((r) => r.task === no);

/** The task list of a plan with each task's status on `today`: overdue first, then by number. */
export async function listTasks(
  ctx: TaskContext,
  actor: Actor,
  o: { plan?: string; department?: string; status?: TaskStatus; today: string },
): Promise<{
  plan: string;
  today: string;
  departments: string[];
  synthetic: boolean;
  items: TaskItem[];
}> {
  const plan = taskPlan(ctx.plans, o.plan);
  const names = ctx.departments ?? loadDepartmentNames();
  const reports = await taskReports(ctx.store, { plan: plan.id });
  const all = plan.tasks.map((t) =>
    itemOf(plan, t, byTask(reports, t.no), { today: o.today, actor, names }),
  );
  const department = o.department ? names.canonical(o.department) : undefined;
  const items = all
    .filter((i) => !department || i.lead.includes(department) || i.cooperating.includes(department))
    .filter((i) => !o.status || i.status === o.status)
    .sort((a, b) => Number(b.status === 'overdue') - Number(a.status === 'overdue') || a.no - b.no);
  const departments = [...new Set(all.flatMap((i) => i.lead))].sort((a, b) =>
    a.localeCompare(b, 'zh'),
  );
  return {
    plan: plan.id,
    today: o.today,
    departments,
    synthetic: all.some((i) => i.synthetic),
    items,
  };
}

function findTask(plan: Plan, no: number): Task {
  const task = plan.tasks.find((t) => t.no === no);
  if (!task) {
    throw new LeitaiError('NOT_FOUND', `计划 ${plan.id} 没有第${no}项任务`, {
      field: 'task',
      value: String(no),
      reason: 'no such task',
    });
  }
  return task;
}

/** One task with every report on it, oldest first. */
export async function showTask(
  ctx: TaskContext,
  actor: Actor,
  o: { plan: string; no: number; today: string },
): Promise<{ task: TaskItem; reports: ShownReport[] }> {
  const plan = findPlan(ctx.plans, o.plan);
  const task = findTask(plan, o.no);
  const reports = await taskReports(ctx.store, { plan: plan.id, task: o.no });
  const names = ctx.departments ?? loadDepartmentNames();
  return {
    task: itemOf(plan, task, reports, { today: o.today, actor, names }),
    reports: reports.map(shown),
  };
}

/**
 * Records a progress report by the task's lead unit (or the province). A report on a task the
 * actor's department does not lead is refused, naming the task and its lead; nothing is written.
 */
export async function reportTask(
  ctx: TaskContext,
  actor: Actor,
  o: ReportInput & { plan: string; no: number; today: string; at: string; synthetic?: boolean },
): Promise<ShownReport> {
  const plan = findPlan(ctx.plans, o.plan);
  const task = findTask(plan, o.no);
  const names = ctx.departments ?? loadDepartmentNames();
  const canonical = (n: string) => names.canonical(n);
  if (!mayReport(actor, task.lead, canonical)) {
    throw reportDenied(actor, { ...task, lead: task.lead.map(canonical) });
  }
  const r = checkReport(o, o.today);
  const department =
    actor.role === 'department' && actor.department
      ? canonical(actor.department)
      : canonical(task.lead[0] ?? '省级管理员');
  const saved = await addTaskReport(
    ctx.store,
    { plan: plan.id, task: task.no, department, ...r },
    { actor: actor.name, at: o.at, synthetic: o.synthetic },
  );
  return shown(saved);
}
