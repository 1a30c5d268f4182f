import { isLeitaiError } from '../errors/index.js';
import type { PlanProblem, PreparedPlan } from '../plans/index.js';
import { checkRankingSettings } from '../ranking/index.js';
import { checkWarningRules } from '../warnings/index.js';

/**
 * Problems of a plan's evaluation settings that its schema cannot see: weights naming sections
 * or indicators the county table lacks, warning rules naming unknown indicators. Checked when a
 * plan is checked or saved, so a typo surfaces then and not at the first ranking.
 */
export function settingsProblems(prepared: PreparedPlan): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const collect = (f: () => void, path: string) => {
    try {
      f();
    } catch (e) {
      if (!isLeitaiError(e) || e.code !== 'PLAN_INVALID') throw e;
      problems.push({ path: String(e.details.path ?? path), value: '', reason: e.message });
    }
  };
  collect(() => checkRankingSettings(prepared), 'settings.ranking');
  const rules = prepared.plan.settings?.warnings;
  if (rules) collect(() => checkWarningRules(rules, prepared), 'settings.warnings');
  return problems;
}
