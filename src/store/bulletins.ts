import type { Selectable } from 'kysely';
import type { Store } from './db.js';
import type { BulletinTable } from './schema.js';
import { asConflict } from './observations.js';

/** A stored bulletin version without its content: what a list shows. */
export interface StoredBulletinRow {
  id: number;
  plan: string;
  period: string;
  scope: string;
  version: number;
  reason: 'publish' | 'regenerate';
  createdAt: string;
  createdBy: string | null;
  synthetic: boolean;
}

export interface NewBulletin {
  plan: string;
  period: string;
  scope: string;
  reason: StoredBulletinRow['reason'];
  createdAt: string;
  createdBy: string | null;
  synthetic: boolean;
  /** The core's Bulletin as JSON. */
  body: string;
}

const LIST = [
  'id',
  'plan',
  'period',
  'scope',
  'version',
  'reason',
  'created_at',
  'created_by',
  'synthetic',
] as const;

/** A row as listed (PostgreSQL answers a bigserial id as text; Number() reads both). */
type Row = Omit<Selectable<BulletinTable>, 'body'>;

const toRow = (r: Row): StoredBulletinRow => ({
  id: Number(r.id),
  plan: r.plan,
  period: r.period,
  scope: r.scope,
  version: Number(r.version),
  reason: r.reason as StoredBulletinRow['reason'],
  createdAt: r.created_at,
  createdBy: r.created_by,
  synthetic: Number(r.synthetic) === 1,
});

/**
 * Stores a bulletin as the next version of its plan, period and scope. Two writers of the same
 * version meet at the unique key: the second gets a CONFLICT and may retry.
 */
export async function addBulletin(store: Store, b: NewBulletin): Promise<StoredBulletinRow> {
  try {
    return await store.db.transaction().execute(async (trx) => {
      const last = await trx
        .selectFrom('bulletin')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('plan', '=', b.plan)
        .where('period', '=', b.period)
        .where('scope', '=', b.scope)
        .executeTakeFirst();
      const version = Number(last?.v ?? 0) + 1;
      const row = await trx
        .insertInto('bulletin')
        .values({
          plan: b.plan,
          period: b.period,
          scope: b.scope,
          version,
          reason: b.reason,
          created_at: b.createdAt,
          created_by: b.createdBy,
          synthetic: b.synthetic ? 1 : 0,
          body: b.body,
        })
        .returning(LIST)
        .executeTakeFirstOrThrow();
      return toRow(row);
    });
  } catch (e) {
    return asConflict(e);
  }
}

/** Stored bulletins, the newest made first, optionally of one plan or period. */
export async function listBulletins(
  store: Store,
  f: { plan?: string; period?: string; limit?: number } = {},
): Promise<StoredBulletinRow[]> {
  let q = store.db.selectFrom('bulletin').select(LIST);
  if (f.plan) q = q.where('plan', '=', f.plan);
  if (f.period) q = q.where('period', '=', f.period);
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit ?? 500)
    .execute();
  return rows.map(toRow);
}

/** One stored bulletin with its content, or undefined. */
export async function findBulletin(
  store: Store,
  id: number,
): Promise<(StoredBulletinRow & { body: string }) | undefined> {
  const r = await store.db
    .selectFrom('bulletin')
    .select([...LIST, 'body'])
    .where('id', '=', id)
    .executeTakeFirst();
  return r ? { ...toRow(r), body: r.body } : undefined;
}
