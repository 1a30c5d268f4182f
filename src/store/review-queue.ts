import type { Status } from '../core/review/index.js';
import type { Store } from './db.js';
import type { Key } from './observations.js';

const list = (xs: readonly string[]) => (xs.length ? [...xs] : ['']);

export interface WaitingCount {
  period: string;
  status: Status;
  count: number;
}

/**
 * How many current values wait in each period and status, narrowed in SQL to some regions or
 * indicators (a prefecture's counties, a department's indicators): the review queue's sizes
 * without reading its rows.
 */
export async function waitingCounts(
  store: Store,
  f: { statuses: readonly Status[]; regions?: readonly string[]; indicators?: readonly string[] },
): Promise<WaitingCount[]> {
  if (f.statuses.length === 0) return [];
  let q = store.db
    .selectFrom('observation')
    .select(['period', 'status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('status', 'in', [...f.statuses]);
  if (f.regions) q = q.where('region', 'in', list(f.regions));
  if (f.indicators) q = q.where('indicator', 'in', list(f.indicators));
  const rows = await q.groupBy(['period', 'status']).execute();
  return rows.map((r) => ({ period: r.period, status: r.status as Status, count: Number(r.n) }));
}

/**
 * The approved (核定) value of each of some keys, where one was ever approved: what a reviewer
 * compares a new value with. Read per period with the keys' regions and indicators.
 */
export async function approvedValues(
  store: Store,
  keys: readonly Key[],
): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>();
  const byPeriod = new Map<string, Key[]>();
  for (const k of keys) {
    const l = byPeriod.get(k.period) ?? [];
    l.push(k);
    byPeriod.set(k.period, l);
  }
  for (const [period, ks] of byPeriod) {
    const regions = [...new Set(ks.map((k) => k.region))];
    const indicators = [...new Set(ks.map((k) => k.indicator))];
    for (let i = 0; i < regions.length; i += 500) {
      const rows = await store.db
        .selectFrom('observation')
        .select(['region', 'indicator', 'approved_value', 'approved_revision'])
        .where('period', '=', period)
        .where('indicator', 'in', indicators)
        .where('region', 'in', regions.slice(i, i + 500))
        .execute();
      for (const r of rows) {
        if (r.approved_revision === null) continue;
        out.set(
          `${r.region}|${r.indicator}|${period}`,
          r.approved_value === null ? null : Number(r.approved_value),
        );
      }
    }
  }
  return out;
}

export interface Person {
  displayName: string;
  role: string;
}

/** The display name and role of each of some user names that are users (others are left out). */
export async function peopleNamed(
  store: Store,
  usernames: readonly string[],
): Promise<Map<string, Person>> {
  const out = new Map<string, Person>();
  const names = [...new Set(usernames)];
  for (let i = 0; i < names.length; i += 500) {
    const rows = await store.db
      .selectFrom('app_user')
      .select(['username', 'display_name', 'role'])
      .where('username', 'in', names.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.username, { displayName: r.display_name, role: r.role });
  }
  return out;
}
