import { LeitaiError } from '../errors/index.js';
import { dec, type Decimal } from '../numeric/index.js';
import type { IndustryNames } from './names.js';
import type { IndustryFigures, LeadingIndustry } from './types.js';

/**
 * A county's leading-industry list checked (1–2 rows at positions 1 and 2, industries the name
 * table knows, each year's figures once, numbers exact as written), and the province's list
 * across counties (which industry leads in how many counties, their total output, its growth).
 */

/** A row as entered or imported, before checking. */
export interface LeadingInput {
  position: number;
  industry: string;
  policy?: string | null;
  enterprises?: readonly string[];
  figures?: readonly { year: number; output?: string | null; growth?: string | null }[];
}

/** One thing wrong with a list: where (row, field) and why, in Chinese. */
export interface LeadingProblem {
  /** 1-based row of the list as given. */
  row: number | null;
  field: string;
  value: string;
  reason: string;
}

const NUMBER = /^-?\d+(\.\d+)?$/;

function figureProblems(f: NonNullable<LeadingInput['figures']>, row: number): LeadingProblem[] {
  const out: LeadingProblem[] = [];
  const seen = new Set<number>();
  for (const x of f) {
    if (!Number.isInteger(x.year) || x.year < 1949 || x.year > 2100) {
      out.push({ row, field: 'figures.year', value: String(x.year), reason: '年份无效' });
    } else if (seen.has(x.year)) {
      out.push({ row, field: 'figures.year', value: String(x.year), reason: '同一年份重复' });
    }
    seen.add(x.year);
    if (x.output != null && (!NUMBER.test(x.output) || x.output.startsWith('-'))) {
      out.push({ row, field: 'figures.output', value: x.output, reason: '产值应为非负数(亿元)' });
    }
    if (x.growth != null && !NUMBER.test(x.growth)) {
      out.push({ row, field: 'figures.growth', value: x.growth, reason: '增速应为数字(%)' });
    }
  }
  return out;
}

function listProblems(rows: readonly LeadingInput[]): LeadingProblem[] {
  if (rows.length < 1 || rows.length > 2) {
    const reason = '每个县应有1至2个主导工业';
    return [{ row: null, field: 'industries', value: String(rows.length), reason }];
  }
  const positions = rows.map((r) => r.position).sort();
  const want = rows.length === 1 ? [1] : [1, 2];
  if (positions.join() !== want.join()) {
    const reason = rows.length === 1 ? '只有一个主导工业时位次应为1' : '位次应为1和2,各一次';
    return [{ row: null, field: 'position', value: positions.join(','), reason }];
  }
  return [];
}

/** The county's list checked and canonicalised, or every problem found (nothing half-valid). */
export function checkCountyList(
  county: string,
  rows: readonly LeadingInput[],
  names: IndustryNames,
): { industries: LeadingIndustry[]; problems: LeadingProblem[] } {
  const problems = listProblems(rows);
  const industries: LeadingIndustry[] = [];
  const taken = new Map<string, number>();
  rows.forEach((r, i) => {
    const row = i + 1;
    const industry = names.canonical(r.industry);
    if (industry === undefined) {
      problems.push({
        row,
        field: 'industry',
        value: r.industry,
        reason: '未知产业(不在产业名称表中)',
      });
    } else if (taken.has(industry)) {
      problems.push({
        row,
        field: 'industry',
        value: r.industry,
        reason: `与第${taken.get(industry)}行为同一产业`,
      });
    } else taken.set(industry, row);
    const figures = r.figures ?? [];
    problems.push(...figureProblems(figures, row));
    industries.push({
      county,
      position: r.position as 1 | 2,
      industry: industry ?? r.industry,
      policy: r.policy?.trim() || null,
      enterprises: [...new Set((r.enterprises ?? []).map((e) => e.trim()).filter(Boolean))],
      figures: [...figures]
        .map((f) => ({ year: f.year, output: f.output ?? null, growth: f.growth ?? null }))
        .sort((a, b) => a.year - b.year),
    });
  });
  industries.sort((a, b) => a.position - b.position);
  return { industries, problems };
}

/** Like checkCountyList, but throws the problems as one INPUT_INVALID (for a single edit). */
export function countyList(
  county: string,
  rows: readonly LeadingInput[],
  names: IndustryNames,
): LeadingIndustry[] {
  const { industries, problems } = checkCountyList(county, rows, names);
  if (problems.length === 0) return industries;
  const text = problems
    .map((p) => `${p.row ? `第${p.row}行` : ''}${p.field}「${p.value}」${p.reason}`)
    .join(';');
  throw new LeitaiError('INPUT_INVALID', `县 ${county} 的主导工业清单有误:${text}`, {
    region: county,
    problems,
  });
}

export interface IndustrySummary {
  industry: string;
  counties: number;
  countyNames: string[];
  /** Total output (亿元) of the year summarised, over the counties that report it. */
  output: string | null;
  /** Growth (%) of that total over the year before, over counties with both years; one decimal. */
  growth: string | null;
}

const outputOf = (f: readonly IndustryFigures[], year: number) =>
  f.find((x) => x.year === year)?.output ?? null;

/** The latest year any county reports an output for; null when none does. */
export function latestYear(rows: readonly LeadingIndustry[]): number | null {
  const years = rows.flatMap((r) => r.figures.filter((f) => f.output !== null).map((f) => f.year));
  return years.length ? Math.max(...years) : null;
}

/** The province's list: each industry with its counties, total output and growth, most counties first. */
export function provinceList(
  rows: readonly LeadingIndustry[],
  countyName: (code: string) => string,
): { year: number | null; industries: IndustrySummary[] } {
  const year = latestYear(rows);
  const by = new Map<string, LeadingIndustry[]>();
  for (const r of rows) by.set(r.industry, [...(by.get(r.industry) ?? []), r]);
  const industries = [...by].map(([industry, list]) => summaryOf(industry, list, year, countyName));
  industries.sort(
    (a, b) =>
      b.counties - a.counties ||
      Number(b.output ?? -1) - Number(a.output ?? -1) ||
      a.industry.localeCompare(b.industry, 'zh'),
  );
  return { year, industries };
}

function summaryOf(
  industry: string,
  list: readonly LeadingIndustry[],
  year: number | null,
  countyName: (code: string) => string,
): IndustrySummary {
  const codes = [...new Set(list.map((r) => r.county))].sort();
  let total: Decimal | null = null;
  let now = dec(0);
  let before = dec(0);
  for (const r of list) {
    const out = year === null ? null : outputOf(r.figures, year);
    if (out === null) continue;
    total = (total ?? dec(0)).plus(dec(out));
    const prior = outputOf(r.figures, year! - 1);
    if (prior === null) continue;
    now = now.plus(dec(out));
    before = before.plus(dec(prior));
  }
  const growth = before.isZero() ? null : now.div(before).minus(1).times(100).toFixed(1);
  return {
    industry,
    counties: codes.length,
    countyNames: codes.map(countyName),
    output: total === null ? null : total.toString(),
    growth,
  };
}
