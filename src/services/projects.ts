import { createHash } from 'node:crypto';
import { LeitaiError } from '../core/errors/index.js';
import { formatPeriod, parsePeriod, previousPeriod, todayIn } from '../core/periods/index.js';
import { reportChanges, type FieldChange } from '../core/projects/changes.js';
import { checkAgainstPrevious } from '../core/projects/checks.js';
import type { ProjectItem } from '../core/projects/item.js';
import { endOfMonth, projectSum, toItem } from '../core/projects/progress.js';
import { PROJECT_INVESTMENT_INDICATOR, type Milestone } from '../core/projects/types.js';
import { descendants, type Region } from '../core/regions/index.js';
import { mayWrite, sightOf, type Action, type Actor, type Sight } from '../core/review/index.js';
import { readProjectLedger, type LedgerProblem } from '../io/excel/project-ledger.js';
import { writeProjectTemplate } from '../io/excel/project-template.js';
import { loadIndustryNames } from '../io/industries.js';
import type { Store } from '../store/db.js';
import {
  actOnReports,
  previewReports,
  latestPeriod,
  previousMonth,
  projectId,
  projectById,
  projectHistory,
  projectMonths,
  reportsAt,
  writeReports,
  type ReportKey,
  type StoredReport,
} from '../store/projects.js';
import { publishedPeriods } from '../store/users.js';
import type { Reference } from './reference.js';
import { observationsFor } from './reports.js';

/** What the project services read: the store, the reference data and who asks. */
export interface ProjectsContext extends Reference {
  store: Store;
  actor: Actor;
}

/** The sum check's default tolerance: |Σ projects − reported| ≤ 5 % of the reported value. */
export const LEDGER_TOLERANCE = 0.05;

function monthOf(period: string): string {
  const p = parsePeriod(period);
  if (p.kind !== 'month')
    throw new LeitaiError(
      'PERIOD_INVALID',
      `项目台账的期别应为月份(如 2026-09),不是「${period}」`,
      {
        value: period,
        reason: 'a project report is monthly',
      },
    );
  return formatPeriod(p);
}

/** The counties a `region` names: a county, a prefecture's counties, or every county. */
export function countiesOf(ctx: Reference, region?: string): Region[] {
  if (region === undefined)
    return [...ctx.register.regions.values()].filter((r) => r.level === 'county');
  const r = ctx.register.get(region);
  if (!r)
    throw new LeitaiError('NOT_FOUND', `未知区划 ${region}`, {
      value: region,
      reason: 'unknown region',
    });
  if (r.level === 'county') return [r];
  return descendants(ctx.register, region).filter((c) => c.level === 'county');
}

/** Which reports of a county the actor sees at a month (core/review `sightOf`). */
function visible(r: StoredReport, sight: Sight): boolean {
  return sight === 'working' || (sight === 'published' && r.status === 'approved');
}

async function sightFor(ctx: ProjectsContext, period: string) {
  const published = (await publishedPeriods(ctx.store)).has(period);
  return (county: string) => sightOf(ctx.actor, county, ctx.prefectureOf(county), published);
}

function itemOf(ctx: Reference, r: StoredReport): ProjectItem {
  const county = ctx.register.get(r.county);
  const prefecture = county?.parent ?? '';
  return toItem({
    id: r.id,
    county: r.county,
    countyName: county?.name ?? r.county,
    prefecture,
    prefectureName: ctx.register.get(prefecture)?.name ?? prefecture,
    report: r.report,
    status: r.status,
    revision: r.revision,
    synthetic: r.synthetic,
    day: endOfMonth(r.period),
  });
}

/** The reports of a month the actor sees, of the counties a region names. */
async function visibleReports(ctx: ProjectsContext, period: string, region?: string) {
  const counties = countiesOf(ctx, region).map((c) => c.code);
  const sight = await sightFor(ctx, period);
  const reports = await reportsAt(ctx.store, period, region === undefined ? undefined : counties);
  return { counties, sight, reports: reports.filter((r) => visible(r, sight(r.county))) };
}

export interface ListFilter {
  period: string;
  region?: string;
  industry?: string;
  stage?: Milestone | 'none';
  flag?: string;
  late?: boolean;
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface ProjectList {
  period: string;
  synthetic: boolean;
  total: number;
  page: number;
  pageSize: number;
  facets: { industries: string[]; flags: string[] };
  items: ProjectItem[];
}

function matches(i: ProjectItem, f: ListFilter): boolean {
  if (f.industry && i.industry !== f.industry) return false;
  if (f.stage && (i.stage ?? 'none') !== f.stage) return false;
  if (f.flag && !i.flags.includes(f.flag)) return false;
  if (f.late && !i.late) return false;
  if (f.q && !`${i.name} ${i.company ?? ''}`.includes(f.q)) return false;
  return true;
}

/** A month's projects the actor sees, filtered and paged, with the filters' choices. */
export async function listProjects(ctx: ProjectsContext, f: ListFilter): Promise<ProjectList> {
  const period = monthOf(f.period);
  const all = (await visibleReports(ctx, period, f.region)).reports.map((r) => itemOf(ctx, r));
  const items = all.filter((i) => matches(i, f));
  const page = f.page ?? 1;
  const pageSize = f.pageSize ?? 50;
  const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();
  return {
    period,
    synthetic: all.some((i) => i.synthetic),
    total: items.length,
    page,
    pageSize,
    facets: {
      industries: sorted(all.map((i) => i.industry)),
      flags: sorted(all.flatMap((i) => i.flags)),
    },
    items: items.slice((page - 1) * pageSize, page * pageSize),
  };
}

export interface ProjectDetail {
  project: ProjectItem;
  months: { period: string; completedYtd: string | null; status: string }[];
  history: {
    period: string;
    revision: number;
    status: string;
    at: string;
    actor: string;
    action: string;
    reason: string | null;
    changes: FieldChange[];
  }[];
}

const notFound = (id: string) =>
  new LeitaiError('NOT_FOUND', `没有项目 ${id}`, { value: id, reason: 'no such project' });

/**
 * One project: its report of a month (the latest the actor sees when no month is given), its
 * months and, inside the actor's scope, every revision with what changed. A project the actor
 * may not see is "not found", exactly as one that does not exist.
 */
export async function showProject(
  ctx: ProjectsContext,
  id: string,
  period?: string,
): Promise<ProjectDetail> {
  const p = await projectById(ctx.store, id);
  if (!p) throw notFound(id);
  const published = await publishedPeriods(ctx.store);
  const sight = (m: string) =>
    sightOf(ctx.actor, p.county, ctx.prefectureOf(p.county), published.has(m));
  const months = (await projectMonths(ctx.store, id)).filter((m) => visible(m, sight(m.period)));
  const wanted =
    period === undefined ? months.at(-1) : months.find((m) => m.period === monthOf(period));
  if (!wanted) throw notFound(id);
  const inScope = sight(wanted.period) === 'working';
  const history = inScope ? await projectHistory(ctx.store, id) : [];
  return {
    project: itemOf(ctx, wanted),
    months: months.map((m) => ({
      period: m.period,
      completedYtd: m.report.completedYtd,
      status: m.status,
    })),
    history: history.map((h) => ({
      period: h.period,
      revision: h.revision,
      status: h.status,
      at: h.at,
      actor: h.actor,
      action: h.action,
      reason: h.reason,
      changes: h.oldBody ? reportChanges(h.oldBody, h.body) : reportChanges(null, h.body),
    })),
  };
}

export interface CountySum {
  county: string;
  countyName: string;
  prefecture: string;
  projects: number;
  late: number;
  /** 亿元. */
  completedYtd: string;
  reported: string | null;
  difference: string | null;
  agrees: boolean | null;
}

/**
 * Each county's projects against its reported 产业项目投资 of the month, each side in the view
 * the actor has of that county (working inside its scope, published outside it).
 */
export async function projectSummary(
  ctx: ProjectsContext,
  o: { period: string; region?: string; tolerance?: number },
): Promise<{ period: string; tolerance: number; synthetic: boolean; counties: CountySum[] }> {
  const period = monthOf(o.period);
  const tolerance = o.tolerance ?? LEDGER_TOLERANCE;
  const { reports, sight } = await visibleReports(ctx, period, o.region);
  const byCounty = new Map<string, StoredReport[]>();
  for (const r of reports) byCounty.set(r.county, [...(byCounty.get(r.county) ?? []), r]);
  const codes = [...byCounty.keys()];
  const read = (view: 'working' | 'published') =>
    observationsFor(ctx, { periods: [period], regions: codes, view });
  const [working, published] = await Promise.all([read('working'), read('published')]);
  const counties = codes.map((code) => {
    const rs = byCounty.get(code)!;
    const obs = sight(code) === 'working' ? working.obs : published.obs;
    const sum = projectSum(
      rs.map((r) => r.report.completedYtd),
      obs.value(code, PROJECT_INVESTMENT_INDICATOR, period),
      tolerance,
    );
    return {
      county: code,
      countyName: ctx.register.get(code)?.name ?? code,
      prefecture: ctx.register.get(code)?.parent ?? '',
      projects: rs.length,
      late: rs.filter((r) => itemOf(ctx, r).late).length,
      completedYtd: sum.sum,
      reported: sum.reported,
      difference: sum.difference,
      agrees: sum.agrees,
    };
  });
  return { period, tolerance, synthetic: reports.some((r) => r.synthetic), counties };
}

export interface ProjectImport {
  file: string;
  period: string;
  problems: LedgerProblem[];
  /** Counties of rows outside the actor's scope (each also a problem naming its row). */
  denied: string[];
  changes: { created: number; changed: number; unchanged: number };
  /** Reviewed or approved reports would change: writing needs a reason. */
  needsReason: boolean;
  written: boolean;
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex').slice(0, 16);

/**
 * Reads a ledger and checks it whole — the reader's checks, the actor's scope for every row's
 * county, the year-to-date figures against the stored previous month — then, when `confirm` and
 * nothing is wrong, writes every row in one transaction; otherwise writes nothing.
 */
export async function importProjects(
  ctx: ProjectsContext,
  bytes: Uint8Array,
  file: string,
  o: { period: string; today: string; at: string; confirm: boolean; reason?: string },
): Promise<ProjectImport> {
  const period = monthOf(o.period);
  const read = await readProjectLedger(bytes, {
    fileName: file,
    period,
    today: o.today,
    register: ctx.register,
    industries: loadIndustryNames(),
  });
  const problems = [...read.problems];
  const denied = new Set<string>();
  for (const row of read.rows) {
    const c = row.report.county;
    if (mayWrite(ctx.actor, c, ctx.prefectureOf(c))) continue;
    denied.add(c);
    problems.push({
      sheet: row.sheet,
      row: row.row,
      column: '所在县',
      value: ctx.register.get(c)?.name ?? c,
      reason: `${ctx.actor.name} 无权报送 ${ctx.register.get(c)?.name ?? c} 的项目 (outside the actor’s scope)`,
    });
  }
  problems.push(...(await againstPrevious(ctx, period, read.rows)));
  const reports = read.rows.map((r) => r.report);
  const empty = { created: 0, changed: 0, unchanged: 0 };
  const base = { file, period, problems, denied: [...denied], needsReason: false, written: false };
  if (problems.length > 0) return { ...base, changes: empty };
  const preview = await previewReports(ctx.store, period, reports);
  const changes = {
    created: preview.created,
    changed: preview.changed,
    unchanged: preview.unchanged,
  };
  const needsReason = preview.needsReason.length > 0;
  if (!o.confirm) return { ...base, changes, needsReason };
  await writeReports(ctx.store, period, reports, {
    actor: ctx.actor.name,
    at: o.at,
    source: `file:${file}#${sha(bytes)}`,
    reason: o.reason,
  });
  return { ...base, changes, needsReason, written: changes.created + changes.changed > 0 };
}

/** Year-to-date figures that fell since the stored previous month of the same year. */
async function againstPrevious(
  ctx: ProjectsContext,
  period: string,
  rows: Awaited<ReturnType<typeof readProjectLedger>>['rows'],
): Promise<LedgerProblem[]> {
  const prev = formatPeriod(previousPeriod(parsePeriod(period)));
  if (prev.slice(0, 4) !== period.slice(0, 4) || rows.length === 0) return [];
  const counties = [...new Set(rows.map((r) => r.report.county))];
  const before = new Map((await reportsAt(ctx.store, prev, counties)).map((r) => [r.id, r.report]));
  return rows.flatMap((row) =>
    checkAgainstPrevious(row.report, before.get(projectId(row.report.county, row.report.name)), {
      period,
      previousPeriod: prev,
    }).map((p) => ({
      sheet: row.sheet,
      row: row.row,
      column: '本年累计完成投资',
      value: row.report.completedYtd,
      reason: p.reason,
    })),
  );
}

/** Moves reports along the review chain (subject: the county and 产业项目投资), all or nothing. */
export async function reviewProjects(
  ctx: ProjectsContext,
  o: { action: Action; items: readonly ReportKey[]; reason?: string; at: string },
): Promise<number> {
  return actOnReports(ctx.store, o.items, {
    actor: ctx.actor,
    action: o.action,
    reason: o.reason,
    at: o.at,
    responsible: ctx.responsible,
    prefectureOf: ctx.prefectureOf,
  });
}

/** A county's ledger for a month, pre-filled with its latest earlier month's reports. */
export async function projectTemplate(
  ctx: ProjectsContext,
  o: { county: string; period: string },
): Promise<{ buffer: Buffer; fileName: string; previous: string | null }> {
  const period = monthOf(o.period);
  const county = ctx.register.get(o.county);
  if (!county || county.level !== 'county')
    throw new LeitaiError('INPUT_INVALID', `${o.county} 不是县(市、区)`, {
      value: o.county,
      reason: 'a template is per county',
    });
  const sight = sightOf(ctx.actor, county.code, county.parent, false);
  if (sight !== 'working') throw notFound(county.code);
  const prev = await previousMonth(ctx.store, county.code, period);
  const previous = prev ? await reportsAt(ctx.store, prev, [county.code]) : [];
  const buffer = await writeProjectTemplate({
    county: county.code,
    countyName: county.name,
    period,
    previous: previous.map((r) => r.report),
    synthetic: previous.some((r) => r.synthetic),
  });
  return { buffer, fileName: `项目台账-${county.name}-${period}.xlsx`, previous: prev };
}

/** The month a list shows when none is asked for: the latest with reports, else this month. */
export async function latestMonth(ctx: { store: Store }): Promise<string> {
  return (await latestPeriod(ctx.store)) ?? todayIn(new Date()).slice(0, 7);
}
