import type { Period } from '../periods/index.js';
import type { RawWarning, WarningSource } from '../warnings/types.js';
import { behindMilestones, endOfMonth } from './progress.js';
import type { ProjectReport } from './types.js';

/** A project's report as the warning rule reads it. */
export interface ReportAt {
  id: string;
  report: ProjectReport;
}

/** 2026-03 → 2026年3月; 2026-03-15 → 2026年3月15日. */
function dateLabel(d: string): string {
  const [y, m, day] = d.split('-');
  return `${y}年${Number(m)}月${day ? `${Number(day)}日` : ''}`;
}

/**
 * `project_behind_milestone`: one warning per project whose earliest missed milestone is at
 * least `minMonths` whole months late at `day` (the later missed ones follow from it).
 */
export function projectWarnings(
  reports: readonly ReportAt[],
  day: string,
  minMonths = 1,
): RawWarning[] {
  const out: RawWarning[] = [];
  for (const { id, report } of reports) {
    const first = behindMilestones(report, day)[0];
    if (!first || (first.monthsLate ?? 0) < minMonths) continue;
    out.push({
      region: report.county,
      indicator: null,
      message: `项目「${report.name}」计划${dateLabel(first.planned!)}${first.label},至今未${first.label},已滞后${first.monthsLate}个月`,
      evidence: {
        project: id,
        projectName: report.name,
        milestone: first.milestone,
        planned: first.planned,
        monthsLate: first.monthsLate,
      },
    });
  }
  return out;
}

/** The month whose reports a board of the period reads: the period's last month (2026Q3 → 2026-09). */
export function ledgerMonth(p: Period): string {
  const month = p.kind === 'month' ? p.month : p.kind === 'quarter' ? p.quarter * 3 : 12;
  return `${p.year}-${String(month).padStart(2, '0')}`;
}

/**
 * The rule's source for the warnings engine: the month's reports judged at the end of the month,
 * or at `today` when that comes first. The rule's `minMonths` (default 1) is how late a milestone
 * must be to warn.
 */
export function projectSource(
  reports: readonly ReportAt[],
  month: string,
  today: string | null,
): WarningSource {
  const end = endOfMonth(month);
  const day = today !== null && today < end ? today : end;
  return (ctx) => {
    const min = (ctx.rule as { minMonths?: unknown }).minMonths;
    if (reports.length === 0)
      ctx.note(`项目台账:${month} 没有项目报告,规则「${ctx.rule.name}」未发现滞后项目`);
    return projectWarnings(reports, day, typeof min === 'number' ? min : 1);
  };
}
