import { valueKey } from '../core/observations/index.js';
import type { Revision } from '../core/quality/index.js';
import type { Store } from './db.js';
import { joined, type JoinedRow } from './observations.js';

type Row = JoinedRow;

const keyOf = valueKey;

const toNumber = (v: string | null) => (v === null ? null : Number(v));

/** Same value, whatever its text ("12.20" in PostgreSQL numeric, "12.2" in SQLite). */
const same = (a: string | null, b: string | null) =>
  a === null || b === null ? a === b : Number(a) === Number(b);

function revisionsOf(
  store: Store,
  table: 'observation' | 'observation_history',
  periods: string[],
) {
  return joined(store.db, table)
    .where('o.period', 'in', periods.length ? periods : [''])
    .orderBy('o.revision');
}

/**
 * Current values of some periods whose value differs from an earlier approved revision: the last
 * approved value (who approved it, when) beside the current one, and the change that made the
 * current value (who, when, why). Plain queries and the comparison in code, so SQLite and
 * PostgreSQL give the same answer through the same path.
 */
export async function revisionsAfterApproval(
  store: Store,
  o: { periods: readonly string[] },
): Promise<Revision[]> {
  const periods = [...new Set(o.periods)];
  const approved = await revisionsOf(store, 'observation_history', periods)
    .where('o.status', '=', 'approved')
    .execute();
  if (approved.length === 0) return [];
  const lastApproved = new Map<string, Row>();
  for (const r of approved as Row[]) lastApproved.set(keyOf(r), r); // ordered by revision
  const regions = [...new Set(approved.map((r) => r.region))];
  const indicators = [...new Set(approved.map((r) => r.indicator))];
  const rows: Row[] = [];
  for (const table of ['observation_history', 'observation'] as const) {
    const got = await revisionsOf(store, table, periods)
      .where('o.region', 'in', regions)
      .where('o.indicator', 'in', indicators)
      .execute();
    rows.push(...(got as Row[]));
  }
  const byKey = new Map<string, Row[]>();
  for (const r of rows) {
    const k = keyOf(r);
    if (!lastApproved.has(k)) continue;
    const list = byKey.get(k) ?? [];
    list.push(r);
    byKey.set(k, list);
  }
  const out: Revision[] = [];
  for (const [k, list] of byKey) {
    list.sort((a, b) => a.revision - b.revision);
    const a = lastApproved.get(k)!;
    const current = list[list.length - 1]!;
    if (current.revision === a.revision || same(a.value, current.value)) continue;
    // The latest revision after the approval that changed the value: the one a reader asks about.
    const change =
      [...list].reverse().find((r) => r.revision > a.revision && !same(r.old_value, r.value)) ??
      current;
    out.push({
      region: current.region,
      indicator: current.indicator,
      period: current.period,
      approvedValue: toNumber(a.value),
      approvedRevision: a.revision,
      approvedAt: a.at,
      approvedBy: a.actor,
      value: toNumber(current.value),
      revision: current.revision,
      status: current.status,
      revisedBy: change.actor,
      revisedAt: change.at,
      reason: change.reason,
    });
  }
  return out.sort((x, y) => keyOf(x).localeCompare(keyOf(y)));
}
