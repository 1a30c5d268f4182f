/**
 * The warning rule types (docs/warnings.md). A file of its own, importing nothing: the schema, the
 * engine's types and the web UI all read it without pulling in each other or zod.
 */
export const WARNING_RULE_TYPES = [
  'target',
  'behind_pace',
  'negative_growth',
  'below_average',
  'missing_after_due',
  'project_behind_milestone',
  'task_overdue',
] as const;
