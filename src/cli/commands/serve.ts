import type { Command } from 'commander';
import { serve } from '../../server/main.js';
import { openStore } from '../../store/db.js';
import { loadReference } from '../../services/reference.js';
import { publishPeriod } from '../../services/publishing.js';
import { numberOption } from '../context.js';
import { periodText } from '../../core/periods/index.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('启动 HTTP 服务 (PORT, HOST, LEITAI_DB)')
    .option('--db <url>', '数据库')
    .option('--port <n>', '端口 (0:任一空闲端口,实际地址见启动输出)', process.env.PORT ?? '3000')
    .option('--host <host>', '地址', process.env.HOST ?? '127.0.0.1')
    .option('--secure-cookies', '在 HTTPS 之后运行:Cookie 加 Secure 标志')
    .action(async (o: { db?: string; port: string; host: string; secureCookies?: boolean }) => {
      await serve({
        db: o.db,
        port: numberOption('--port', o.port)!,
        host: o.host,
        secureCookies: o.secureCookies,
      });
      await new Promise(() => undefined); // until a signal stops the server
    });

  program
    .command('publish')
    .description('公布一个期别:所有已登录用户可见其已核定数值')
    .requiredOption('--period <p>', '期别', periodText)
    .option('--db <url>', '数据库')
    .option('--user <name>', '操作人', process.env.USER || 'cli')
    .action(async (o: { period: string; db?: string; user: string }) => {
      const store = await openStore(o.db);
      try {
        const done = await publishPeriod(
          { store, ...(await loadReference(store)) },
          { period: o.period, by: o.user, now: new Date() },
        );
        process.stdout.write(`${o.period} ${done.created ? '已公布' : '此前已公布,未改变'}\n`);
        for (const b of done.bulletins)
          process.stdout.write(`已保存通报: ${b.planName} ${b.periodLabel} 第${b.version}版\n`);
        for (const f of done.failed)
          process.stderr.write(`未能生成 ${f.plan} 的通报: ${f.message}\n`);
      } finally {
        await store.close();
      }
    });
}
