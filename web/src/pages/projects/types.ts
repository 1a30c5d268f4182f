// The projects API's answers (issue 16 contract), as the pages read them.
import type { Milestone } from '../../../../src/core/projects/types.js';

export type { Milestone };

export type ReviewStatus = 'draft' | 'submitted' | 'reviewed' | 'approved' | 'returned';

/** One project as the list shows it: the server's own type (src/core/projects/item.ts). */
export type {
  ProjectItem,
  ProjectMilestone as MilestoneItem,
} from '../../../../src/core/projects/item.js';

import type { ProjectItem } from '../../../../src/core/projects/item.js';

export interface ProjectList {
  period: string;
  synthetic: boolean;
  total: number;
  page: number;
  pageSize: number;
  facets: { industries: string[]; flags: string[] };
  items: ProjectItem[];
}

export interface ProjectChange {
  field: string;
  label: string;
  old: string | null;
  new: string | null;
}

export interface ProjectHistoryEntry {
  period: string;
  revision: number;
  status: ReviewStatus;
  at: string;
  actor: string;
  action: string;
  reason: string | null;
  changes: ProjectChange[];
}

export interface ProjectDetail {
  project: ProjectItem;
  months: { period: string; completedYtd: string | null; status: ReviewStatus }[];
  history: ProjectHistoryEntry[];
}

export interface CountySum {
  county: string;
  countyName: string;
  prefecture: string;
  projects: number;
  late: number;
  /** 亿元. */
  completedYtd: string;
  reported: string | null;
  difference: string | null;
  agrees: boolean | null;
}

export interface ProjectSummary {
  period: string;
  tolerance: number;
  synthetic: boolean;
  counties: CountySum[];
}

export interface ImportProblem {
  sheet?: string | null;
  row?: number | null;
  column?: string | null;
  value?: string | null;
  reason: string;
}

export interface ImportAnswer {
  problems: ImportProblem[];
  changes: { created: number; changed: number; unchanged: number };
  /** Reviewed or approved reports would change: writing needs a reason. */
  needsReason?: boolean;
}
