import { LeitaiError } from '../errors/index.js';
import { compareDates, parseDate } from '../periods/index.js';
import { TASK_STATUS_LABELS, type TaskReport, type TaskStatus } from './types.js';

/**
 * When a task is due and where it stands on a given day (contract of issue 16): a month is due
 * at its end, 全年工作 at the end of the plan's last year, a recurring task's k-th of n yearly
 * occurrences at the end of month ceil(12k/n) (or of the month printed, 每年2月), in the plan's
 * years. Always for an explicit `today`, so the same data give the same answer on any machine.
 */

export interface Deadline {
  printed: string;
  kind: 'date' | 'recurring' | 'continuous' | 'none';
  date?: string;
  perYear?: number;
  month?: number;
}

export interface TaskState {
  status: TaskStatus;
  statusLabel: string;
  /** The date the task (or its next open occurrence) is due; null when it has none. */
  dueDate: string | null;
  /** Days between the passed due date and today, when overdue. */
  daysLate: number | null;
  /** For a recurring task: the year judged's occurrences due by today, done, and per year. */
  occurrences: { due: number; done: number; perYear: number; year: number } | null;
  deadlineLabel: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The last day of a month, YYYY-MM-DD. */
export function endOfMonth(year: number, month: number): string {
  return `${year}-${pad(month)}-${pad(lastDay(year, month))}`;
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  const t = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10));
  return Math.round((t(b) - t(a)) / 86_400_000);
}

/** The due day of a `date` deadline: YYYY-MM-DD as is, YYYY-MM at the month's end. */
function dateDue(date: string): string {
  if (/^\d{4}-\d{2}$/.test(date)) return endOfMonth(+date.slice(0, 4), +date.slice(5, 7));
  return parseDate(date, '任务期限');
}

/** The due days of a recurring task's occurrences in one year, in order. */
export function occurrenceDates(d: Deadline, year: number): string[] {
  const n = d.perYear ?? 1;
  return Array.from({ length: n }, (_, i) =>
    endOfMonth(year, d.month ?? Math.ceil((12 * (i + 1)) / n)),
  );
}

export interface StatusInput {
  deadline: Deadline | undefined;
  /** The plan's last year (period.end): when 全年工作 is due. */
  planEnd: number;
  reports: readonly Pick<TaskReport, 'date' | 'done'>[];
  /** YYYY-MM-DD. */
  today: string;
}

function state(status: TaskStatus, rest: Omit<TaskState, 'status' | 'statusLabel'>): TaskState {
  return { status, statusLabel: TASK_STATUS_LABELS[status], ...rest };
}

/**
 * A recurring task is judged on this year's occurrences, or on the plan's last year's once the
 * plan has ended (a 2011–2013 plan's 每年2次 is not owed in 2026).
 */
function recurringState(
  d: Deadline,
  reports: StatusInput['reports'],
  today: string,
  planEnd: number,
): TaskState {
  const year = Math.min(+today.slice(0, 4), planEnd);
  const ended = year < +today.slice(0, 4);
  const dates = occurrenceDates(d, year);
  const perYear = dates.length;
  const dueCount = dates.filter((x) => compareDates(today, x) > 0).length;
  const thisYear = reports.filter((r) => r.date.startsWith(`${year}-`));
  const done = Math.min(perYear, thisYear.filter((r) => r.done).length);
  const open = dates[done] ?? null;
  const occurrences = { due: dueCount, done, perYear, year };
  const deadlineLabel = `${deadlineWords(d)}(${ended ? `${year}年` : ''}已完成${done}次,应完成${dueCount}次)`;
  const daysLate = done < dueCount && open ? daysBetween(open, today) : null;
  const rest = { dueDate: open, daysLate, occurrences, deadlineLabel };
  if (done >= perYear) return state('done', rest);
  if (done < dueCount) return state('overdue', rest);
  return state(thisYear.length > 0 ? 'in_progress' : 'not_started', rest);
}

/** The deadline in words: 2011年4月底前, 每年2次, 每年2月底前, 全年工作. */
export function deadlineWords(d: Deadline | undefined): string {
  if (!d || d.kind === 'none') return d?.printed || '未定期限';
  if (d.kind === 'continuous') return '全年工作';
  if (d.kind === 'recurring') return d.month ? `每年${d.month}月底前` : `每年${d.perYear ?? 1}次`;
  const date = d.date ?? '';
  const [y, m, day] = date.split('-');
  if (!y || !m) return d.printed;
  return day ? `${+y}年${+m}月${+day}日前` : `${+y}年${+m}月底前`;
}

/** A task's status, due date and deadline label on `today`. */
export function taskState(input: StatusInput): TaskState {
  const today = parseDate(input.today, '今天');
  const d = input.deadline;
  const reports = input.reports.filter((r) => compareDates(r.date, today) <= 0);
  if (d?.kind === 'recurring') return recurringState(d, reports, today, input.planEnd);
  const dueDate = dueOf(d, input.planEnd);
  const rest = { dueDate, occurrences: null, deadlineLabel: deadlineWords(d), daysLate: null };
  if (reports.some((r) => r.done)) return state('done', rest);
  if (dueDate !== null && compareDates(today, dueDate) > 0) {
    return state('overdue', { ...rest, daysLate: daysBetween(dueDate, today) });
  }
  return state(reports.length > 0 ? 'in_progress' : 'not_started', rest);
}

function dueOf(d: Deadline | undefined, planEnd: number): string | null {
  if (!d || d.kind === 'none') return null;
  if (d.kind === 'continuous') return endOfMonth(planEnd, 12);
  if (!d.date) {
    throw new LeitaiError('INPUT_INVALID', `任务期限「${d.printed}」缺少日期`, {
      field: 'deadline.date',
      reason: 'a date deadline without its date',
    });
  }
  return dateDue(d.date);
}
