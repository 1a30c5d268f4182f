import type { IndustryNames } from '../../../core/industries/names.js';
import type { Milestone, ProjectReport } from '../../../core/projects/types.js';
import { hiddenTextProblem } from '../../hidden-text.js';
import type { RegionNames } from '../region-names.js';
import { cellString, type Column } from './columns.js';
import type { GridValue } from './grid.js';
import { readDate, readMoney, readTags, readText, readType, readYes } from './values.js';

export interface LedgerProblem {
  sheet: string;
  row: number | null;
  column: string | null;
  value: string | null;
  reason: string;
}

export interface RowContext {
  sheet: string;
  year: number;
  county?: string;
  regions: RegionNames;
  industries: IndustryNames;
  /** Resolved county cells, by text: a ledger repeats a handful of names thousands of times. */
  countyCache: Map<string, { code: string } | { reason: string }>;
}

type Problem = (column: Column | null, reason: string) => void;

function resolveCounty(text: string, ctx: RowContext): { code: string } | { reason: string } {
  let hit = ctx.countyCache.get(text);
  if (hit) return hit;
  const r = ctx.regions.resolve(text);
  if (r.kind === 'region') {
    const level = ctx.regions.get(r.code)?.level;
    hit = level === 'county' ? { code: r.code } : { reason: `「${text}」不是县(市)` };
  } else if (r.kind === 'unknown') hit = { reason: r.reason };
  else hit = { reason: `「${text}」不是县(市)` };
  if (!('reason' in hit) && ctx.county !== undefined && hit.code !== ctx.county)
    hit = { reason: `「${text}」不是本次上报的县(市)` };
  ctx.countyCache.set(text, hit);
  return hit;
}

/**
 * One project row into a report, every unreadable cell a problem (named by `problem`); undefined
 * when a cell could not be read, so no half-read report goes on.
 */
export function readRow(
  cells: GridValue[],
  columns: Column[],
  ctx: RowContext,
  problem: Problem,
): ProjectReport | undefined {
  const before = { n: 0 };
  const fail: Problem = (c, reason) => {
    before.n++;
    problem(c, reason);
  };
  const report: ProjectReport = {
    name: '',
    company: null,
    county: ctx.county ?? '',
    industry: '',
    type: null,
    flags: [],
    totalInvestment: '0',
    plannedThisYear: null,
    completedYtd: null,
    planned: {},
    actual: {},
    progress: null,
    problems: null,
    leader: null,
  };
  for (const col of columns) readCell(report, col, cells[col.index], ctx, fail);
  requireFields(cells, columns, fail);
  return before.n === 0 ? report : undefined;
}

function readCell(
  report: ProjectReport,
  col: Column,
  v: GridValue | undefined,
  ctx: RowContext,
  fail: Problem,
): void {
  const role = col.role;
  const text = readText(v);
  const hidden = text === null ? null : hiddenTextProblem(text);
  if (hidden) return fail(col, hidden);
  switch (role.kind) {
    case 'seq':
      return;
    case 'name':
      report.name = text ?? '';
      return;
    case 'company':
      report.company = text;
      return;
    case 'text':
      report[role.field] = text;
      return;
    case 'county': {
      if (text === null) return;
      const hit = resolveCounty(text, ctx);
      if ('reason' in hit) return fail(col, hit.reason);
      report.county = hit.code;
      return;
    }
    case 'industry': {
      if (text === null) return;
      const name = ctx.industries.canonical(text);
      if (name === undefined) return fail(col, `未知产业「${text}」:不在产业名称表中`);
      report.industry = name;
      return;
    }
    case 'type': {
      const t = readType(v);
      if (!t.ok) return fail(col, t.reason);
      report.type = t.value;
      return;
    }
    case 'money': {
      const m = readMoney(v, col.unit);
      if (!m.ok) return fail(col, m.reason);
      if (role.field === 'totalInvestment') report.totalInvestment = m.value ?? '';
      else report[role.field] = m.value;
      return;
    }
    case 'date':
      return readMilestone(report, col, role.which, role.milestone, v, ctx.year, fail);
    case 'tags':
      return addFlags(report, readTags(v));
    case 'flag':
      if (readYes(v)) addFlags(report, [role.flag]);
      return;
  }
}

function readMilestone(
  report: ProjectReport,
  col: Column,
  which: 'planned' | 'actual',
  m: Milestone,
  v: GridValue | undefined,
  year: number,
  fail: Problem,
): void {
  const d = readDate(v, year, which === 'actual');
  if (!d.ok) return fail(col, d.reason);
  if (d.value === undefined) return;
  if (which === 'actual') report.actual[m] = d.value;
  else if (d.value !== null) report.planned[m] = d.value;
}

function addFlags(report: ProjectReport, flags: string[]): void {
  for (const f of flags) if (!report.flags.includes(f)) report.flags.push(f);
}

/** Empty required cells (a column left out of the header is reported once, for the sheet). */
function requireFields(cells: GridValue[], columns: Column[], fail: Problem): void {
  for (const col of columns) {
    const role = col.role;
    const name =
      role.kind === 'name'
        ? '项目名称'
        : role.kind === 'county'
          ? '所在县'
          : role.kind === 'industry'
            ? '所属产业'
            : role.kind === 'money' && role.field === 'totalInvestment'
              ? '总投资'
              : null;
    if (name !== null && cellString(cells[col.index]) === '') fail(col, `${name}为空`);
  }
}

/** Whether a row says it is a sum: 小计 / 合计 / 总计 in its number, name or county cell. */
export function sumKind(cells: GridValue[], columns: Column[]): 'subtotal' | 'total' | null {
  for (const c of columns) {
    if (!['seq', 'name', 'county'].includes(c.role.kind)) continue;
    const s = cellString(cells[c.index]).replace(/[\s\u3000]+/g, '');
    if (/(合计|总计)$/.test(s)) return 'total';
    if (/小计$/.test(s)) return 'subtotal';
  }
  return null;
}
