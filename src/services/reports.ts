import { completeness, type Completeness, type Expected } from '../core/completeness/index.js';
import { LeitaiError } from '../core/errors/index.js';
import { evaluate, periodsNeeded, planCounties, type Evaluation } from '../core/evaluate/index.js';
import type { Indicator } from '../core/indicators/index.js';
import { ObservationSet } from '../core/observations/index.js';
import { dueDate, formatPeriod, parsePeriod, periodLabel } from '../core/periods/index.js';
import {
  countyIndicators,
  preparePlan,
  type Plan,
  type PreparedPlan,
} from '../core/plans/index.js';
import type { Register } from '../core/regions/index.js';
import type { DataView, Responsibility, Status } from '../core/review/index.js';
import { writeTemplate } from '../io/excel/template.js';
import { findPlan } from '../io/plans.js';
import type { Store } from '../store/db.js';
import { currentValues, firstEntered } from '../store/observations.js';
import { publishedValues } from '../store/visible-values.js';

/** What the reports read besides the store. */
export interface ReportContext {
  store: Store;
  register: Register;
  plans: readonly Plan[];
  indicators: readonly Indicator[];
  responsible: Responsibility;
}

type Values = Map<string, Map<string, number>>;

function byRegion(rows: { region: string; indicator: string; value: number | null }[]): Values {
  const out: Values = new Map();
  for (const r of rows) {
    if (r.value === null) continue;
    let m = out.get(r.region);
    if (!m) out.set(r.region, (m = new Map()));
    m.set(r.indicator, r.value);
  }
  return out;
}

/** A pre-filled template for one county or all counties of a prefecture. */
export async function templateFor(
  ctx: ReportContext,
  o: { period: string; region?: string; prefecture?: string; plan: string },
): Promise<{ buffer: Buffer; regions: number; indicators: number; label: string }> {
  if (!o.region === !o.prefecture) {
    throw new LeitaiError('INPUT_INVALID', '须指定 region 或 prefecture 之一', {
      reason: 'one of region, prefecture',
    });
  }
  const period = parsePeriod(o.period);
  const prepared = preparePlan(findPlan([...ctx.plans], o.plan), [...ctx.indicators]);
  const all = planCounties(prepared, ctx.register, new ObservationSet());
  const regions = o.region
    ? all.filter((r) => r.code === o.region)
    : all.filter((r) => r.parent === o.prefecture);
  if (regions.length === 0) {
    const code = o.region ?? o.prefecture!;
    throw new LeitaiError('INPUT_INVALID', `${code} 不是计划 ${o.plan} 覆盖的县(市)或其所属市`, {
      value: code,
      reason: 'no county in scope',
    });
  }
  const indicators = countyIndicators(prepared, period);
  const codes = regions.map((r) => r.code);
  // 上年同期: last year's published figures, not a revision still under review.
  const lastYear = byRegion(
    await publishedValues(ctx.store, {
      regions: codes,
      periods: [formatPeriod({ ...period, year: period.year - 1 })],
    }),
  );
  const currentRows = await currentValues(ctx.store, { regions: codes, periods: [o.period] });
  const buffer = await writeTemplate({
    title: `${prepared.plan.title} 县域主要指标填报表`,
    period: o.period,
    regions,
    indicators,
    lastYear,
    current: byRegion(currentRows),
    synthetic: currentRows.some((r) => r.synthetic),
  });
  return {
    buffer,
    regions: regions.length,
    indicators: indicators.length,
    label: periodLabel(period),
  };
}

/**
 * Expected, received, approved, late and missing values of a plan's counties for a period, and
 * whether any value counted is synthetic demo data.
 */
export async function completenessFor(
  ctx: ReportContext,
  o: { period: string; plan: string; now: string },
): Promise<Completeness & { synthetic: boolean }> {
  const period = parsePeriod(o.period);
  const plan = findPlan([...ctx.plans], o.plan);
  const prepared = preparePlan(plan, [...ctx.indicators]);
  const counties = planCounties(prepared, ctx.register, new ObservationSet());
  const codes = countyIndicators(prepared, period);
  const expected: Expected[] = counties.flatMap((c) =>
    codes.map((d) => ({
      region: c.code,
      prefecture: c.parent,
      indicator: d.code,
      departments: ctx.responsible(d.code),
    })),
  );
  const values = await currentValues(ctx.store, {
    periods: [o.period],
    indicators: codes.map((d) => d.code),
  });
  const first = await firstEntered(ctx.store, o.period);
  const tally = completeness({
    expected,
    received: values.map((v) => ({
      region: v.region,
      indicator: v.indicator,
      value: v.value,
      status: v.status,
      firstAt: first.get(`${v.region}|${v.indicator}`) ?? v.at,
    })),
    due: dueDate(period, plan.settings?.dueDay ?? 10),
    now: o.now,
  });
  return { ...tally, synthetic: values.some((v) => v.synthetic) };
}

/** Which values a report reads: the working or the published ones (core/review `resultView`), optionally only of one status. */
export interface ViewOptions {
  view?: DataView;
  status?: Status;
}

/** The store's values of some periods in the chosen view, as an observation set. */
export async function observationsFor(
  ctx: ReportContext,
  o: { periods: Iterable<string> } & ViewOptions,
): Promise<{ obs: ObservationSet; synthetic: boolean }> {
  const filter = {
    periods: [...o.periods],
    ...(o.status ? { statuses: [o.status] } : {}),
  };
  const values =
    o.view === 'published'
      ? await publishedValues(ctx.store, filter)
      : await currentValues(ctx.store, filter);
  const obs = new ObservationSet();
  for (const v of values) {
    obs.add({
      region: v.region,
      indicator: v.indicator,
      period: v.period,
      value: v.value,
      official: v.source.startsWith('plan:'),
    });
  }
  return { obs, synthetic: values.some((v) => v.synthetic) };
}

/**
 * A plan and the store's current values of the periods it reads (`periods` gets the prepared
 * plan): what every report over a plan starts from.
 */
export async function planObservations(
  ctx: ReportContext,
  o: { plan: string; periods: (prepared: PreparedPlan) => Iterable<string> } & ViewOptions,
): Promise<{ prepared: PreparedPlan; obs: ObservationSet; synthetic: boolean }> {
  const prepared = preparePlan(findPlan([...ctx.plans], o.plan), [...ctx.indicators]);
  return {
    prepared,
    ...(await observationsFor(ctx, { ...o, periods: o.periods(prepared) })),
  };
}

/** A plan evaluated on the store's values in the chosen view. */
export async function evaluationFor(
  ctx: ReportContext,
  o: { plan: string; period: string; allCounties?: boolean } & ViewOptions,
): Promise<Evaluation & { synthetic: boolean }> {
  const { prepared, obs, synthetic } = await planObservations(ctx, {
    ...o,
    periods: (p) => periodsNeeded(p, o.period),
  });
  return {
    ...evaluate({
      prepared,
      register: ctx.register,
      obs,
      period: o.period,
      allCounties: o.allCounties,
    }),
    synthetic,
  };
}
