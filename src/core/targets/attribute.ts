/** A target's 属性 as plans print it: 约束性 (binding) or 预期性 (expected). */
export type TargetAttribute = 'binding' | 'expected';

export const ATTRIBUTE_LABELS: Record<TargetAttribute, string> = {
  binding: '约束性',
  expected: '预期性',
};

/** The printed word for a row's attribute; empty when the plan prints none. */
export function attributeLabel(a: TargetAttribute | undefined): string {
  return a ? ATTRIBUTE_LABELS[a] : '';
}
