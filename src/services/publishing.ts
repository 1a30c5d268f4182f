import { planCounties } from '../core/evaluate/index.js';
import { ObservationSet } from '../core/observations/index.js';
import { parsePeriod, periodLabel } from '../core/periods/index.js';
import { countyIndicators, preparePlan } from '../core/plans/index.js';
import { findPlan } from '../io/plans.js';
import { currentValues } from '../store/observations.js';
import { publicationOf, publish } from '../store/users.js';
import { bulletinsOnPublish, type StoredBulletin } from './bulletins.js';
import type { ReportContext } from './reports.js';

/** A value's state as publishing counts it: its review status, or missing (nothing reported). */
export type PublishState = 'approved' | 'reviewed' | 'submitted' | 'draft' | 'returned' | 'missing';

export const PUBLISH_STATES: readonly PublishState[] = [
  'approved',
  'reviewed',
  'submitted',
  'draft',
  'returned',
  'missing',
];

export type StateCounts = Record<PublishState, number>;

/** A county with values not yet approved: how many in each state, and which. */
export interface Unapproved {
  region: string;
  name: string;
  prefectureName: string | null;
  counts: StateCounts;
  values: { indicator: string; name: string; unit: string; state: PublishState }[];
}

export interface PublicationStatus {
  plan: string;
  period: string;
  label: string;
  published: boolean;
  publishedAt: string | null;
  publishedBy: string | null;
  /** The plan's county values of the period, by state. */
  counts: StateCounts;
  /** Counties with any value not approved, by code. */
  unapproved: Unapproved[];
}

const zero = (): StateCounts => ({
  approved: 0,
  reviewed: 0,
  submitted: 0,
  draft: 0,
  returned: 0,
  missing: 0,
});

/**
 * What publishing a period would show: whether it is already published (by whom, when), and the
 * plan's county values of the period by review state, with the counties and indicators not yet
 * approved — values others will not see once it is published.
 */
export async function publicationStatus(
  ctx: ReportContext,
  o: { plan: string; period: string },
): Promise<PublicationStatus> {
  const period = parsePeriod(o.period);
  const prepared = preparePlan(findPlan([...ctx.plans], o.plan), [...ctx.indicators]);
  const counties = planCounties(prepared, ctx.register, new ObservationSet()).sort((a, b) =>
    a.code < b.code ? -1 : 1,
  );
  const indicators = countyIndicators(prepared, period);
  const values = await currentValues(ctx.store, {
    regions: counties.map((c) => c.code),
    indicators: indicators.map((d) => d.code),
    periods: [o.period],
  });
  const got = new Map(values.map((v) => [`${v.region}|${v.indicator}`, v]));
  const counts = zero();
  const unapproved: Unapproved[] = [];
  for (const c of counties) {
    const mine: Unapproved = {
      region: c.code,
      name: c.name,
      prefectureName: c.parent ? (ctx.register.get(c.parent)?.name ?? null) : null,
      counts: zero(),
      values: [],
    };
    for (const d of indicators) {
      const v = got.get(`${c.code}|${d.code}`);
      const state: PublishState = !v || v.value === null ? 'missing' : (v.status as PublishState);
      counts[state]++;
      mine.counts[state]++;
      if (state !== 'approved')
        mine.values.push({ indicator: d.code, name: d.name, unit: d.unit, state });
    }
    if (mine.values.length > 0) unapproved.push(mine);
  }
  const pub = await publicationOf(ctx.store, o.period);
  return {
    plan: prepared.plan.id,
    period: o.period,
    label: periodLabel(period),
    published: pub !== undefined,
    publishedAt: pub?.publishedAt ?? null,
    publishedBy: pub?.publishedBy ?? null,
    counts,
    unapproved,
  };
}

/**
 * Publishes a period (the API's and the CLI's one way): a first publication also stores each
 * plan's province bulletin of the period. A bulletin that cannot be written is returned in
 * `failed`; the publication stands.
 */
export async function publishPeriod(
  ctx: ReportContext,
  o: { period: string; by: string; now: Date },
): Promise<{
  created: boolean;
  bulletins: StoredBulletin[];
  failed: { plan: string; message: string }[];
}> {
  const created = await publish(ctx.store, o.period, o.by, o.now.toISOString());
  if (!created) return { created, bulletins: [], failed: [] };
  const made = await bulletinsOnPublish(ctx, o);
  return { created, bulletins: made.stored, failed: made.failed };
}
