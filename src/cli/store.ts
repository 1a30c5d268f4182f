import type { Command } from 'commander';
import { LeitaiError } from '../core/errors/index.js';
import type { Indicator } from '../core/indicators/index.js';
import type { Plan } from '../core/plans/index.js';
import {
  parseActor,
  responsibility,
  type Actor,
  type Responsibility,
} from '../core/review/index.js';
import type { Register } from '../core/regions/index.js';
import { loadIndicators } from '../io/plans.js';
import { openStore, type Store } from '../store/db.js';
import { loadPlans } from '../store/plans.js';
import { loadRegisterFrom } from '../store/regions.js';

/** What a command working on the database has at hand. */
export interface StoreContext {
  store: Store;
  register: Register;
  plans: Plan[];
  indicators: Indicator[];
  actor: Actor;
  responsible: Responsibility;
  prefectureOf: (region: string) => string | null;
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
    const register = await loadRegisterFrom(store);
    if (opts.needInit !== false && register.regions.size === 0) {
      throw new LeitaiError(
        'INPUT_INVALID',
        `数据库 ${store.label} 尚未初始化:请先运行 leitai db init`,
        {
          reason: 'database not initialised',
        },
      );
    }
    const plans = await loadPlans(store);
    const indicators = loadIndicators();
    const prefectureOf = (code: string) => register.get(code)?.parent ?? null;
    return await fn({
      store,
      register,
      plans,
      indicators,
      actor,
      responsible: responsibility(plans, indicators),
      prefectureOf,
    });
  } finally {
    await store.close();
  }
}
