import type { Status } from '../core/review/index.js';
import type { Store } from './db.js';
import type { ReportValue, ValueFilter, ValueRecord } from './observations.js';

/**
 * Reads of values as someone may see them (the rule itself is core/review `sightOf`): the
 * working revision inside the reader's scope, the published (newest approved) revision of a
 * published period outside it. The choice is made in SQL, so a page is a page of what is seen.
 */
export interface Seen {
  /** Every region is inside the reader's scope (province, department). */
  all: boolean;
  /** The regions inside the reader's scope, when not all. */
  regions: readonly string[];
  /** Published periods: outside the scope, their approved values are seen. */
  published: readonly string[];
}

export interface Page {
  limit: number;
  offset: number;
}

const list = (xs: readonly string[]) => (xs.length ? [...xs] : ['']);

function base(store: Store, f: ValueFilter) {
  let q = store.db
    .selectFrom('observation as o')
    .innerJoin('change_set as c', 'c.id', 'o.change_set')
    .leftJoin('change_set as a', 'a.id', 'o.approved_change_set');
  if (f.regions) q = q.where('o.region', 'in', list(f.regions));
  if (f.indicators) q = q.where('o.indicator', 'in', list(f.indicators));
  if (f.periods) q = q.where('o.period', 'in', list(f.periods));
  return q;
}

type Base = ReturnType<typeof base>;

/** Rows the reader sees at all: in scope, or approved in a published period. */
function seenOnly(q: Base, seen: Seen, statuses?: readonly Status[]): Base {
  if (seen.all) return statuses ? q.where('o.status', 'in', list(statuses)) : q;
  const approvedOnly = !statuses || statuses.includes('approved');
  return q.where((eb) => {
    const inScope = statuses
      ? eb.and([eb('o.region', 'in', list(seen.regions)), eb('o.status', 'in', list(statuses))])
      : eb('o.region', 'in', list(seen.regions));
    if (!approvedOnly) return inScope;
    return eb.or([
      inScope,
      eb.and([
        eb('o.region', 'not in', list(seen.regions)),
        eb('o.period', 'in', list(seen.published)),
        eb('o.approved_revision', 'is not', null),
      ]),
    ]);
  });
}

/** Values as the reader sees them, in key order, one page at a time, with the total count. */
export async function visibleValues(
  store: Store,
  f: ValueFilter,
  seen: Seen,
  page: Page,
): Promise<{ rows: ValueRecord[]; total: number }> {
  const filtered = seenOnly(base(store, f), seen, f.statuses);
  const counted = await filtered
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirst();
  const rows = await filtered
    .select([
      'o.id',
      'o.region',
      'o.indicator',
      'o.period',
      'o.revision',
      'o.value',
      'o.status',
      'o.approved_value',
      'o.approved_revision',
      'c.actor',
      'c.at',
      'c.source',
      'c.synthetic',
      'a.actor as approved_actor',
      'a.at as approved_at',
      'a.source as approved_source',
      'a.synthetic as approved_synthetic',
    ])
    // The order of the value key index: a page is a range of it.
    .orderBy('o.period')
    .orderBy('o.indicator')
    .orderBy('o.region')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const inScope = seen.all ? null : new Set(seen.regions);
  return {
    total: Number(counted?.n ?? 0),
    rows: rows.map((r) => {
      const working = !inScope || inScope.has(r.region);
      return {
        id: Number(r.id),
        region: r.region,
        indicator: r.indicator,
        period: r.period,
        revision: working ? r.revision : Number(r.approved_revision),
        value: toNumber(working ? r.value : r.approved_value),
        status: (working ? r.status : 'approved') as Status,
        source: (working ? r.source : r.approved_source) ?? '',
        actor: (working ? r.actor : r.approved_actor) ?? '',
        at: (working ? r.at : r.approved_at) ?? '',
        synthetic: (working ? r.synthetic : r.approved_synthetic) === 1,
      };
    }),
  };
}

const toNumber = (v: string | null) => (v === null ? null : Number(v));

/**
 * The published values matching a filter: each value's newest approved revision (a pending
 * revision on top is not seen). What results of a published period are computed from.
 */
export async function publishedValues(store: Store, f: ValueFilter = {}): Promise<ValueRecord[]> {
  const rows = await base(store, f)
    .where('o.approved_revision', 'is not', null)
    .select([
      'o.id',
      'o.region',
      'o.indicator',
      'o.period',
      'o.approved_revision',
      'o.approved_value',
      'a.actor',
      'a.at',
      'a.source',
      'a.synthetic',
    ])
    .orderBy('o.region')
    .orderBy('o.indicator')
    .orderBy('o.period')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    region: r.region,
    indicator: r.indicator,
    period: r.period,
    revision: Number(r.approved_revision),
    value: toNumber(r.approved_value),
    status: 'approved' as Status,
    source: r.source ?? '',
    actor: r.actor ?? '',
    at: r.at ?? '',
    synthetic: r.synthetic === 1,
  }));
}

/** The published values of a filter with only what a report reads (see `currentReportValues`). */
export async function publishedReportValues(
  store: Store,
  f: ValueFilter = {},
): Promise<ReportValue[]> {
  const rows = await base(store, f)
    .where('o.approved_revision', 'is not', null)
    .select(['o.region', 'o.indicator', 'o.period', 'o.approved_value', 'a.source', 'a.synthetic'])
    .execute();
  return rows.map((r) => ({
    region: r.region,
    indicator: r.indicator,
    period: r.period,
    value: toNumber(r.approved_value),
    source: r.source ?? '',
    synthetic: r.synthetic === 1,
  }));
}

/**
 * Which of some periods hold a value the reader sees among some regions and indicators: a
 * number (not a withdrawal), working inside the reader's scope, published and approved outside
 * it. One indexed probe per period, stopping at the first value found.
 */
export async function periodsSeen(
  store: Store,
  f: { periods: readonly string[]; regions: readonly string[]; indicators: readonly string[] },
  seen: Seen,
): Promise<string[]> {
  const published = new Set(seen.published);
  const out: string[] = [];
  for (const period of f.periods) {
    let q = store.db
      .selectFrom('observation as o')
      .select('o.period')
      .where('o.period', '=', period)
      .where('o.indicator', 'in', list(f.indicators))
      .where('o.region', 'in', list(f.regions));
    if (seen.all) q = q.where('o.value', 'is not', null);
    else
      q = q.where((eb) => {
        const own = eb.and([
          eb('o.region', 'in', list(seen.regions)),
          eb('o.value', 'is not', null),
        ]);
        if (!published.has(period)) return own;
        return eb.or([
          own,
          eb.and([
            eb('o.region', 'not in', list(seen.regions)),
            eb('o.approved_value', 'is not', null),
          ]),
        ]);
      });
    if (await q.limit(1).executeTakeFirst()) out.push(period);
  }
  return out;
}
