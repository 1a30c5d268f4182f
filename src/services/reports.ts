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
import { descendants, type Register } from '../core/regions/index.js';
import type { DataView, Responsibility, Status } from '../core/review/index.js';
import { writeTemplate } from '../io/excel/template.js';
import { findPlan } from '../io/plans.js';
import type { Store } from '../store/db.js';
import {
  currentReportValues,
  currentValues,
  firstEntered,
  regionsWithValues,
} from '../store/observations.js';
import { judgementNotes } from '../store/judgements.js';
import { publishedReportValues, publishedValues } from '../store/visible-values.js';

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
  // Only the plan's counties' values: a national store holds forty times as many.
  const filter = { regions: counties.map((c) => c.code), indicators: codes.map((d) => d.code) };
  const values = await currentValues(ctx.store, { ...filter, periods: [o.period] });
  const first = await firstEntered(ctx.store, o.period, filter);
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

/** The store's values of some periods (of some regions) in the chosen view, as an observation set. */
export async function observationsFor(
  ctx: ReportContext,
  o: { periods: Iterable<string>; regions?: readonly string[] } & ViewOptions,
): Promise<{ obs: ObservationSet; synthetic: boolean }> {
  const filter = {
    periods: [...o.periods],
    ...(o.regions ? { regions: o.regions } : {}),
    ...(o.status ? { statuses: [o.status] } : {}),
  };
  const values =
    o.view === 'published'
      ? await publishedReportValues(ctx.store, filter)
      : await currentReportValues(ctx.store, filter);
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
  await attachJudgementNotes(ctx.store, obs, filter.periods, o.view === 'published');
  return { obs, synthetic: values.some((v) => v.synthetic) };
}

/** Gives each recorded judgement (人工评定) in the set its note, evidence, who and when. */
async function attachJudgementNotes(
  store: Store,
  obs: ObservationSet,
  periods: readonly string[],
  published: boolean,
): Promise<void> {
  for (const n of await judgementNotes(store, { periods, published })) {
    const o = obs.get(n.region, n.indicator, n.period);
    if (!o) continue;
    o.note = n.note;
    o.evidence = n.evidence;
    o.by = n.by;
    o.at = n.at;
  }
}

/**
 * A plan and the store's current values of the periods it reads (`periods` gets the prepared
 * plan): what every report over a plan starts from. With `counties: 'plan'` only the values of
 * the plan's province and the regions under it are read — all that a report over the plan's own
 * counties looks at (its counties, their prefectures, the province), and on a national store a
 * fortieth of the rows; otherwise every region's.
 */
export async function planObservations(
  ctx: ReportContext,
  o: {
    plan: string;
    periods: (prepared: PreparedPlan) => Iterable<string>;
    counties?: CountyChoice;
  } & ViewOptions,
): Promise<{ prepared: PreparedPlan; obs: ObservationSet; synthetic: boolean }> {
  const prepared = preparePlan(findPlan([...ctx.plans], o.plan), [...ctx.indicators]);
  const { province } = prepared.plan;
  const regions =
    o.counties === 'plan'
      ? [province, ...descendants(ctx.register, province).map((r) => r.code)]
      : undefined;
  return {
    prepared,
    ...(await observationsFor(ctx, { ...o, periods: o.periods(prepared), regions })),
  };
}

/**
 * The counties a report over a plan covers (the API's `counties` parameter): the plan's own
 * (`plan`, the default) or every county of the register with data (`all`, core evaluate's
 * `allCounties`: the plan's county table applied to them too).
 */
export type CountyChoice = 'plan' | 'all';

/** Which counties a report covered, and how many more the other choice would: for the UI's switch. */
export interface CountyScope {
  counties: CountyChoice;
  /** The plan's own counties. */
  plan: number;
  /** Counties of the register with data, outside the plan's own, that `all` adds. */
  others: number;
}

/**
 * The scope of a report over a plan: its own counties, and how many counties of the register
 * outside them hold values of the periods it reads (those `all` would add).
 */
export async function countyScope(
  ctx: ReportContext,
  prepared: PreparedPlan,
  periods: Iterable<string>,
  counties: CountyChoice,
): Promise<CountyScope> {
  const own = new Set(
    planCounties(prepared, ctx.register, new ObservationSet()).map((c) => c.code),
  );
  const data = new ObservationSet();
  for (const code of await regionsWithValues(ctx.store, [...periods])) data.notePresent(code);
  const others = planCounties(prepared, ctx.register, data, true).filter((c) => !own.has(c.code));
  return { counties, plan: own.size, others: others.length };
}

/** A plan evaluated on the store's values in the chosen view. */
export async function evaluationFor(
  ctx: ReportContext,
  o: { plan: string; period: string; allCounties?: boolean } & ViewOptions,
): Promise<Evaluation & { synthetic: boolean; scope: CountyScope }> {
  const counties = o.allCounties ? 'all' : 'plan';
  const periods = (p: PreparedPlan) => periodsNeeded(p, o.period);
  const { prepared, obs, synthetic } = await planObservations(ctx, { ...o, periods, counties });
  return {
    ...evaluate({
      prepared,
      register: ctx.register,
      obs,
      period: o.period,
      allCounties: o.allCounties,
    }),
    synthetic,
    scope: await countyScope(ctx, prepared, periods(prepared), counties),
  };
}
