import { randomInt } from 'node:crypto';
import { LeitaiError } from '../core/errors/index.js';
import type { Register } from '../core/regions/index.js';
import { parseActor, type Role } from '../core/review/index.js';
import { adminLog, recordAdmin, type AdminEntry } from '../store/admin-log.js';
import type { Store } from '../store/db.js';
import {
  checkUserScope,
  deleteSessionsOf,
  insertUser,
  listUsers,
  updateUser,
  userRecord,
  type User,
} from '../store/users.js';
import { loadDepartmentNames } from '../io/departments.js';
import { hashPassword } from './password.js';
import type { Reference } from './reference.js';

/**
 * The user operations of `leitai user …` and of the API's /users: one implementation, so both
 * check the same rules and both leave the same admin-log records (never a password).
 */

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;
export const USERNAME_PATTERN = '^[A-Za-z0-9_.-]{2,64}$';
export const ROLES: readonly Role[] = [
  'province',
  'department',
  'prefecture',
  'county',
  'observer',
];

export function checkUsername(username: string): void {
  if (!new RegExp(USERNAME_PATTERN).test(username))
    throw new LeitaiError(
      'INPUT_INVALID',
      `用户名「${username}」无效: 只能包含字母、数字和 _.-,长 2–64 个字符`,
      { field: 'username', value: username, reason: 'bad username' },
    );
}

export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new LeitaiError('INPUT_INVALID', `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`, {
      field: 'password',
      reason: 'password too short',
    });
  if (password.length > MAX_PASSWORD_LENGTH)
    throw new LeitaiError('INPUT_INVALID', `密码最多 ${MAX_PASSWORD_LENGTH} 个字符`, {
      field: 'password',
      reason: 'password too long',
    });
}

/** Letters and digits that cannot be mistaken for one another when read aloud or copied by hand. */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/** A new random password of 16 characters (about 93 bits), to be shown once. */
export function generatePassword(): string {
  let s = '';
  for (let i = 0; i < 16; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

/** The departments a department user may be: those the plans and the catalogue name. */
export function knownDepartments(ref: Pick<Reference, 'plans' | 'indicators'>): string[] {
  const set = new Set<string>();
  for (const i of ref.indicators) for (const d of i.departments ?? []) set.add(d);
  for (const p of ref.plans) for (const t of p.targets) for (const d of t.departments) set.add(d);
  // A department is known by each of its names (data/departments.json): its canonical name and
  // its aliases, so a user may be created under the name a document prints.
  const names = loadDepartmentNames();
  for (const d of [...set]) {
    const canonical = names.canonical(d);
    set.add(canonical);
    for (const a of names.aliasesOf(canonical)) set.add(a);
  }
  return [...set].sort();
}

/** Who makes a change, when, and the departments a new scope may name. */
export interface AdminActor {
  actor: string;
  at: string;
  departments: readonly string[];
}

export interface UserInput {
  username: string;
  /** `province`, `observer`, `county:230183`, `prefecture:230100` or `department:省财政厅`. */
  scope: string;
  displayName?: string;
  /** Absent: a password is generated and returned once. */
  password?: string;
}

type Scope = Pick<User, 'role' | 'region' | 'department'>;

/** Checks a scope as `--as` writes it against the register and the departments. */
async function scopeOf(store: Store, spec: string, by: AdminActor): Promise<Scope> {
  const actor = parseActor('x', spec);
  await checkUserScope(store, actor, spec);
  if (actor.role === 'department' && !by.departments.includes(actor.department ?? ''))
    throw new LeitaiError(
      'INPUT_INVALID',
      `身份「${spec}」无效: 部门「${actor.department}」不是计划或指标目录中的责任部门`,
      { field: 'department', value: spec, reason: 'unknown department' },
    );
  return { role: actor.role, region: actor.region ?? null, department: actor.department ?? null };
}

const publicView = (u: Scope & { displayName: string; disabled?: boolean }) => ({
  role: u.role,
  region: u.region,
  department: u.department,
  displayName: u.displayName,
  ...(u.disabled === undefined ? {} : { disabled: u.disabled }),
});

const noSuchUser = (username: string) =>
  new LeitaiError('NOT_FOUND', `没有用户「${username}」`, {
    value: username,
    reason: 'no such user',
  });

/**
 * Adds a user. A name that exists is refused (CONFLICT, nothing changed) unless `replace`
 * (the CLI's `user add` on an existing name): then its password, scope and name are replaced,
 * its sessions ended and it is enabled again. Returns the generated password if none was given.
 */
export async function addUser(
  store: Store,
  input: UserInput,
  by: AdminActor,
  o: { replace?: boolean } = {},
): Promise<{ outcome: 'added' | 'updated'; user: User; password?: string }> {
  checkUsername(input.username);
  if (input.password !== undefined) checkPassword(input.password);
  const scope = await scopeOf(store, input.scope, by);
  const password = input.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const user: User = {
    username: input.username,
    ...scope,
    displayName: input.displayName?.trim() || input.username,
    demo: false,
  };
  const outcome = await store.db.transaction().execute(async (trx) => {
    const prior = await userRecord(trx, input.username);
    if (prior && !o.replace)
      throw new LeitaiError(
        'CONFLICT',
        `用户名「${input.username}」已存在(${prior.displayName}),请换一个用户名;如要重设其密码,请在用户列表中操作`,
        { field: 'username', value: input.username, reason: 'username exists' },
      );
    if (prior) {
      await updateUser(trx, input.username, {
        passwordHash,
        role: user.role,
        region: user.region,
        department: user.department,
        displayName: user.displayName,
        disabled: false,
      });
      const ended = await deleteSessionsOf(trx, input.username);
      await recordAdmin(trx, {
        at: by.at,
        actor: by.actor,
        action: 'user.update',
        target: `user:${input.username}`,
        old: publicView(prior),
        new: {
          ...publicView({ ...user, disabled: false }),
          passwordReset: true,
          sessionsEnded: ended,
        },
        reason: null,
      });
      return 'updated' as const;
    }
    await insertUser(trx, { ...user, passwordHash, at: by.at });
    await recordAdmin(trx, {
      at: by.at,
      actor: by.actor,
      action: 'user.add',
      target: `user:${input.username}`,
      old: null,
      new: publicView(user),
      reason: null,
    });
    return 'added' as const;
  });
  return { outcome, user, ...(input.password === undefined ? { password } : {}) };
}

/**
 * Sets a new password (the one given, or a generated one returned once) and ends every session
 * of the user. Whether the user is disabled stays as it was.
 */
export async function resetPassword(
  store: Store,
  username: string,
  by: Omit<AdminActor, 'departments'>,
  given?: string,
): Promise<{ password?: string; sessionsEnded: number }> {
  if (given !== undefined) checkPassword(given);
  const password = given ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const ended = await store.db.transaction().execute(async (trx) => {
    if (!(await updateUser(trx, username, { passwordHash }))) throw noSuchUser(username);
    const n = await deleteSessionsOf(trx, username);
    await recordAdmin(trx, {
      at: by.at,
      actor: by.actor,
      action: 'user.password',
      target: `user:${username}`,
      old: null,
      new: { generated: given === undefined, sessionsEnded: n },
      reason: null,
    });
    return n;
  });
  return { ...(given === undefined ? { password } : {}), sessionsEnded: ended };
}

/**
 * Disables a user (ending its sessions: it can no longer sign in) or enables it again. The
 * acting administrator cannot disable themself. Doing what is already so changes nothing.
 */
export async function setDisabled(
  store: Store,
  username: string,
  disabled: boolean,
  by: Omit<AdminActor, 'departments'>,
): Promise<{ changed: boolean; sessionsEnded: number }> {
  if (disabled && username === by.actor)
    throw new LeitaiError('INPUT_INVALID', '不能停用自己的账户:请由另一位管理员操作', {
      field: 'username',
      value: username,
      reason: 'cannot disable oneself',
    });
  return store.db.transaction().execute(async (trx) => {
    const prior = await userRecord(trx, username);
    if (!prior) throw noSuchUser(username);
    if (prior.disabled === disabled) return { changed: false, sessionsEnded: 0 };
    await updateUser(trx, username, { disabled });
    const n = disabled ? await deleteSessionsOf(trx, username) : 0;
    await recordAdmin(trx, {
      at: by.at,
      actor: by.actor,
      action: disabled ? 'user.disable' : 'user.enable',
      target: `user:${username}`,
      old: { disabled: prior.disabled },
      new: { disabled, ...(disabled ? { sessionsEnded: n } : {}) },
      reason: null,
    });
    return { changed: true, sessionsEnded: n };
  });
}

/** Removes a user and its sessions (the CLI's `user remove`); its audit trail stays. */
export async function removeUserAccount(
  store: Store,
  username: string,
  by: Omit<AdminActor, 'departments'>,
): Promise<void> {
  if (username === by.actor)
    throw new LeitaiError('INPUT_INVALID', '不能删除自己的账户', {
      value: username,
      reason: 'cannot remove oneself',
    });
  await store.db.transaction().execute(async (trx) => {
    const prior = await userRecord(trx, username);
    if (!prior) throw noSuchUser(username);
    await deleteSessionsOf(trx, username);
    await trx.deleteFrom('app_user').where('username', '=', username).execute();
    await recordAdmin(trx, {
      at: by.at,
      actor: by.actor,
      action: 'user.remove',
      target: `user:${username}`,
      old: publicView(prior),
      new: null,
      reason: null,
    });
  });
}

export interface UserListing extends User {
  disabled: boolean;
  createdAt: string;
  /** The scope's region name (county or prefecture users), from the register. */
  regionName: string | null;
  /** The prefecture of a county user's region. */
  prefectureName: string | null;
  /** The scope as `--as` writes it. */
  scope: string;
}

export const scopeText = (u: Scope): string =>
  u.region ? `${u.role}:${u.region}` : u.department ? `${u.role}:${u.department}` : u.role;

/** Every user, by name, without password hashes, with the names of their scope. */
export async function userListing(store: Store, register: Register): Promise<UserListing[]> {
  return (await listUsers(store)).map((u) => {
    const region = u.region ? register.get(u.region) : undefined;
    const parent = region?.parent ? register.get(region.parent) : undefined;
    return {
      ...u,
      regionName: region?.name ?? null,
      prefectureName: u.role === 'county' ? (parent?.name ?? null) : null,
      scope: scopeText(u),
    };
  });
}

/** The admin-log records of one user, newest first. */
export function userHistory(store: Store, username: string, limit = 100): Promise<AdminEntry[]> {
  return adminLog(store, { target: `user:${username}`, limit });
}
