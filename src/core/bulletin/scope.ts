import type { ResultRow } from '../evaluate/index.js';
import type { BulletinInput } from './model.js';
import { periodWords } from './words.js';

/**
 * What every section reads: the input seen through the bulletin's scope. Lists, tables and
 * sentences take their counties from here, so a prefecture's bulletin cannot name another's.
 */
export interface Scope {
  input: BulletinInput;
  province: boolean;
  /** The scope as a sentence's subject: 全省, or the prefecture's name. */
  where: string;
  /** The scope's counties in the input's order. */
  counties: readonly string[];
  has: (code: string) => boolean;
  /** A county's name (the register's, as the results carry it). */
  name: (code: string) => string;
  /** The scope's counties' rows of county targets. */
  countyRows: ResultRow[];
  /** The province's own rows; none in a prefecture's bulletin. */
  provinceRows: ResultRow[];
  /** A county target's name with the category it applies to: "新增规模以上工业企业(工业县)". */
  targetName: (row: ResultRow) => string;
  periodWords: string;
  /** Tables and charts are numbered through the document: 表1, 图1. */
  numbers: { table: number; chart: number };
}

/** Every county name the inputs carry, by code. */
function countyNames(input: BulletinInput): Map<string, string> {
  const names = new Map<string, string>();
  const add = (code: string, name: string | null | undefined) => {
    if (name && !names.has(code)) names.set(code, name);
  };
  for (const r of input.evaluation.results) add(r.region, r.regionName);
  for (const c of input.ranking?.counties ?? []) add(c.region, c.regionName);
  for (const c of input.warnings.counties) add(c.region, c.regionName);
  for (const f of input.findings) add(f.region, f.regionName);
  return names;
}

function targetName(input: BulletinInput, row: ResultRow): string {
  if (row.scope.startsWith('category:')) {
    const code = row.scope.slice('category:'.length);
    const cat =
      input.evaluation.categoryNotes.find((c) => c.code === code)?.name ??
      input.ranking?.categoryNames[code];
    return cat ? `${row.name}(${cat})` : row.name;
  }
  return row.name;
}

export function makeScope(input: BulletinInput): Scope {
  const inScope = new Set(input.counties);
  const names = countyNames(input);
  const province = input.scope.level === 'province';
  return {
    input,
    province,
    where: province ? '全省' : input.scope.name,
    counties: input.counties,
    has: (code) => inScope.has(code),
    // The register names every county the evaluation covers; the code is the last resort.
    name: (code) => names.get(code) ?? code,
    countyRows: input.evaluation.results.filter(
      (r) => r.scope !== 'province' && inScope.has(r.region),
    ),
    provinceRows: province
      ? input.evaluation.results.filter(
          (r) => r.scope === 'province' && r.region === input.province.code,
        )
      : [],
    targetName: (row) => targetName(input, row),
    periodWords: periodWords(input.evaluation.period),
    numbers: { table: 0, chart: 0 },
  };
}
