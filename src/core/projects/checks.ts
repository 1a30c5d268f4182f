import { dec } from '../numeric/index.js';
import { MILESTONES, MILESTONE_LABELS, type Milestone, type ProjectReport } from './types.js';

/** What is wrong with one field of a project report; `field` as the reader maps it to a column. */
export interface ReportProblem {
  /** A ProjectReport key, or `planned.start` / `actual.start` for a milestone date. */
  field: string;
  reason: string;
}

export interface CheckContext {
  /** The report's month, YYYY-MM. */
  period: string;
  /** YYYY-MM-DD. */
  today: string;
}

/**
 * Dates of different precision (2026-03 and 2026-03-15) compare at the coarser one: a ledger that
 * writes only the month says nothing about the day.
 */
function compareDates(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  const x = a.slice(0, n);
  const y = b.slice(0, n);
  return x < y ? -1 : x > y ? 1 : 0;
}

const label = (m: Milestone) => MILESTONE_LABELS[m];

/** Each present date not before an earlier milestone's; skipped milestones are not errors. */
function orderProblems(
  dates: Partial<Record<Milestone, string | null>>,
  kind: 'planned' | 'actual',
): ReportProblem[] {
  const word = kind === 'planned' ? '计划' : '实际';
  const problems: ReportProblem[] = [];
  MILESTONES.forEach((later, j) => {
    const date = dates[later];
    if (typeof date !== 'string') return;
    const earlier = MILESTONES.slice(0, j).find((m) => {
      const d = dates[m];
      return typeof d === 'string' && compareDates(d, date) > 0;
    });
    if (earlier === undefined) return;
    problems.push({
      field: `${kind}.${later}`,
      reason: `${label(later)}${word}时间「${date}」早于${label(earlier)}${word}时间「${dates[earlier]}」,节点顺序应为 谋划→签约→开工→投产→达产`,
    });
  });
  return problems;
}

function futureProblems(report: ProjectReport, ctx: CheckContext): ReportProblem[] {
  const problems: ReportProblem[] = [];
  for (const m of MILESTONES) {
    const date = report.actual[m];
    if (typeof date !== 'string') continue;
    if (compareDates(date, ctx.today) > 0)
      problems.push({
        field: `actual.${m}`,
        reason: `${label(m)}实际时间「${date}」晚于今天(${ctx.today}),实际节点不能在将来`,
      });
    else if (compareDates(date, ctx.period) > 0)
      problems.push({
        field: `actual.${m}`,
        reason: `${label(m)}实际时间「${date}」晚于报告月份 ${ctx.period}`,
      });
  }
  return problems;
}

const MONEY_FIELDS = [
  ['totalInvestment', '总投资'],
  ['plannedThisYear', '本年计划投资'],
  ['completedYtd', '本年累计完成投资'],
] as const;

function moneyProblems(report: ProjectReport): ReportProblem[] {
  const problems: ReportProblem[] = [];
  for (const [field, name] of MONEY_FIELDS) {
    const v = report[field];
    if (v !== null && dec(v).lessThan(0))
      problems.push({ field, reason: `${name}「${v}」不能为负数` });
  }
  const total = dec(report.totalInvestment);
  for (const [field, name] of MONEY_FIELDS.slice(1)) {
    const v = report[field];
    if (v !== null && dec(v).greaterThan(total))
      problems.push({
        field,
        reason: `${name}「${v}」万元大于总投资「${report.totalInvestment}」万元`,
      });
  }
  return problems;
}

/**
 * The checks one ledger row must pass on its own: milestones in order, actual dates neither in the
 * future nor after the report's month, money not negative and within the total investment.
 */
export function checkReport(report: ProjectReport, ctx: CheckContext): ReportProblem[] {
  return [
    ...orderProblems(report.planned, 'planned'),
    ...orderProblems(report.actual, 'actual'),
    ...futureProblems(report, ctx),
    ...moneyProblems(report),
  ];
}

/**
 * Year-to-date completed investment may not fall from one month to the next within a year; a
 * January report starts the year over.
 */
export function checkAgainstPrevious(
  report: ProjectReport,
  previous: ProjectReport | undefined,
  ctx: { period: string; previousPeriod: string },
): ReportProblem[] {
  if (!previous || report.completedYtd === null || previous.completedYtd === null) return [];
  if (ctx.period.slice(0, 4) !== ctx.previousPeriod.slice(0, 4)) return [];
  if (ctx.previousPeriod >= ctx.period) return [];
  if (!dec(report.completedYtd).lessThan(dec(previous.completedYtd))) return [];
  return [
    {
      field: 'completedYtd',
      reason: `本年累计完成投资「${report.completedYtd}」万元小于上月(${ctx.previousPeriod})的「${previous.completedYtd}」万元,年内累计数不应减少`,
    },
  ];
}
