import { valueKey } from '../core/observations/index.js';
import { asSeenBy, findingsByValue, type Finding } from '../core/quality/index.js';
import { inQueueScope, QUEUE, type Actor, type Status } from '../core/review/index.js';
import { currentValues, type ValueRecord } from '../store/observations.js';
import type { Reference } from './reference.js';
import type { Store } from '../store/db.js';

export interface QueueEntry extends ValueRecord {
  findings: Finding[];
}

/**
 * The values waiting for the actor in one period (its role's statuses unless others are asked
 * for), each with the data-quality findings the actor's role may see beside it. `findings` gives
 * a period's findings; it is called only when the queue is not empty.
 */
export async function reviewQueue(
  ctx: Pick<Reference, 'prefectureOf' | 'responsible'> & { store: Store },
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
