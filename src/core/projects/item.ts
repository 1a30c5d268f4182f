import type { Status } from '../review/index.js';
import type { Milestone, ProjectType } from './types.js';

/**
 * One project as the project list shows it (API `GET /api/projects`, CLI, web): the stored report
 * of a month with its county, labels and the milestone judgement. Shared by server, CLI and web.
 */
export interface ProjectItem {
  id: string;
  county: string;
  countyName: string;
  prefecture: string;
  prefectureName: string;
  name: string;
  company: string | null;
  industry: string;
  type: ProjectType | null;
  typeLabel: string | null;
  flags: string[];
  /** 万元 decimal strings. */
  totalInvestment: string;
  plannedThisYear: string | null;
  completedYtd: string | null;
  /** completedYtd / plannedThisYear in %, null when either is missing or the plan is 0. */
  shareOfPlan: number | null;
  /** Always the five milestones, in order. */
  milestones: ProjectMilestone[];
  /** The last reached milestone, or null. */
  stage: Milestone | null;
  stageLabel: string | null;
  late: boolean;
  progress: string | null;
  problems: string | null;
  leader: string | null;
  status: Status;
  statusLabel: string;
  revision: number;
  synthetic: boolean;
}

export interface ProjectMilestone {
  milestone: Milestone;
  label: string;
  planned: string | null;
  actual: string | null;
  reached: boolean;
  late: boolean;
  monthsLate: number | null;
}
