/**
 * Synthetic project ledgers for the demo (合成演示数据): 10–30 fictional projects per county with
 * monthly year-to-date investment calibrated to the county's demo 产业项目投资, so the sum check
 * agrees — except for the deliberate problems listed in `LEDGER_NOTE`, which the checks must find.
 */
import type { LeadingIndustry } from '../industries/types.js';
import { dec, type Decimal } from '../numeric/index.js';
import type { Observation } from '../observations/index.js';
import type { Plan } from '../plans/schema.js';
import {
  MILESTONES,
  PROJECT_INVESTMENT_INDICATOR,
  type Milestone,
  type ProjectReport,
} from '../projects/types.js';
import { Rng } from '../random/index.js';
import {
  GREEN_POWER_INDUSTRIES,
  LEADER_TITLES,
  PROBLEMS,
  PROGRESS,
  STEMS,
  SURNAMES,
  templatesOf,
} from './ledger-words.js';
import { generateLeadingIndustries } from './ledger-industries.js';
import { generateTaskReports, type TaskLedgers } from './ledger-tasks.js';

export const LEDGER_NOTE =
  '合成演示台账(synthetic):项目、企业、领导姓名均为虚构。故意设置的问题:' +
  '一个县 2026 年各月项目投资合计比上报的产业项目投资少约一成(超出 5% 容差);' +
  '五个县各有一个项目的「投产」节点已过计划时间仍未完成;' +
  '2011 年计划中有一项任务到期未完成(逾期)。';

export interface LedgerCounty {
  code: string;
  name: string;
}

export interface ProjectLedgerInput {
  seed: number;
  counties: readonly LedgerCounty[];
  /** County → month (YYYY-MM) → its demo 产业项目投资, year to date, 亿元. */
  investment: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Canonical industry names (data/industries.json). */
  industries: readonly string[];
}

export interface DemoProjectReport {
  period: string;
  report: ProjectReport;
}

export interface LateMilestone {
  county: string;
  name: string;
  milestone: Milestone;
  planned: string;
}

export interface ProjectLedgers {
  reports: DemoProjectReport[];
  /** The county whose 2026 sums disagree beyond the tolerance. */
  mismatch: string;
  late: LateMilestone[];
}

/** Month arithmetic on an index (year × 12 + month − 1). */
const ix = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
const ym = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng.next() * (hi - lo + 1));

/** Unreached milestones are planned from here on, so only the deliberate ones are late. */
const FUTURE = ix('2027-01');
const LATE_COUNTIES = 5;
const MISMATCH_FACTOR = '0.9';

interface Draft {
  name: string;
  company: string;
  industry: string;
  type: ProjectReport['type'];
  weight: number;
  firstYear: number;
  planned: Partial<Record<Milestone, number>>;
  actual: Partial<Record<Milestone, number>>;
  problems: string | null;
  leader: string;
  /** Year → month → completed year to date, 万元. */
  ytd: Map<string, Decimal>;
}

export function generateProjectLedgers(input: ProjectLedgerInput): ProjectLedgers {
  const pick = new Rng(input.seed, 'ledgers', 'deliberate');
  const codes = input.counties.map((c) => c.code);
  const mismatch = codes[int(pick, 0, codes.length - 1)] ?? '';
  const lateSet = new Set<string>();
  while (lateSet.size < Math.min(LATE_COUNTIES, codes.length - 1)) {
    const c = codes[int(pick, 0, codes.length - 1)] ?? '';
    if (c !== mismatch) lateSet.add(c);
  }
  const reports: DemoProjectReport[] = [];
  const late: LateMilestone[] = [];
  for (const county of input.counties) {
    const months = [...(input.investment.get(county.code)?.keys() ?? [])].sort();
    if (months.length === 0) continue;
    const rng = new Rng(input.seed, 'ledgers', county.code);
    const last = ix(months[months.length - 1]!);
    const drafts = draftProjects(rng, county, input.industries, last);
    if (lateSet.has(county.code)) late.push(makeLate(rng, county.code, drafts, last));
    const values = input.investment.get(county.code)!;
    allocate(drafts, months, values, county.code === mismatch);
    for (const d of drafts) reports.push(...reportsOf(rng, d, county.code, months));
  }
  return { reports, mismatch, late };
}

function draftProjects(
  rng: Rng,
  county: LedgerCounty,
  industries: readonly string[],
  last: number,
): Draft[] {
  const n = int(rng, 10, 30);
  const leading = [int(rng, 0, industries.length - 1), int(rng, 0, industries.length - 1)];
  const names = new Set<string>();
  const drafts: Draft[] = [];
  for (let k = 0; k < n; k++) {
    const i = rng.chance(0.6) ? leading[k % 2]! : int(rng, 0, industries.length - 1);
    const industry = industries[i] ?? '';
    const words = templatesOf(industry);
    let name = `${county.name}${words.names[int(rng, 0, words.names.length - 1)]!.replace('{n}', String(int(rng, 1, 30)))}`;
    while (names.has(name)) name = name.replace(/项目$/, '二期项目');
    names.add(name);
    // The first two are continuing projects, started before the ledger's first month.
    const continuing = k < 2;
    drafts.push({
      name,
      company: `${county.name}${STEMS[k % STEMS.length]}某${words.kind}有限公司`,
      industry,
      type: (['new', 'expansion', 'upgrade'] as const)[rng.pick([55, 25, 20])]!,
      weight: Math.exp(rng.normal(0, 0.8)) * (continuing ? 3 : 1),
      firstYear: continuing || rng.chance(0.4) ? 2025 : 2026,
      ...milestones(rng, continuing ? ix('2024-01') : undefined, last),
      problems: rng.chance(0.2) ? PROBLEMS[int(rng, 0, PROBLEMS.length - 1)]! : null,
      leader: `${LEADER_TITLES[int(rng, 0, LEADER_TITLES.length - 1)]} ${SURNAMES[int(rng, 0, SURNAMES.length - 1)]}某`,
      ytd: new Map(),
    });
    // The ledger year follows the start: a project started in 2024 is in the 2025 ledger.
    const d = drafts[k]!;
    if (d.actual.start !== undefined && d.actual.start < ix('2026-01')) d.firstYear = 2025;
  }
  return drafts;
}

/**
 * Planned dates 谋划 → 达产 a few months apart; a milestone is reached (with a small delay) when
 * that falls by the last month, and an unreached one is planned after it (not late).
 */
function milestones(rng: Rng, startBefore: number | undefined, last: number) {
  const planned: Partial<Record<Milestone, number>> = {};
  const actual: Partial<Record<Milestone, number>> = {};
  // A continuing project is a big one: two years or more from 开工 to 投产.
  const build = startBefore !== undefined ? int(rng, 20, 32) : int(rng, 8, 20);
  const gaps = [0, int(rng, 1, 4), int(rng, 1, 4), build, int(rng, 6, 12)];
  let previous = -Infinity;
  let t =
    startBefore !== undefined
      ? startBefore - gaps[1]! - gaps[2]!
      : int(rng, ix('2024-06'), last - 1) - int(rng, 0, 6);
  let reached = true;
  MILESTONES.forEach((m, i) => {
    t += gaps[i]!;
    // Reached a little late at most, and never before the milestone before it.
    const done = Math.max(t + int(rng, 0, 2), previous);
    if (reached && done <= last) {
      planned[m] = t;
      actual[m] = previous = done;
    } else {
      reached = false;
      t = Math.max(t, FUTURE + i);
      planned[m] = t;
    }
  });
  return { planned, actual };
}

/** The deliberate problem: a started project whose 投产 was planned months ago is not in production. */
function makeLate(rng: Rng, county: string, drafts: Draft[], last: number): LateMilestone {
  // A project started at least four months ago; failing that the first, continuing one.
  const d =
    drafts.find(
      (x) => x.actual.start !== undefined && x.actual.start <= last - 4 && !x.actual.operate,
    ) ?? drafts[0]!;
  delete d.actual.operate;
  const start = d.actual.start!;
  const planned = Math.max(start + 1, last - int(rng, 3, 6));
  d.planned.operate = planned;
  d.planned.full = Math.max(d.planned.full ?? 0, planned + 6);
  delete d.actual.full;
  d.problems = '设备到货延迟,投产时间推后';
  return { county, name: d.name, milestone: 'operate', planned: ym(planned) };
}

/**
 * Each month's increase of the county's year-to-date investment, shared among the projects
 * started by then by weight, to the cent: so the projects' sum is the county's value exactly
 * (a tenth less for the deliberate county's 2026) and no project's year to date decreases.
 */
function allocate(
  drafts: Draft[],
  months: string[],
  values: ReadonlyMap<string, number>,
  mismatch: boolean,
): void {
  const before = new Map<string, Decimal>();
  for (const month of months) {
    const year = month.slice(0, 4);
    let target = dec(values.get(month) ?? 0).times(10000);
    if (mismatch && year === '2026') target = target.times(MISMATCH_FACTOR);
    target = target.toDecimalPlaces(2);
    const prev = before.get(year) ?? dec(0);
    const step = target.minus(prev);
    const active = drafts.filter(
      (d) =>
        d.firstYear <= Number(year) && d.actual.start !== undefined && d.actual.start <= ix(month),
    );
    const shares = share(
      step.isNegative() ? dec(0) : step,
      active.map((d) => d.weight),
    );
    active.forEach((d, i) => {
      const had = d.ytd.get(prevMonthOf(d, year)) ?? dec(0);
      d.ytd.set(month, had.plus(shares[i]!));
    });
    for (const d of drafts)
      if (!d.ytd.has(month) && d.firstYear <= Number(year)) d.ytd.set(month, lastOf(d, year));
    before.set(year, prev.plus(step.isNegative() ? 0 : step));
  }
}

const prevMonthOf = (d: Draft, year: string) =>
  [...d.ytd.keys()]
    .filter((m) => m.startsWith(year))
    .sort()
    .pop() ?? '';
const lastOf = (d: Draft, year: string) => d.ytd.get(prevMonthOf(d, year)) ?? dec(0);

/** `amount` split by `weights` into cents; the rounding remainder goes to the largest share. */
function share(amount: Decimal, weights: number[]): Decimal[] {
  if (weights.length === 0) return [];
  const total = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => amount.times(w / total).toDecimalPlaces(2, 1));
  const rest = amount.minus(parts.reduce((a, b) => a.plus(b), dec(0)));
  const big = weights.indexOf(Math.max(...weights));
  parts[big] = parts[big]!.plus(rest);
  return parts;
}

function reportsOf(rng: Rng, d: Draft, county: string, months: string[]): DemoProjectReport[] {
  const years = [...new Set(months.map((m) => m.slice(0, 4)))];
  const yearEnd = new Map(years.map((y) => [y, lastOf(d, y)]));
  const completedAll = [...yearEnd.values()].reduce((a, b) => a.plus(b), dec(0));
  const drawn = Math.round(d.weight * rng.uniform(5000, 20000));
  const total = dec(Math.max(drawn, Math.round(completedAll.toNumber() * rng.uniform(1.4, 2.6))));
  const plannedOf = new Map(
    years.map((y) => {
      const done = yearEnd.get(y)!;
      const elapsed = months.filter((m) => m.startsWith(y)).length / 12;
      const p = done.isZero()
        ? null
        : done.div(elapsed * rng.uniform(0.8, 1.05)).toDecimalPlaces(0);
      return [y, p === null ? null : (p.gt(total) ? total : p).toString()];
    }),
  );
  return months
    .filter((m) => Number(m.slice(0, 4)) >= d.firstYear)
    .map((period) => ({ period, report: reportAt(d, county, period, total, plannedOf) }));
}

function reportAt(
  d: Draft,
  county: string,
  period: string,
  total: Decimal,
  plannedOf: Map<string, string | null>,
): ProjectReport {
  const at = ix(period);
  const actual: ProjectReport['actual'] = {};
  let stage = 'none';
  for (const m of MILESTONES) {
    const a = d.actual[m];
    if (a !== undefined && a <= at) {
      actual[m] = ym(a);
      stage = m;
    }
  }
  const planned = Object.fromEntries(
    MILESTONES.map((m) => [m, ym(d.planned[m]!)] as const),
  ) as ProjectReport['planned'];
  const ytd = d.ytd.get(period);
  const started = actual.start !== undefined;
  return {
    name: d.name,
    company: d.company,
    county,
    industry: d.industry,
    type: d.type,
    flags: flagsOf(d, total),
    totalInvestment: total.toString(),
    plannedThisYear: plannedOf.get(period.slice(0, 4)) ?? null,
    completedYtd: started && ytd ? ytd.toFixed(2) : started ? '0.00' : null,
    planned,
    actual,
    progress: PROGRESS[stage] ?? null,
    problems: d.problems,
    leader: d.leader,
  };
}

function flagsOf(d: Draft, total: Decimal): string[] {
  const flags: string[] = [];
  if (total.gte(50000) || d.weight > 4) flags.push('省重点');
  if (GREEN_POWER_INDUSTRIES.has(d.industry) && d.weight > 0.8) flags.push('绿电直连');
  return flags;
}

export interface DemoLedgers extends ProjectLedgers {
  tasks: TaskLedgers;
  industries: LeadingIndustry[];
  /** `synthetic-demo:seed=N`, the source of every change set. */
  source: string;
  note: string;
}

/**
 * The demo's ledgers from its generated values: the counties' 产业项目投资 months (those of the
 * county scale; synthetic national counties get none) drive the projects.
 */
export function generateDemoLedgers(opts: {
  seed: number;
  observations: readonly Observation[];
  counties: readonly LedgerCounty[];
  industries: readonly string[];
  plans: readonly Pick<Plan, 'id' | 'period' | 'tasks'>[];
  department?: (printed: string) => string;
}): DemoLedgers {
  const investment = new Map<string, Map<string, number>>();
  for (const o of opts.observations) {
    if (o.indicator !== PROJECT_INVESTMENT_INDICATOR || !o.period.includes('-')) continue;
    if (o.value === null) continue;
    let m = investment.get(o.region);
    if (!m) investment.set(o.region, (m = new Map()));
    m.set(o.period, o.value);
  }
  const counties = opts.counties.filter((c) => investment.has(c.code));
  const projects = generateProjectLedgers({ ...opts, counties, investment });
  const months = [...new Set(projects.reports.map((r) => r.period))].sort();
  const last = lastDay(months[months.length - 1] ?? '2026-09');
  return {
    ...projects,
    tasks: generateTaskReports(opts.seed, opts.plans, last, opts.department),
    industries: generateLeadingIndustries(opts.seed, counties, opts.industries),
    source: `synthetic-demo:seed=${opts.seed}`,
    note: LEDGER_NOTE,
  };
}

/** The last day of a YYYY-MM month. */
function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(d).padStart(2, '0')}`;
}
