import { LeitaiError } from '../core/errors/index.js';
import {
  countyList,
  provinceList,
  type IndustrySummary,
  type LeadingInput,
} from '../core/industries/leading.js';
import type { IndustryNames } from '../core/industries/names.js';
import type { LeadingIndustry } from '../core/industries/types.js';
import { descendants, type Register } from '../core/regions/index.js';
import type { Actor } from '../core/review/index.js';
import { loadIndustryNames } from '../io/industries.js';
import { problemText, readIndustriesFile, type FileProblem } from '../io/industries-file.js';
import type { Store } from '../store/db.js';
import { leadingIndustries, replaceLeadingIndustries } from '../store/industries.js';

/**
 * Leading industries (主导工业清单): plan-level reference every signed-in user reads; the
 * province writes any county's list, a county only its own.
 */
export interface IndustryContext {
  store: Store;
  register: Register;
  names?: IndustryNames;
}

export type IndustryItem = LeadingIndustry & {
  countyName: string;
  prefecture: string | null;
  prefectureName: string | null;
  synthetic: boolean;
};

/** Whether the actor may replace this county's list. */
export function mayEditIndustries(actor: Actor, county: string): boolean {
  return actor.role === 'province' || (actor.role === 'county' && actor.region === county);
}

function denied(actor: Actor, county: string, register: Register): LeitaiError {
  const name = register.get(county)?.name ?? county;
  return new LeitaiError(
    'SCOPE_DENIED',
    `${actor.name} 无权修改 ${name}(${county})的主导工业清单`,
    {
      region: county,
      reason: 'only the province or the county itself',
    },
  );
}

/** The counties of a region (itself when a county, its counties when a prefecture); all when omitted. */
function countiesOf(register: Register, region?: string): string[] | undefined {
  if (!region) return undefined;
  const r = register.get(region);
  if (!r)
    throw new LeitaiError('NOT_FOUND', `未知区划 ${region}`, { field: 'region', value: region });
  if (r.level === 'county') return [region];
  return descendants(register, region)
    .filter((c) => c.level === 'county')
    .map((c) => c.code);
}

export async function listIndustries(
  ctx: IndustryContext,
  o: { region?: string } = {},
): Promise<{ synthetic: boolean; items: IndustryItem[] }> {
  const rows = await leadingIndustries(ctx.store, countiesOf(ctx.register, o.region));
  const items = rows.map(({ updatedAt: _a, updatedBy: _b, ...r }) => {
    const prefecture = ctx.register.get(r.county)?.parent ?? null;
    return {
      ...r,
      countyName: ctx.register.get(r.county)?.name ?? r.county,
      prefecture,
      prefectureName: prefecture ? (ctx.register.get(prefecture)?.name ?? null) : null,
    };
  });
  return { synthetic: items.some((i) => i.synthetic), items };
}

export async function industriesSummary(
  ctx: IndustryContext,
): Promise<{ year: number | null; synthetic: boolean; industries: IndustrySummary[] }> {
  const rows = await leadingIndustries(ctx.store);
  const name = (code: string) => ctx.register.get(code)?.name ?? code;
  return { ...provinceList(rows, name), synthetic: rows.some((r) => r.synthetic) };
}

/** Replaces one county's list (1–2 rows), checked whole; returns the list as stored. */
export async function putIndustries(
  ctx: IndustryContext,
  actor: Actor,
  o: { county: string; industries: LeadingInput[]; at: string },
): Promise<{ changed: boolean; items: IndustryItem[] }> {
  const county = ctx.register.get(o.county);
  if (!county || county.level !== 'county') {
    throw new LeitaiError('NOT_FOUND', `未知县(市) ${o.county}`, {
      field: 'county',
      value: o.county,
    });
  }
  if (!mayEditIndustries(actor, o.county)) throw denied(actor, o.county, ctx.register);
  const rows = countyList(o.county, o.industries, ctx.names ?? loadIndustryNames());
  const changed = await replaceLeadingIndustries(ctx.store, new Map([[o.county, rows]]), {
    actor: actor.name,
    at: o.at,
  });
  const { items } = await listIndustries(ctx, { region: o.county });
  return { changed: changed.length > 0, items };
}

export interface IndustryImport {
  rows: number;
  counties: number;
  problems: (FileProblem & { message: string })[];
  changed: string[];
  written: boolean;
}

/**
 * Imports a list file: every problem found first (nothing written while there is one), the
 * actor's scope checked for every county in it, then all counties replaced in one transaction.
 * Without `confirm`, a dry run: what would change.
 */
export async function importIndustries(
  ctx: IndustryContext,
  actor: Actor,
  o: { data: Buffer; file: string; at: string; confirm: boolean; synthetic?: boolean },
): Promise<IndustryImport> {
  const read = await readIndustriesFile(
    o.data,
    o.file,
    ctx.register,
    ctx.names ?? loadIndustryNames(),
  );
  const problems = read.problems.map((p) => ({ ...p, message: problemText(p) }));
  const base = { rows: read.rows, counties: read.lists.size, problems };
  if (problems.length) return { ...base, changed: [], written: false };
  for (const county of read.lists.keys()) {
    if (!mayEditIndustries(actor, county)) throw denied(actor, county, ctx.register);
  }
  if (!o.confirm) {
    const changed: string[] = [];
    for (const [county, rows] of read.lists) {
      const old = await leadingIndustries(ctx.store, [county]);
      if (!sameList(old, rows)) changed.push(county);
    }
    return { ...base, changed, written: false };
  }
  const changed = await replaceLeadingIndustries(ctx.store, read.lists, {
    actor: actor.name,
    at: o.at,
    synthetic: o.synthetic,
    reason: `file:${o.file}`,
  });
  return { ...base, changed, written: true };
}

const key = (rows: readonly LeadingIndustry[]) =>
  JSON.stringify(rows.map((r) => [r.position, r.industry, r.policy, r.enterprises, r.figures]));

function sameList(a: readonly LeadingIndustry[], b: readonly LeadingIndustry[]): boolean {
  return key(a) === key(b);
}
