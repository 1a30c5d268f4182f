// What the plan views read and send (src/server/routes/plans.ts); kept here, not in the shared
// api/types.ts.
import type { PlanSummary, Status } from '../../api/types.js';

export interface PlanListItem extends PlanSummary {
  builtin: boolean;
  updatedAt: string | null;
}

export type Scope = 'province' | 'all' | { category: string } | { region: string };

/** A target as the plan file holds it. */
export interface Target {
  table: 'province' | 'county';
  no?: number;
  indicator: string;
  name: string;
  unit: string;
  section?: string;
  scope: Scope;
  year: number;
  phrase: string;
  printed?: string;
  baseline?: { year: number; value: number | null; printed: string };
  attribute?: 'binding' | 'expected';
  departments: string[];
  /** Judged by its department by hand (a phrase with no computable meaning). */
  judgement?: 'manual';
}

export interface Deadline {
  printed: string;
  kind: 'date' | 'recurring' | 'continuous' | 'none';
  date?: string;
  perYear?: number;
  month?: number;
}

export interface Task {
  no: number;
  group?: string;
  title: string;
  text?: string;
  lead: string[];
  cooperating: string[];
  deadline?: Deadline;
  goals?: { printed: string }[];
}

export interface Category {
  code: string;
  name: string;
  nameEn: string;
  printed: string;
  rule: unknown;
}

export interface Settings {
  tolerance?: { percent: number; relative: number };
  dueDay?: number;
  ranking?: Record<string, unknown>;
  incentives?: Record<string, unknown>;
  warnings?: unknown;
}

/** The plan file (core/plans/schema) as far as the views read and write it. */
export interface PlanFile {
  id: string;
  title: string;
  titleEn?: string;
  issuer: string;
  issued: string;
  period: { start: number; end: number };
  source: string;
  province: string;
  countyScope: { kinds: string[]; include?: string[]; exclude?: string[] };
  settings?: Settings;
  sections?: string[];
  indicators?: unknown[];
  targets: Target[];
  categories: Category[];
  tasks: Task[];
  industries?: unknown;
}

/** GET /api/plans/:id: the plan with each target's reading and each category rule in words. */
export interface PlanView extends Omit<PlanFile, 'targets' | 'categories'> {
  targets: (Target & { reading: string })[];
  categories: (Category & { reading: string })[];
  problems: { path: string; value: string; reason: string }[];
  builtin: boolean;
  updatedAt: string | null;
}

export interface ReadTarget extends Target {
  line: number;
  reading: string | null;
  /** An unreadable phrase without a number: it may be judged by hand. */
  offer?: 'manual';
}

export interface ReadLine {
  line: number;
  text: string;
  targets: ReadTarget[];
  reasons: string[];
}

/** POST /api/plans/read-table. */
export interface TableReading {
  targets: ReadTarget[];
  problems: { line: number; text: string; reason: string }[];
  lines: ReadLine[];
}

interface Side {
  phrase: string;
  reading: string;
  status: Status;
}

/** POST /api/plans/:id/preview. */
export interface PlanPreview {
  plan: string;
  replaces: boolean;
  period: string | null;
  periodLabel: string | null;
  dependsOnData: boolean;
  before: Record<Status, number> | null;
  after: Record<Status, number> | null;
  counts: {
    changed: number;
    statusChanged: number;
    added: number;
    removed: number;
    unchanged: number;
  };
  changes: {
    region: string;
    regionName: string;
    indicator: string;
    name: string;
    scope: string;
    year: number;
    before: Side | null;
    after: Side | null;
  }[];
  total: number;
}
