import { createHash } from 'node:crypto';
import type { Actor, Role } from '../core/review/index.js';
import type { Store } from './db.js';

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

/** Adds a user, or replaces the password and scope of an existing one. */
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
  const prior = await store.db
    .selectFrom('app_user')
    .select('username')
    .where('username', '=', u.username)
    .executeTakeFirst();
  if (prior) {
    await store.db.updateTable('app_user').set(row).where('username', '=', u.username).execute();
    return 'updated';
  }
  await store.db
    .insertInto('app_user')
    .values({ username: u.username, created_at: u.at, ...row })
    .execute();
  return 'added';
}

export async function findUser(
  store: Store,
  username: string,
): Promise<(User & { passwordHash: string }) | undefined> {
  const r = await store.db
    .selectFrom('app_user')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    username: r.username,
    role: r.role as Role,
    region: r.region,
    department: r.department,
    displayName: r.display_name,
    demo: r.demo === 1,
    passwordHash: r.password_hash,
  };
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
  if (!u) return undefined;
  const { passwordHash: _hash, ...user } = u;
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

/** Failed attempts since `since`, for this user name and for this address. */
export async function failedLogins(
  store: Store,
  a: { username: string; address: string; since: string },
): Promise<{ byUser: number; byAddress: number }> {
  const count = async (col: 'username' | 'address', v: string) => {
    const r = await store.db
      .selectFrom('login_attempt')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(col, '=', v)
      .where('ok', '=', 0)
      .where('at', '>', a.since)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  };
  return {
    byUser: await count('username', a.username),
    byAddress: await count('address', a.address),
  };
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
