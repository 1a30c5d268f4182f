import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { LeitaiError } from '../core/errors/index.js';
import { fileTimestamp, newerVersionError } from './migrate.js';
import { migrations } from './migrations/index.js';

/**
 * Backups and restores. SQLite: the online backup API (a consistent copy while the server runs)
 * and a checked, atomic restore. PostgreSQL: pg_dump when it is installed; a restore is only
 * described (it is destructive, and belongs to the operator).
 */

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);

export const sqlitePath = (url: string) => resolve(url.replace(/^sqlite:/, ''));

/** The migrations a Leitai SQLite file records, after checking it is one. */
export interface SqliteInspection {
  file: string;
  migrations: string[];
  /** Migrations this program has and the file does not: applied on its next start. */
  pending: string[];
}

function bad(what: string, file: string, why: string, reason: string): LeitaiError {
  return new LeitaiError('INPUT_INVALID', `${what} ${file} ${why}`, { file, reason });
}

/**
 * Checks that `file` is a Leitai SQLite database this program can use: a SQLite header, opens
 * and passes SQLite's quick check, has Kysely's migration table with this program's first
 * migration, and no migration this program does not know. Reads only.
 */
export function inspectSqlite(file: string, what = '备份文件', live = false): SqliteInspection {
  if (!existsSync(file)) throw bad(what, file, '不存在 (no such file)', 'no such file');
  const st = statSync(file);
  if (!st.isFile()) throw bad(what, file, '不是普通文件 (not a regular file)', 'not a file');
  if (st.size === 0)
    throw bad(what, file, '是空文件,不是数据库 (empty file, not a database)', 'empty file');
  // Not on a database in use: closing any descriptor of a file drops every POSIX lock this
  // process holds on it, SQLite's included (SQLite itself reports a file that is not a database).
  if (!live && !sqliteHeader(file))
    throw bad(
      what,
      file,
      '不是 SQLite 数据库(文件头不对)(not a SQLite database: bad header)',
      'not a SQLite database',
    );
  // Opening a WAL-mode file, even read-only, makes its -wal and -shm files: removed after,
  // except beside a database in use (`live`), where a server may be creating them meanwhile.
  const sides = live
    ? []
    : ['-wal', '-shm'].map((s) => `${file}${s}`).filter((f) => !existsSync(f));
  try {
    return inspectOpen(file, what);
  } finally {
    for (const f of sides) rmSync(f, { force: true });
  }
}

function inspectOpen(file: string, what: string): SqliteInspection {
  let db: SqliteDatabase.Database;
  try {
    db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw bad(
      what,
      file,
      `无法作为 SQLite 数据库打开: ${(e as Error).message} (cannot be opened)`,
      (e as Error).message,
    );
  }
  try {
    let check: string;
    try {
      check = String(db.pragma('quick_check', { simple: true }));
    } catch (e) {
      check = (e as Error).message;
    }
    if (check !== 'ok')
      throw bad(what, file, `已损坏: ${check} (corrupt database)`, 'corrupt database');
    const table = db
      .prepare(`select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'`)
      .get();
    const known = Object.keys(migrations('sqlite'));
    const names = table
      ? (
          db.prepare('select name from kysely_migration order by name').all() as { name: string }[]
        ).map((r) => r.name)
      : [];
    if (!names.includes(known[0]!))
      throw bad(
        what,
        file,
        '是 SQLite 数据库,但不是擂台 Leitai 的数据库(没有其迁移记录)(a SQLite database, but not a Leitai one)',
        'not a Leitai database',
      );
    const unknown = names.filter((n) => !known.includes(n));
    if (unknown.length) throw newerVersionError(file, unknown);
    return { file, migrations: names, pending: known.filter((n) => !names.includes(n)) };
  } finally {
    db.close();
  }
}

/** A copy in rollback-journal mode: one file, readable without -wal or -shm beside it. */
function selfContained(file: string): void {
  const db = new SqliteDatabase(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

function sqliteHeader(file: string): boolean {
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  return head.equals(SQLITE_HEADER);
}

const tempNear = (file: string, what: string) =>
  resolve(dirname(file), `.${basename(file)}.${what}-${randomBytes(4).toString('hex')}.tmp`);

function refuseExisting(out: string, force: boolean | undefined): void {
  if (existsSync(out) && !force)
    throw new LeitaiError(
      'CONFLICT',
      `文件 ${out} 已存在:未覆盖;要覆盖请加 --force (file exists; use --force to overwrite)`,
      { file: out, reason: 'file exists' },
    );
}

/**
 * Copies the SQLite database at `source` to `out` through SQLite's online backup API: a
 * consistent copy even while a server writes to it. Written to a temporary file beside `out`
 * and renamed into place, so `out` is never half-written.
 */
export async function backupSqlite(
  source: string,
  out: string,
  opts: { force?: boolean } = {},
): Promise<SqliteInspection & { bytes: number }> {
  const from = inspectSqlite(source, '数据库', true);
  out = resolve(out);
  if (out === from.file)
    throw new LeitaiError('INPUT_INVALID', `备份文件 ${out} 不能是数据库本身 (same file)`, {
      file: out,
      reason: 'same file',
    });
  refuseExisting(out, opts.force);
  mkdirSync(dirname(out), { recursive: true });
  const tmp = tempNear(out, 'backup');
  const db = new SqliteDatabase(from.file, { readonly: true, fileMustExist: true });
  try {
    await db.backup(tmp);
    selfContained(tmp);
    inspectSqlite(tmp);
    renameSync(tmp, out);
  } finally {
    db.close();
    rmSync(tmp, { force: true });
  }
  return { ...from, file: out, bytes: statSync(out).size };
}

/**
 * Replaces the SQLite database `target` with the backup `from`, after checking the backup (see
 * `inspectSqlite`) and that nothing has `target` open.
 *
 * A running server (or any leitai command) keeps its connection open, and in WAL mode SQLite
 * holds a SHARED lock on the database file for as long as a connection is open. Opening the
 * file in EXCLUSIVE locking mode with no busy wait therefore fails at once while anyone else has
 * it open, with no lock file or heartbeat that a crash could leave stale; and once taken, the
 * lock keeps every other process out until the restore is done. The backup is copied to a
 * temporary file beside the target and renamed over it (atomic); the replaced file is kept as
 * `<target>.replaced-<time>`.
 */
export async function restoreSqlite(
  fromFile: string,
  targetUrl: string,
  now = new Date(),
): Promise<{ from: SqliteInspection; target: string; replaced?: string }> {
  const from = inspectSqlite(resolve(fromFile));
  const target = sqlitePath(targetUrl);
  if (target === from.file)
    throw new LeitaiError('INPUT_INVALID', `备份文件 ${from.file} 就是要恢复的数据库本身`, {
      file: target,
      reason: 'same file',
    });
  let lock: SqliteDatabase.Database | undefined;
  if (existsSync(target)) {
    inspectTarget(target);
    lock = new SqliteDatabase(target, { fileMustExist: true, timeout: 0 });
    try {
      lock.pragma('locking_mode = EXCLUSIVE');
      lock.prepare('select count(*) from sqlite_master').get();
      // Writes what the WAL holds into the file and leaves no WAL behind (the lock stays ours).
      lock.pragma('journal_mode = DELETE');
    } catch (e) {
      lock.close();
      if (/locked|busy/i.test((e as Error).message))
        throw new LeitaiError(
          'CONFLICT',
          `数据库 ${target} 正在被使用(擂台服务器或其他 leitai 命令打开着它):请先停止服务器再恢复;未做任何改动 (database in use: stop the server first; nothing was changed)`,
          { file: target, reason: 'database in use' },
        );
      throw e;
    }
  }
  const tmp = tempNear(target, 'restore');
  const source = new SqliteDatabase(from.file, { readonly: true, fileMustExist: true });
  let replaced: string | undefined;
  try {
    await source.backup(tmp);
    selfContained(tmp);
    inspectSqlite(tmp);
    if (lock) {
      replaced = `${target}.replaced-${fileTimestamp(now)}`;
      try {
        linkSync(target, replaced);
      } catch {
        copyFileSync(target, replaced);
      }
    }
    renameSync(tmp, target);
    // Left by the replaced file's connections; never to be read with the restored one.
    for (const side of ['-wal', '-shm']) rmSync(`${target}${side}`, { force: true });
  } finally {
    source.close();
    lock?.close();
    rmSync(tmp, { force: true });
  }
  return { from, target, ...(replaced ? { replaced } : {}) };
}

/** The target of a restore: a Leitai database (of any version), never some other file. */
function inspectTarget(target: string): void {
  try {
    inspectSqlite(target, '数据库', true);
  } catch (e) {
    // A database from a newer version may be replaced by an older backup: the operator's call.
    if (e instanceof LeitaiError && e.details.reason === 'database from a newer Leitai version')
      return;
    throw e;
  }
}

/** A PostgreSQL URL taken apart for pg_dump/pg_restore: password by environment, never argv. */
function pgParts(url: string): {
  dbname: string;
  shown: string;
  password?: string;
  schema?: string;
} {
  const u = new URL(url);
  const schema = u.searchParams.get('schema') ?? undefined;
  u.searchParams.delete('schema');
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  u.password = '';
  const dbname = u.toString();
  return {
    dbname,
    shown: dbname,
    ...(password ? { password } : {}),
    ...(schema ? { schema } : {}),
  };
}

const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** A plain SQL dump for a `.sql` file (restored with psql), otherwise pg_dump's custom format. */
export const pgFormat = (out: string): 'plain' | 'custom' =>
  out.toLowerCase().endsWith('.sql') ? 'plain' : 'custom';

export function pgDumpArgs(
  url: string,
  out: string,
  format = pgFormat(out),
): { args: string[]; command: string } {
  const p = pgParts(url);
  const args = [
    `--dbname=${p.dbname}`,
    ...(p.schema ? [`--schema=${p.schema}`] : []),
    `--format=${format}`,
    '--clean',
    '--if-exists',
    '--no-owner',
    `--file=${out}`,
  ];
  const env = p.password ? 'PGPASSWORD=… ' : '';
  return { args, command: `${env}pg_dump ${args.map(quote).join(' ')}` };
}

export type PgDumpOutcome =
  { ran: true; file: string; bytes: number } | { ran: false; command: string };

/**
 * Runs pg_dump when it is on PATH (to a temporary file, renamed into place); otherwise returns
 * the exact command to run.
 */
export function backupPostgres(
  url: string,
  out: string,
  opts: { force?: boolean; pgDump?: string } = {},
): PgDumpOutcome {
  out = resolve(out);
  refuseExisting(out, opts.force);
  const tool = opts.pgDump ?? 'pg_dump';
  const probe = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  if (probe.error) return { ran: false, command: pgDumpArgs(url, out).command };
  mkdirSync(dirname(out), { recursive: true });
  const tmp = tempNear(out, 'backup');
  const { args } = pgDumpArgs(url, tmp, pgFormat(out));
  const password = pgParts(url).password;
  try {
    const r = spawnSync(tool, args, {
      encoding: 'utf8',
      env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
    });
    if (r.status !== 0)
      throw new LeitaiError(
        'UNAVAILABLE',
        `pg_dump 备份失败: ${(r.stderr || r.error?.message || '').trim()} (pg_dump failed)`,
        { reason: r.stderr },
        false,
      );
    renameSync(tmp, out);
  } finally {
    rmSync(tmp, { force: true });
  }
  return { ran: true, file: out, bytes: statSync(out).size };
}

/** What to run to restore a PostgreSQL backup: printed, never run (it replaces the tables). */
export function pgRestoreCommand(url: string, from: string): string {
  const p = pgParts(url);
  const file = resolve(from);
  const env = p.password ? 'PGPASSWORD=… ' : '';
  return pgFormat(file) === 'plain'
    ? `${env}psql ${quote(`--dbname=${p.dbname}`)} --single-transaction -v ON_ERROR_STOP=1 ${quote(`--file=${file}`)}`
    : `${env}pg_restore ${quote(`--dbname=${p.dbname}`)} --clean --if-exists --no-owner --single-transaction ${quote(file)}`;
}
