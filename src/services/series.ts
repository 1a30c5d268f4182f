import { assignCategories } from '../core/categories/index.js';
import { LeitaiError } from '../core/errors/index.js';
import {
  planCounties,
  provinceCounties,
  regionTargets,
  shownInputs,
  shownValue,
} from '../core/evaluate/index.js';
import type { Indicator } from '../core/indicators/index.js';
import { ObservationSet } from '../core/observations/index.js';
import { formatPeriod, monthsElapsed, parsePeriod, periodLabel } from '../core/periods/index.js';
import { preparePlan, type CategoryRule, type PreparedPlan } from '../core/plans/index.js';
import type { DataView } from '../core/review/index.js';
import { findPlan } from '../io/plans.js';
import { currentValues, type ValueFilter, type ValueRecord } from '../store/observations.js';
import { publishedValues } from '../store/visible-values.js';
import type { ReportContext } from './reports.js';

export interface SeriesPoint {
  period: string;
  label: string;
  value: number | null;
}

export interface Series {
  indicator: string;
  /** As the plan prints it (the first target of the indicator). */
  name: string;
  unit: string;
  frequency: Indicator['frequency'];
  /** The months of the year up to the period. */
  points: SeriesPoint[];
  /** Every month of the year before. */
  previous: SeriesPoint[];
}

export interface RegionSeries {
  plan: string;
  region: string;
  regionName: string;
  year: number;
  synthetic: boolean;
  series: Series[];
}

export interface SeriesQuery {
  plan: string;
  region: string;
  period: string;
  /** Only this indicator (any the plan knows, targeted in the region or not). */
  indicator?: string;
  /** Which values of a month the reader sees (core/review `resultView`), or null: none. */
  shown: (period: string) => DataView | null;
  /** The values the region's categories are decided on: those of the period's own results. */
  view: DataView;
}

type Ctx = Pick<ReportContext, 'store' | 'register' | 'plans' | 'indicators'>;

const read = (ctx: Ctx, view: DataView, f: ValueFilter): Promise<ValueRecord[]> =>
  view === 'published' ? publishedValues(ctx.store, f) : currentValues(ctx.store, f);

function toSet(rows: readonly ValueRecord[], obs = new ObservationSet()): ObservationSet {
  for (const v of rows)
    obs.add({ region: v.region, indicator: v.indicator, period: v.period, value: v.value });
  return obs;
}

/** The indicators and periods a plan's category rules read. */
function ruleInputs(prepared: PreparedPlan): { indicators: string[]; periods: string[] } {
  const indicators = new Set<string>();
  const periods = new Set<string>();
  const visit = (rule: CategoryRule): void => {
    if ('indicator' in rule) {
      indicators.add(rule.indicator);
      periods.add(rule.period);
    } else if ('any' in rule) rule.any.forEach(visit);
    else if ('all' in rule) rule.all.forEach(visit);
  };
  prepared.plan.categories.forEach((c) => visit(c.rule));
  return { indicators: [...indicators], periods: [...periods] };
}

const months = (year: number, last: number): string[] =>
  Array.from({ length: last }, (_, i) => formatPeriod({ kind: 'month', year, month: i + 1 }));

/**
 * A region's monthly history for charts: for every indicator the plan targets in the region, the
 * value an evaluation of each month would show (the province's derived from its counties where
 * the indicator says so), this year up to the period and every month of last year. The values
 * of all those months are read at once, in two reads at most (working and published months).
 */
export async function seriesFor(ctx: Ctx, q: SeriesQuery): Promise<RegionSeries> {
  const prepared = preparePlan(findPlan(ctx.plans, q.plan), ctx.indicators);
  const { plan } = prepared;
  const region = ctx.register.get(q.region);
  if (!region)
    throw new LeitaiError('NOT_FOUND', `未知区划 ${q.region} (unknown region)`, {
      value: q.region,
      reason: 'unknown region',
    });
  const isProvince = region.code === plan.province;
  const period = parsePeriod(q.period);
  if (
    !isProvince &&
    !planCounties(prepared, ctx.register, new ObservationSet()).some((c) => c.code === region.code)
  )
    throw new LeitaiError(
      'INPUT_INVALID',
      `${region.name}(${region.code})不是计划 ${plan.id} 评价的省或县(市) (not a region of the plan)`,
      { value: region.code, reason: 'not the province or a county of the plan' },
    );
  if (q.indicator !== undefined && !prepared.indicators.has(q.indicator))
    throw new LeitaiError('NOT_FOUND', `未知指标 ${q.indicator} (unknown indicator)`, {
      value: q.indicator,
      reason: 'unknown indicator',
    });

  let synthetic = false;
  // A county's categories (and so its personalised targets), decided as the period's
  // evaluation decides them.
  let categories: string[] = [];
  if (!isProvince && plan.categories.length > 0) {
    const rules = ruleInputs(prepared);
    const rows = rules.indicators.length
      ? await read(ctx, q.view, {
          regions: [region.code],
          indicators: rules.indicators,
          periods: rules.periods,
        })
      : [];
    synthetic ||= rows.some((r) => r.synthetic);
    categories =
      assignCategories(
        plan.categories,
        [region],
        toSet(rows),
        plan.settings?.exclusiveCategories === true,
      ).byRegion.get(region.code) ?? [];
  }

  // One series per indicator the plan targets in the region, named as its first target prints
  // it; or the one asked for, targeted there or not (then named as the catalogue names it).
  const targets = new Map<string, { ind: Indicator; name: string; unit: string }>();
  for (const t of regionTargets(prepared, region.code, categories))
    if (!targets.has(t.def.code) && (q.indicator === undefined || t.def.code === q.indicator))
      targets.set(t.def.code, { ind: t.def, name: t.name, unit: t.unit });
  if (q.indicator !== undefined && targets.size === 0) {
    const ind = prepared.indicators.get(q.indicator)!;
    targets.set(ind.code, { ind, name: ind.name, unit: ind.unit });
  }

  const year = period.year;
  const thisYear = months(year, monthsElapsed(period));
  const lastYear = months(year - 1, 12);
  const byView: Record<DataView, string[]> = { working: [], published: [] };
  // Last year's total too: a projection (a yearly count mid-year) takes its seasonal share.
  for (const m of [...thisYear, ...lastYear, String(year - 1)]) {
    const v = q.shown(m);
    if (v) byView[v].push(m);
  }
  const counties = isProvince ? provinceCounties(prepared, ctx.register) : [];
  const indicators = [
    ...shownInputs(
      prepared,
      region.code,
      [...targets.values()].map((t) => t.ind),
      true,
    ),
  ];
  const obs = new ObservationSet();
  for (const view of ['working', 'published'] as const) {
    if (byView[view].length === 0 || indicators.length === 0) continue;
    const rows = await read(ctx, view, {
      regions: [region.code, ...counties],
      indicators,
      periods: byView[view],
    });
    synthetic ||= rows.some((r) => r.synthetic);
    toSet(rows, obs);
  }

  const visible = new Set([...byView.working, ...byView.published]);
  const point = (ind: Indicator) => (m: string) => ({
    period: m,
    label: periodLabel(parsePeriod(m)),
    value: visible.has(m)
      ? shownValue({ prepared, obs, counties, region: region.code, indicator: ind, period: m })
      : null,
  });
  return {
    plan: plan.id,
    region: region.code,
    regionName: region.name,
    year,
    synthetic,
    series: [...targets.values()].map(({ ind, name, unit }) => ({
      indicator: ind.code,
      name,
      unit,
      frequency: ind.frequency,
      points: thisYear.map(point(ind)),
      previous: lastYear.map(point(ind)),
    })),
  };
}
