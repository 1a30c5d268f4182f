import { validatePlan, type Plan } from '../core/plans/index.js';
import { recordAdmin } from './admin-log.js';
import type { Store } from './db.js';

/** Who saves a plan, and what the admin log keeps of it before and after (`plan.save`). */
export interface PlanAudit {
  actor: string;
  reason?: string | null;
  /** What the log keeps of a plan (a summary, not the whole file). */
  summary: (plan: Plan) => unknown;
}

/**
 * Saves a plan; an unchanged plan is left alone. Returns whether anything was written. With
 * `audit`, the save is recorded in the admin log in the same transaction. A plan a user has
 * saved is theirs from then on: saving the shipped (`builtin`) file again at start-up leaves it.
 */
export async function savePlan(
  store: Store,
  plan: Plan,
  opts: { builtin: boolean; at: string; audit?: PlanAudit },
): Promise<boolean> {
  const body = JSON.stringify(plan);
  return store.db.transaction().execute(async (trx) => {
    const prior = await trx
      .selectFrom('plan')
      .select(['body', 'builtin'])
      .where('id', '=', plan.id)
      .executeTakeFirst();
    if (prior?.body === body) return false;
    if (prior && opts.builtin && prior.builtin === 0) return false;
    if (prior) {
      await trx
        .updateTable('plan')
        .set({ body, builtin: opts.builtin ? 1 : 0, updated_at: opts.at })
        .where('id', '=', plan.id)
        .execute();
    } else {
      await trx
        .insertInto('plan')
        .values({ id: plan.id, body, builtin: opts.builtin ? 1 : 0, updated_at: opts.at })
        .execute();
    }
    if (opts.audit) {
      const old = prior
        ? opts.audit.summary(validatePlan(JSON.parse(prior.body), `database plan ${plan.id}`))
        : null;
      await recordAdmin(trx, {
        at: opts.at,
        actor: opts.audit.actor,
        action: 'plan.save',
        target: `plan:${plan.id}`,
        old,
        new: opts.audit.summary(plan),
        reason: opts.audit.reason ?? null,
      });
    }
    return true;
  });
}

/** Which stored plans are built in (shipped with the program), and when each was last saved. */
export async function planFlags(
  store: Store,
): Promise<Map<string, { builtin: boolean; updatedAt: string }>> {
  const rows = await store.db.selectFrom('plan').select(['id', 'builtin', 'updated_at']).execute();
  return new Map(rows.map((r) => [r.id, { builtin: r.builtin === 1, updatedAt: r.updated_at }]));
}

export async function loadPlans(store: Store): Promise<Plan[]> {
  const rows = await store.db.selectFrom('plan').selectAll().orderBy('id').execute();
  return rows.map((r) => validatePlan(JSON.parse(r.body), `database plan ${r.id}`));
}

export async function getMeta(store: Store, key: string): Promise<string | undefined> {
  const r = await store.db
    .selectFrom('meta')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  return r?.value;
}

export async function setMeta(store: Store, key: string, value: string): Promise<void> {
  await store.db
    .insertInto('meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
