import { ATTRIBUTE_REASONS } from '../core/categories/index.js';
import type { ResultRow } from '../core/evaluate/index.js';
import type { Indicator } from '../core/indicators/index.js';
import { isPeriod, parsePeriod, periodLabel } from '../core/periods/index.js';
import {
  planSummary,
  readPlan,
  type CategoryRule,
  type Plan,
  type PlanTarget,
} from '../core/plans/index.js';
import { importTable, type TableProblem } from '../core/plans/table.js';
import type { TargetStatus } from '../core/targets/index.js';
import { periodsFor } from './periods.js';
import { evaluationFor, type ReportContext } from './reports.js';

/** A target read from a pasted table, with the program's reading of its phrase (null: unreadable). */
export interface ReadTarget extends PlanTarget {
  line: number;
  reading: string | null;
  /** An unreadable phrase without a number (达到上级要求): it may be judged by hand instead. */
  offer?: 'manual';
}

/** A phrase no rule computes and no number is mistyped in: a department may judge it. */
const judgeable = (phrase: string) => !/[0-9０-９]/.test(phrase) && phrase.trim() !== '';

/** One line of the pasted table: what was read from it, or why it could not be. */
export interface ReadLine {
  line: number;
  text: string;
  targets: ReadTarget[];
  reasons: string[];
}

export interface TableReading {
  /** Every target the table holds; `reading` null where the phrase cannot be read. */
  targets: ReadTarget[];
  /** Lines that cannot be read, each with its reason (one entry per reason). */
  problems: TableProblem[];
  /** The table's lines that hold targets or problems, in order. */
  lines: ReadLine[];
}

/**
 * Reads a table pasted from a plan document (附件1 or 附件2) and every phrase in it, as the plan
 * `base` would read them (its categories and tolerance settings). Pure: nothing is saved.
 */
export function readPlanTable(
  text: string,
  o: {
    scope: 'province' | 'county';
    year?: number;
    indicators: readonly Indicator[];
    base?: Plan;
    /** Lines whose unreadable phrases the user chose to have judged by hand (judgement: manual). */
    manual?: readonly number[];
  },
): TableReading {
  const table = importTable(text, {
    scope: o.scope,
    indicators: o.indicators,
    ...(o.year === undefined ? {} : { year: o.year }),
    ...(o.base && o.base.categories.length > 0
      ? { categories: o.base.categories.map((c) => ({ code: c.code, name: c.name })) }
      : {}),
  });
  const textLines = text.split(/\r?\n/);
  const manual = new Set(o.manual ?? []);
  table.targets = table.targets.map((t, i) =>
    manual.has(table.lines[i] ?? 0) && judgeable(t.phrase) && !isReadable(t, o)
      ? { ...t, judgement: 'manual' as const }
      : t,
  );
  const probe: Plan = {
    ...(o.base ?? EMPTY_PLAN),
    targets: table.targets,
  };
  const read = readPlan(probe, o.indicators);
  // readPlan reads targets in order and names the index of each it cannot read.
  const unreadable = new Set(
    read.problems.flatMap((p) => {
      const m = /^targets\.(\d+)\./.exec(p.path);
      return m ? [Number(m[1])] : [];
    }),
  );
  const readable = new Map<number, string>();
  let next = 0;
  table.targets.forEach((_, i) => {
    if (unreadable.has(i)) return;
    const prepared = read.prepared.targets[next++];
    if (prepared) readable.set(i, prepared.reading);
  });
  const problems: TableProblem[] = [...table.problems];
  for (const p of read.problems) {
    const m = /^targets\.(\d+)\./.exec(p.path);
    if (!m) continue;
    const line = table.lines[Number(m[1])] ?? 0;
    problems.push({
      line,
      text: textLines[line - 1] ?? '',
      reason: `「${p.value}」无法解读:${p.reason}`,
    });
  }
  problems.sort((a, b) => a.line - b.line);
  const targets: ReadTarget[] = table.targets.map((t, i) => {
    const reading = readable.get(i) ?? null;
    return {
      ...t,
      line: table.lines[i] ?? 0,
      reading,
      ...(reading === null && judgeable(t.phrase) ? { offer: 'manual' as const } : {}),
    };
  });
  const byLine = new Map<number, ReadLine>();
  const lineOf = (line: number): ReadLine => {
    let l = byLine.get(line);
    if (!l)
      byLine.set(line, (l = { line, text: textLines[line - 1] ?? '', targets: [], reasons: [] }));
    return l;
  };
  for (const t of targets) lineOf(t.line).targets.push(t);
  for (const p of problems) lineOf(p.line).reasons.push(p.reason);
  return {
    targets,
    problems,
    lines: [...byLine.values()].sort((a, b) => a.line - b.line),
  };
}

/** Whether the phrase reads by itself (a manual mark is only for phrases that do not). */
function isReadable(t: PlanTarget, o: { indicators: readonly Indicator[]; base?: Plan }): boolean {
  const probe: Plan = { ...(o.base ?? EMPTY_PLAN), targets: [t] };
  return readPlan(probe, o.indicators).problems.length === 0;
}

/** What a plan is read against when there is no plan yet: no categories, no settings. */
const EMPTY_PLAN: Plan = {
  id: 'new',
  title: '新计划',
  issuer: '—',
  issued: '2026',
  period: { start: 2026, end: 2026 },
  source: '—',
  province: '230000',
  countyScope: { kinds: ['县', '自治县', '县级市'] },
  targets: [],
  categories: [],
  tasks: [],
};

const OP_TEXT = { '>': '>', '>=': '≥', '<': '<', '<=': '≤', '=': '=' } as const;

/** A category rule in words: "2025年 工业增加值 > 10亿元", "有4A级景区 或 有历史文化资源富集区". */
export function ruleText(
  rule: CategoryRule,
  indicator: (code: string) => { name: string; unit: string } | undefined,
): string {
  if ('attribute' in rule)
    return ATTRIBUTE_REASONS[rule.attribute] ?? `区域属性「${rule.attribute}」为是`;
  if ('indicator' in rule) {
    const ind = indicator(rule.indicator);
    const when = isPeriod(rule.period) ? periodLabel(parsePeriod(rule.period)) : rule.period;
    const unit = ind?.unit ?? '';
    return `${when}${ind?.name ?? rule.indicator} ${OP_TEXT[rule.op]} ${rule.value}${unit}`;
  }
  if ('otherwise' in rule) return '不属于以上各类';
  const parts = 'any' in rule ? rule.any : rule.all;
  const joined = parts.map((r) => ruleText(r, indicator));
  return joined.length === 1 ? joined[0]! : `(${joined.join('any' in rule ? ' 或 ' : ' 且 ')})`;
}

/** What the admin log keeps of a plan before and after a save. */
export function planAuditSummary(p: Plan) {
  return {
    ...planSummary(p),
    categories: p.categories.length,
    phrases: p.targets.map(
      (t) => `${t.table}:${t.indicator}:${scopeKey(t.scope)}:${t.year}=${t.phrase}`,
    ),
  };
}

function scopeKey(scope: PlanTarget['scope']): string {
  if (typeof scope === 'string') return scope;
  return 'category' in scope ? `category:${scope.category}` : `region:${scope.region}`;
}

/** One (region, target) whose judgement a plan change moves. */
export interface TargetChange {
  region: string;
  regionName: string;
  indicator: string;
  name: string;
  scope: string;
  year: number;
  before: { phrase: string; reading: string; status: TargetStatus } | null;
  after: { phrase: string; reading: string; status: TargetStatus } | null;
}

export interface PlanPreview {
  plan: string;
  /** The plan replaces one that exists. */
  replaces: boolean;
  /** The newest period of the plan's years with data; null when its years have none. */
  period: string | null;
  periodLabel: string | null;
  /** Saving changes what the data show: the user should confirm first. */
  dependsOnData: boolean;
  before: Record<TargetStatus, number> | null;
  after: Record<TargetStatus, number> | null;
  /** `changed`: target or status changed; `statusChanged`: of those, the status. */
  counts: {
    changed: number;
    statusChanged: number;
    added: number;
    removed: number;
    unchanged: number;
  };
  /** At most `limit` changes: status changes first, then counties in code order. */
  changes: TargetChange[];
  total: number;
}

const key = (r: ResultRow) => `${r.region}|${r.indicator}|${r.scope}|${r.year}`;
const side = (r: ResultRow | undefined) =>
  r ? { phrase: r.phrase, reading: r.reading, status: r.status } : null;

/**
 * What saving `candidate` would change in the evaluation: both the current plan (if any) and the
 * candidate evaluated on the newest period of data in the candidate's years, on the working
 * values (the province's view), compared target by target. `candidate` must read cleanly.
 */
export async function previewPlan(
  ctx: ReportContext,
  candidate: Plan,
  limit = 200,
): Promise<PlanPreview> {
  const current = ctx.plans.find((p) => p.id === candidate.id);
  const withCandidate = { ...ctx, plans: [...ctx.plans.filter((p) => p !== current), candidate] };
  const { latest } = await periodsFor(withCandidate, {
    plan: candidate.id,
    seen: { all: true, regions: [], published: [] },
  });
  const base: PlanPreview = {
    plan: candidate.id,
    replaces: current !== undefined,
    period: latest,
    periodLabel: latest === null ? null : periodLabel(parsePeriod(latest)),
    dependsOnData: current !== undefined || latest !== null,
    before: null,
    after: null,
    counts: { changed: 0, statusChanged: 0, added: 0, removed: 0, unchanged: 0 },
    changes: [],
    total: 0,
  };
  if (latest === null) return base;
  const after = await evaluationFor(withCandidate, {
    plan: candidate.id,
    period: latest,
    view: 'working',
  });
  const before = current
    ? await evaluationFor(ctx, { plan: current.id, period: latest, view: 'working' })
    : undefined;
  const was = new Map((before?.results ?? []).map((r) => [key(r), r]));
  const now = new Map(after.results.map((r) => [key(r), r]));
  const changes: TargetChange[] = [];
  const counts = { changed: 0, statusChanged: 0, added: 0, removed: 0, unchanged: 0 };
  for (const k of new Set([...was.keys(), ...now.keys()])) {
    const b = was.get(k);
    const a = now.get(k);
    const row = (a ?? b)!;
    if (b && a && b.status === a.status && b.phrase === a.phrase && b.reading === a.reading) {
      counts.unchanged++;
      continue;
    }
    counts[!b ? 'added' : !a ? 'removed' : 'changed']++;
    if (b && a && b.status !== a.status) counts.statusChanged++;
    changes.push({
      region: row.region,
      regionName: row.regionName,
      indicator: row.indicator,
      name: row.name,
      scope: row.scope,
      year: row.year,
      before: side(b),
      after: side(a),
    });
  }
  // Status changes first: who moves between 完成 and 未完成 is what the user must see.
  const moves = (c: TargetChange) =>
    c.before && c.after && c.before.status !== c.after.status ? 0 : 1;
  changes.sort(
    (x, y) =>
      moves(x) - moves(y) ||
      x.region.localeCompare(y.region) ||
      x.indicator.localeCompare(y.indicator) ||
      x.scope.localeCompare(y.scope),
  );
  return {
    ...base,
    before: before?.summary ?? null,
    after: after.summary,
    counts,
    changes: changes.slice(0, limit),
    total: changes.length,
  };
}
