import type { Command } from 'commander';
import { LeitaiError } from '../core/errors/index.js';
import type { ObservationSet } from '../core/observations/index.js';
import { planCatalogue } from '../core/plans/catalogue.js';
import { preparePlan, type PreparedPlan } from '../core/plans/prepare.js';
import { followedPlan } from '../core/ranking/follows.js';
import type { Register } from '../core/regions/index.js';
import type { Status } from '../core/review/index.js';
import { findPlan, loadPlanFile } from '../io/plans.js';
import { collect, loadContext, loadObservations, siblings } from './context.js';

/** Options of every command that reads a plan and its data from files or the database. */
export interface PlanDataOptions {
  plan: string;
  data?: string;
  db?: string;
  status?: string;
  allCounties?: boolean;
  regions?: string[];
  attributes?: string[];
  planFile?: string[];
}

export interface PlanData {
  register: Register;
  prepared: PreparedPlan;
  obs: ObservationSet;
  synthetic: boolean;
  /** The plan `prepared` follows (`follows`), when it names one that is loaded. */
  followed?: PreparedPlan;
}

export function addPlanDataOptions(cmd: Command): Command {
  return cmd
    .requiredOption('--plan <id>', '计划编号,如 hlj-2026')
    .option('--data <file>', '观测值 CSV (region,indicator,period,value)')
    .option('--db <url>', '从数据库读取 (SQLite 文件或 postgres://…);与 --data 二选一')
    .option('--status <status>', '只用该状态的数值 (如 approved;仅 --db)')
    .option('--all-counties', '对数据中的所有县应用计划的县级目标表')
    .option('--regions <file>', '追加区划CSV, repeatable', collect)
    .option('--attributes <file>', '区域属性CSV, repeatable', collect)
    .option('--plan-file <file>', '加载额外的计划文件, repeatable', collect);
}

/**
 * The plan and the observations of the periods a command reads, from a CSV file (with the plans'
 * published results) or from the database's current values.
 */
export async function loadPlanData(
  o: PlanDataOptions,
  /** The periods to read; `followed` is the plan `prepared` follows, when there is one. */
  periods: (prepared: PreparedPlan, followed?: PreparedPlan) => Iterable<string>,
  /** Only these indicators are needed from a data file (the database is read as before). */
  indicators?: (prepared: PreparedPlan) => Iterable<string>,
): Promise<PlanData> {
  if (o.db && o.data) {
    throw new LeitaiError('INPUT_INVALID', '--db 与 --data 只能选一个', {
      reason: 'both --db and --data',
    });
  }
  if (o.db) {
    // The database's modules (Kysely, drivers, services) load only when --db is given.
    const [{ withStore }, { planObservations }] = await Promise.all([
      import('./store.js'),
      import('../services/reports.js'),
    ]);
    return withStore({ db: o.db, as: 'province', user: 'cli' }, async (ctx) => {
      const plans = [...ctx.plans, ...(o.planFile ?? []).map(loadPlanFile)];
      const indicators = planCatalogue(ctx.indicators, plans);
      const follow = (p: PreparedPlan) => followedPlan(p, plans, indicators);
      const data = await planObservations(
        { ...ctx, plans, indicators },
        {
          plan: o.plan,
          periods: (p) => periods(p, follow(p)),
          status: o.status as Status | undefined,
        },
      );
      return { register: ctx.register, ...data, followed: follow(data.prepared) };
    });
  }
  const near = o.data ? siblings(o.data) : {};
  const regions = [...(near.regions ? [near.regions] : []), ...(o.regions ?? [])];
  const attributes = [...(near.attributes ? [near.attributes] : []), ...(o.attributes ?? [])];
  if (near.attributes && !o.attributes?.includes(near.attributes)) {
    process.stderr.write(`使用数据文件旁的区域属性: ${near.attributes}\n`);
  }
  const ctx = loadContext({ regions, attributes, planFiles: o.planFile });
  const prepared = preparePlan(findPlan(ctx.plans, o.plan), ctx.indicators);
  const followed = followedPlan(prepared, ctx.plans, ctx.indicators);
  const { obs, synthetic } = loadObservations(
    ctx,
    o.data,
    new Set(periods(prepared, followed)),
    indicators && new Set(indicators(prepared)),
  );
  return { register: ctx.register, prepared, obs, synthetic, followed };
}
