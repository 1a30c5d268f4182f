import type { Store } from './db.js';

/** A reminder (催报) to one county about one plan's period, as the API shows it. */
export interface Reminder {
  id: number;
  plan: string;
  period: string;
  region: string;
  /** Due date, YYYY-MM-DD. */
  due: string;
  /** Values still missing when it was sent. */
  missing: number;
  note: string | null;
  /** User name of the sender; `system` for automatic reminders. */
  sentBy: string;
  sentAt: string;
  /** Sent by the server's job the day after the due date. */
  auto: boolean;
  readBy: string | null;
  readAt: string | null;
}

export type NewReminder = Omit<Reminder, 'id' | 'auto' | 'readBy' | 'readAt'> & {
  /** Set on automatic reminders: plan|period|region, unique, so each is made once. */
  autoKey?: string;
};

/** Rows per INSERT: well below SQLite's bound on statement parameters. */
const CHUNK = 500;

/**
 * Records reminders, all or none. Automatic ones (with `autoKey`) that already exist are skipped
 * (ON CONFLICT DO NOTHING on the unique key), so instances sharing the database make each once.
 * Returns how many were written.
 */
export async function addReminders(store: Store, rows: readonly NewReminder[]): Promise<number> {
  if (rows.length === 0) return 0;
  const insert = async (db: Store['db'], part: readonly NewReminder[]) => {
    const r = await db
      .insertInto('reminder')
      .values(
        part.map((x) => ({
          plan: x.plan,
          period: x.period,
          region: x.region,
          due: x.due,
          missing: x.missing,
          note: x.note,
          sent_by: x.sentBy,
          sent_at: x.sentAt,
          auto_key: x.autoKey ?? null,
          read_by: null,
          read_at: null,
        })),
      )
      .onConflict((oc) => oc.column('auto_key').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0);
  };
  // One statement is atomic by itself, and holds SQLite's write lock for no longer than it runs
  // (an open transaction would block another connection of the same process until it times out).
  if (rows.length <= CHUNK) return insert(store.db, rows);
  return store.db.transaction().execute(async (trx) => {
    let n = 0;
    for (let i = 0; i < rows.length; i += CHUNK)
      n += await insert(trx as unknown as Store['db'], rows.slice(i, i + CHUNK));
    return n;
  });
}

export interface ReminderFilter {
  /** Only reminders to these regions; undefined for every region. */
  regions?: readonly string[];
  plan?: string;
  period?: string;
  /** Only those not yet marked read. */
  unread?: boolean;
}

export interface ReminderPage {
  /** How many match the filter. */
  total: number;
  /** How many of those are unread. */
  unread: number;
  /** Newest first, `limit` from `offset`. */
  items: Reminder[];
}

/** Reminders matching the filter, newest first, one page of them, with the counts. */
export async function listReminders(
  store: Store,
  f: ReminderFilter & { limit: number; offset?: number },
): Promise<ReminderPage> {
  if (f.regions && f.regions.length === 0) return { total: 0, unread: 0, items: [] };
  let q = store.db.selectFrom('reminder');
  if (f.regions) q = q.where('region', 'in', [...f.regions]);
  if (f.plan) q = q.where('plan', '=', f.plan);
  if (f.period) q = q.where('period', '=', f.period);
  if (f.unread) q = q.where('read_at', 'is', null);
  const counts = await q
    .select((eb) => [
      eb.fn.countAll<number | string>().as('total'),
      eb.fn.count<number | string>('id').filterWhere('read_at', 'is', null).as('unread'),
    ])
    .executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .orderBy('sent_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit)
    .offset(f.offset ?? 0)
    .execute();
  return {
    total: Number(counts.total),
    unread: Number(counts.unread),
    items: rows.map((r) => ({
      id: Number(r.id),
      plan: r.plan,
      period: r.period,
      region: r.region,
      due: r.due,
      missing: Number(r.missing),
      note: r.note,
      sentBy: r.sent_by,
      sentAt: r.sent_at,
      auto: r.auto_key !== null,
      readBy: r.read_by,
      readAt: r.read_at,
    })),
  };
}

/**
 * Marks a county's unread reminders read (those named by `ids`, or all), by whom and when.
 * Reminders to other regions are never touched. Returns how many were marked.
 */
export async function markRemindersRead(
  store: Store,
  o: { region: string; by: string; at: string; ids?: readonly number[] },
): Promise<number> {
  if (o.ids && o.ids.length === 0) return 0;
  let q = store.db
    .updateTable('reminder')
    .set({ read_by: o.by, read_at: o.at })
    .where('region', '=', o.region)
    .where('read_at', 'is', null);
  if (o.ids) q = q.where('id', 'in', [...o.ids]);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}
