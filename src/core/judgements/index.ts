import { LeitaiError } from '../errors/index.js';
import { parsePeriod } from '../periods/index.js';
import type { PreparedPlan, PreparedTarget } from '../plans/index.js';
import type { Actor } from '../review/index.js';
import { JUDGED_STATUSES, STATUS_LABELS, type JudgedStatus } from '../targets/index.js';

/**
 * Recording a judgement (人工评定) of a manual target: which target it is for, who may record it,
 * and what a good record holds. The store keeps it; this decides whether it may be kept.
 */
export interface JudgementRequest {
  indicator: string;
  region: string;
  period: string;
  status: string;
  note?: string;
  evidence?: string;
}

export const MAX_NOTE = 500;

const bad = (field: string, value: string, message: string) =>
  new LeitaiError('INPUT_INVALID', message, { field, value, reason: message });

/** The status, the note (required) and the evidence (optional), checked and trimmed. */
export function checkJudgement(r: Pick<JudgementRequest, 'status' | 'note' | 'evidence'>): {
  status: JudgedStatus;
  note: string;
  evidence: string | null;
} {
  const status = JUDGED_STATUSES.find((s) => s === r.status);
  if (!status)
    throw bad(
      'status',
      r.status,
      `评定结果 status「${r.status}」应为 ${JUDGED_STATUSES.map((s) => `${s}(${STATUS_LABELS[s]})`).join('、')} 之一`,
    );
  const note = r.note?.trim() ?? '';
  if (!note) throw bad('note', r.note ?? '', '评定须填写说明 note(评定依据),不能为空');
  if (note.length > MAX_NOTE) throw bad('note', note, `说明 note 不能超过 ${MAX_NOTE} 字`);
  const evidence = r.evidence?.trim() || null;
  if (evidence && evidence.length > MAX_NOTE)
    throw bad('evidence', evidence, `佐证材料 evidence 不能超过 ${MAX_NOTE} 字`);
  return { status, note, evidence };
}

/**
 * The manual target of the plan this judgement is for: same indicator, judged in the period's
 * year, applying to the region (the province's row to the province, a county row to a county of
 * the plan; a category row to any of them, since membership is decided by the evaluation).
 */
export function manualTargetFor(
  prepared: PreparedPlan,
  r: Pick<JudgementRequest, 'indicator' | 'region' | 'period'>,
  isPlanCounty: (region: string) => boolean,
): PreparedTarget {
  const year = parsePeriod(r.period).year;
  const { plan } = prepared;
  const applies = (t: PreparedTarget) => {
    if (t.scope === 'province') return r.region === plan.province;
    if (!isPlanCounty(r.region)) return false;
    return typeof t.scope !== 'object' || !('region' in t.scope) || t.scope.region === r.region;
  };
  const found = prepared.targets.find(
    (t) => t.spec.type === 'manual' && t.indicator === r.indicator && t.year === year && applies(t),
  );
  if (found) return found;
  const any = prepared.targets.some((t) => t.spec.type === 'manual' && t.indicator === r.indicator);
  throw any
    ? bad(
        'region',
        r.region,
        `计划 ${plan.id} 中指标 ${r.indicator} 没有 ${year} 年适用于区划 ${r.region} 的人工评定目标`,
      )
    : bad(
        'indicator',
        r.indicator,
        `计划 ${plan.id} 中指标 ${r.indicator} 没有人工评定(judgement: manual)的目标`,
      );
}

/** Whether the actor may judge this target: the province, or a department responsible for it. */
export function mayJudge(actor: Actor, t: Pick<PreparedTarget, 'departments'>): boolean {
  if (actor.role === 'province') return true;
  return (
    actor.role === 'department' &&
    actor.department !== undefined &&
    t.departments.includes(actor.department)
  );
}

export function judgeDenied(actor: Actor, t: PreparedTarget, region: string): LeitaiError {
  const who = t.departments.length ? t.departments.join('、') : '省级管理员';
  return new LeitaiError(
    'SCOPE_DENIED',
    `${actor.name} 无权评定 ${region} 的「${t.name}」:只有责任部门(${who})或省级管理员可以评定`,
    { field: 'indicator', value: t.indicator, reason: 'not a responsible department' },
  );
}
