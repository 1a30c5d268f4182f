import type { Command } from 'commander';
import { LeitaiError } from '../../core/errors/index.js';
import { parseActor } from '../../core/review/index.js';
import { hashPassword } from '../../server/password.js';
import { serve } from '../../server/main.js';
import { openStore } from '../../store/db.js';
import { publish, saveUser } from '../../store/users.js';
import { numberOption } from '../context.js';
import { periodText } from '../../core/periods/index.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('启动 HTTP 服务 (PORT, HOST, LEITAI_DB)')
    .option('--db <url>', '数据库')
    .option('--port <n>', '端口', process.env.PORT ?? '3000')
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

  const user = program.command('user').description('用户 (users)');
  user
    .command('add <username>')
    .description('新增用户或重设其密码与范围;密码从标准输入读取 (--password-stdin)')
    .requiredOption(
      '--as <role>',
      'province | observer | county:代码 | prefecture:代码 | department:部门',
    )
    .option('--name <display>', '显示名称')
    .option('--password-stdin', '从标准输入读取密码')
    .option('--db <url>', '数据库')
    .action(
      async (
        username: string,
        o: { as: string; name?: string; passwordStdin?: boolean; db?: string },
      ) => {
        if (!/^[a-z0-9_.-]{2,64}$/i.test(username)) {
          throw new LeitaiError('INPUT_INVALID', `用户名「${username}」只能包含字母、数字和 _.-`, {
            value: username,
            reason: 'bad username',
          });
        }
        if (!o.passwordStdin)
          throw new LeitaiError(
            'INPUT_INVALID',
            '请用 --password-stdin 从标准输入提供密码(不要写在命令行上)',
            { reason: 'password required' },
          );
        const password = await readStdin();
        if (password.length < 10)
          throw new LeitaiError('INPUT_INVALID', '密码至少 10 个字符', {
            reason: 'password too short',
          });
        const actor = parseActor(username, o.as);
        const store = await openStore(o.db);
        try {
          const r = await saveUser(store, {
            username,
            role: actor.role,
            region: actor.region ?? null,
            department: actor.department ?? null,
            displayName: o.name ?? username,
            demo: false,
            passwordHash: await hashPassword(password),
            at: new Date().toISOString(),
          });
          process.stdout.write(
            `用户 ${username} (${o.as}) ${r === 'added' ? '已新增' : '已更新'}\n`,
          );
        } finally {
          await store.close();
        }
      },
    );

  program
    .command('publish')
    .description('公布一个期别:所有已登录用户可见其已核定数值')
    .requiredOption('--period <p>', '期别', periodText)
    .option('--db <url>', '数据库')
    .option('--user <name>', '操作人', process.env.USER || 'cli')
    .action(async (o: { period: string; db?: string; user: string }) => {
      const store = await openStore(o.db);
      try {
        await publish(store, o.period, o.user, new Date().toISOString());
        process.stdout.write(`${o.period} 已公布\n`);
      } finally {
        await store.close();
      }
    });
}
