import { createHash } from 'node:crypto';
import { sql, type Kysely, type Selectable, type Transaction, type Updateable } from 'kysely';
import { LeitaiError } from '../core/errors/index.js';
import type { Actor, Role } from '../core/review/index.js';
import type { Store } from './db.js';
import type { Database, UserTable } from './schema.js';

/** The store's database or a transaction on it: the row functions below run in either. */
type Db = Kysely<Database> | Transaction<Database>;

export interface User {
  username: string;
  role: Role;
  region: string | null;
  department: string | null;
  displayName: string;
  demo: boolean;
}

export function toActor(u: User): Actor {
  return {
    name: u.username,
    role: u.role,
    ...(u.region ? { region: u.region } : {}),
    ...(u.department ? { department: u.department } : {}),
  };
}

/**
 * Adds a user, or replaces the password and scope of an existing one (a password reset): that
 * ends the user's sessions and enables the user again.
 */
export async function saveUser(
  store: Store,
  u: User & { passwordHash: string; at: string },
): Promise<'added' | 'updated'> {
  const row = {
    password_hash: u.passwordHash,
    role: u.role,
    region: u.region,
    department: u.department,
    display_name: u.displayName,
    demo: u.demo ? 1 : 0,
  };
  return store.db.transaction().execute(async (trx) => {
    const prior = await trx
      .selectFrom('app_user')
      .select('username')
      .where('username', '=', u.username)
      .executeTakeFirst();
    if (prior) {
      await trx
        .updateTable('app_user')
        .set({ ...row, disabled: 0 })
        .where('username', '=', u.username)
        .execute();
      await trx.deleteFrom('app_session').where('username', '=', u.username).execute();
      return 'updated';
    }
    await trx
      .insertInto('app_user')
      .values({ username: u.username, created_at: u.at, ...row })
      .execute();
    return 'added';
  });
}

/**
 * Refuses a county or prefecture scope that is not a region of that level in this database's
 * register (a typo would otherwise make a user who sees nothing).
 */
export async function checkUserScope(store: Store, actor: Actor, spec: string): Promise<void> {
  if (actor.role !== 'county' && actor.role !== 'prefecture') return;
  const r = await store.db
    .selectFrom('region')
    .select(['name', 'level'])
    .where('code', '=', actor.region ?? '')
    .executeTakeFirst();
  if (!r)
    throw new LeitaiError(
      'INPUT_INVALID',
      `身份「${spec}」无效: 区划代码 ${actor.region} 不在数据库 ${store.label} 的区划名录中`,
      { value: spec, reason: 'no such region' },
    );
  if (r.level !== actor.role)
    throw new LeitaiError(
      'INPUT_INVALID',
      `身份「${spec}」无效: 区划 ${actor.region} ${r.name} 是${LEVEL_NAMES[r.level] ?? r.level},不是${LEVEL_NAMES[actor.role]}`,
      { value: spec, reason: `region is a ${r.level}, not a ${actor.role}` },
    );
}

const LEVEL_NAMES: Record<string, string> = {
  province: '省级区划',
  prefecture: '地级区划',
  county: '县级区划',
};

function toUser(r: Selectable<UserTable>): User {
  return {
    username: r.username,
    role: r.role as Role,
    region: r.region,
    department: r.department,
    displayName: r.display_name,
    demo: r.demo === 1,
  };
}

export async function findUser(
  store: Store,
  username: string,
): Promise<(User & { passwordHash: string; disabled: boolean }) | undefined> {
  const r = await store.db
    .selectFrom('app_user')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst();
  if (!r) return undefined;
  return { ...toUser(r), passwordHash: r.password_hash, disabled: r.disabled === 1 };
}

/** One user's row without its password hash, in `db` (a transaction's view). */
export async function userRecord(
  db: Db,
  username: string,
): Promise<(User & { disabled: boolean; createdAt: string }) | undefined> {
  const r = await db
    .selectFrom('app_user')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst();
  return r ? { ...toUser(r), disabled: r.disabled === 1, createdAt: r.created_at } : undefined;
}

/** Inserts a new user; the caller has made sure the name is free (in the same transaction). */
export async function insertUser(
  db: Db,
  u: User & { passwordHash: string; at: string },
): Promise<void> {
  await db
    .insertInto('app_user')
    .values({
      username: u.username,
      password_hash: u.passwordHash,
      role: u.role,
      region: u.region,
      department: u.department,
      display_name: u.displayName,
      demo: u.demo ? 1 : 0,
      created_at: u.at,
    })
    .execute();
}

/** Changes fields of a user; false if there is no such user. Sessions are left alone. */
export async function updateUser(
  db: Db,
  username: string,
  set: Partial<{
    passwordHash: string;
    role: Role;
    region: string | null;
    department: string | null;
    displayName: string;
    disabled: boolean;
  }>,
): Promise<boolean> {
  const row: Updateable<UserTable> = {};
  if (set.passwordHash !== undefined) row.password_hash = set.passwordHash;
  if (set.role !== undefined) row.role = set.role;
  if (set.region !== undefined) row.region = set.region;
  if (set.department !== undefined) row.department = set.department;
  if (set.displayName !== undefined) row.display_name = set.displayName;
  if (set.disabled !== undefined) row.disabled = set.disabled ? 1 : 0;
  const r = await db
    .updateTable('app_user')
    .set(row)
    .where('username', '=', username)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Ends every session of `username` in `db`. Returns how many there were. */
export async function deleteSessionsOf(db: Db, username: string): Promise<number> {
  const r = await db.deleteFrom('app_session').where('username', '=', username).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Every user, by name, without password hashes. */
export async function listUsers(
  store: Store,
): Promise<(User & { disabled: boolean; createdAt: string })[]> {
  const rows = await store.db.selectFrom('app_user').selectAll().orderBy('username').execute();
  return rows.map((r) => ({ ...toUser(r), disabled: r.disabled === 1, createdAt: r.created_at }));
}

/** Ends every session of `username`. Returns how many there were. */
export async function endSessions(store: Store, username: string): Promise<number> {
  const r = await store.db
    .deleteFrom('app_session')
    .where('username', '=', username)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Disables a user and ends its sessions; false if there is no such user. */
export async function disableUser(store: Store, username: string): Promise<boolean> {
  return store.db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('app_user')
      .set({ disabled: 1 })
      .where('username', '=', username)
      .executeTakeFirst();
    await trx.deleteFrom('app_session').where('username', '=', username).execute();
    return Number(r.numUpdatedRows) > 0;
  });
}

/** Removes a user and its sessions; false if there is no such user. Its audit trail stays. */
export async function removeUser(store: Store, username: string): Promise<boolean> {
  return store.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('app_session').where('username', '=', username).execute();
    const r = await trx.deleteFrom('app_user').where('username', '=', username).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  });
}

export async function countUsers(store: Store): Promise<number> {
  const r = await store.db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Session ids are stored as their SHA-256: the table alone never yields a usable cookie. */
export const sessionKey = (id: string) => createHash('sha256').update(id).digest('hex');

export async function createSession(
  store: Store,
  s: { id: string; username: string; csrf: string; at: string; expiresAt: string },
): Promise<void> {
  await store.db
    .insertInto('app_session')
    .values({
      id_hash: sessionKey(s.id),
      username: s.username,
      csrf: s.csrf,
      created_at: s.at,
      expires_at: s.expiresAt,
    })
    .execute();
}

export async function findSession(
  store: Store,
  id: string,
  now: string,
): Promise<{ user: User; csrf: string } | undefined> {
  const s = await store.db
    .selectFrom('app_session')
    .selectAll()
    .where('id_hash', '=', sessionKey(id))
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (!s) return undefined;
  const u = await findUser(store, s.username);
  // A disabled user's sessions are ended, but one read before that must not outlive it.
  if (!u || u.disabled) return undefined;
  const { passwordHash: _hash, disabled: _disabled, ...user } = u;
  return { user, csrf: s.csrf };
}

export async function deleteSession(store: Store, id: string): Promise<void> {
  await store.db.deleteFrom('app_session').where('id_hash', '=', sessionKey(id)).execute();
}

export async function recordLogin(
  store: Store,
  a: { username: string; address: string; at: string; ok: boolean },
): Promise<void> {
  await store.db
    .insertInto('login_attempt')
    .values({ ...a, ok: a.ok ? 1 : 0 })
    .execute();
}

/** How many failed logins a window allows, per (user name, address) and per address. */
export const LOGIN_LIMITS = { windowMinutes: 15, perUser: 5, perAddress: 20 } as const;

/**
 * How long the record of login attempts (`login_attempt`, written by every checked login) is
 * kept before `pruneExpired` removes it: 30 days, for an operator looking into a run of failed
 * logins. Throttling never reads that record (it counts in `login_throttle`, whose rows outlive
 * their `LOGIN_LIMITS.windowMinutes` window by nothing), so this only has to be longer than the
 * window, which it is by far.
 */
export const LOGIN_ATTEMPT_KEEP_HOURS = 30 * 24;

/**
 * Reserves a login attempt before its password is checked: one atomic upsert per counter, so
 * of N simultaneous attempts (on any number of instances) only those within the limits get
 * `allowed`; the others are refused unchecked. Counting per (user, address) and per address,
 * never per user alone, means a stranger's failures elsewhere never lock the owner out.
 * A success gives its reservation back (`loginSucceeded`).
 */
export async function reserveLogin(
  store: Store,
  a: { username: string; address: string; at: string },
  limits: { windowMinutes: number; perUser: number; perAddress: number } = LOGIN_LIMITS,
): Promise<{
  allowed: boolean;
  /** This attempt's number for its user at its address. */
  byUser: number;
  /** Its number for its address; 0 if it was refused for its user already. */
  byAddress: number;
}> {
  const since = new Date(Date.parse(a.at) - limits.windowMinutes * 60_000).toISOString();
  const bump = async (username: string) => {
    const r = await store.db
      .insertInto('login_throttle')
      .values({ username, address: a.address, window_start: a.at, failures: 1 })
      .onConflict((oc) =>
        oc.columns(['username', 'address']).doUpdateSet({
          // A window that has run out starts again with this attempt.
          failures: sql<number>`case when login_throttle.window_start > ${since} then login_throttle.failures + 1 else 1 end`,
          window_start: sql<string>`case when login_throttle.window_start > ${since} then login_throttle.window_start else ${a.at} end`,
        }),
      )
      .returning('failures')
      .executeTakeFirstOrThrow();
    return Number(r.failures);
  };
  const byUser = await bump(a.username);
  // An attempt refused for its user is not counted against its address as well: the address
  // counts the attempts it got checked (so a refused one can never push a checked one out).
  if (byUser > limits.perUser) return { allowed: false, byUser, byAddress: 0 };
  const byAddress = await bump(ADDRESS_ONLY);
  return { allowed: byAddress <= limits.perAddress, byUser, byAddress };
}

/** The per-address counter's row has this user name (a real one is never empty). */
const ADDRESS_ONLY = '';

/**
 * A successful login clears its (user, address) count and gives back its reservation on the
 * address (an office of many users behind one address is not throttled by its successes).
 * Counters whose window has run out are removed on the way.
 */
export async function loginSucceeded(
  store: Store,
  a: { username: string; address: string; at: string },
  limits: { windowMinutes: number } = LOGIN_LIMITS,
): Promise<void> {
  const since = new Date(Date.parse(a.at) - limits.windowMinutes * 60_000).toISOString();
  await store.db
    .deleteFrom('login_throttle')
    .where((eb) =>
      eb.or([
        eb.and([eb('username', '=', a.username), eb('address', '=', a.address)]),
        eb('window_start', '<=', since),
      ]),
    )
    .execute();
  await store.db
    .updateTable('login_throttle')
    .set((eb) => ({ failures: eb('failures', '-', 1) }))
    .where('username', '=', ADDRESS_ONLY)
    .where('address', '=', a.address)
    .where('failures', '>', 0)
    .execute();
}

export async function publish(
  store: Store,
  period: string,
  by: string,
  at: string,
): Promise<boolean> {
  const r = await store.db
    .insertInto('publication')
    .values({ period, published_at: at, published_by: by })
    .onConflict((oc) => oc.column('period').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function publishedPeriods(store: Store): Promise<Set<string>> {
  const rows = await store.db.selectFrom('publication').select('period').execute();
  return new Set(rows.map((r) => r.period));
}

/** Whether a period is published, and by whom and when. */
export async function publicationOf(
  store: Store,
  period: string,
): Promise<{ publishedAt: string; publishedBy: string } | undefined> {
  const r = await store.db
    .selectFrom('publication')
    .selectAll()
    .where('period', '=', period)
    .executeTakeFirst();
  return r ? { publishedAt: r.published_at, publishedBy: r.published_by } : undefined;
}
