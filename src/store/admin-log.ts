import type { Kysely, Transaction } from 'kysely';
import type { Store } from './db.js';
import type { Database } from './schema.js';

/** One change to reference data (region attributes, a user, a plan), as the admin log keeps it. */
export interface AdminEntry {
  at: string;
  actor: string;
  /** What was done, e.g. `region.attributes`, `user.add`, `user.password`, `user.disable`, `plan.save`. */
  action: string;
  /** What it was done to: `region:230183`, `user:shangzhi`, `plan:hlj-2026`. */
  target: string;
  old: unknown;
  new: unknown;
  reason: string | null;
}

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));

/**
 * Records a change. Pass the transaction that made the change, so the record and the change
 * are written together or not at all. A new record also moves the data version (server caches).
 */
export async function recordAdmin(
  db: Kysely<Database> | Transaction<Database>,
  e: AdminEntry,
): Promise<void> {
  await db
    .insertInto('admin_log')
    .values({
      at: e.at,
      actor: e.actor,
      action: e.action,
      target: e.target,
      old: json(e.old),
      new: json(e.new),
      reason: e.reason,
    })
    .execute();
}

/** The newest changes first, of one target or of all. */
export async function adminLog(
  store: Store,
  o: { target?: string; limit?: number } = {},
): Promise<AdminEntry[]> {
  let q = store.db.selectFrom('admin_log').selectAll();
  if (o.target) q = q.where('target', '=', o.target);
  const rows = await q
    .orderBy('id', 'desc')
    .limit(o.limit ?? 200)
    .execute();
  return rows.map((r) => ({
    at: r.at,
    actor: r.actor,
    action: r.action,
    target: r.target,
    old: r.old === null ? null : (JSON.parse(r.old) as unknown),
    new: r.new === null ? null : (JSON.parse(r.new) as unknown),
    reason: r.reason,
  }));
}
