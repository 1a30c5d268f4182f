import { sql, type Transaction } from 'kysely';
import { LeitaiError } from '../core/errors/index.js';
import { ObservationSet } from '../core/observations/index.js';
import {
  statusAfterEdit,
  transition,
  type Action,
  type Actor,
  type Responsibility,
  type Status,
} from '../core/review/index.js';
import type { Store } from './db.js';
import type { Database, NewObservationRow, ObservationRow } from './schema.js';

export interface Key {
  region: string;
  indicator: string;
  period: string;
}

export interface ValueRecord extends Key {
  id: number;
  revision: number;
  value: number | null;
  status: Status;
  source: string;
  actor: string;
  at: string;
  synthetic: boolean;
}

export interface Change extends Key {
  value: number | null;
}

export interface ApplyOptions {
  actor: string;
  source: string;
  at: string;
  /** Needed when a change touches an approved value (it becomes a new revision under review). */
  reason?: string;
  synthetic?: boolean;
  /** Status for new values (official published results enter as approved). */
  status?: Status;
  action?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface ApplyResult {
  rows: number;
  inserted: number;
  changed: number;
  unchanged: number;
  /** Approved values that became new revisions under review. */
  revised: number;
}

const keyOf = (k: Key) => `${k.region}|${k.indicator}|${k.period}`;

/** Values travel as text: the number's shortest exact form, so 12.2 stays "12.2". */
export function toText(v: number | null): string | null {
  return v === null ? null : String(v);
}

export function fromRow(r: ObservationRow): ValueRecord {
  return {
    id: Number(r.id),
    region: r.region,
    indicator: r.indicator,
    period: r.period,
    revision: r.revision,
    value: r.value === null ? null : Number(r.value),
    status: r.status as Status,
    source: r.source,
    actor: r.actor,
    at: r.at,
    synthetic: r.synthetic === 1,
  };
}

export interface ValueFilter {
  regions?: readonly string[];
  indicators?: readonly string[];
  periods?: readonly string[];
  statuses?: readonly Status[];
}

/** Current values matching a filter (every filter is optional). */
export async function currentValues(store: Store, f: ValueFilter = {}): Promise<ValueRecord[]> {
  let q = store.db.selectFrom('observation').selectAll().where('current', '=', 1);
  if (f.regions) q = q.where('region', 'in', f.regions.length ? [...f.regions] : ['']);
  if (f.indicators) q = q.where('indicator', 'in', f.indicators.length ? [...f.indicators] : ['']);
  if (f.periods) q = q.where('period', 'in', f.periods.length ? [...f.periods] : ['']);
  if (f.statuses) q = q.where('status', 'in', f.statuses.length ? [...f.statuses] : ['']);
  const rows = await q.orderBy('region').orderBy('indicator').orderBy('period').execute();
  return rows.map(fromRow);
}

/** The current values as an evaluation input (optionally only some periods or statuses). */
export async function observationSet(store: Store, f: ValueFilter = {}): Promise<ObservationSet> {
  const set = new ObservationSet();
  for (const r of await currentValues(store, f)) {
    set.add({
      region: r.region,
      indicator: r.indicator,
      period: r.period,
      value: r.value,
      source: r.source,
      official: r.source.startsWith('plan:'),
    });
  }
  return set;
}

/** Current rows for the keys of a batch, read per period and indicator (few of each). */
async function currentFor(trx: Transaction<Database>, changes: readonly Change[]) {
  const periods = [...new Set(changes.map((c) => c.period))];
  const indicators = [...new Set(changes.map((c) => c.indicator))];
  const map = new Map<string, ObservationRow>();
  for (const period of periods) {
    const rows = await trx
      .selectFrom('observation')
      .selectAll()
      .where('current', '=', 1)
      .where('period', '=', period)
      .where('indicator', 'in', indicators)
      .execute();
    for (const r of rows) map.set(keyOf(r), r);
  }
  return map;
}

const same = (a: string | null, b: number | null) =>
  a === null ? b === null : b !== null && Number(a) === b;

/**
 * Applies a batch of values all-or-nothing in one transaction: unchanged values are left alone
 * (so the same file twice changes nothing), new ones are inserted, changed ones become the next
 * revision. A change to an approved value needs a reason; without one nothing is written.
 */
export async function applyValues(
  store: Store,
  changes: readonly Change[],
  opts: ApplyOptions,
): Promise<ApplyResult> {
  const seen = new Set<string>();
  for (const c of changes) {
    const k = keyOf(c);
    if (seen.has(k)) {
      throw new LeitaiError(
        'IMPORT_INVALID',
        `同一批数据中 ${c.region} ${c.indicator} ${c.period} 出现两次`,
        {
          value: k,
          reason: 'duplicate key in one batch',
        },
      );
    }
    seen.add(k);
  }
  return store.db.transaction().execute(async (trx) => {
    const current = await currentFor(trx, changes);
    const result: ApplyResult = {
      rows: changes.length,
      inserted: 0,
      changed: 0,
      unchanged: 0,
      revised: 0,
    };
    const approvedChanges: string[] = [];
    const close: number[] = [];
    const add: NewObservationRow[] = [];
    for (const c of changes) {
      const prior = current.get(keyOf(c));
      if (prior && same(prior.value, c.value)) {
        result.unchanged++;
        continue;
      }
      const priorStatus = prior?.status as Status | undefined;
      if (priorStatus === 'approved') approvedChanges.push(keyOf(c));
      const status = opts.status ?? statusAfterEdit(priorStatus);
      if (prior) {
        close.push(Number(prior.id));
        result.changed++;
        if (priorStatus === 'approved') result.revised++;
      } else result.inserted++;
      add.push({
        region: c.region,
        indicator: c.indicator,
        period: c.period,
        revision: prior ? prior.revision + 1 : 1,
        value: toText(c.value),
        status,
        action: opts.action ?? (prior ? 'revise' : 'enter'),
        reason: opts.reason ?? null,
        source: opts.source,
        actor: opts.actor,
        at: opts.at,
        old_value: prior?.value ?? null,
        old_status: prior?.status ?? null,
        current: 1,
        synthetic: opts.synthetic ? 1 : 0,
      });
    }
    if (approvedChanges.length > 0 && !opts.reason?.trim()) {
      throw new LeitaiError(
        'IMPORT_INVALID',
        `${approvedChanges.length} 个已核定的数值将被修改,须说明修改原因 (--reason),例如 ${approvedChanges.slice(0, 3).join('、')}`,
        {
          value: approvedChanges.slice(0, 10).join(','),
          reason: 'changing approved values needs a reason',
        },
      );
    }
    await closeRevisions(trx, close);
    await insertRevisions(store, trx, add, opts.onProgress);
    return result;
  });
}

async function closeRevisions(trx: Transaction<Database>, ids: readonly number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 5000) {
    await trx
      .updateTable('observation')
      .set({ current: 0 })
      .where('id', 'in', ids.slice(i, i + 5000))
      .execute();
  }
}

const COLUMNS = [
  'region',
  'indicator',
  'period',
  'revision',
  'value',
  'status',
  'action',
  'reason',
  'source',
  'actor',
  'at',
  'old_value',
  'old_status',
  'current',
  'synthetic',
] as const;

/**
 * Writes new revisions in large batches: SQLite through one prepared statement on the same
 * connection (inside the transaction), PostgreSQL as one INSERT … SELECT FROM unnest(arrays)
 * per 20,000 rows. Same rows, same transaction, each database's fast path.
 */
async function insertRevisions(
  store: Store,
  trx: Transaction<Database>,
  rows: readonly NewObservationRow[],
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  if (rows.length === 0) return;
  if (store.dialect === 'sqlite' && store.sqlite) {
    const stmt = store.sqlite.prepare(
      `insert into observation (${COLUMNS.join(',')}) values (${COLUMNS.map(() => '?').join(',')})`,
    );
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      stmt.run(COLUMNS.map((c) => r[c] ?? null));
      if (onProgress && (i + 1) % 50_000 === 0) onProgress(i + 1, rows.length);
    }
    onProgress?.(rows.length, rows.length);
    return;
  }
  const CHUNK = 20_000;
  const types: Record<(typeof COLUMNS)[number], string> = {
    region: 'varchar',
    indicator: 'text',
    period: 'text',
    revision: 'int',
    value: 'numeric',
    status: 'text',
    action: 'text',
    reason: 'text',
    source: 'text',
    actor: 'text',
    at: 'text',
    old_value: 'numeric',
    old_status: 'text',
    current: 'int',
    synthetic: 'int',
  };
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const arrays = COLUMNS.map(
      (c) => sql`${chunk.map((r) => r[c] ?? null)}::${sql.raw(types[c])}[]`,
    );
    await sql`insert into observation (${sql.join(COLUMNS.map((c) => sql.id(c)))})
      select * from unnest(${sql.join(arrays)})`.execute(trx);
    onProgress?.(Math.min(i + CHUNK, rows.length), rows.length);
  }
}

/** Every revision of one value, oldest first: its history and audit trail. */
export async function history(store: Store, key: Key): Promise<ObservationRow[]> {
  return store.db
    .selectFrom('observation')
    .selectAll()
    .where('region', '=', key.region)
    .where('indicator', '=', key.indicator)
    .where('period', '=', key.period)
    .orderBy('revision')
    .execute();
}

export interface ActOptions {
  actor: Actor;
  action: Action;
  reason?: string;
  at: string;
  responsible: Responsibility;
  prefectureOf: (region: string) => string | null;
  /** The revision the actor saw; a different current revision is a conflict. */
  expectedRevision?: number;
}

/**
 * Moves values along the review chain, all or nothing. Each move closes the current revision
 * and adds the next (same value, new status) — the audit record — guarded by the revision the
 * actor saw, so of two concurrent moves one wins and the other gets CONFLICT.
 */
export async function act(store: Store, keys: readonly Key[], opts: ActOptions): Promise<number> {
  return store.db.transaction().execute(async (trx) => {
    let n = 0;
    for (const key of keys) {
      const cur = await trx
        .selectFrom('observation')
        .selectAll()
        .where('current', '=', 1)
        .where('region', '=', key.region)
        .where('indicator', '=', key.indicator)
        .where('period', '=', key.period)
        .executeTakeFirst();
      if (!cur) {
        throw new LeitaiError(
          'NOT_FOUND',
          `没有 ${key.region} ${key.indicator} ${key.period} 的数据`,
          {
            value: keyOf(key),
            reason: 'no such value',
          },
        );
      }
      if (opts.expectedRevision !== undefined && cur.revision !== opts.expectedRevision) {
        throw conflict(key, opts.expectedRevision, cur.revision);
      }
      const next = transition(
        opts.actor,
        opts.action,
        {
          region: key.region,
          prefecture: opts.prefectureOf(key.region),
          indicator: key.indicator,
          status: cur.status as Status,
        },
        { responsible: opts.responsible, reason: opts.reason },
      );
      await advance(trx, cur, {
        status: next,
        value: cur.value,
        action: opts.action,
        reason: opts.reason ?? null,
        actor: opts.actor.name,
        at: opts.at,
        source: cur.source,
      });
      n++;
    }
    return n;
  });
}

function conflict(key: Key, expected: number, actual: number): LeitaiError {
  return new LeitaiError(
    'CONFLICT',
    `${key.region} ${key.indicator} ${key.period} 已被他人修改(您看到的是第${expected}版,现为第${actual}版),请刷新后重试`,
    { value: keyOf(key), reason: `expected revision ${expected}, found ${actual}` },
  );
}

/** Closes `cur` (only if it is still current at that revision) and adds the next revision. */
async function advance(
  trx: Transaction<Database>,
  cur: ObservationRow,
  next: {
    status: string;
    value: string | null;
    action: string;
    reason: string | null;
    actor: string;
    at: string;
    source: string;
  },
): Promise<void> {
  const closed = await trx
    .updateTable('observation')
    .set({ current: 0 })
    .where('id', '=', cur.id)
    .where('current', '=', 1)
    .executeTakeFirst();
  if (Number(closed.numUpdatedRows) !== 1) throw conflict(cur, cur.revision, cur.revision + 1);
  await trx
    .insertInto('observation')
    .values({
      region: cur.region,
      indicator: cur.indicator,
      period: cur.period,
      revision: cur.revision + 1,
      value: next.value,
      status: next.status,
      action: next.action,
      reason: next.reason,
      source: next.source,
      actor: next.actor,
      at: next.at,
      old_value: cur.value,
      old_status: cur.status,
      current: 1,
      synthetic: cur.synthetic,
    })
    .execute();
}

/**
 * One value entered or changed by a user, guarded by the revision they saw. Changing an approved
 * value needs a reason and sends it back through review.
 */
export async function editValue(
  store: Store,
  key: Key,
  value: number | null,
  opts: { actor: string; at: string; reason?: string; expectedRevision?: number; source?: string },
): Promise<ValueRecord> {
  return store.db.transaction().execute(async (trx) => {
    const cur = await trx
      .selectFrom('observation')
      .selectAll()
      .where('current', '=', 1)
      .where('region', '=', key.region)
      .where('indicator', '=', key.indicator)
      .where('period', '=', key.period)
      .executeTakeFirst();
    const source = opts.source ?? `user:${opts.actor}`;
    if (!cur) {
      if (opts.expectedRevision !== undefined && opts.expectedRevision !== 0)
        throw conflict(key, opts.expectedRevision, 0);
      await trx
        .insertInto('observation')
        .values({
          ...key,
          revision: 1,
          value: toText(value),
          status: 'draft',
          action: 'enter',
          reason: opts.reason ?? null,
          source,
          actor: opts.actor,
          at: opts.at,
          old_value: null,
          old_status: null,
          current: 1,
          synthetic: 0,
        })
        .execute();
    } else {
      if (opts.expectedRevision !== undefined && cur.revision !== opts.expectedRevision) {
        throw conflict(key, opts.expectedRevision, cur.revision);
      }
      if (cur.status === 'approved' && !opts.reason?.trim()) {
        throw new LeitaiError('INPUT_INVALID', '修改已核定的数值须说明原因 (--reason)', {
          value: keyOf(key),
          reason: 'changing an approved value needs a reason',
        });
      }
      await advance(trx, cur, {
        status: statusAfterEdit(cur.status as Status),
        value: toText(value),
        action: 'revise',
        reason: opts.reason ?? null,
        actor: opts.actor,
        at: opts.at,
        source,
      });
    }
    const row = await trx
      .selectFrom('observation')
      .selectAll()
      .where('current', '=', 1)
      .where('region', '=', key.region)
      .where('indicator', '=', key.indicator)
      .where('period', '=', key.period)
      .executeTakeFirstOrThrow();
    return fromRow(row);
  });
}

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  region: string;
  indicator: string;
  period: string;
  revision: number;
  oldValue: number | null;
  newValue: number | null;
  oldStatus: string | null;
  newStatus: string;
  reason: string | null;
  source: string;
}

/** The audit log: every revision is one entry (who, when, old value, new value, why). */
export async function auditLog(
  store: Store,
  f: { region?: string; indicator?: string; period?: string; limit?: number } = {},
): Promise<AuditEntry[]> {
  let q = store.db.selectFrom('observation').selectAll();
  if (f.region) q = q.where('region', '=', f.region);
  if (f.indicator) q = q.where('indicator', '=', f.indicator);
  if (f.period) q = q.where('period', '=', f.period);
  const rows = await q
    .orderBy('id', 'desc')
    .limit(f.limit ?? 1000)
    .execute();
  return rows.map((r) => ({
    at: r.at,
    actor: r.actor,
    action: r.action,
    region: r.region,
    indicator: r.indicator,
    period: r.period,
    revision: r.revision,
    oldValue: r.old_value === null ? null : Number(r.old_value),
    newValue: r.value === null ? null : Number(r.value),
    oldStatus: r.old_status,
    newStatus: r.status,
    reason: r.reason,
    source: r.source,
  }));
}

/** When each current value of a period was first entered: for timeliness. */
export async function firstEntered(store: Store, period: string): Promise<Map<string, string>> {
  const rows = await store.db
    .selectFrom('observation')
    .select(['region', 'indicator', (eb) => eb.fn.min('at').as('first')])
    .where('period', '=', period)
    .groupBy(['region', 'indicator'])
    .execute();
  return new Map(rows.map((r) => [`${r.region}|${r.indicator}`, String(r.first)]));
}
