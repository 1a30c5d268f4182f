import type { Command } from 'commander';
import { LeitaiError } from '../../core/errors/index.js';
import { loadReference } from '../../services/reference.js';
import {
  addUser,
  checkPassword,
  knownDepartments,
  removeUserAccount,
  resetPassword,
  scopeText,
  setDisabled,
} from '../../services/users.js';
import { openStore, type Store } from '../../store/db.js';
import { listUsers } from '../../store/users.js';
import { parseFormat, printJson, printTable } from '../output.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function withStore<T>(url: string | undefined, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(url);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** Who the admin log names for a change made on the command line. */
const CLI_ACTOR = 'cli';
const by = () => ({ actor: CLI_ACTOR, at: new Date().toISOString() });

export function registerUser(program: Command): void {
  const user = program.command('user').description('用户 (users)');
  user
    .command('add <username>')
    .description(
      '新增用户,或重设其密码与范围(结束其全部会话并重新启用);密码从标准输入读取 (--password-stdin)',
    )
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
        if (!o.passwordStdin)
          throw new LeitaiError(
            'INPUT_INVALID',
            '请用 --password-stdin 从标准输入提供密码(不要写在命令行上)',
            { reason: 'password required' },
          );
        const password = await readStdin();
        checkPassword(password);
        await withStore(o.db, async (store) => {
          const departments = knownDepartments(await loadReference(store));
          const r = await addUser(
            store,
            { username, scope: o.as, password, ...(o.name ? { displayName: o.name } : {}) },
            { ...by(), departments },
            { replace: true },
          );
          process.stdout.write(
            r.outcome === 'added'
              ? `用户 ${username} (${o.as}) 已新增\n`
              : `用户 ${username} (${o.as}) 已更新,其原有会话已结束\n`,
          );
        });
      },
    );

  user
    .command('reset-password <username>')
    .description('重设密码并结束其全部会话;不加 --password-stdin 时生成随机密码并只显示这一次')
    .option('--password-stdin', '从标准输入读取新密码')
    .option('--db <url>', '数据库')
    .action(async (username: string, o: { passwordStdin?: boolean; db?: string }) => {
      const given = o.passwordStdin ? await readStdin() : undefined;
      const r = await withStore(o.db, (store) => resetPassword(store, username, by(), given));
      process.stdout.write(
        `用户 ${username} 的密码已重设,结束会话 ${r.sessionsEnded} 个\n` +
          (r.password ? `新密码(只显示这一次): ${r.password}\n` : ''),
      );
    });

  user
    .command('list')
    .description('列出用户(不含密码)')
    .option('--format <format>', 'table | json', 'table')
    .option('--db <url>', '数据库')
    .action(async (o: { format: string; db?: string }) => {
      const format = parseFormat(o.format, ['table', 'json']);
      const users = await withStore(o.db, listUsers);
      if (format === 'json') return printJson(users);
      printTable(
        ['用户名', '身份', '显示名称', '状态', '创建时间'],
        users.map((u) => [
          u.username,
          scopeText(u),
          u.displayName,
          (u.disabled ? '已停用' : '正常') + (u.demo ? ' (演示)' : ''),
          u.createdAt,
        ]),
      );
    });

  user
    .command('disable <username>')
    .description('停用用户:结束其全部会话,此后不能登录(user enable 重新启用)')
    .option('--db <url>', '数据库')
    .action(async (username: string, o: { db?: string }) => {
      await withStore(o.db, async (store) => {
        await setDisabled(store, username, true, by());
      });
      process.stdout.write(`用户 ${username} 已停用,其会话已结束\n`);
    });

  user
    .command('enable <username>')
    .description('重新启用已停用的用户')
    .option('--db <url>', '数据库')
    .action(async (username: string, o: { db?: string }) => {
      await withStore(o.db, (store) => setDisabled(store, username, false, by()).then(() => {}));
      process.stdout.write(`用户 ${username} 已启用\n`);
    });

  user
    .command('remove <username>')
    .description('删除用户及其会话(其操作记录保留)')
    .option('--db <url>', '数据库')
    .action(async (username: string, o: { db?: string }) => {
      await withStore(o.db, async (store) => {
        await removeUserAccount(store, username, by());
      });
      process.stdout.write(`用户 ${username} 已删除\n`);
    });
}
