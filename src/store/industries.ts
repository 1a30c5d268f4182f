import type { LeadingIndustry } from '../core/industries/types.js';
import { recordAdmin } from './admin-log.js';
import { inTransaction, type Store } from './db.js';
import type { Database } from './schema.js';
import type { Kysely } from 'kysely';

/** A stored leading industry with who changed it last and whether it is synthetic demo data. */
export type StoredIndustry = LeadingIndustry & {
  updatedAt: string;
  updatedBy: string;
  synthetic: boolean;
};

function fromRow(r: Database['leading_industry']): StoredIndustry {
  return {
    county: r.county,
    position: Number(r.position) as 1 | 2,
    industry: r.industry,
    policy: r.policy,
    enterprises: JSON.parse(r.enterprises) as string[],
    figures: JSON.parse(r.figures) as LeadingIndustry['figures'],
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
    synthetic: Number(r.synthetic) === 1,
  };
}

/** Leading industries of the given counties (all when omitted), by county and position. */
export async function leadingIndustries(
  store: Store,
  counties?: readonly string[],
): Promise<StoredIndustry[]> {
  let q = store.db.selectFrom('leading_industry').selectAll();
  if (counties) q = q.where('county', 'in', counties.length ? [...counties] : ['']);
  const rows = await q.orderBy('county').orderBy('position').execute();
  return rows.map(fromRow);
}

const plain = (rows: readonly LeadingIndustry[]) =>
  rows.map(({ position, industry, policy, enterprises, figures }) => ({
    position,
    industry,
    policy,
    enterprises,
    figures,
  }));

async function replaceOne(
  trx: Kysely<Database>,
  county: string,
  rows: readonly LeadingIndustry[],
  by: { actor: string; at: string; synthetic?: boolean; reason?: string | null },
): Promise<boolean> {
  const old = (
    await trx
      .selectFrom('leading_industry')
      .selectAll()
      .where('county', '=', county)
      .orderBy('position')
      .execute()
  ).map(fromRow);
  if (JSON.stringify(plain(old)) === JSON.stringify(plain(rows))) return false;
  await trx.deleteFrom('leading_industry').where('county', '=', county).execute();
  if (rows.length) {
    await trx
      .insertInto('leading_industry')
      .values(
        rows.map((r) => ({
          county,
          position: r.position,
          industry: r.industry,
          policy: r.policy,
          enterprises: JSON.stringify(r.enterprises),
          figures: JSON.stringify(r.figures),
          updated_at: by.at,
          updated_by: by.actor,
          synthetic: by.synthetic ? 1 : 0,
        })),
      )
      .execute();
  }
  await recordAdmin(trx, {
    at: by.at,
    actor: by.actor,
    action: 'industries.replace',
    target: `region:${county}`,
    old: old.length ? plain(old) : null,
    new: plain(rows),
    reason: by.reason ?? null,
  });
  return true;
}

/**
 * Replaces the lists of the given counties, all in one transaction, each change recorded in the
 * admin log with the old and the new list. A county whose list is unchanged is left alone.
 * Returns the counties that changed.
 */
export async function replaceLeadingIndustries(
  store: Store,
  lists: ReadonlyMap<string, readonly LeadingIndustry[]>,
  by: { actor: string; at: string; synthetic?: boolean; reason?: string | null },
): Promise<string[]> {
  return inTransaction(store, async (trx) => {
    const changed: string[] = [];
    for (const [county, rows] of lists) {
      if (await replaceOne(trx, county, rows, by)) changed.push(county);
    }
    return changed;
  });
}
