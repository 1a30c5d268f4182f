import { valueKey } from '../core/observations/index.js';
import type SqliteHandle from 'better-sqlite3';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { LeitaiError } from '../core/errors/index.js';
import {
  afterEdit,
  mayActOn,
  scopeDenied,
  transition,
  type Action,
  type Actor,
  type Responsibility,
  type Status,
} from '../core/review/index.js';
import { inTransaction, type Store } from './db.js';
import type {
  ChangeSetRow,
  Database,
  HistoryRow,
  NewObservationRow,
  ObservationRow,
} from './schema.js';

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
  /**
   * The caller knows that no key of the batch is in the store (initialise, having read the keys
   * once for all its change sets): the current rows are not read. A key there after all fails
   * the whole batch on the unique index, as a conflict; nothing is written.
   */
  allNew?: boolean;
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

const keyOf = valueKey;

/**
 * A map by (period, indicator, region), nested: a million lookups reuse the few distinct period
 * and indicator strings instead of building a million joined keys.
 */
class KeyMap<T> {
  private readonly byPeriod = new Map<string, Map<string, Map<string, T>>>();
  size = 0;
  get(k: Key): T | undefined {
    return this.byPeriod.get(k.period)?.get(k.indicator)?.get(k.region);
  }
  /** Sets unless taken; returns what was there. */
  setNew(k: Key, v: T): T | undefined {
    let byInd = this.byPeriod.get(k.period);
    if (!byInd) this.byPeriod.set(k.period, (byInd = new Map()));
    let byRegion = byInd.get(k.indicator);
    if (!byRegion) byInd.set(k.indicator, (byRegion = new Map()));
    const prior = byRegion.get(k.region);
    if (prior !== undefined) return prior;
    byRegion.set(k.region, v);
    this.size++;
    return undefined;
  }
}

type Published = Pick<
  ObservationRow,
  'approved_value' | 'approved_revision' | 'approved_change_set'
>;

/** A new revision that is not approved keeps its predecessor's published value. */
function carried(prior: Published): Published {
  return {
    approved_value: prior.approved_value,
    approved_revision: prior.approved_revision,
    approved_change_set: prior.approved_change_set,
  };
}

/** An approved revision is its own published value. */
function ownPublished(r: {
  value?: string | null;
  revision: number;
  change_set: number;
}): Published {
  return {
    approved_value: r.value ?? null,
    approved_revision: r.revision,
    approved_change_set: r.change_set,
  };
}

/** Values travel as text: the number's shortest exact form, so 12.2 stays "12.2". */
export function toText(v: number | null): string | null {
  return v === null ? null : String(v);
}

/** A revision with its change set: what every read returns. */
export type JoinedRow = ObservationRow & Omit<ChangeSetRow, 'id'>;

export function fromRow(r: JoinedRow): ValueRecord {
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

/** Revisions joined to their change sets. */
export function joined(
  db: Kysely<Database> | Transaction<Database>,
  table: 'observation' | 'observation_history' = 'observation',
) {
  return db
    .selectFrom(`${table} as o` as 'observation as o')
    .innerJoin('change_set as c', 'c.id', 'o.change_set')
    .select([
      'o.id',
      'o.region',
      'o.indicator',
      'o.period',
      'o.revision',
      'o.value',
      'o.status',
      'o.change_set',
      'o.old_value',
      'o.old_status',
      'c.actor',
      'c.at',
      'c.action',
      'c.reason',
      'c.source',
      'c.synthetic',
      'c.evidence',
    ]);
}

/** Writes the change set of one act and returns its id. */
export async function newChangeSet(
  trx: Kysely<Database>,
  cs: {
    actor: string;
    at: string;
    action: string;
    reason: string | null;
    source: string;
    synthetic?: boolean;
    evidence?: string | null;
  },
): Promise<number> {
  const r = await trx
    .insertInto('change_set')
    .values({ ...cs, synthetic: cs.synthetic ? 1 : 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export interface ValueFilter {
  regions?: readonly string[];
  indicators?: readonly string[];
  periods?: readonly string[];
  statuses?: readonly Status[];
}

/** Current values matching a filter (every filter is optional). */
export async function currentValues(store: Store, f: ValueFilter = {}): Promise<ValueRecord[]> {
  let q = joined(store.db);
  const list = (xs: readonly string[]) => (xs.length ? [...xs] : ['']);
  if (f.regions) q = q.where('o.region', 'in', list(f.regions));
  if (f.indicators) q = q.where('o.indicator', 'in', list(f.indicators));
  if (f.periods) q = q.where('o.period', 'in', list(f.periods));
  if (f.statuses) q = q.where('o.status', 'in', list(f.statuses));
  const rows = await q.orderBy('o.region').orderBy('o.indicator').orderBy('o.period').execute();
  return rows.map((r) => fromRow(r as JoinedRow));
}

/** What a report reads of a value: its key, its number, where it came from, whether synthetic. */
export type ReportValue = Pick<
  ValueRecord,
  'region' | 'indicator' | 'period' | 'value' | 'source' | 'synthetic'
>;

/**
 * The current values of a filter with only what a report reads, in no particular order: on a
 * national store (hundreds of thousands of values) a third of the time of `currentValues`.
 */
export async function currentReportValues(
  store: Store,
  f: ValueFilter = {},
): Promise<ReportValue[]> {
  let q = store.db
    .selectFrom('observation as o')
    .innerJoin('change_set as c', 'c.id', 'o.change_set')
    .select(['o.region', 'o.indicator', 'o.period', 'o.value', 'c.source', 'c.synthetic']);
  const list = (xs: readonly string[]) => (xs.length ? [...xs] : ['']);
  if (f.regions) q = q.where('o.region', 'in', list(f.regions));
  if (f.indicators) q = q.where('o.indicator', 'in', list(f.indicators));
  if (f.periods) q = q.where('o.period', 'in', list(f.periods));
  if (f.statuses) q = q.where('o.status', 'in', list(f.statuses));
  return (await q.execute()).map((r) => ({
    region: r.region,
    indicator: r.indicator,
    period: r.period,
    value: r.value === null ? null : Number(r.value),
    source: r.source,
    synthetic: r.synthetic === 1,
  }));
}

/**
 * The regions holding a value (any revision, withdrawals too) in some periods: which counties a
 * store covers, read from the key index alone.
 */
export async function regionsWithValues(
  store: Store,
  periods: readonly string[],
): Promise<Set<string>> {
  const rows = await store.db
    .selectFrom('observation')
    .select('region')
    .distinct()
    .where('period', 'in', periods.length ? [...periods] : [''])
    .execute();
  return new Set(rows.map((r) => r.region));
}

/** Current rows for the keys of a batch, read per period and indicator (few of each). */
async function currentFor(trx: Kysely<Database>, changes: readonly Change[]) {
  const periods = [...new Set(changes.map((c) => c.period))];
  const indicators = [...new Set(changes.map((c) => c.indicator))];
  const map = new KeyMap<ObservationRow>();
  for (const period of periods) {
    const rows = await trx
      .selectFrom('observation')
      .selectAll()
      .where('period', '=', period)
      .where('indicator', 'in', indicators)
      .execute();
    for (const r of rows) map.setNew(r, r);
  }
  return map;
}

/**
 * The keys the store holds in some periods, read once: a caller writing many batches of keys
 * (initialise's demo) asks this instead of each batch reading its periods' rows again.
 */
export async function storedKeys(
  store: Store,
  periods: Iterable<string>,
): Promise<{ has(k: Key): boolean; size: number }> {
  const map = new KeyMap<true>();
  for (const period of new Set(periods)) {
    const rows = await store.db
      .selectFrom('observation')
      .select(['region', 'indicator', 'period'])
      .where('period', '=', period)
      .execute();
    for (const r of rows) map.setNew(r, true);
  }
  return { has: (k) => map.get(k) !== undefined, size: map.size };
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
  const seen = new KeyMap<true>();
  for (const c of changes) {
    if (seen.setNew(c, true)) {
      const k = keyOf(c);
      throw new LeitaiError(
        'IMPORT_INVALID',
        `同一批数据中 ${c.region} ${c.indicator} ${c.period} 出现两次`,
        {
          value: k,
          reason: 'duplicate key in one batch',
        },
      );
    }
  }
  return inTransaction(store, async (trx, raw) => {
    const current = opts.allNew ? new KeyMap<ObservationRow>() : await currentFor(trx, changes);
    const result: ApplyResult = {
      rows: changes.length,
      inserted: 0,
      changed: 0,
      unchanged: 0,
      revised: 0,
    };
    // Values a reviewer has already passed on: changing them needs a reason.
    const reviewedChanges: string[] = [];
    const superseded: ObservationRow[] = [];
    const next: NewObservationRow[] = [];
    // New values need no row object of their own: a first import is mostly these.
    const fresh: Change[] = [];
    for (const c of changes) {
      const prior = current.size > 0 ? current.get(c) : undefined;
      if (!prior) {
        fresh.push(c);
        continue;
      }
      if (same(prior.value, c.value)) {
        result.unchanged++;
        continue;
      }
      const priorStatus = prior.status as Status;
      const edit = afterEdit(priorStatus);
      if (edit.needsReason) reviewedChanges.push(keyOf(c));
      if (priorStatus === 'approved') result.revised++;
      superseded.push(prior);
      const status = opts.status ?? edit.status;
      next.push({
        region: c.region,
        indicator: c.indicator,
        period: c.period,
        revision: prior.revision + 1,
        value: toText(c.value),
        status,
        change_set: 0,
        old_value: prior.value,
        old_status: prior.status,
        ...(status === 'approved' ? {} : carried(prior)),
      });
    }
    result.inserted = fresh.length;
    result.changed = next.length;
    if (reviewedChanges.length > 0 && !opts.reason?.trim()) {
      throw new LeitaiError(
        'IMPORT_INVALID',
        `${reviewedChanges.length} 个已审核或已核定的数值将被修改,须说明修改原因 (--reason),例如 ${reviewedChanges.slice(0, 3).join('、')}`,
        {
          value: reviewedChanges.slice(0, 10).join(','),
          reason: 'changing reviewed or approved values needs a reason',
        },
      );
    }
    if (fresh.length === 0 && next.length === 0) return result;
    const changeSet = await newChangeSet(trx, {
      actor: opts.actor,
      at: opts.at,
      action: opts.action ?? 'import',
      reason: opts.reason ?? null,
      source: opts.source,
      synthetic: opts.synthetic,
    });
    for (const r of next) {
      r.change_set = changeSet;
      // An approved revision is its own published value.
      if (r.status === 'approved') Object.assign(r, ownPublished(r));
    }
    // Guarded by the revisions read: a value someone changed meanwhile makes the whole batch a
    // conflict. The history then gets the superseded revisions exactly as they were read.
    await replaceCurrent(trx, raw, next, superseded);
    await archive(trx, superseded);
    await insertFresh(
      trx,
      raw,
      fresh,
      { status: opts.status ?? afterEdit(undefined).status, changeSet },
      opts.onProgress,
    );
    return result;
  }).catch(asConflict);
}

/** Writes superseded revisions, as they were read, into the history. */
async function archive(trx: Kysely<Database>, rows: readonly ObservationRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 3000) {
    await trx
      .insertInto('observation_history')
      .values(rows.slice(i, i + 3000).map(historyRow))
      .execute();
  }
}

/** A current row as the history keeps it: without its id and its published value. */
function historyRow(r: ObservationRow): HistoryRow {
  return {
    region: r.region,
    indicator: r.indicator,
    period: r.period,
    revision: r.revision,
    value: r.value,
    status: r.status,
    change_set: r.change_set,
    old_value: r.old_value,
    old_status: r.old_status,
  };
}

/**
 * Turns each superseded current row into its next revision, in place (its predecessor is already
 * in the history): one prepared UPDATE per row in SQLite, UPDATE … FROM unnest in PostgreSQL.
 */
async function replaceCurrent(
  trx: Kysely<Database>,
  raw: Raw,
  next: readonly NewObservationRow[],
  prior: readonly ObservationRow[],
): Promise<void> {
  if (next.length === 0) return;
  const ids = prior.map((p) => Number(p.id));
  if (raw.sqlite) {
    const stmt = raw.sqlite.prepare(
      'update observation set revision = ?, value = ?, status = ?, change_set = ?, old_value = ?, old_status = ?, approved_value = ?, approved_revision = ?, approved_change_set = ? where id = ? and revision = ?',
    );
    let moved = 0;
    next.forEach((r, i) => {
      moved += stmt.run(
        r.revision,
        r.value ?? null,
        r.status,
        r.change_set,
        r.old_value ?? null,
        r.old_status ?? null,
        r.approved_value ?? null,
        r.approved_revision ?? null,
        r.approved_change_set ?? null,
        ids[i],
        r.revision - 1,
      ).changes;
    });
    if (moved !== next.length) throw changedMeanwhile(next.length - moved);
    return;
  }
  let moved = 0;
  for (let i = 0; i < next.length; i += 20_000) {
    const chunk = next.slice(i, i + 20_000);
    const col = <T>(f: (r: NewObservationRow) => T) => chunk.map(f);
    const r =
      await sql`update observation as o set revision = u.revision, value = u.value, status = u.status,
        change_set = u.change_set, old_value = u.old_value, old_status = u.old_status,
        approved_value = u.approved_value, approved_revision = u.approved_revision,
        approved_change_set = u.approved_change_set
      from unnest(${ids.slice(i, i + 20_000)}::bigint[], ${col((r) => r.revision)}::int[],
        ${col((r) => r.value ?? null)}::numeric[], ${col((r) => r.status)}::text[],
        ${col((r) => r.change_set)}::bigint[], ${col((r) => r.old_value ?? null)}::numeric[],
        ${col((r) => r.old_status ?? null)}::text[], ${col((r) => r.approved_value ?? null)}::numeric[],
        ${col((r) => r.approved_revision ?? null)}::int[],
        ${col((r) => r.approved_change_set ?? null)}::bigint[])
        as u(id, revision, value, status, change_set, old_value, old_status, approved_value,
          approved_revision, approved_change_set)
      where o.id = u.id and o.revision = u.revision - 1`.execute(trx);
    moved += Number(r.numAffectedRows ?? 0);
  }
  if (moved !== next.length) throw changedMeanwhile(next.length - moved);
}

/** Values of a batch changed by someone else between reading and writing: nothing is written. */
function changedMeanwhile(n: number): LeitaiError {
  return new LeitaiError(
    'CONFLICT',
    `其中 ${n} 个数值在写入前已被他人修改,未写入任何数据,请刷新后重试 (changed meanwhile)`,
    { reason: `${n} values changed meanwhile` },
  );
}

/** Whether an error is the database's own word that two writers met (see asConflict). */
export function isConcurrent(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return (
    code === '23505' ||
    code === '40P01' ||
    code === '40001' ||
    (typeof code === 'string' &&
      (code.startsWith('SQLITE_BUSY') || code === 'SQLITE_CONSTRAINT_UNIQUE'))
  );
}

/**
 * The database's own word that two writers met — a key written by both, a deadlock, a
 * serialisation failure, a busy SQLite snapshot — said as the CONFLICT it is: retry.
 */
export function asConflict(e: unknown): never {
  if (!isConcurrent(e)) throw e;
  throw new LeitaiError(
    'CONFLICT',
    '数据正被他人同时修改,未写入任何数据,请刷新后重试 (changed concurrently)',
    { reason: String((e as Error).message) },
  );
}

type Raw = { pg?: PoolClient; sqlite?: SqliteHandle.Database };

/** COPY text format: tab-separated, \\N for null, with its four special characters escaped. */
function copyField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  return typeof v === 'number'
    ? String(v)
    : v.replace(
        /[\\\t\n\r]/g,
        (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!,
      );
}

/**
 * Writes values new to the store (revision 1) in bulk inside the transaction: SQLite through one
 * prepared statement, PostgreSQL through COPY. Same rows, same transaction, each database's
 * fast path.
 */
async function insertFresh(
  trx: Kysely<Database>,
  raw: Raw,
  rows: readonly Change[],
  common: { status: string; changeSet: number },
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  if (rows.length === 0) return;
  const { status, changeSet } = common;
  // Values entered as approved (official results, the demo) are published as they are.
  const approved = status === 'approved';
  if (raw.sqlite) {
    const stmt = raw.sqlite.prepare(
      approved
        ? 'insert into observation (region, indicator, period, revision, value, status, change_set, approved_value, approved_revision, approved_change_set) values (?, ?, ?, 1, ?, ?, ?, ?, 1, ?)'
        : 'insert into observation (region, indicator, period, revision, value, status, change_set) values (?, ?, ?, 1, ?, ?, ?)',
    );
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      const v = toText(r.value);
      if (approved) stmt.run(r.region, r.indicator, r.period, v, status, changeSet, v, changeSet);
      else stmt.run(r.region, r.indicator, r.period, v, status, changeSet);
      if (onProgress && (i + 1) % 50_000 === 0) onProgress(i + 1, rows.length);
    }
    onProgress?.(rows.length, rows.length);
    return;
  }
  if (!raw.pg) {
    await trx
      .insertInto('observation')
      .values(
        rows.map((r) => ({
          region: r.region,
          indicator: r.indicator,
          period: r.period,
          revision: 1,
          value: toText(r.value),
          status,
          change_set: changeSet,
          old_value: null,
          old_status: null,
          ...(approved
            ? ownPublished({ value: toText(r.value), revision: 1, change_set: changeSet })
            : {}),
        })),
      )
      .execute();
    return;
  }
  const stream = raw.pg.query(
    copyFrom(
      approved
        ? 'copy observation (region, indicator, period, revision, value, status, change_set, approved_value, approved_revision, approved_change_set) from stdin'
        : 'copy observation (region, indicator, period, revision, value, status, change_set) from stdin',
    ),
  );
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  const tail = `\t1\t`;
  const end = `\t${copyField(status)}\t${changeSet}`;
  const CHUNK = 20_000;
  for (let i = 0; i < rows.length; i += CHUNK) {
    let text = '';
    for (const r of rows.slice(i, i + CHUNK)) {
      const v = copyField(toText(r.value));
      text += `${copyField(r.region)}\t${copyField(r.indicator)}\t${copyField(r.period)}${tail}${v}${end}${approved ? `\t${v}\t1\t${changeSet}` : ''}\n`;
    }
    if (!stream.write(text)) await new Promise((r) => stream.once('drain', r));
    onProgress?.(Math.min(i + CHUNK, rows.length), rows.length);
  }
  stream.end();
  await done;
}

/** Every revision of one value, oldest first: its history and audit trail. */
export async function history(store: Store, key: Key): Promise<JoinedRow[]> {
  const out: JoinedRow[] = [];
  for (const table of ['observation_history', 'observation'] as const) {
    const rows = await joined(store.db, table)
      .where('o.period', '=', key.period)
      .where('o.indicator', '=', key.indicator)
      .where('o.region', '=', key.region)
      .orderBy('o.revision')
      .execute();
    out.push(...(rows as JoinedRow[]));
  }
  return out;
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

/** The current revision of one value, inside a transaction. */
export function currentOf(trx: Transaction<Database>, key: Key) {
  return trx
    .selectFrom('observation')
    .selectAll()
    .where('period', '=', key.period)
    .where('indicator', '=', key.indicator)
    .where('region', '=', key.region)
    .executeTakeFirst();
}

/**
 * Moves values along the review chain, all or nothing. Each move closes the current revision
 * and adds the next (same value, new status), guarded by the revision the actor saw, so of two
 * concurrent moves one wins and the other gets CONFLICT. One change set records the act.
 */
export async function act(store: Store, keys: readonly Key[], opts: ActOptions): Promise<number> {
  // One order for every act: two acts on the same values lock them in the same order (no deadlock).
  const ordered = [...keys].sort((a, b) =>
    keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0,
  );
  return actInOrder(store, ordered, opts).catch(asConflict);
}

async function actInOrder(store: Store, keys: readonly Key[], opts: ActOptions): Promise<number> {
  return store.db.transaction().execute(async (trx) => {
    const changeSet = await newChangeSet(trx, {
      actor: opts.actor.name,
      at: opts.at,
      action: opts.action,
      reason: opts.reason ?? null,
      source: `user:${opts.actor.name}`,
    });
    // Scope first: outside it, the same refusal whether the value exists or not.
    for (const key of keys) {
      const subject = { ...key, prefecture: opts.prefectureOf(key.region) };
      if (!mayActOn(opts.actor, opts.action, subject, opts.responsible))
        throw scopeDenied(opts.actor, opts.action, key);
    }
    for (const key of keys) {
      const cur = await currentOf(trx, key);
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
      await advance(trx, cur, { status: next, value: cur.value, changeSet });
    }
    return keys.length;
  });
}

export function conflict(key: Key, expected: number, actual: number): LeitaiError {
  return new LeitaiError(
    'CONFLICT',
    `${key.region} ${key.indicator} ${key.period} 已被他人修改(您看到的是第${expected}版,现为第${actual}版),请刷新后重试`,
    { value: keyOf(key), reason: `expected revision ${expected}, found ${actual}` },
  );
}

/**
 * Moves `cur` to the history and makes the next revision current — only if `cur` is still the
 * current revision (the optimistic check: of two concurrent changes, one finds it moved on).
 */
export async function advance(
  trx: Transaction<Database>,
  cur: ObservationRow,
  next: { status: string; value: string | null; changeSet: number },
): Promise<void> {
  const revision = cur.revision + 1;
  const published =
    next.status === 'approved'
      ? ownPublished({ value: next.value, revision, change_set: next.changeSet })
      : carried(cur);
  const moved = await trx
    .updateTable('observation')
    .set({
      revision,
      value: next.value,
      status: next.status,
      change_set: next.changeSet,
      old_value: cur.value,
      old_status: cur.status,
      ...published,
    })
    .where('id', '=', cur.id)
    .where('revision', '=', cur.revision)
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1) throw conflict(cur, cur.revision, cur.revision + 1);
  await trx.insertInto('observation_history').values(historyRow(cur)).execute();
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
  return store.db
    .transaction()
    .execute(async (trx) => {
      const cur = await currentOf(trx, key);
      if (opts.expectedRevision !== undefined && (cur?.revision ?? 0) !== opts.expectedRevision) {
        throw conflict(key, opts.expectedRevision, cur?.revision ?? 0);
      }
      const edit = afterEdit(cur?.status as Status | undefined);
      if (edit.needsReason && !opts.reason?.trim()) {
        throw new LeitaiError(
          'INPUT_INVALID',
          '修改已审核或已核定的数值须说明原因 (reason);修改后重新进入审核',
          { value: keyOf(key), reason: 'changing a reviewed or approved value needs a reason' },
        );
      }
      const changeSet = await newChangeSet(trx, {
        actor: opts.actor,
        at: opts.at,
        action: cur ? 'revise' : 'enter',
        reason: opts.reason ?? null,
        source: opts.source ?? `user:${opts.actor}`,
      });
      if (cur) {
        await advance(trx, cur, {
          status: edit.status,
          value: toText(value),
          changeSet,
        });
      } else {
        await trx
          .insertInto('observation')
          .values({
            ...key,
            revision: 1,
            value: toText(value),
            status: 'draft',
            change_set: changeSet,
            old_value: null,
            old_status: null,
          })
          .execute();
      }
      const row = await joined(trx)
        .where('o.period', '=', key.period)
        .where('o.indicator', '=', key.indicator)
        .where('o.region', '=', key.region)
        .executeTakeFirstOrThrow();
      return fromRow(row as JoinedRow);
    })
    .catch(asConflict);
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
  /** What a recorded judgement (人工评定) rests on; null for other changes. */
  evidence: string | null;
  source: string;
}

/** The audit log, newest first: every revision is one entry (who, when, old value, new value, why). */
export async function auditLog(
  store: Store,
  f: { region?: string; indicator?: string; period?: string; limit?: number } = {},
): Promise<AuditEntry[]> {
  const limit = f.limit ?? 1000;
  const rows: JoinedRow[] = [];
  for (const table of ['observation', 'observation_history'] as const) {
    let q = joined(store.db, table);
    if (f.region) q = q.where('o.region', '=', f.region);
    if (f.indicator) q = q.where('o.indicator', '=', f.indicator);
    if (f.period) q = q.where('o.period', '=', f.period);
    rows.push(...((await q.orderBy('o.change_set', 'desc').limit(limit).execute()) as JoinedRow[]));
  }
  rows.sort((a, b) => b.change_set - a.change_set || b.revision - a.revision);
  return rows.slice(0, limit).map((r) => ({
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
    evidence: r.evidence ?? null,
    source: r.source,
  }));
}

/**
 * When each current value of a period was first entered (its first revision): for timeliness.
 * `regions` and `indicators` narrow it to the values asked about (a plan's counties of a national
 * store: a few hundred rows instead of tens of thousands).
 */
export async function firstEntered(
  store: Store,
  period: string,
  f: Pick<ValueFilter, 'regions' | 'indicators'> = {},
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const list = (xs: readonly string[]) => (xs.length ? [...xs] : ['']);
  for (const table of ['observation', 'observation_history'] as const) {
    let q = store.db
      .selectFrom(`${table} as o` as 'observation as o')
      .innerJoin('change_set as c', 'c.id', 'o.change_set')
      .select(['o.region', 'o.indicator', 'c.at'])
      .where('o.period', '=', period)
      .where('o.revision', '=', 1);
    if (f.regions) q = q.where('o.region', 'in', list(f.regions));
    if (f.indicators) q = q.where('o.indicator', 'in', list(f.indicators));
    for (const r of await q.execute()) out.set(`${r.region}|${r.indicator}`, r.at);
  }
  return out;
}
