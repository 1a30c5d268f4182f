import { LeitaiError } from '../core/errors/index.js';
import { planCounties } from '../core/evaluate/index.js';
import { entryRule, type EntryRule, type Indicator } from '../core/indicators/index.js';
import { ObservationSet } from '../core/observations/index.js';
import {
  compareDates,
  dueDate,
  formatPeriod,
  isOverdue,
  parsePeriod,
  periodLabel,
  previousInYear,
  previousYearPeriod,
  type Period,
} from '../core/periods/index.js';
import { countyIndicators, coversYear, preparePlan, type Plan } from '../core/plans/index.js';
import { mayWrite, type Actor, type Status } from '../core/review/index.js';
import type { Region } from '../core/regions/index.js';
import { findPlan } from '../io/plans.js';
import type { Store } from '../store/db.js';
import { currentValues, joined, type JoinedRow } from '../store/observations.js';
import { publishedValues } from '../store/visible-values.js';
import { MAX_IMPORT_BYTES } from './import.js';
import type { Reference } from './reference.js';

/** One month of a plan's reporting calendar: when its data are due, and whether that has passed. */
export interface EntryMonth {
  period: string;
  label: string;
  due: string;
  overdue: boolean;
}

/**
 * The months a county reports for a plan, newest first: from January of the plan's first year up
 * to the month now due (the first whose due date has not passed on `today`), or to the plan's
 * last December once every due date has passed. `current` is the month now due.
 */
export function entryCalendar(
  plan: Plan,
  today: string,
): { months: EntryMonth[]; current: string | null } {
  const dueDay = plan.settings?.dueDay ?? 10;
  const months: EntryMonth[] = [];
  let current: string | null = null;
  for (let year = plan.period.start; year <= plan.period.end && !current; year++) {
    for (let month = 1; month <= 12; month++) {
      const p: Period = { kind: 'month', year, month };
      const due = dueDate(p, dueDay);
      const period = formatPeriod(p);
      months.push({ period, label: periodLabel(p), due, overdue: isOverdue(due, today) });
      if (compareDates(due, today) >= 0) {
        current = period;
        break;
      }
    }
  }
  current ??= months.at(-1)?.period ?? null;
  return { months: months.reverse(), current };
}

/** One indicator of the entry form, in the template's order. */
export interface EntryRow {
  indicator: string;
  name: string;
  nameEn: string;
  unit: string;
  kind: Indicator['kind'];
  ytd: boolean;
  /** The rule the API checks the value against (core `entryRule`). */
  rule: EntryRule;
  /** 上年同期: the published (approved) value of the same period a year earlier. */
  lastYear: number | null;
  /** The previous month of the same year (null for January), its current value. */
  previousPeriod: string | null;
  previous: number | null;
  value: number | null;
  /** Null when nothing has been entered yet. */
  status: Status | null;
  /** The current revision (0 when nothing has been entered): `expectedRevision` for a save. */
  revision: number;
  /** Why the value was returned (status returned). */
  returnReason: string | null;
  actor: string | null;
  at: string | null;
}

export interface EntryAnswer {
  plan: string;
  region: { code: string; name: string; prefecture: { code: string; name: string } | null };
  period: string;
  label: string;
  due: string;
  overdue: boolean;
  months: EntryMonth[];
  current: string | null;
  /** The plan's counties the user may enter data for (a prefecture chooses among these). */
  counties: { code: string; name: string }[];
  rows: EntryRow[];
  synthetic: boolean;
  /** The largest file an upload may be (bytes). */
  maxUploadBytes: number;
}

const bad = (message: string, field: string, value: string) =>
  new LeitaiError('INPUT_INVALID', message, { field, value, reason: message });

/**
 * What one region must report for a plan in one month, with what is already there: the entry
 * form's answer. `region` and `period` default to the user's first county and the month now due.
 * The caller has checked the role; the region's scope is checked here (SCOPE_DENIED).
 */
export async function entryFor(
  ctx: Pick<Reference, 'register' | 'plans' | 'indicators' | 'prefectureOf'> & { store: Store },
  actor: Actor,
  o: { plan: string; region?: string; period?: string; today: string },
): Promise<EntryAnswer> {
  const plan = findPlan(ctx.plans, o.plan);
  const prepared = preparePlan(plan, ctx.indicators);
  const calendar = entryCalendar(plan, o.today);
  const mine = planCounties(prepared, ctx.register, new ObservationSet()).filter((r) =>
    mayWrite(actor, r.code, ctx.prefectureOf(r.code)),
  );
  const code = o.region ?? mine[0]?.code;
  if (!code) throw new LeitaiError('SCOPE_DENIED', `计划 ${plan.id} 中没有您可以填报的县(市)`);
  const region = ctx.register.get(code);
  if (!region) throw new LeitaiError('NOT_FOUND', `未知区划 ${code}`, { field: 'region' });
  if (!mayWrite(actor, code, ctx.prefectureOf(code)))
    throw new LeitaiError('SCOPE_DENIED', `${actor.name} 无权填报 ${region.name}(${code})的数据`, {
      region: code,
    });
  if (!mine.some((r) => r.code === code))
    throw bad(`${region.name}(${code})不是计划 ${plan.id} 覆盖的县(市)`, 'region', code);

  const periodText = o.period ?? calendar.current;
  if (!periodText) throw bad(`计划 ${plan.id} 没有填报月份`, 'period', '');
  const period = parsePeriod(periodText);
  if (period.kind !== 'month')
    throw bad(`填报按月进行:期别「${periodText}」不是月份,应如 2026-09`, 'period', periodText);
  if (!coversYear(plan, period.year))
    throw bad(
      `期别「${periodText}」不在计划 ${plan.id} 的年度 ${plan.period.start}–${plan.period.end} 内`,
      'period',
      periodText,
    );

  const indicators = countyIndicators(prepared, period);
  const codes = indicators.map((i) => i.code);
  const prev = previousInYear(period);
  const prevText = prev ? formatPeriod(prev) : null;
  const rows = (await joined(ctx.store.db)
    .where('o.region', '=', code)
    .where('o.period', 'in', prevText ? [periodText, prevText] : [periodText])
    .where('o.indicator', 'in', codes.length ? codes : [''])
    .execute()) as JoinedRow[];
  const now = new Map(rows.filter((r) => r.period === periodText).map((r) => [r.indicator, r]));
  const before = new Map(rows.filter((r) => r.period === prevText).map((r) => [r.indicator, r]));
  const lastYear = new Map(
    (
      await publishedValues(ctx.store, {
        regions: [code],
        indicators: codes,
        periods: [formatPeriod(previousYearPeriod(period))],
      })
    ).map((v) => [v.indicator, v.value]),
  );
  const num = (v: string | null | undefined) => (v === null || v === undefined ? null : Number(v));
  const due = dueDate(period, plan.settings?.dueDay ?? 10);
  const prefecture = region.parent ? ctx.register.get(region.parent) : undefined;
  return {
    plan: plan.id,
    region: {
      code,
      name: region.name,
      prefecture:
        prefecture?.level === 'prefecture'
          ? { code: prefecture.code, name: prefecture.name }
          : null,
    },
    period: periodText,
    label: periodLabel(period),
    due,
    overdue: isOverdue(due, o.today),
    months: calendar.months,
    current: calendar.current,
    counties: mine.map((r: Region) => ({ code: r.code, name: r.name })),
    rows: indicators.map((ind) => {
      const cur = now.get(ind.code);
      return {
        indicator: ind.code,
        name: ind.name,
        nameEn: ind.nameEn,
        unit: ind.unit,
        kind: ind.kind,
        ytd: ind.ytd,
        rule: entryRule(ind, { county: true }),
        lastYear: lastYear.get(ind.code) ?? null,
        previousPeriod: prevText,
        previous: num(before.get(ind.code)?.value),
        value: num(cur?.value),
        status: (cur?.status as Status | undefined) ?? null,
        revision: cur?.revision ?? 0,
        returnReason: cur?.status === 'returned' ? (cur.reason ?? null) : null,
        actor: cur?.actor ?? null,
        at: cur?.at ?? null,
      };
    }),
    synthetic: rows.some((r) => r.period === periodText && r.synthetic === 1),
    maxUploadBytes: MAX_IMPORT_BYTES,
  };
}

/**
 * The current value of the previous month of the same year (null for January, for other
 * periods, or when there is none): what a year-to-date value may not fall below.
 */
export async function previousMonthValue(
  store: Store,
  key: { region: string; indicator: string; period: string },
): Promise<number | null> {
  const p = parsePeriod(key.period);
  const prev = previousInYear(p);
  if (!prev || p.kind !== 'month') return null;
  const [row] = await currentValues(store, {
    regions: [key.region],
    indicators: [key.indicator],
    periods: [formatPeriod(prev)],
  });
  return row?.value ?? null;
}
