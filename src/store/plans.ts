import { validatePlan, type Plan } from '../core/plans/index.js';
import type { Store } from './db.js';

/** Saves a plan; an unchanged plan is left alone. Returns whether anything was written. */
export async function savePlan(
  store: Store,
  plan: Plan,
  opts: { builtin: boolean; at: string },
): Promise<boolean> {
  const body = JSON.stringify(plan);
  const prior = await store.db
    .selectFrom('plan')
    .select('body')
    .where('id', '=', plan.id)
    .executeTakeFirst();
  if (prior?.body === body) return false;
  if (prior) {
    await store.db
      .updateTable('plan')
      .set({ body, updated_at: opts.at })
      .where('id', '=', plan.id)
      .execute();
  } else {
    await store.db
      .insertInto('plan')
      .values({ id: plan.id, body, builtin: opts.builtin ? 1 : 0, updated_at: opts.at })
      .execute();
  }
  return true;
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
