// The tasks API's answers (issue 16 contract), as the page reads them.
import type { TaskGoal, TaskReport, TaskStatus } from '../../../../src/core/tasks/types.js';

export type { TaskGoal, TaskReport, TaskStatus };

export interface TaskDeadline {
  printed: string;
  kind: 'date' | 'recurring' | 'continuous' | 'none';
  date?: string;
  perYear?: number;
  month?: number;
}

export type StoredReport = TaskReport & { actor: string; at: string };

export interface TaskItem {
  plan: string;
  no: number;
  group: string | null;
  title: string;
  text: string | null;
  lead: string[];
  cooperating: string[];
  deadline: TaskDeadline | null;
  deadlineLabel: string;
  goals: TaskGoal[];
  status: TaskStatus;
  statusLabel: string;
  dueDate: string | null;
  percent: number | null;
  lastReport: StoredReport | null;
  occurrences: { due: number; done: number; perYear: number; year: number } | null;
  mayReport: boolean;
  synthetic?: boolean;
}

export interface TaskList {
  plan: string;
  today: string;
  departments: string[];
  synthetic?: boolean;
  items: TaskItem[];
}

export interface TaskDetail {
  task: TaskItem;
  reports: StoredReport[];
}
