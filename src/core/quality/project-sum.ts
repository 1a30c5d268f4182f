import { projectSum } from '../projects/progress.js';
import { PROJECT_INVESTMENT_INDICATOR } from '../projects/types.js';
import type { CheckContext } from './context.js';

/**
 * `project_sum`: a county's projects, Σ year-to-date investment (万元 → 亿元), against its reported
 * 产业项目投资 of the same period; a finding when they differ by more than `ledgerTolerance` of the
 * reported value. A county without a reported value is not judged here (逾期未报 covers it).
 */
export function checkProjectSums(
  ctx: CheckContext,
  projects: ReadonlyMap<string, readonly (string | null)[]>,
): void {
  const tolerance = ctx.settings.ledgerTolerance;
  for (const [county, amounts] of projects) {
    const reported = ctx.obs.value(county, PROJECT_INVESTMENT_INDICATOR, ctx.periodText);
    const s = projectSum(amounts, reported, tolerance);
    if (s.agrees !== false) continue;
    ctx.add({
      region: county,
      indicator: PROJECT_INVESTMENT_INDICATOR,
      check: 'project_sum',
      severity: 'warning',
      message: `${amounts.length}个项目本年累计完成投资合计${s.sum}亿元,报送的产业项目投资为${s.reported}亿元,相差${s.difference}亿元,超过报送值的${tolerance * 100}%`,
      evidence: {
        projects: amounts.length,
        sum: s.sum,
        reported: s.reported,
        difference: s.difference,
        tolerance,
      },
    });
  }
}
