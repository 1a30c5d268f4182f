import { makeRegister, type Region, type Register } from '../core/regions/index.js';
import type { Kysely, Transaction } from 'kysely';
import type { Store } from './db.js';
import type { Database } from './schema.js';

/** Adds regions that are not there yet; an existing code keeps its row. Returns how many were added. */
export function saveRegions(store: Store, regions: readonly Region[]): Promise<number> {
  return insertRegions(store.db, regions);
}

/** saveRegions in `db` (a transaction, to go with other writes). */
export async function insertRegions(
  db: Kysely<Database> | Transaction<Database>,
  regions: readonly Region[],
): Promise<number> {
  let added = 0;
  for (let i = 0; i < regions.length; i += 500) {
    const chunk = regions.slice(i, i + 500);
    const r = await db
      .insertInto('region')
      .values(
        chunk.map((g) => ({
          code: g.code,
          name: g.name,
          level: g.level,
          parent_code: g.parent,
          kind: g.kind,
          attributes: JSON.stringify(g.attributes),
          synthetic: g.synthetic ? 1 : 0,
        })),
      )
      .onConflict((oc) => oc.column('code').doNothing())
      .executeTakeFirst();
    added += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}

/** Sets attribute values (null leaves a value as it is). Returns how many regions changed. */
export async function saveAttributes(
  store: Store,
  values: ReadonlyMap<string, Record<string, boolean | null>>,
): Promise<number> {
  const rows = await store.db.selectFrom('region').select(['code', 'attributes']).execute();
  let changed = 0;
  await store.db.transaction().execute(async (trx) => {
    for (const row of rows) {
      const extra = values.get(row.code);
      if (!extra) continue;
      const attrs = JSON.parse(row.attributes) as Record<string, boolean | null>;
      let dirty = false;
      for (const [k, v] of Object.entries(extra)) {
        if (v !== null && attrs[k] !== v) {
          attrs[k] = v;
          dirty = true;
        }
      }
      if (!dirty) continue;
      await trx
        .updateTable('region')
        .set({ attributes: JSON.stringify(attrs) })
        .where('code', '=', row.code)
        .execute();
      changed++;
    }
  });
  return changed;
}

export function loadRegisterFrom(store: Store): Promise<Register> {
  return registerIn(store.db);
}

/** loadRegisterFrom in `db` (a transaction's view). */
export async function registerIn(db: Kysely<Database> | Transaction<Database>): Promise<Register> {
  const rows = await db.selectFrom('region').selectAll().orderBy('code').execute();
  return makeRegister(
    rows.map((r) => ({
      code: r.code,
      name: r.name,
      level: r.level as Region['level'],
      parent: r.parent_code,
      kind: r.kind,
      attributes: JSON.parse(r.attributes) as Record<string, boolean | null>,
      synthetic: r.synthetic === 1,
    })),
  );
}

/** One region's row, its attributes parsed, in `db` (a transaction's view). */
export async function regionRecord(
  db: Kysely<Database> | Transaction<Database>,
  code: string,
): Promise<(Region & { attributesText: string }) | undefined> {
  const r = await db.selectFrom('region').selectAll().where('code', '=', code).executeTakeFirst();
  if (!r) return undefined;
  return {
    code: r.code,
    name: r.name,
    level: r.level as Region['level'],
    parent: r.parent_code,
    kind: r.kind,
    attributes: JSON.parse(r.attributes) as Record<string, boolean | null>,
    synthetic: r.synthetic === 1,
    attributesText: r.attributes,
  };
}

/**
 * Replaces a region's attributes if they are still `was` (the text read before): false when
 * someone else changed them meanwhile, so no change is lost on either database.
 */
export async function replaceAttributes(
  db: Kysely<Database> | Transaction<Database>,
  code: string,
  was: string,
  attributes: Record<string, boolean | null>,
): Promise<boolean> {
  const r = await db
    .updateTable('region')
    .set({ attributes: JSON.stringify(attributes) })
    .where('code', '=', code)
    .where('attributes', '=', was)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}
