/**
 * The task ledger (任务台账, SPEC §2): a plan's numbered tasks (the plan file's `tasks`), the
 * progress the lead unit reports on them, and the status that follows.
 */

export const TASK_STATUSES = ['not_started', 'in_progress', 'done', 'overdue'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  not_started: '未开始',
  in_progress: '推进中',
  done: '已完成',
  overdue: '逾期',
};

/** One progress report by a task's lead unit. */
export interface TaskReport {
  plan: string;
  /** The task's number in its plan. */
  task: number;
  /** The day it reports on, YYYY-MM-DD. */
  date: string;
  /** The reporting unit's canonical name (core/departments). */
  department: string;
  text: string;
  /** How far the task is, 0–100, when the unit says. */
  percent: number | null;
  /** A document number, link or file name. */
  evidence: string | null;
  /** The task (or, for a recurring task, this occurrence) is done. */
  done: boolean;
}

/** A quantitative sub-goal read from a task's text (新增新能源装机容量500万千瓦). */
export interface TaskGoal {
  printed: string;
  /** What is counted (新增新能源装机容量), as printed. */
  subject: string;
  /** The number as printed, exact. */
  value: string;
  unit: string;
  /** 以上/突破/超过 → at_least; 左右 → about; 以内/以下 → at_most; a bare number → reach. */
  relation: 'at_least' | 'about' | 'at_most' | 'reach';
  /** 增长10%以上: the number is a growth rate, not a level. */
  growth: boolean;
}
