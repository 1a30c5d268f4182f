import { planCounties } from '../core/evaluate/index.js';
import { catalogue } from '../core/indicators/index.js';
import { ObservationSet } from '../core/observations/index.js';
import { formatPeriod, parsePeriod } from '../core/periods/index.js';
import { preparePlan } from '../core/plans/index.js';
import {
  checkQuality,
  qualityPeriods,
  type QualityReport,
  type QualitySettings,
} from '../core/quality/index.js';
import { descendants, type Register } from '../core/regions/index.js';
import type { DataView } from '../core/review/index.js';
import { findPlan } from '../io/plans.js';
import { reportsAt } from '../store/projects.js';
import { revisionsAfterApproval } from '../store/revisions.js';
import { observationsFor, type ReportContext } from './reports.js';

/** The province a region lies in (the top of its parent chain): the peers it is compared with. */
export function provinceOf(register: Register): (code: string) => string {
  return (code) => {
    let r = register.get(code);
    while (r && r.parent !== null) {
      const up = register.get(r.parent);
      if (!up) return r.parent;
      r = up;
    }
    return r?.code ?? code;
  };
}

export interface QualityResult extends QualityReport {
  plan: string | null;
  counties: number;
  synthetic: boolean;
  /** Revisions after approval were read (always, from the database). */
  revisions: true;
}

/**
 * The quality findings of one period on the database's current values: with a plan, its counties
 * and indicators; without, every county-level unit (except municipal districts) and the whole
 * catalogue. Counties are compared within their province.
 */
export async function qualityFor(
  ctx: ReportContext,
  o: {
    period: string;
    plan?: string;
    checks?: readonly string[];
    settings?: Partial<QualitySettings>;
    /** The published values (what others see of a published period): no pending revisions. */
    view?: DataView;
  },
): Promise<QualityResult> {
  const period = formatPeriod(parsePeriod(o.period));
  let indicators = catalogue(ctx.indicators, ...ctx.plans.map((p) => p.indicators ?? []));
  let counties: string[];
  // With a plan, only its province's values: its counties' peers are all there (peers are
  // compared within their province), and a national store holds forty times as many.
  let regions: string[] | undefined;
  if (o.plan) {
    const prepared = preparePlan(findPlan(ctx.plans, o.plan), ctx.indicators);
    indicators = prepared.indicators;
    counties = planCounties(prepared, ctx.register, new ObservationSet()).map((r) => r.code);
    const { province } = prepared.plan;
    regions = [province, ...descendants(ctx.register, province).map((r) => r.code)];
  } else {
    counties = [...ctx.register.regions.values()]
      .filter((r) => r.level === 'county' && r.kind !== '市辖区')
      .map((r) => r.code);
  }
  const { obs, synthetic } = await observationsFor(ctx, {
    periods: qualityPeriods(period),
    regions,
    view: o.view,
  });
  const revisions =
    o.view === 'published' ? [] : await revisionsAfterApproval(ctx.store, { periods: [period] });
  const report = checkQuality({
    projects: await projectAmounts(ctx, period, counties, o.view),
    indicators,
    register: ctx.register,
    obs,
    period,
    counties,
    peerGroup: provinceOf(ctx.register),
    revisions,
    checks: o.checks,
    settings: o.settings,
  });
  return {
    ...report,
    plan: o.plan ?? null,
    counties: counties.length,
    synthetic,
    revisions: true,
  };
}

/** Each county's projects' year-to-date investment of the period, in the view (approved only when published). */
async function projectAmounts(
  ctx: ReportContext,
  period: string,
  counties: readonly string[],
  view?: DataView,
): Promise<Map<string, (string | null)[]>> {
  const out = new Map<string, (string | null)[]>();
  const wanted = new Set(counties);
  for (const r of await reportsAt(ctx.store, period)) {
    if (!wanted.has(r.county) || (view === 'published' && r.status !== 'approved')) continue;
    out.set(r.county, [...(out.get(r.county) ?? []), r.report.completedYtd]);
  }
  return out;
}
