import { LeitaiError } from '../core/errors/index.js';
import { planCounties } from '../core/evaluate/index.js';
import {
  checkJudgement,
  judgeDenied,
  manualTargetFor,
  mayJudge,
  type JudgementRequest,
} from '../core/judgements/index.js';
import { ObservationSet } from '../core/observations/index.js';
import { preparePlan } from '../core/plans/index.js';
import type { Actor } from '../core/review/index.js';
import { STATUS_LABELS } from '../core/targets/index.js';
import { findPlan } from '../io/plans.js';
import type { Store } from '../store/db.js';
import { recordJudgement } from '../store/judgements.js';
import type { Reference } from './reference.js';

export interface RecordedJudgement {
  plan: string;
  region: string;
  regionName: string;
  indicator: string;
  name: string;
  period: string;
  status: string;
  statusLabel: string;
  note: string;
  evidence: string | null;
  revision: number;
  actor: string;
  at: string;
}

/**
 * A department (or the province) records the status of a manual target for a region and period:
 * the target must exist and be the actor's to judge, the note must say why; then it is written as
 * the next audited revision of `<indicator>.judgement`. Nothing is written when any check fails.
 */
export async function judge(
  ctx: Pick<Reference, 'register' | 'plans' | 'indicators'> & { store: Store },
  actor: Actor,
  r: JudgementRequest & { plan: string; expectedRevision?: number; at: string },
): Promise<RecordedJudgement> {
  const prepared = preparePlan(findPlan(ctx.plans, r.plan), ctx.indicators);
  const region = ctx.register.get(r.region);
  if (!region)
    throw new LeitaiError('NOT_FOUND', `未知区划 ${r.region}`, {
      field: 'region',
      value: r.region,
    });
  const counties = new Set(
    planCounties(prepared, ctx.register, new ObservationSet()).map((c) => c.code),
  );
  const target = manualTargetFor(prepared, r, (code) => counties.has(code));
  if (!mayJudge(actor, target)) throw judgeDenied(actor, target, `${region.name}(${r.region})`);
  const checked = checkJudgement(r);
  const saved = await recordJudgement(
    ctx.store,
    { region: r.region, indicator: r.indicator, period: r.period },
    { ...checked, actor: actor.name, at: r.at, expectedRevision: r.expectedRevision },
  );
  return {
    plan: prepared.plan.id,
    region: r.region,
    regionName: region.name,
    indicator: r.indicator,
    name: target.name,
    period: r.period,
    status: checked.status,
    statusLabel: STATUS_LABELS[checked.status],
    note: checked.note,
    evidence: checked.evidence,
    revision: saved.revision,
    actor: saved.actor,
    at: saved.at,
  };
}
