import {
  mayRead,
  resultView,
  sightOf,
  type Actor,
  type DataView,
  type Sight,
} from '../core/review/index.js';
import type { Seen } from '../store/visible-values.js';
import type { Reference } from './context.js';

/**
 * The visibility rule (core/review `sightOf`) bound to one request: who asks, which periods are
 * published, and the register. Every route asks this object, and nothing else, what its user
 * may see and which data a result stands on.
 */
export interface Visibility {
  actor: Actor;
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
