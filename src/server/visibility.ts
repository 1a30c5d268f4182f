import {
  mayRead,
  resultView,
  sightOf,
  type Actor,
  type DataView,
  type Sight,
} from '../core/review/index.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Seen } from '../store/visible-values.js';
import type { Reference } from './context.js';
import { HttpError } from './errors.js';
import { actorOf } from './scope.js';

/**
 * The visibility rule (core/review `sightOf`) bound to one request: who asks, which periods are
 * published, and the register. Every route asks this object, and nothing else, what its user
 * may see and which data a result stands on.
 */
export interface Visibility {
  actor: Actor;
  /** Every region is inside the actor's scope (province, department). */
  whole: boolean;
  /** What the actor sees of a region's data in a period. */
  sight(region: string, period: string): Sight;
  /** Which values a result of the period is computed from. */
  view(period: string): DataView;
  /** Whether every region's data of the period is within sight (province-wide totals may show). */
  seesAll(period: string): boolean;
  /** The same rule in the form the store's SQL reads take. */
  seen(): Seen;
}

export function visibilityOf(
  ref: Pick<Reference, 'register' | 'prefectureOf'>,
  actor: Actor,
  published: ReadonlySet<string>,
): Visibility {
  const wholeScope = actor.role === 'province' || actor.role === 'department';
  let regions: string[] | undefined;
  const inScope = () =>
    (regions ??= [...ref.register.regions.keys()].filter((code) =>
      mayRead(actor, code, ref.prefectureOf(code)),
    ));
  return {
    actor,
    whole: wholeScope,
    sight: (region, period) =>
      sightOf(actor, region, ref.prefectureOf(region), published.has(period)),
    view: (period) => resultView(published.has(period)),
    seesAll: (period) => wholeScope || published.has(period),
    seen: () => ({
      all: wholeScope,
      regions: wholeScope ? [] : inScope(),
      published: [...published],
    }),
  };
}

/** The rule for the request's user, now. */
export async function visibilityFor(
  app: FastifyInstance,
  request: FastifyRequest,
): Promise<Visibility> {
  return visibilityOf(await app.reference(), actorOf(request), await app.published());
}

/** A cache key part naming everything a visible answer depends on besides the data. */
export function viewerKey(v: Visibility, period: string): string {
  const a = v.actor;
  return v.seesAll(period)
    ? `all|${v.view(period)}`
    : `${a.role}|${a.region ?? ''}|${a.department ?? ''}|${v.view(period)}`;
}

/** Refuses a region's data the user may not see in that period: the same 403 for every reason. */
export function requireSight(v: Visibility, region: string, period: string): void {
  if (v.sight(region, period) === 'none')
    throw new HttpError('SCOPE_DENIED', `无权查看 ${region} 未公布的数据 (not published)`, {
      region,
      period,
    });
}
