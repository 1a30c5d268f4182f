import type { Command } from 'commander';
import { openStore } from '../../store/db.js';
import { pruneExpired, type PruneCounts } from '../../store/prune.js';
import { LOGIN_ATTEMPT_KEEP_HOURS } from '../../store/users.js';

/** The line `leitai db prune` prints for one run on the database named `label`. */
export function pruneLine(label: string, c: PruneCounts): string {
  const days = LOGIN_ATTEMPT_KEEP_HOURS / 24;
  return (
    `数据库 ${label}: 删除过期会话 ${c.sessions} 个,${days} 天前的登录记录 ${c.loginAttempts} 条,` +
    `已过期的登录限制计数 ${c.throttleCounters} 个` +
    ` (pruned ${c.sessions} expired sessions, ${c.loginAttempts} login attempts older than ${days} days, ${c.throttleCounters} throttle counters)\n`
  );
}

/**
 * `leitai db prune [--db]`: what the server's hourly job does, once, now. Registered on the `db`
 * command by `registerDb` (commands/db.ts) with `registerPrune(db)`.
 */
export function registerPrune(db: Command): void {
  db.command('prune')
    .description(
      '清理过期会话和旧的登录记录(服务每小时自动执行;多个实例同时执行也安全)。审计记录永久保留',
    )
    .option(
      '--db <url>',
      '数据库: SQLite 文件路径或 postgres://… (默认 LEITAI_DB 或 data/leitai.db)',
    )
    .action(async (o: { db?: string }) => {
      const store = await openStore(o.db);
      try {
        process.stdout.write(pruneLine(store.label, await pruneExpired(store, new Date())));
      } finally {
        await store.close();
      }
    });
}
