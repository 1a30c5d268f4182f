import type { Command } from 'commander';
import { LeitaiError } from '../core/errors/index.js';
import { parseActor, type Actor } from '../core/review/index.js';
import { loadReference, type Reference } from '../services/reference.js';
import { openStore, shellWord, type Store } from '../store/db.js';

/** What a command working on the database has at hand. */
export interface StoreContext extends Reference {
  store: Store;
  actor: Actor;
}

export function addStoreOptions(cmd: Command): Command {
  return cmd
    .option(
      '--db <url>',
      '数据库: SQLite 文件路径或 postgres://… (默认 LEITAI_DB 或 data/leitai.db)',
    )
    .option(
      '--as <role>',
      '以何种身份操作: province | observer | county:代码 | prefecture:代码 | department:部门',
      'province',
    )
    .option('--user <name>', '操作人 (记入审计日志)', process.env.USER || 'cli');
}

export interface StoreOptions {
  db?: string;
  as: string;
  user: string;
}

/** Opens the database and runs `fn`; the database is closed whatever happens. */
export async function withStore<T>(
  o: StoreOptions,
  fn: (ctx: StoreContext) => Promise<T>,
  opts: { needInit?: boolean } = { needInit: true },
): Promise<T> {
  const actor = parseActor(o.user, o.as);
  const store = await openStore(o.db);
  try {
    const ref = await loadReference(store);
    if (opts.needInit !== false && ref.register.regions.size === 0) {
      throw new LeitaiError(
        'INPUT_INVALID',
        `数据库 ${store.label} 尚未初始化 (not initialised):请先运行 \`bin/leitai db init --db ${shellWord(store.label)}\``,
        {
          reason: 'database not initialised',
        },
      );
    }
    return await fn({ store, actor, ...ref });
  } finally {
    await store.close();
  }
}
