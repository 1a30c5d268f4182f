import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { sql } from 'kysely';
import type { Dialect, Store } from '../store/store.js';
import {
  hasTable,
  InspectError,
  inspectStore,
  migrationStatus,
  type MigrationStatus,
} from '../store/migration-status.js';
import { listUsers } from '../store/users.js';

/**
 * `leitai doctor`: what a running installation needs, checked one by one. The facts are gathered
 * first (gatherFacts: the only part that touches the database, the disk, the clock and the
 * network, and changes nothing), then judged (diagnose: pure), so every verdict can be tested.
 */

/** What was found; an absent part could not be looked at (its database was not reachable). */
export interface DoctorFacts {
  database: {
    /** Where, without a password. */
    label: string;
    dialect?: Dialect;
    /** Why it could not be opened. */
    error?: string;
    /** A SQLite file that does not exist. */
    missing?: boolean;
  };
  migrations?: MigrationStatus;
  /** Active (not disabled) province users, and how many of them are demo logins. */
  administrators?: { active: number; demo: number };
  /** The file system holding the SQLite file. */
  disk?: { path: string; freeBytes: number; totalBytes: number };
  /** This process's time zone (what the logs and the dates of the command line use). */
  timeZone: string;
  /** PostgreSQL's clock minus ours, in milliseconds. */
  databaseClockSkewMs?: number;
  /** The server at --url: its /api/health answer, or why there was none. */
  server?: {
    url: string;
    error?: string;
    health?: { status?: string; database?: string; secureCookies?: boolean; trustProxy?: boolean };
  };
}

export type Mark = 'ok' | 'warn' | 'fail';

export interface Check {
  mark: Mark;
  /** What was checked and what was found, Chinese first. */
  text: string;
  /** What to do about it (when not ok). */
  fix?: string;
}

/** The time zone the installation runs in, and its other names. */
export const TIME_ZONE = 'Asia/Shanghai';
const SAME_ZONE = new Set([TIME_ZONE, 'Asia/Harbin', 'Asia/Chongqing', 'Asia/Chungking', 'PRC']);
/** Below either bound of free space on the database's disk, the doctor warns. */
export const DISK_MIN_FREE_BYTES = 1024 ** 3;
export const DISK_MIN_FREE_SHARE = 0.1;
/** How far PostgreSQL's clock may be from ours. */
export const MAX_CLOCK_SKEW_MS = 60_000;

const GB = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GB`;
const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** The verdicts, one per check, in the order they are printed. */
export function diagnose(f: DoctorFacts): Check[] {
  const checks: Check[] = [];
  const db = `--db ${quote(f.database.label)}`;
  if (f.database.error !== undefined) {
    checks.push({
      mark: 'fail',
      text: f.database.missing
        ? `数据库不存在 database missing: ${f.database.label}`
        : `数据库不可达 database unreachable: ${f.database.label}: ${f.database.error}`,
      fix: f.database.missing
        ? `检查 LEITAI_DB / --db 是否指向正确的文件;新安装请先建库: leitai db init ${db}`
        : `检查 LEITAI_DB / --db (地址、用户、密码、schema),以及数据库服务是否在运行 (check the URL and that the server runs)`,
    });
  } else {
    checks.push({
      mark: 'ok',
      text: `数据库可达 database reachable: ${f.database.label} (${f.database.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'})`,
    });
  }

  const m = f.migrations;
  if (m) {
    if (m.unknown.length > 0)
      checks.push({
        mark: 'fail',
        text: `数据库来自更新的版本 database is from a newer version: 本程序不认识的迁移 ${m.unknown.join(', ')}`,
        fix: '升级 Leitai 到写入此数据库的版本或更新版本 (upgrade Leitai); 不要用旧版本启动它',
      });
    else if (m.changed.length > 0)
      checks.push({
        mark: 'fail',
        text: `已应用的迁移与本程序的不一致 applied migrations differ: ${m.changed.join(', ')}`,
        fix: '使用与此数据库匹配的 Leitai 发行版 (use the matching release); 已发布的迁移不得修改',
      });
    else if (m.applied.length === 0)
      checks.push({
        mark: 'fail',
        text: '数据库尚未初始化 database not initialised: 没有任何表 (no tables)',
        fix: `建库: leitai db init ${db}`,
      });
    else if (m.pending.length > 0)
      checks.push({
        mark: 'fail',
        text: `有待应用的迁移 migrations pending: ${m.pending.join(', ')}`,
        fix: `应用迁移: leitai db migrate ${db} (服务启动时也会自动应用 applied on start)`,
      });
    else
      checks.push({
        mark: 'ok',
        text: `迁移已是最新 migrations current: ${m.applied.length} 个,最新 ${m.applied.at(-1)}`,
      });
  }

  const a = f.administrators;
  if (a) {
    const add = `leitai user add admin --as province --name 管理员 --password-stdin ${db}`;
    if (a.active === 0)
      checks.push({
        mark: 'fail',
        text: '没有可用的管理员 no administrator: 无启用的省级用户 (no active province user)',
        fix: `设置管理员 (create one; 运行后输入密码,按 Enter 再按 Ctrl-D): ${add}`,
      });
    else if (a.active === a.demo)
      checks.push({
        mark: 'fail',
        text: `管理员只有演示账号 only demo administrators (${a.demo} 个,密码公开 public password)`,
        fix: `新建真实管理员 (create a real one; 输入密码后按 Ctrl-D): ${add}; 再停用演示账号: leitai user disable province ${db}`,
      });
    else
      checks.push({
        mark: 'ok',
        text: `管理员 administrators: ${a.active} 个启用的省级用户 (active province users)`,
      });
  }

  if (f.disk) {
    const { freeBytes, totalBytes, path } = f.disk;
    const share = totalBytes > 0 ? freeBytes / totalBytes : 0;
    const text = `${path} 所在磁盘可用 ${GB(freeBytes)} / ${GB(totalBytes)} (${Math.round(share * 100)}%)`;
    if (freeBytes < DISK_MIN_FREE_BYTES || share < DISK_MIN_FREE_SHARE)
      checks.push({
        mark: 'warn',
        text: `磁盘空间不足 low disk space: ${text},低于 1 GB 或 10%`,
        fix: '清理或扩容该磁盘 (free or add space): 数据库、其自动备份和日志都在增长',
      });
    else checks.push({ mark: 'ok', text: `磁盘空间 disk space: ${text}` });
  }

  if (SAME_ZONE.has(f.timeZone)) checks.push({ mark: 'ok', text: `时区 time zone: ${f.timeZone}` });
  else
    checks.push({
      mark: 'warn',
      text: `时区不是 ${TIME_ZONE} time zone is ${f.timeZone}: 日志与命令行显示的时间会与北京时间不同`,
      fix: `设置 TZ=${TIME_ZONE} (systemd 单元中: Environment=TZ=${TIME_ZONE}; 或 timedatectl set-timezone ${TIME_ZONE})`,
    });

  if (f.databaseClockSkewMs !== undefined) {
    const s = Math.round(f.databaseClockSkewMs / 1000);
    if (Math.abs(f.databaseClockSkewMs) <= MAX_CLOCK_SKEW_MS)
      checks.push({ mark: 'ok', text: `时钟 clock: 数据库服务器与本机相差 ${s} 秒` });
    else
      checks.push({
        mark: 'fail',
        text: `时钟不一致 clocks differ: 数据库服务器比本机${s > 0 ? '快' : '慢'} ${Math.abs(s)} 秒 (超过 ${MAX_CLOCK_SKEW_MS / 1000} 秒)`,
        fix: '两台机器都启用时间同步 (enable NTP: timedatectl set-ntp true / chrony)',
      });
  }

  if (f.server) checks.push(...serverChecks(f.server));
  return checks;
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

function serverChecks(s: NonNullable<DoctorFacts['server']>): Check[] {
  const h = s.health;
  if (s.error !== undefined || !h || h.status !== 'ok')
    return [
      {
        mark: 'fail',
        text: `服务无应答 server not answering: ${s.url}/api/health: ${s.error ?? JSON.stringify(h)}`,
        fix: '启动服务 (start it: systemctl start leitai),检查 --url 与反向代理的 proxy_pass、端口',
      },
    ];
  const checks: Check[] = [
    {
      mark: 'ok',
      text: `服务应答 server answers: ${s.url} (数据库 ${h.database ?? '?'})`,
    },
  ];
  const u = new URL(s.url);
  if (u.protocol === 'https:') {
    checks.push(
      h.secureCookies === true
        ? { mark: 'ok', text: '在 HTTPS 之后使用安全 Cookie secure cookies on behind HTTPS' }
        : {
            mark: 'fail',
            text: '在 HTTPS 之后却未启用安全 Cookie secure cookies off behind HTTPS: 会话 Cookie 可能经明文 HTTP 发送,也没有 HSTS',
            fix: '服务的启动参数加 --secure-cookies (或 Environment=LEITAI_SECURE_COOKIES=1)',
          },
      h.trustProxy === true
        ? { mark: 'ok', text: '采信反向代理的客户端地址 trusts the proxy for client addresses' }
        : {
            mark: 'fail',
            text: '未配置可信代理 no trusted proxy: 登录限制和日志只看到代理的地址,一个人输错密码会挡住所有人',
            fix: '服务的启动参数加 --trust-proxy 代理的地址,如 127.0.0.1 (或 Environment=LEITAI_TRUST_PROXY=127.0.0.1)',
          },
    );
  } else if (!LOOPBACK.test(u.hostname)) {
    checks.push(
      h.secureCookies === true
        ? {
            mark: 'fail',
            text: '安全 Cookie 却经明文 HTTP 访问 secure cookies over plain HTTP: 浏览器不会保存登录',
            fix: '通过 HTTPS 反向代理访问 (docs/deploy/nginx.conf),或去掉 --secure-cookies',
          }
        : {
            mark: 'warn',
            text: '经明文 HTTP 访问 served over plain HTTP: 密码与会话在网络上不加密',
            fix: '放在 HTTPS 反向代理之后 (docs/deploy/nginx.conf),并加 --secure-cookies',
          },
    );
  }
  return checks;
}

/** Gathers the facts, changing nothing: the database is opened read-only and not migrated. */
export async function gatherFacts(opts: {
  db?: string;
  url?: string;
  timeZone?: string;
  now?: () => number;
}): Promise<DoctorFacts> {
  const now = opts.now ?? Date.now;
  const facts: DoctorFacts = {
    database: { label: opts.db ?? '' },
    timeZone: opts.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
  let store: Store | undefined;
  try {
    store = await inspectStore(opts.db);
  } catch (e) {
    if (!(e instanceof InspectError)) throw e;
    facts.database = { label: e.label, error: e.message, missing: e.missing };
  }
  if (store) {
    try {
      facts.database = { label: store.label, dialect: store.dialect };
      facts.migrations = await migrationStatus(store);
      if (await hasTable(store, 'app_user')) {
        const active = (await listUsers(store)).filter((u) => u.role === 'province' && !u.disabled);
        facts.administrators = { active: active.length, demo: active.filter((u) => u.demo).length };
      }
      if (store.dialect === 'sqlite') {
        const path = dirname(store.label);
        const s = statfsSync(path);
        facts.disk = { path, freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
      } else {
        const before = now();
        const r = await sql<{ t: Date }>`select now() as t`.execute(store.db);
        const after = now();
        facts.databaseClockSkewMs = r.rows[0]!.t.getTime() - (before + after) / 2;
      }
    } finally {
      await store.close();
    }
  }
  if (opts.url !== undefined) {
    const url = opts.url.replace(/\/+$/, '');
    try {
      const r = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(10_000) });
      const body = (await r.json().catch(() => undefined)) as
        NonNullable<DoctorFacts['server']>['health'] | undefined;
      facts.server =
        r.ok && body ? { url, health: body } : { url, error: `HTTP ${r.status} ${r.statusText}` };
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      facts.server = { url, error: cause?.code ?? cause?.message ?? (e as Error).message };
    }
  }
  return facts;
}
