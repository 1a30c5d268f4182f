import { CHECK_LABELS, CHECKS } from '../../../src/core/quality/types.js';

/**
 * The data-quality checks' names in Chinese, as message entries (`check.<code>`): the engine's own
 * labels (CHECK_LABELS), so every page and the findings' messages name a check alike.
 */
export const CHECK_NAMES_ZH = Object.fromEntries(
  CHECKS.map((c) => [`check.${c}`, CHECK_LABELS[c]!]),
) as Record<`check.${(typeof CHECKS)[number]}`, string>;
