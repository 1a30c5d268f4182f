import { sql } from 'kysely';
import type { Store } from './db.js';
import {
  fromRow,
  joined,
  type JoinedRow,
  type ValueFilter,
  type ValueRecord,
} from './observations.js';

/**
 * Who may see which values, as a filter the database applies: rows of `regions` (all regions
 * when undefined), and beyond those the approved values of `published` periods.
 */
export interface Visibility {
  regions?: readonly string[];
  published: readonly string[];
}

export interface ValuesPage {
  rows: ValueRecord[];
  total: number;
}

/**
 * One page of current values matching a filter and visible to a reader, in the order of the
 * value key index (period, indicator, region), with the number of all such values. Paged in the
 * database, so a province-wide read never loads every value into memory.
 */
export async function valuesPage(
  store: Store,
  f: ValueFilter,
  visible: Visibility,
  page: { limit: number; offset: number },
): Promise<ValuesPage> {
  const list = (xs: readonly string[]) => (xs.length ? [...xs] : ['']);
  let q = joined(store.db);
  if (f.regions) q = q.where('o.region', 'in', list(f.regions));
  if (f.indicators) q = q.where('o.indicator', 'in', list(f.indicators));
  if (f.periods) q = q.where('o.period', 'in', list(f.periods));
  if (f.statuses) q = q.where('o.status', 'in', list(f.statuses));
  if (visible.regions) {
    const regions = list(visible.regions);
    const published = list(visible.published);
    q = q.where((eb) =>
      eb.or([
        eb('o.region', 'in', regions),
        eb.and([eb('o.period', 'in', published), eb('o.status', '=', 'approved')]),
      ]),
    );
  }
  const [count, rows] = await Promise.all([
    q
      .clearSelect()
      .select(sql<number | string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow(),
    q
      .orderBy('o.period')
      .orderBy('o.indicator')
      .orderBy('o.region')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
  ]);
  return { rows: rows.map((r) => fromRow(r as JoinedRow)), total: Number(count.n) };
}
