import type { WarningRule } from './schema.js';

/**
 * The default warning rules (docs/warnings.md), used when a plan sets no `settings.warnings`.
 * A plan that sets its own list replaces this one whole.
 */
export const DEFAULT_WARNING_RULES: readonly WarningRule[] = [
  // A binding (约束性) target is an obligation, not an expectation: missing it, or falling behind
  // its pace, is red. Plans that print no 属性 have no binding rows, so these never fire there.
  {
    id: 'binding_not_met',
    name: '约束性目标未完成',
    type: 'target',
    status: ['not_met'],
    attributes: ['binding'],
    level: 'red',
  },
  {
    id: 'binding_behind_pace',
    name: '约束性目标落后序时进度',
    type: 'behind_pace',
    margin: 0,
    attributes: ['binding'],
    level: 'red',
  },
  // Yellow, not red: with a dozen targets nearly every county misses one, and a board where all
  // are red tells a leader nothing. Red is kept for contraction, overdue data and binding targets.
  {
    id: 'target_not_met',
    name: '目标未完成',
    type: 'target',
    status: ['not_met'],
    attributes: ['expected', 'none'],
    level: 'yellow',
  },
  {
    id: 'behind_pace',
    name: '落后序时进度',
    type: 'behind_pace',
    margin: 0,
    attributes: ['expected', 'none'],
    level: 'yellow',
  },
  { id: 'negative_growth', name: '负增长', type: 'negative_growth', level: 'red' },
  {
    id: 'below_province_average',
    name: '低于全省县域平均',
    type: 'below_average',
    indicators: ['gdp_growth'],
    against: 'province',
    level: 'yellow',
  },
  { id: 'missing_after_due', name: '逾期未报', type: 'missing_after_due', level: 'red' },
  {
    id: 'project_behind_milestone',
    name: '项目滞后节点',
    type: 'project_behind_milestone',
    level: 'yellow',
  },
  { id: 'task_overdue', name: '任务逾期', type: 'task_overdue', level: 'red' },
];
