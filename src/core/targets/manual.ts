import type { TargetStatus } from './types.js';

/**
 * Targets a person judges (plan field `judgement: manual`): 达到上级要求, 实现突破. The responsible
 * department records the status as a value of the indicator `<code>.judgement`, so it is kept,
 * revised and audited like any value (as quotas are, under `<code>.quota`).
 */
export const MANUAL_READING = '由责任部门评定(人工评价)';

/** The statuses a department may record, and the number each is stored as. */
export const JUDGED_STATUSES = ['met', 'nearly_met', 'not_met'] as const;
export type JudgedStatus = (typeof JUDGED_STATUSES)[number];

export const JUDGEMENT_VALUE: Record<JudgedStatus, number> = { met: 2, nearly_met: 1, not_met: 0 };

/** The indicator a manual target's recorded status is stored under. */
export function judgementIndicator(code: string): string {
  return `${code}.judgement`;
}

export function isJudgementIndicator(code: string): boolean {
  return code.endsWith('.judgement');
}

/** The status a stored judgement value stands for; undefined for none (or a value not 0–2). */
export function judgedStatus(value: number | null | undefined): TargetStatus | undefined {
  return JUDGED_STATUSES.find((s) => JUDGEMENT_VALUE[s] === value);
}
