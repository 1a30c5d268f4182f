import type { DemoResult } from '../core/demo/index.js';
import { isLeitaiError } from '../core/errors/index.js';
import { dueDate, parsePeriod } from '../core/periods/index.js';
import { officialObservations, type Plan } from '../core/plans/index.js';
import type { Status } from '../core/review/index.js';
import type { Region } from '../core/regions/index.js';
import type { Store } from './db.js';
import { applyValues, isConcurrent, storedKeys, type Change } from './observations.js';
import { savePlan, setMeta, getMeta } from './plans.js';
import { saveAttributes, saveRegions } from './regions.js';
import { findUser, publish, saveUser, type User } from './users.js';

export interface InitSummary {
  regionsAdded: number;
  plansWritten: number;
  officialValues: number;
  demoValues: number;
  attributesChanged: number;
}

/**
 * A demo month's review state, fixed by its key so every run gives the same mix: the months of
 * the newest year (`year`) are moving through the chain, a few returned; earlier years are done.
 */
export function demoStatus(
  region: string,
  indicator: string,
  period: string,
  year: number,
): Status {
  if (!period.includes('-') || Number(period.slice(0, 4)) < year) return 'approved';
  let h = 0;
  for (const ch of `${region}${indicator}${period}`) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const month = Number(period.slice(5));
  const r = h % 100;
  // Older months are further along the chain.
  if (month <= 6)
    return r < 80 ? 'approved' : r < 92 ? 'reviewed' : r < 97 ? 'submitted' : 'returned';
  if (month <= 8)
    return r < 40 ? 'approved' : r < 70 ? 'reviewed' : r < 92 ? 'submitted' : 'returned';
  return r < 10 ? 'reviewed' : r < 55 ? 'submitted' : r < 95 ? 'draft' : 'returned';
}

const hash = (text: string) => {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h;
};

/**
 * When a demo value was submitted, fixed by its county and period: two days before the due date
 * (day 10 of the next month), or three days after it for a late one — a few habitually late
 * counties most months, any county now and then. Never after `now`, the database's creation.
 * Two moments per period keep the change sets few (each is one write of the whole batch).
 */
export function demoSubmittedAt(region: string, period: string, now: string): string {
  const h = hash(`${region}|${period}`);
  const late = hash(region) % 12 === 0 ? h % 10 < 7 : h % 100 < 4;
  const at = new Date(`${dueDate(parsePeriod(period))}T02:00:00.000Z`);
  at.setUTCDate(at.getUTCDate() + (late ? 3 : -2));
  const iso = at.toISOString();
  return iso < now ? iso : now;
}

export interface InitOptions {
  regions: readonly Region[];
  plans: readonly Plan[];
  at: string;
  demo?: DemoResult;
  /** Demo users (with their password hashes); an existing user is left as it is. */
  users?: readonly (User & { passwordHash: string })[];
}

/**
 * Creates or completes a database: the register, the built-in plans and their published results
 * (approved, source: the plan), and optionally the synthetic demo data. Running it twice
 * changes nothing.
 */
/** Runs of initialise before a conflict is given up: each run finds more already written. */
const ATTEMPTS = 10;

export async function initialise(store: Store, opts: InitOptions): Promise<InitSummary> {
  const summary: InitSummary = {
    regionsAdded: 0,
    plansWritten: 0,
    officialValues: 0,
    demoValues: 0,
    attributesChanged: 0,
  };
  // Instances started together on a new database race to write the same first rows: the one that
  // loses a step meets the other's rows or lock (a CONFLICT, or the database's own error), that
  // step unwritten. Every step skips what is already there, so
  // running again completes the database; the summary adds up what each run wrote.
  for (let attempt = 1; ; attempt++) {
    try {
      await writeAll(store, opts, summary);
      return summary;
    } catch (e) {
      const conflict = isConcurrent(e) || (isLeitaiError(e) && e.code === 'CONFLICT');
      if (attempt === ATTEMPTS || !conflict) throw e;
    }
  }
}

async function writeAll(store: Store, opts: InitOptions, summary: InitSummary): Promise<void> {
  summary.regionsAdded += await saveRegions(store, [
    ...opts.regions,
    ...(opts.demo?.regions ?? []),
  ]);
  for (const plan of opts.plans)
    if (await savePlan(store, plan, { builtin: true, at: opts.at })) summary.plansWritten++;
  for (const plan of opts.plans) {
    const official = officialObservations([plan]);
    const r = await applyValues(
      store,
      official.map(({ region, indicator, period, value }) => ({
        region,
        indicator,
        period,
        value,
      })),
      {
        actor: 'system',
        source: `plan:${plan.id}`,
        at: opts.at,
        status: 'approved',
        action: 'publish',
        reason: `${plan.title} 公布的完成值`,
      },
    );
    summary.officialValues += r.inserted + r.changed;
  }
  if (opts.demo) {
    summary.attributesChanged += await saveAttributes(store, opts.demo.attributes);
    // One change set per review state and submission time, in time order.
    const groups = new Map<string, { status: Status; at: string; changes: Change[] }>();
    const periods = new Set(opts.demo.observations.map((o) => o.period));
    const newest = Math.max(...[...periods].map((p) => parsePeriod(p).year));
    for (const o of opts.demo.observations) {
      const status = demoStatus(o.region, o.indicator, o.period, newest);
      const at = demoSubmittedAt(o.region, o.period, opts.at);
      const key = `${at}|${status}`;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { status, at, changes: [] }));
      group.changes.push({
        region: o.region,
        indicator: o.indicator,
        period: o.period,
        value: o.value,
      });
    }
    const ordered = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    // The groups' keys are disjoint, so which keys the store held before the first group is all
    // a group needs to know: on a first run none (its ~170 batches need not each re-read the
    // rows of their periods, which took minutes), on a later run all (the usual comparison).
    const stored = await storedKeys(
      store,
      opts.demo.observations.map((o) => o.period),
    );
    for (const [, { status, at, changes }] of ordered) {
      const allNew = stored.size === 0 || !changes.some((c) => stored.has(c));
      const r = await applyValues(store, changes, {
        actor: 'demo',
        source: `synthetic-demo:seed=${opts.demo.seed}`,
        at,
        status,
        action: 'demo',
        reason: '合成演示数据 (synthetic demo data)',
        synthetic: true,
        allNew,
      });
      summary.demoValues += r.inserted + r.changed;
    }
    // The demo's past years are published, their months too (上年同期 reads them); the newest
    // year's months are still moving through review.
    for (const p of periods) {
      const { kind, year } = parsePeriod(p);
      if (kind === 'year' || year < newest) await publish(store, p, 'demo', opts.at);
    }
    if ((await getMeta(store, 'demo')) === undefined) {
      await setMeta(
        store,
        'demo',
        JSON.stringify({ seed: opts.demo.seed, scale: opts.demo.scale, at: opts.at }),
      );
    }
  }
  for (const u of opts.users ?? []) {
    if (!(await findUser(store, u.username))) await saveUser(store, { ...u, at: opts.at });
  }
}
