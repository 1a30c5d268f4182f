// The projects API's answers (issue 16 contract), as the pages read them.
import type { Milestone } from '../../../../src/core/projects/types.js';

export type { Milestone };

export type ReviewStatus = 'draft' | 'submitted' | 'reviewed' | 'approved' | 'returned';

export interface MilestoneItem {
  milestone: Milestone;
  label: string;
  planned: string | null;
  actual: string | null;
  reached: boolean;
  late: boolean;
  monthsLate: number | null;
}

export interface ProjectItem {
  id: string;
  county: string;
  countyName: string;
  prefecture: string;
  prefectureName: string;
  name: string;
  company: string | null;
  industry: string;
  type: string | null;
  typeLabel: string | null;
  flags: string[];
  /** 万元, decimal strings. */
  totalInvestment: string | null;
  plannedThisYear: string | null;
  completedYtd: string | null;
  /** completedYtd / plannedThisYear, %. */
  shareOfPlan: number | null;
  milestones: MilestoneItem[];
  stage: Milestone | null;
  stageLabel: string | null;
  late: boolean;
  progress: string | null;
  problems: string | null;
  leader: string | null;
  status: ReviewStatus;
  statusLabel: string;
  revision: number;
  synthetic: boolean;
}

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
