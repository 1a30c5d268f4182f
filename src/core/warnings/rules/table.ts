import type { ResolvedRule, WarningSource } from '../types.js';
import { behindPaceRule } from './behind-pace.js';
import { belowAverageRule } from './below-average.js';
import { missingAfterDueRule } from './missing-after-due.js';
import { negativeGrowthRule } from './negative-growth.js';
import type { Evaluator } from './shared.js';
import { targetRule } from './target.js';

type BuiltIn = 'target' | 'behind_pace' | 'negative_growth' | 'below_average' | 'missing_after_due';

/** The rule types the engine evaluates itself; others need a source registered from outside. */
const BUILT_IN: { [T in BuiltIn]: Evaluator<T> } = {
  target: targetRule,
  behind_pace: behindPaceRule,
  negative_growth: negativeGrowthRule,
  below_average: belowAverageRule,
  missing_after_due: missingAfterDueRule,
};

export function builtInSource(type: ResolvedRule['type']): WarningSource | undefined {
  return type in BUILT_IN ? (BUILT_IN[type as BuiltIn] as WarningSource) : undefined;
}
