import { dec } from '../numeric/index.js';
import { STATUS_LABELS, type Status } from '../review/index.js';
import type { ProjectItem, ProjectMilestone } from './item.js';
import {
  MILESTONES,
  MILESTONE_LABELS,
  PROJECT_TYPE_LABELS,
  type Milestone,
  type ProjectReport,
} from './types.js';

/**
 * Where a project stands at a day (SPEC §2, issue 16): which milestones it reached, which are
 * late and by how many months, and whether a county's projects add up to what it reported.
 */

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function lastDay(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS[month - 1]!;
}

/** A planned date as a day: YYYY-MM is due at the end of that month. */
export function plannedDay(planned: string): string {
  if (planned.length !== 7) return planned;
  const [y, m] = planned.split('-').map(Number) as [number, number];
  return `${planned}-${String(lastDay(y, m)).padStart(2, '0')}`;
}

/** The last day of a month YYYY-MM: the day a month's report is judged at. */
export const endOfMonth = plannedDay;

/**
 * Whole months from one day to a later one (≥ 0). The end of a month counts as a whole month
 * after the end of an earlier one (03-31 → 09-30 is 6).
 */
export function wholeMonths(from: string, to: string): number {
  const [y1, m1, d1] = from.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = to.split('-').map(Number) as [number, number, number];
  let months = (y2 - y1) * 12 + (m2 - m1);
  if (d2 < d1 && d2 !== lastDay(y2, m2)) months -= 1;
  return Math.max(0, months);
}

const reached = (r: ProjectReport, m: Milestone) => Object.hasOwn(r.actual, m);

/** The five milestone rows of a report judged at `day` (YYYY-MM-DD). */
export function milestoneRows(r: ProjectReport, day: string): ProjectMilestone[] {
  return MILESTONES.map((m) => {
    const planned = r.planned[m] ?? null;
    const done = reached(r, m);
    const late = !done && planned !== null && plannedDay(planned) < day;
    return {
      milestone: m,
      label: MILESTONE_LABELS[m],
      planned,
      actual: r.actual[m] ?? null,
      reached: done,
      late,
      monthsLate: late ? wholeMonths(plannedDay(planned), day) : null,
    };
  });
}

/** The last milestone reached, in order, or null. */
export function stage(r: ProjectReport): Milestone | null {
  let last: Milestone | null = null;
  for (const m of MILESTONES) if (reached(r, m)) last = m;
  return last;
}

/** The milestones past their planned date and not reached at `day`. */
export function behindMilestones(r: ProjectReport, day: string): ProjectMilestone[] {
  return milestoneRows(r, day).filter((m) => m.late);
}

export interface ProjectSum {
  /** Σ completedYtd of the county's projects, 亿元, exact. */
  sum: string;
  /** The county's reported 产业项目投资 of the month, 亿元, or null when it has none. */
  reported: string | null;
  /** sum − reported, 亿元; null without a reported value. */
  difference: string | null;
  /** |difference| ≤ tolerance × |reported|; null without a reported value. */
  agrees: boolean | null;
}

/**
 * A county's projects against its reported investment: completed year-to-date amounts (万元) are
 * summed exactly, turned into 亿元 (÷ 10000) and compared within `tolerance` (0.05 = 5 %).
 */
export function projectSum(
  completedYtd: readonly (string | null)[],
  reported: string | number | null,
  tolerance: number,
): ProjectSum {
  let total = dec(0);
  for (const c of completedYtd) if (c !== null) total = total.plus(dec(c));
  const sum = total.dividedBy(10000);
  if (reported === null) {
    return { sum: sum.toFixed(), reported: null, difference: null, agrees: null };
  }
  const r = dec(reported);
  const difference = sum.minus(r);
  return {
    sum: sum.toFixed(),
    reported: r.toFixed(),
    difference: difference.toFixed(),
    agrees: difference.abs().lessThanOrEqualTo(r.abs().times(dec(tolerance))),
  };
}

/** completedYtd / plannedThisYear in %, to one decimal; null when either is missing or 0. */
function shareOfPlan(r: ProjectReport): number | null {
  if (r.completedYtd === null || r.plannedThisYear === null) return null;
  const plan = dec(r.plannedThisYear);
  if (plan.isZero()) return null;
  return dec(r.completedYtd).dividedBy(plan).times(100).toDecimalPlaces(1).toNumber();
}

export interface ItemInput {
  id: string;
  county: string;
  countyName: string;
  prefecture: string;
  prefectureName: string;
  report: ProjectReport;
  status: Status;
  revision: number;
  synthetic: boolean;
  /** YYYY-MM-DD the milestones are judged at. */
  day: string;
}

/** One project as lists show it. */
export function toItem(i: ItemInput): ProjectItem {
  const r = i.report;
  const milestones = milestoneRows(r, i.day);
  const at = stage(r);
  return {
    id: i.id,
    county: i.county,
    countyName: i.countyName,
    prefecture: i.prefecture,
    prefectureName: i.prefectureName,
    name: r.name,
    company: r.company,
    industry: r.industry,
    type: r.type,
    typeLabel: r.type ? PROJECT_TYPE_LABELS[r.type] : null,
    flags: r.flags,
    totalInvestment: r.totalInvestment,
    plannedThisYear: r.plannedThisYear,
    completedYtd: r.completedYtd,
    shareOfPlan: shareOfPlan(r),
    milestones,
    stage: at,
    stageLabel: at ? MILESTONE_LABELS[at] : null,
    late: milestones.some((m) => m.late),
    progress: r.progress,
    problems: r.problems,
    leader: r.leader,
    status: i.status,
    statusLabel: STATUS_LABELS[i.status],
    revision: i.revision,
    synthetic: i.synthetic,
  };
}
