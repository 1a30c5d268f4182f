/**
 * The project ledger (项目台账, SPEC §2): what one monthly row says about one project. Money is
 * in 万元 as decimal strings, exactly as reported (converted from 亿元 when the sheet says so);
 * dates are YYYY-MM or YYYY-MM-DD as precise as the ledger wrote them.
 */

/** 谋划 → 签约 → 开工 → 投产 → 达产, in order. */
export const MILESTONES = ['plan', 'sign', 'start', 'operate', 'full'] as const;
export type Milestone = (typeof MILESTONES)[number];
export const MILESTONE_LABELS: Record<Milestone, string> = {
  plan: '谋划',
  sign: '签约',
  start: '开工',
  operate: '投产',
  full: '达产',
};

export const PROJECT_TYPES = ['new', 'expansion', 'upgrade'] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];
export const PROJECT_TYPE_LABELS: Record<ProjectType, string> = {
  new: '新建',
  expansion: '扩建',
  upgrade: '技改',
};

/**
 * The indicator a county's projects add up to: its reviewers (the department responsible for it)
 * approve project reports, and its reported value is checked against the projects' sum.
 */
export const PROJECT_INVESTMENT_INDICATOR = 'industrial_project_investment';

/**
 * A milestone's actual date: a date, or `null` when the ledger says it was reached without one
 * ("已开工" in a date column).
 */
export type ActualDate = string | null;

/** One project's report for one month: the ledger row, checked and normalised. */
export interface ProjectReport {
  name: string;
  company: string | null;
  /** The county's 6-digit code. */
  county: string;
  /** Canonical industry name (core/industries). */
  industry: string;
  type: ProjectType | null;
  /** 省重点, 绿电直连 … as printed, each once, in ledger order. */
  flags: string[];
  /** 总投资, 万元. */
  totalInvestment: string;
  /** 本年计划投资, 万元. */
  plannedThisYear: string | null;
  /** 本年累计完成投资 (year to date, at the report's month), 万元. */
  completedYtd: string | null;
  planned: Partial<Record<Milestone, string>>;
  actual: Partial<Record<Milestone, ActualDate>>;
  /** 形象进度. */
  progress: string | null;
  /** 需协调解决的问题. */
  problems: string | null;
  /** 包联领导. */
  leader: string | null;
}
