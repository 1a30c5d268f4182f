import { valueKey } from '../core/observations/index.js';
import { catalogue } from '../core/indicators/index.js';
import { formatPeriod, parsePeriod, previousYearPeriod } from '../core/periods/index.js';
import { asSeenBy, findingsByValue, type Finding } from '../core/quality/index.js';
import { changeOf, type ChangeUnit } from '../core/review/change.js';
import {
  inQueueScope,
  isResponsible,
  QUEUE,
  type Actor,
  type Status,
} from '../core/review/index.js';
import { currentValues, history, type Key, type ValueRecord } from '../store/observations.js';
import {
  approvedValues,
  peopleNamed,
  waitingCounts,
  type WaitingCount,
} from '../store/review-queue.js';
import type { Reference } from './reference.js';
import type { Store } from '../store/db.js';

export interface QueueEntry extends ValueRecord {
  findings: Finding[];
}

type Ctx = Pick<Reference, 'prefectureOf' | 'responsible'> & { store: Store };
type FullCtx = Pick<
  Reference,
  'prefectureOf' | 'responsible' | 'register' | 'indicators' | 'plans'
> & {
  store: Store;
};

/**
 * The values waiting for the actor in one period (its role's statuses unless others are asked
 * for), each with the data-quality findings the actor's role may see beside it. `findings` gives
 * a period's findings; it is called only when the queue is not empty.
 */
export async function reviewQueue(
  ctx: Ctx,
  actor: Actor,
  o: { period: string; statuses?: readonly Status[]; regions?: string[]; indicators?: string[] },
  findings: (period: string) => Promise<readonly Finding[]>,
): Promise<QueueEntry[]> {
  const rows = await currentValues(ctx.store, {
    periods: [o.period],
    statuses: o.statuses ?? [...QUEUE[actor.role]],
    ...(o.regions ? { regions: o.regions } : {}),
    ...(o.indicators ? { indicators: o.indicators } : {}),
  });
  const mine = rows.filter((r) => inQueueScope(actor, r, ctx.prefectureOf, ctx.responsible));
  const found = findingsByValue(mine.length === 0 ? [] : await findings(o.period));
  return mine.map((r) => ({
    ...r,
    findings: asSeenBy(actor.role, found.get(valueKey(r)) ?? []),
  }));
}

/**
 * Where the actor's queue lies, said so SQL can narrow the read: a prefecture's counties, a
 * department's indicators; nothing for the province (everything) and nothing at all for others.
 */
export function queueScope(
  ctx: Pick<Reference, 'register' | 'responsible' | 'indicators' | 'plans'>,
  actor: Actor,
): { regions?: string[]; indicators?: string[] } {
  if (actor.role === 'prefecture')
    return { regions: ctx.register.children(actor.region ?? '').map((r) => r.code) };
  if (actor.role === 'county') return { regions: actor.region ? [actor.region] : [] };
  if (actor.role === 'department') {
    // The catalogue holds the plans' own indicators too (core/plans planCatalogue).
    const codes = new Set(ctx.indicators.map((i) => i.code));
    for (const p of ctx.plans) for (const t of p.targets) codes.add(t.indicator);
    return {
      indicators: [...codes].filter((c) => isResponsible(ctx.responsible, c, actor.department)),
    };
  }
  if (actor.role === 'observer') return { regions: [] };
  return {};
}

/** The statuses of the actor's queue, or those of them asked for. */
function statusesOf(actor: Actor, status?: Status): Status[] {
  const mine = [...QUEUE[actor.role]];
  return status ? mine.filter((s) => s === status) : mine;
}

/** How many values wait for the actor in each period and status, newest period first. */
export async function waiting(ctx: FullCtx, actor: Actor): Promise<WaitingCount[]> {
  const counts = await waitingCounts(ctx.store, {
    statuses: statusesOf(actor),
    ...queueScope(ctx, actor),
  });
  return counts.sort((a, b) =>
    a.period === b.period ? a.status.localeCompare(b.status) : a.period < b.period ? 1 : -1,
  );
}

/** A queue row as the review page shows it: names, unit, last year's approved value, the change. */
export interface QueueItem extends QueueEntry {
  regionName: string;
  prefecture: string | null;
  prefectureName: string | null;
  indicatorName: string;
  indicatorNameEn: string;
  unit: string;
  /** The same period a year earlier, and its approved (核定) value, if one was approved. */
  lastYearPeriod: string;
  lastYearValue: number | null;
  /** Change against last year: 个百分点 for rates, % for levels and counts (core/review/change). */
  change: number | null;
  changeUnit: ChangeUnit;
}

export const QUEUE_LIMIT = 5000;

/**
 * The actor's queue for one period or for every period (newest first), at most `limit` rows,
 * each described for the review page; `total` is how many wait in all.
 */
export async function reviewItems(
  ctx: FullCtx,
  actor: Actor,
  o: { period?: string; status?: Status; limit: number },
  findings: (period: string) => Promise<readonly Finding[]>,
): Promise<{ rows: QueueItem[]; total: number }> {
  const scope = queueScope(ctx, actor);
  const statuses = statusesOf(actor, o.status);
  const counts = (await waitingCounts(ctx.store, { statuses, ...scope })).filter(
    (c) => !o.period || c.period === o.period,
  );
  const total = counts.reduce((n, c) => n + c.count, 0);
  if (total === 0) return { rows: [], total };
  // Newest periods first, whole periods while they fit the limit (at least one period's rows).
  const periods = [...new Set(counts.map((c) => c.period))].sort().reverse();
  const entries: QueueEntry[] = [];
  for (const period of periods) {
    if (entries.length >= o.limit) break;
    const got = await reviewQueue(ctx, actor, { period, statuses, ...scope }, findings);
    entries.push(...got.slice(0, o.limit - entries.length));
  }
  const byCode = catalogue(ctx.indicators);
  const lastYear = (p: string) => formatPeriod(previousYearPeriod(parsePeriod(p)));
  const approved = await approvedValues(
    ctx.store,
    entries.map((e) => ({ region: e.region, indicator: e.indicator, period: lastYear(e.period) })),
  );
  const rows = entries.map((e): QueueItem => {
    const region = ctx.register.get(e.region);
    const prefecture = region?.parent ?? null;
    const ind = byCode.get(e.indicator);
    const lastYearPeriod = lastYear(e.period);
    const lastYearValue = approved.get(`${e.region}|${e.indicator}|${lastYearPeriod}`) ?? null;
    const { change, unit } = changeOf(ind ?? { kind: 'level', unit: '' }, e.value, lastYearValue);
    return {
      ...e,
      regionName: region?.name ?? e.region,
      prefecture,
      prefectureName: prefecture ? (ctx.register.get(prefecture)?.name ?? prefecture) : null,
      indicatorName: ind?.name ?? e.indicator,
      indicatorNameEn: ind?.nameEn ?? e.indicator,
      unit: ind?.unit ?? '',
      lastYearPeriod,
      lastYearValue,
      change,
      changeUnit: unit,
    };
  });
  return { rows, total };
}

/** One revision of a value as the history drawer shows it: who (name and role), when, what, why. */
export interface HistoryEntry {
  revision: number;
  at: string;
  actor: string;
  actorName: string;
  /** The actor's role, or null for the system (plan results, the demo, imports by the CLI). */
  actorRole: string | null;
  action: string;
  oldValue: number | null;
  newValue: number | null;
  oldStatus: string | null;
  newStatus: string;
  reason: string | null;
  evidence: string | null;
  source: string;
  synthetic: boolean;
}

/** Every revision of one value, oldest first, with the actors' display names and roles. */
export async function valueHistory(store: Store, key: Key): Promise<HistoryEntry[]> {
  const rows = await history(store, key);
  const people = await peopleNamed(
    store,
    rows.map((r) => r.actor),
  );
  const n = (v: string | null) => (v === null ? null : Number(v));
  return rows.map((r) => {
    const who = people.get(r.actor);
    return {
      revision: r.revision,
      at: r.at,
      actor: r.actor,
      actorName: who?.displayName ?? r.actor,
      actorRole: who?.role ?? null,
      action: r.action,
      oldValue: n(r.old_value),
      newValue: n(r.value),
      oldStatus: r.old_status,
      newStatus: r.status,
      reason: r.reason,
      evidence: r.evidence ?? null,
      source: r.source,
      synthetic: r.synthetic === 1,
    };
  });
}
