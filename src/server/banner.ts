import { relative } from 'node:path';
import { ROOT } from '../io/paths.js';
import { MIN_PASSWORD_LENGTH } from '../services/users.js';
import { shellWord, type Store } from '../store/db.js';
import { getMeta } from '../store/plans.js';
import { countUsers } from '../store/users.js';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users.js';

/** What the start banner says about the database the server serves. */
export interface BannerFacts {
  /** Where the server listens, as `listen` answered. */
  url: string;
  /** The database, without any password. */
  label: string;
  /** The database as a shell word for `--db` (a password reads `***`). */
  db: string;
  /** Whether `leitai db init` has loaded the register. */
  initialised: boolean;
  demo: boolean;
  users: number;
  /** The directory the printed commands run in, when it is not the current one. */
  runIn?: string;
}

/**
 * The start banner: where to open the product, which database it serves, and what to do next
 * on a database that is not initialised or has no users. Every command it prints is in
 * backquotes and runs as printed (test/ops/first-start.test.ts runs them).
 */
export function bannerLines(f: BannerFacts): string[] {
  const lines = [
    `擂台 Leitai 已启动: ${f.url}  (在浏览器中打开登录 open in a browser; API 文档: ${f.url}/api/docs)`,
    `数据库: ${f.label}`,
  ];
  const next: string[] = [];
  if (!f.initialised) {
    next.push(
      '数据库尚未初始化 (not initialised): 载入区划名录和内置计划 (load the register and the built-in plans):',
      `  \`bin/leitai db init --db ${f.db}\``,
    );
  }
  if (f.demo) {
    lines.push(`演示数据库(合成演示数据 synthetic demo data)。演示账号,密码均为 ${DEMO_PASSWORD}:`);
    for (const u of DEMO_USERS) lines.push(`  ${u.username.padEnd(10)} ${u.displayName}`);
  } else if (f.users === 0) {
    next.push(
      `尚无用户 (no users yet)。设置省级管理员 admin (create the administrator); 密码从标准输入读取,至少 ${MIN_PASSWORD_LENGTH} 个字符 (password on standard input):`,
      `  \`bin/leitai user add admin --as province --password-stdin --db ${f.db}\``,
      `然后在 ${f.url} 以 admin 登录,在 ${f.url}/admin/users 添加其他用户 (then sign in as admin and add the other users there)`,
    );
  }
  if (next.length === 0) return lines;
  lines.push('下一步 (next):');
  if (f.runIn) lines.push(`在目录 ${f.runIn} 中运行以下命令 (run these in that directory):`);
  if (f.db.includes(':***@'))
    lines.push('命令中的 *** 处填入数据库密码 (put the database password where *** stands)');
  return [...lines, ...next];
}

/** The facts of `bannerLines`, read from the store. */
export async function bannerFacts(store: Store, url: string): Promise<BannerFacts> {
  const cwd = relative(process.cwd(), ROOT);
  return {
    url,
    label: store.label,
    db: shellWord(store.label),
    initialised: (await store.db.selectFrom('region').select('code').limit(1).execute()).length > 0,
    demo: (await getMeta(store, 'demo')) !== undefined,
    users: await countUsers(store),
    ...(cwd === '' ? {} : { runIn: ROOT.replace(/\/$/, '') }),
  };
}

/** The banner `serve` prints once it listens. */
export async function banner(store: Store, url: string): Promise<string> {
  return `${bannerLines(await bannerFacts(store, url)).join('\n')}\n`;
}
