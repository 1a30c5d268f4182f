import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { LeitaiError } from '../core/errors/index.js';
import { nameKey } from '../core/projects/key.js';
import { MILESTONES, PROJECT_INVESTMENT_INDICATOR } from '../core/projects/types.js';
import type { ProjectReport } from '../core/projects/types.js';
import {
  afterEdit,
  mayActOn,
  scopeDenied,
  transition,
  type Action,
  type Actor,
  type Responsibility,
  type Status,
} from '../core/review/index.js';
import { inTransaction, type Store } from './db.js';
import { asConflict, newChangeSet } from './observations.js';
import type { Database, ProjectReportTable } from './schema.js';

/**
 * The project ledger (项目台账) kept like values: a project keeps one id across months; each
 * (project, month) report has a current revision and every superseded one in the history, each
 * with the change set that made it.
 */

/** `${county}-${first 10 hex of sha256(name_key)}`: the same project gets the same id anywhere. */
export function projectId(county: string, name: string): string {
  const hash = createHash('sha256').update(nameKey(name), 'utf8').digest('hex');
  return `${county}-${hash.slice(0, 10)}`;
}

/** A report as stored: fixed key order, so an identical row gives an identical body. */
export function bodyOf(r: ProjectReport): string {
  const dates = <T>(d: Partial<Record<string, T>>) =>
    Object.fromEntries(MILESTONES.filter((m) => Object.hasOwn(d, m)).map((m) => [m, d[m]]));
  return JSON.stringify({
    name: r.name,
    company: r.company,
    county: r.county,
    industry: r.industry,
    type: r.type,
    flags: r.flags,
    totalInvestment: r.totalInvestment,
    plannedThisYear: r.plannedThisYear,
    completedYtd: r.completedYtd,
    planned: dates(r.planned),
    actual: dates(r.actual),
    progress: r.progress,
    problems: r.problems,
    leader: r.leader,
  });
}

export interface StoredReport {
  id: string;
  county: string;
  period: string;
  revision: number;
  status: Status;
  report: ProjectReport;
  synthetic: boolean;
}

export interface ReportKey {
  id: string;
  period: string;
}

export interface WriteCounts {
  created: number;
  changed: number;
  unchanged: number;
  /** Reports already reviewed or approved that would change: the write needs a reason. */
  needsReason: string[];
}

/** A `project_report` row, `id` read as a number (PostgreSQL returns bigint as text). */
type CurrentRow = Selectable<ProjectReportTable>;

const chunks = <T>(xs: readonly T[], n = 500): T[][] =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

async function currentOf(
  db: Kysely<Database>,
  period: string,
  ids: readonly string[],
): Promise<Map<string, CurrentRow>> {
  const out = new Map<string, CurrentRow>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await db
      .selectFrom('project_report')
      .selectAll()
      .where('period', '=', period)
      .where('project', 'in', part)
      .execute();
    for (const r of rows) out.set(r.project, { ...r, id: Number(r.id) } as CurrentRow);
  }
  return out;
}

function duplicates(reports: readonly ProjectReport[]): void {
  const seen = new Set<string>();
  for (const r of reports) {
    const id = projectId(r.county, r.name);
    if (seen.has(id))
      throw new LeitaiError(
        'IMPORT_INVALID',
        `同一批数据中项目「${r.name}」(${r.county})出现两次`,
        {
          value: r.name,
          reason: 'duplicate project in one batch',
        },
      );
    seen.add(id);
  }
}

interface Plan {
  fresh: ProjectReport[];
  changed: { report: ProjectReport; prior: CurrentRow }[];
  counts: WriteCounts;
}

async function planWrite(
  db: Kysely<Database>,
  period: string,
  reports: readonly ProjectReport[],
): Promise<Plan> {
  duplicates(reports);
  const current = await currentOf(
    db,
    period,
    reports.map((r) => projectId(r.county, r.name)),
  );
  const plan: Plan = {
    fresh: [],
    changed: [],
    counts: { created: 0, changed: 0, unchanged: 0, needsReason: [] },
  };
  for (const report of reports) {
    const prior = current.get(projectId(report.county, report.name));
    if (!prior) plan.fresh.push(report);
    else if (prior.body === bodyOf(report)) plan.counts.unchanged++;
    else {
      plan.changed.push({ report, prior });
      if (afterEdit(prior.status as Status).needsReason) plan.counts.needsReason.push(report.name);
    }
  }
  plan.counts.created = plan.fresh.length;
  plan.counts.changed = plan.changed.length;
  return plan;
}

/** What writing these reports of a month would do, without writing (the dry run). */
export async function previewReports(
  store: Store,
  period: string,
  reports: readonly ProjectReport[],
): Promise<WriteCounts> {
  return (await planWrite(store.db, period, reports)).counts;
}

export interface WriteOptions {
  actor: string;
  at: string;
  /** file:name#sha256, user:name, synthetic-demo:seed=N. */
  source: string;
  reason?: string;
  synthetic?: boolean;
  /** Status of new reports (default draft; the demo enters them approved). */
  status?: Status;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Writes a month's reports in one change set and one transaction, all or nothing: a new
 * (project, month) is revision 1, a changed one a new revision (its predecessor kept in the
 * history), an identical one nothing. Projects are found or created by county and name.
 */
export async function writeReports(
  store: Store,
  period: string,
  reports: readonly ProjectReport[],
  opts: WriteOptions,
): Promise<WriteCounts> {
  return inTransaction(store, async (trx) => {
    const plan = await planWrite(trx, period, reports);
    const { counts } = plan;
    if (counts.needsReason.length > 0 && !opts.reason?.trim()) {
      throw new LeitaiError(
        'IMPORT_INVALID',
        `${counts.needsReason.length} 个已审核或已核定的项目报告将被修改,须说明修改原因,例如「${counts.needsReason.slice(0, 3).join('」「')}」`,
        {
          value: counts.needsReason.slice(0, 10).join(','),
          reason: 'changing reviewed reports needs a reason',
        },
      );
    }
    if (counts.created + counts.changed === 0) return counts;
    const changeSet = await newChangeSet(trx, {
      actor: opts.actor,
      at: opts.at,
      action: 'import',
      reason: opts.reason ?? null,
      source: opts.source,
      synthetic: opts.synthetic,
    });
    await createProjects(trx, plan.fresh, { at: opts.at, changeSet, synthetic: opts.synthetic });
    const status = opts.status ?? afterEdit(undefined).status;
    const total = counts.created + counts.changed;
    let done = 0;
    for (const part of chunks(plan.fresh, 400)) {
      await trx
        .insertInto('project_report')
        .values(part.map((r) => freshRow(r, period, status, changeSet)))
        .execute();
      opts.onProgress?.((done += part.length), total);
    }
    for (const { report, prior } of plan.changed) {
      if (++done % 400 === 0) opts.onProgress?.(done, total);
      const next = opts.status ?? afterEdit(prior.status as Status).status;
      await advance(trx, prior, {
        body: bodyOf(report),
        ytd: report.completedYtd,
        status: next,
        changeSet,
      });
    }
    return counts;
  }).catch(asConflict);
}

function freshRow(r: ProjectReport, period: string, status: Status, changeSet: number) {
  return {
    project: projectId(r.county, r.name),
    county: r.county,
    period,
    revision: 1,
    body: bodyOf(r),
    completed_ytd: r.completedYtd,
    status,
    change_set: changeSet,
    old_body: null,
    old_status: null,
  };
}

async function createProjects(
  trx: Kysely<Database>,
  reports: readonly ProjectReport[],
  o: { at: string; changeSet: number; synthetic?: boolean },
): Promise<void> {
  const ids = reports.map((r) => projectId(r.county, r.name));
  const known = new Set<string>();
  for (const part of chunks(ids)) {
    const rows = await trx.selectFrom('project').select('id').where('id', 'in', part).execute();
    for (const r of rows) known.add(r.id);
  }
  const fresh = reports.filter((r) => !known.has(projectId(r.county, r.name)));
  for (const part of chunks(fresh, 500)) {
    await trx
      .insertInto('project')
      .values(
        part.map((r) => ({
          id: projectId(r.county, r.name),
          county: r.county,
          name: r.name,
          name_key: nameKey(r.name),
          created_at: o.at,
          change_set: o.changeSet,
          synthetic: o.synthetic ? 1 : 0,
        })),
      )
      .execute();
  }
}

/**
 * Makes the next revision current and keeps `cur` in the history — only if `cur` is still
 * current (of two concurrent changes, one finds it moved on: CONFLICT).
 */
async function advance(
  trx: Kysely<Database>,
  cur: CurrentRow,
  next: { body: string; ytd: string | null; status: string; changeSet: number },
): Promise<void> {
  const moved = await trx
    .updateTable('project_report')
    .set({
      revision: cur.revision + 1,
      body: next.body,
      completed_ytd: next.ytd,
      status: next.status,
      change_set: next.changeSet,
      old_body: cur.body,
      old_status: cur.status,
    })
    .where('id', '=', cur.id)
    .where('revision', '=', cur.revision)
    .executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1) throw conflict(cur, cur.revision, cur.revision + 1);
  const { id: _id, ...kept } = cur;
  void _id;
  await trx.insertInto('project_report_history').values(kept).execute();
}

function conflict(key: { project: string; period: string }, expected: number, actual: number) {
  return new LeitaiError(
    'CONFLICT',
    `项目 ${key.project} ${key.period} 的报告已被他人修改(您看到的是第${expected}版,现为第${actual}版),请刷新后重试`,
    {
      value: `${key.project}/${key.period}`,
      reason: `expected revision ${expected}, found ${actual}`,
    },
  );
}

export interface ActOptions {
  actor: Actor;
  action: Action;
  reason?: string;
  at: string;
  responsible: Responsibility;
  prefectureOf: (region: string) => string | null;
  /** The revision the actor saw; a different current revision is a conflict. */
  expectedRevision?: number;
}

const keyText = (k: ReportKey) => `${k.id}|${k.period}`;

/**
 * Moves reports along the value review chain (subject: the county and 产业项目投资), all or
 * nothing, one change set; each move a new revision, guarded by the revision read.
 */
export async function actOnReports(
  store: Store,
  keys: readonly ReportKey[],
  opts: ActOptions,
): Promise<number> {
  const ordered = [...keys].sort((a, b) => (keyText(a) < keyText(b) ? -1 : 1));
  return store.db
    .transaction()
    .execute(async (trx) => {
      // Scope first, from the id's county: outside it the same refusal whether it exists or not.
      for (const k of ordered) {
        const county = k.id.slice(0, 6);
        const subject = {
          region: county,
          prefecture: opts.prefectureOf(county),
          indicator: PROJECT_INVESTMENT_INDICATOR,
        };
        if (!mayActOn(opts.actor, opts.action, subject, opts.responsible))
          throw scopeDenied(opts.actor, opts.action, subject);
      }
      const changeSet = await newChangeSet(trx, {
        actor: opts.actor.name,
        at: opts.at,
        action: opts.action,
        reason: opts.reason ?? null,
        source: `user:${opts.actor.name}`,
      });
      for (const k of ordered) await actOne(trx, k, opts, changeSet);
      return ordered.length;
    })
    .catch(asConflict);
}

async function actOne(trx: Kysely<Database>, k: ReportKey, opts: ActOptions, changeSet: number) {
  const cur = (await currentOf(trx, k.period, [k.id])).get(k.id);
  if (!cur)
    throw new LeitaiError('NOT_FOUND', `没有项目 ${k.id} ${k.period} 的报告`, {
      value: keyText(k),
      reason: 'no such report',
    });
  if (opts.expectedRevision !== undefined && cur.revision !== opts.expectedRevision)
    throw conflict(cur, opts.expectedRevision, cur.revision);
  const status = transition(
    opts.actor,
    opts.action,
    {
      region: cur.county,
      prefecture: opts.prefectureOf(cur.county),
      indicator: PROJECT_INVESTMENT_INDICATOR,
      status: cur.status as Status,
    },
    { responsible: opts.responsible, reason: opts.reason },
  );
  await advance(trx, cur, { body: cur.body, ytd: cur.completed_ytd, status, changeSet });
}

function stored(r: CurrentRow, synthetic: boolean): StoredReport {
  return {
    id: r.project,
    county: r.county,
    period: r.period,
    revision: r.revision,
    status: r.status as Status,
    report: JSON.parse(r.body) as ProjectReport,
    synthetic,
  };
}

/** The current reports of a month, of some counties (all when not given), by county and name. */
export async function reportsAt(
  store: Store,
  period: string,
  counties?: readonly string[],
): Promise<StoredReport[]> {
  const read = async (part?: readonly string[]) => {
    let q = store.db
      .selectFrom('project_report as r')
      .innerJoin('project as p', 'p.id', 'r.project')
      .selectAll('r')
      .select('p.synthetic as synthetic')
      .where('r.period', '=', period);
    if (part) q = q.where('r.county', 'in', [...part]);
    return q.execute();
  };
  const rows = counties ? (await Promise.all(chunks(counties).map(read))).flat() : await read();
  const out = rows.map((r) => stored({ ...r, id: Number(r.id) } as CurrentRow, r.synthetic === 1));
  return out.sort((a, b) =>
    a.county !== b.county ? (a.county < b.county ? -1 : 1) : a.report.name < b.report.name ? -1 : 1,
  );
}

/** The latest month before `period` that has reports of the county, or null. */
export async function previousMonth(
  store: Store,
  county: string,
  period: string,
): Promise<string | null> {
  const r = await store.db
    .selectFrom('project_report')
    .select((eb) => eb.fn.max('period').as('p'))
    .where('county', '=', county)
    .where('period', '<', period)
    .executeTakeFirst();
  return (r?.p as string | null | undefined) ?? null;
}

export interface ProjectRow {
  id: string;
  county: string;
  name: string;
  synthetic: boolean;
}

export async function projectById(store: Store, id: string): Promise<ProjectRow | undefined> {
  const r = await store.db
    .selectFrom('project')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return r && { id: r.id, county: r.county, name: r.name, synthetic: r.synthetic === 1 };
}

/** A project's current report of every month, oldest first. */
export async function projectMonths(store: Store, id: string): Promise<StoredReport[]> {
  const p = await projectById(store, id);
  const rows = await store.db
    .selectFrom('project_report')
    .selectAll()
    .where('project', '=', id)
    .orderBy('period')
    .execute();
  return rows.map((r) => stored({ ...r, id: Number(r.id) } as CurrentRow, p?.synthetic ?? false));
}

export interface ReportRevision {
  period: string;
  revision: number;
  status: Status;
  body: ProjectReport;
  oldBody: ProjectReport | null;
  oldStatus: Status | null;
  at: string;
  actor: string;
  action: string;
  reason: string | null;
}

/** Every revision of a project's reports with its change set (who, when, why), newest first. */
export async function projectHistory(store: Store, id: string): Promise<ReportRevision[]> {
  const out: ReportRevision[] = [];
  for (const table of ['project_report', 'project_report_history'] as const) {
    const rows = await store.db
      .selectFrom(`${table} as r` as 'project_report as r')
      .innerJoin('change_set as c', 'c.id', 'r.change_set')
      .select(['r.period', 'r.revision', 'r.status', 'r.body', 'r.old_body', 'r.old_status'])
      .select(['c.at', 'c.actor', 'c.action', 'c.reason'])
      .where('r.project', '=', id)
      .execute();
    for (const r of rows)
      out.push({
        period: r.period,
        revision: r.revision,
        status: r.status as Status,
        body: JSON.parse(r.body) as ProjectReport,
        oldBody: r.old_body === null ? null : (JSON.parse(r.old_body) as ProjectReport),
        oldStatus: r.old_status as Status | null,
        at: r.at,
        actor: r.actor,
        action: r.action,
        reason: r.reason,
      });
  }
  return out.sort((a, b) =>
    a.period !== b.period ? (a.period < b.period ? 1 : -1) : b.revision - a.revision,
  );
}

/** The latest month with any project report, or null. */
export async function latestPeriod(store: Store): Promise<string | null> {
  const r = await store.db
    .selectFrom('project_report')
    .select((eb) => eb.fn.max('period').as('p'))
    .executeTakeFirst();
  return (r?.p as string | null | undefined) ?? null;
}
