import { missingByCounty, newestOverdueMonth, type Expected } from '../core/completeness/index.js';
import { LeitaiError } from '../core/errors/index.js';
import { planCounties } from '../core/evaluate/index.js';
import { ObservationSet } from '../core/observations/index.js';
import { dueDate, isOverdue, parsePeriod, periodLabel, todayIn } from '../core/periods/index.js';
import { countyIndicators, coversYear, preparePlan } from '../core/plans/index.js';
import { writeReminderSheet } from '../io/excel/reminder-sheet.js';
import { findPlan } from '../io/plans.js';
import { currentValues } from '../store/observations.js';
import { addReminders, type NewReminder } from '../store/reminders.js';
import type { ReportContext } from './reports.js';

/** Who sends automatic reminders. */
export const SYSTEM_SENDER = 'system';

export interface MissingIndicator {
  code: string;
  name: string;
  unit: string;
}

/** A county with values missing after the due date. */
export interface LateCounty {
  region: string;
  name: string;
  prefecture: string | null;
  prefectureName: string | null;
  missing: MissingIndicator[];
}

export interface Lateness {
  plan: string;
  planTitle: string;
  period: string;
  /** 2026年1-9月 */
  label: string;
  due: string;
  /** Whether the due date has passed on `today`; before it no county is late. */
  overdue: boolean;
  /** Late counties, by code; empty before the due date. */
  counties: LateCounty[];
}

/**
 * The plan's counties with values of the period still missing after its due date, and which
 * indicators each lacks (names, units), as of the calendar day `today` in the province.
 */
export async function lateCounties(
  ctx: ReportContext,
  o: { plan: string; period: string; today: string },
): Promise<Lateness> {
  const period = parsePeriod(o.period);
  const plan = findPlan([...ctx.plans], o.plan);
  const prepared = preparePlan(plan, [...ctx.indicators]);
  const due = dueDate(period, plan.settings?.dueDay ?? 10);
  const overdue = isOverdue(due, o.today);
  const base = {
    plan: plan.id,
    planTitle: plan.title,
    period: o.period,
    label: periodLabel(period),
    due,
    overdue,
  };
  if (!overdue) return { ...base, counties: [] };
  const counties = planCounties(prepared, ctx.register, new ObservationSet());
  const indicators = countyIndicators(prepared, period);
  const expected: Expected[] = counties.flatMap((c) =>
    indicators.map((d) => ({
      region: c.code,
      prefecture: c.parent,
      indicator: d.code,
      departments: [],
    })),
  );
  const values = await currentValues(ctx.store, {
    regions: counties.map((c) => c.code),
    indicators: indicators.map((d) => d.code),
    periods: [o.period],
  });
  const missing = missingByCounty({ expected, received: values });
  const byCode = new Map(indicators.map((d) => [d.code, d]));
  const out: LateCounty[] = [];
  for (const c of [...counties].sort((a, b) => (a.code < b.code ? -1 : 1))) {
    const list = missing.get(c.code);
    if (!list) continue;
    const parent = c.parent ? ctx.register.get(c.parent) : undefined;
    out.push({
      region: c.code,
      name: c.name,
      prefecture: c.parent,
      prefectureName: parent?.name ?? null,
      missing: list.map((code) => {
        const d = byCode.get(code)!;
        return { code, name: d.name, unit: d.unit };
      }),
    });
  }
  return { ...base, counties: out };
}

/**
 * Sends a reminder to each of `regions` (all must be late, and `inScope`), or to every late
 * county in scope when `regions` is omitted. All or nothing; returns the reminders written.
 */
export async function sendReminders(
  ctx: ReportContext,
  o: {
    plan: string;
    period: string;
    regions?: readonly string[];
    note: string | null;
    by: string;
    now: Date;
    inScope: (region: string) => boolean;
  },
): Promise<NewReminder[]> {
  const late = await lateCounties(ctx, { ...o, today: todayIn(o.now) });
  if (!late.overdue) {
    throw new LeitaiError(
      'CONFLICT',
      `${late.label}的报送截止日期 ${late.due} 尚未过,没有逾期的县,不能催报 (not yet due)`,
      { field: 'period', value: o.period, reason: 'not overdue' },
    );
  }
  const byRegion = new Map(late.counties.map((c) => [c.region, c]));
  let chosen: LateCounty[];
  if (o.regions) {
    chosen = [];
    for (const r of new Set(o.regions)) {
      const c = byRegion.get(r);
      if (!c) {
        const name = ctx.register.get(r)?.name;
        throw new LeitaiError(
          'CONFLICT',
          `${name ? `${name}(${r})` : r} 在${late.label}没有缺报的数值,无需催报 (nothing missing)`,
          { field: 'regions', value: r, reason: 'not late' },
        );
      }
      chosen.push(c);
    }
  } else chosen = late.counties.filter((c) => o.inScope(c.region));
  if (chosen.length === 0) {
    throw new LeitaiError(
      'CONFLICT',
      `${late.label}在您的范围内没有逾期缺报的县 (no late county)`,
      {
        field: 'regions',
        reason: 'no late county',
      },
    );
  }
  const at = o.now.toISOString();
  const rows = chosen.map((c) => ({
    plan: late.plan,
    period: o.period,
    region: c.region,
    due: late.due,
    missing: c.missing.length,
    note: o.note,
    sentBy: o.by,
    sentAt: at,
  }));
  await addReminders(ctx.store, rows);
  return rows;
}

/**
 * The automatic reminders (the server's job): for each plan whose years include the newest month
 * overdue on `now`'s calendar day, one reminder per late county, sent by 系统, keyed
 * plan|period|region so however many instances run it each is made once. Older periods are never
 * reminded. Returns how many were written now.
 */
export async function autoRemind(ctx: ReportContext, now: Date): Promise<number> {
  const today = todayIn(now);
  let written = 0;
  for (const plan of ctx.plans) {
    const period = newestOverdueMonth(today, plan.settings?.dueDay ?? 10);
    const year = Number(period.slice(0, 4));
    if (!coversYear(plan, year)) continue;
    const late = await lateCounties(ctx, { plan: plan.id, period, today });
    written += await addReminders(
      ctx.store,
      late.counties.map((c) => ({
        plan: plan.id,
        period,
        region: c.region,
        due: late.due,
        missing: c.missing.length,
        note: null,
        sentBy: SYSTEM_SENDER,
        sentAt: now.toISOString(),
        autoKey: `${plan.id}|${period}|${c.region}`,
      })),
    );
  }
  return written;
}

/** The printable 催报单 of the late counties in scope. */
export async function reminderSheet(
  ctx: ReportContext,
  o: { plan: string; period: string; now: Date; inScope: (region: string) => boolean; by: string },
): Promise<{ buffer: Buffer; counties: number }> {
  const late = await lateCounties(ctx, { ...o, today: todayIn(o.now) });
  const counties = late.counties.filter((c) => o.inScope(c.region));
  const buffer = await writeReminderSheet({
    title: `${late.planTitle} 催报单`,
    periodLabel: late.label,
    due: late.due,
    overdue: late.overdue,
    today: todayIn(o.now),
    by: o.by,
    counties,
  });
  return { buffer, counties: counties.length };
}
