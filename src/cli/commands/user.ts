import type { Command } from 'commander';
import { LeitaiError } from '../../core/errors/index.js';
import { parseActor } from '../../core/review/index.js';
import { hashPassword } from '../../server/password.js';
import { openStore, type Store } from '../../store/db.js';
import { checkUserScope, disableUser, listUsers, removeUser, saveUser } from '../../store/users.js';
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

function checkUsername(username: string): void {
  if (!/^[a-z0-9_.-]{2,64}$/i.test(username)) {
    throw new LeitaiError('INPUT_INVALID', `用户名「${username}」只能包含字母、数字和 _.-`, {
      value: username,
      reason: 'bad username',
    });
  }
}

const noSuchUser = (username: string) =>
  new LeitaiError('NOT_FOUND', `没有用户「${username}」`, {
    value: username,
    reason: 'no such user',
  });

/** The scope as `user add --as` takes it. */
function scopeOf(u: { role: string; region: string | null; department: string | null }): string {
  return u.region ? `${u.role}:${u.region}` : u.department ? `${u.role}:${u.department}` : u.role;
}

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
        checkUsername(username);
        const actor = parseActor(username, o.as);
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
        await withStore(o.db, async (store) => {
          await checkUserScope(store, actor, o.as);
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
            r === 'added'
              ? `用户 ${username} (${o.as}) 已新增\n`
              : `用户 ${username} (${o.as}) 已更新,其原有会话已结束\n`,
          );
        });
      },
    );

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
          scopeOf(u),
          u.displayName,
          (u.disabled ? '已停用' : '正常') + (u.demo ? ' (演示)' : ''),
          u.createdAt,
        ]),
      );
    });

  user
    .command('disable <username>')
    .description('停用用户:结束其全部会话,此后不能登录(user add 重设密码可重新启用)')
    .option('--db <url>', '数据库')
    .action(async (username: string, o: { db?: string }) => {
      await withStore(o.db, async (store) => {
        if (!(await disableUser(store, username))) throw noSuchUser(username);
      });
      process.stdout.write(`用户 ${username} 已停用,其会话已结束\n`);
    });

  user
    .command('remove <username>')
    .description('删除用户及其会话(其操作记录保留)')
    .option('--db <url>', '数据库')
    .action(async (username: string, o: { db?: string }) => {
      await withStore(o.db, async (store) => {
        if (!(await removeUser(store, username))) throw noSuchUser(username);
      });
      process.stdout.write(`用户 ${username} 已删除\n`);
    });
}
