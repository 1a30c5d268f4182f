import type { RawWarning } from '../warnings/types.js';
import { behindMilestones } from './progress.js';
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
