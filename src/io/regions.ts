import { readFileSync } from 'node:fs';
import { LeitaiError } from '../core/errors/index.js';
import { makeRegister, withAttributes, type Region, type Register } from '../core/regions/index.js';
import { readCsv } from './csv.js';
import { DATA_DIR } from './paths.js';

const REGISTER_COLUMNS = ['code', 'name', 'level', 'parent_code', 'kind'] as const;
const LEVELS = new Set(['province', 'prefecture', 'county']);

/** A row of a register or attribute file that cannot be taken: where, and why. */
export interface RowProblem {
  file: string;
  line: number;
  column: string;
  value: string;
  reason: string;
}

/** The problem in words: file, line, column, value and why. */
export function problemText(p: RowProblem): string {
  return `${p.file}: 第${p.line}行「${p.column}」列的值「${p.value}」${p.reason}`;
}

function rowsError(problems: readonly RowProblem[]): LeitaiError {
  const first = problems[0]!;
  const shown = problems.slice(0, 20).map(problemText).join(';');
  const more = problems.length > 20 ? `;…… 另有 ${problems.length - 20} 个问题` : '';
  return new LeitaiError('CSV_INVALID', shown + more, { ...first, problems });
}

/** Throws every problem at once (Chinese first, line and column named), or does nothing. */
export function refuseRows(problems: readonly RowProblem[]): void {
  if (problems.length > 0) throw rowsError(problems);
}

function readBool(value: string): boolean | null | undefined {
  const v = value.trim().toLowerCase();
  if (v === '') return null;
  if (v === 'true' || v === '1' || v === '是' || v === 'yes') return true;
  if (v === 'false' || v === '0' || v === '否' || v === 'no') return false;
  return undefined;
}

const NOT_BOOL = '不是 true/false (expected true, false or empty for unknown)';

/** Tri-state attribute cells of a row; a cell that is not one adds a problem. */
function readAttributes(
  cols: readonly string[],
  get: (c: string) => string,
  at: { file: string; line: number },
  problems: RowProblem[],
): Record<string, boolean | null> {
  const attributes: Record<string, boolean | null> = {};
  for (const c of cols) {
    const v = readBool(get(c));
    if (v === undefined) problems.push({ ...at, column: c, value: get(c), reason: NOT_BOOL });
    else attributes[c] = v;
  }
  return attributes;
}

const NOT_CODE = '不是6位区划代码 (expected a 6-digit code)';

/**
 * Reads a register CSV (columns code,name,level,parent_code,kind[,border,eco_zone,…]); every
 * column after `kind` is a tri-state attribute. Other provinces use the same columns. Every
 * problem of every row is collected, with its line and column.
 */
export function readRegionRows(
  text: string,
  file: string,
): { rows: { line: number; region: Region }[]; problems: RowProblem[] } {
  const table = readCsv(text, file, REGISTER_COLUMNS);
  const idx = (c: string) => table.header.indexOf(c);
  const attrCols = table.header.filter((h) => !(REGISTER_COLUMNS as readonly string[]).includes(h));
  const seen = new Map<string, number>();
  const problems: RowProblem[] = [];
  const rows = table.rows.map(({ line, cells }) => {
    const get = (c: string) => (cells[idx(c)] ?? '').trim();
    const at = { file, line };
    const bad = (column: string, reason: string) =>
      problems.push({ ...at, column, value: get(column), reason });
    const code = get('code');
    const level = get('level');
    const parent = get('parent_code');
    if (!/^\d{6}$/.test(code)) bad('code', NOT_CODE);
    else if (seen.has(code)) bad('code', `与第${seen.get(code)}行重复 (duplicate code)`);
    else seen.set(code, line);
    if (get('name') === '') bad('name', '为空:区划须有名称 (a name is required)');
    if (!LEVELS.has(level))
      bad('level', '应为 province/prefecture/county (expected province, prefecture or county)');
    if (get('kind') === '')
      bad('kind', '为空:须写明类型,如 县、县级市、市辖区 (a kind is required)');
    if (parent !== '' && !/^\d{6}$/.test(parent)) bad('parent_code', NOT_CODE);
    else if (level === 'province' && parent !== '')
      bad('parent_code', '应为空:省级区划没有上级 (a province has no parent)');
    else if (LEVELS.has(level) && level !== 'province' && parent === '')
      bad('parent_code', '为空:地市和县须写明上级区划 (a parent is required)');
    const region: Region = {
      code,
      name: get('name'),
      level: level as Region['level'],
      parent: parent === '' ? null : parent,
      kind: get('kind'),
      attributes: readAttributes(attrCols, get, at, problems),
    };
    return { line, region };
  });
  return { rows, problems };
}

/** Reads a register CSV, refusing it whole at the first bad row (see readRegionRows). */
export function parseRegions(text: string, file: string): Region[] {
  const { rows, problems } = readRegionRows(text, file);
  refuseRows(problems);
  return rows.map((r) => r.region);
}

/** Reads an attribute CSV (`code` then one tri-state column per attribute), every problem kept. */
export function readAttributeRows(
  text: string,
  file: string,
): {
  rows: { line: number; code: string; attributes: Record<string, boolean | null> }[];
  problems: RowProblem[];
} {
  const table = readCsv(text, file, ['code']);
  const cols = table.header.filter((h) => h !== 'code');
  const problems: RowProblem[] = [];
  const rows = table.rows.map(({ line, cells }) => {
    const get = (c: string) => (cells[table.header.indexOf(c)] ?? '').trim();
    const code = get('code');
    if (!/^\d{6}$/.test(code))
      problems.push({ file, line, column: 'code', value: code, reason: NOT_CODE });
    return { line, code, attributes: readAttributes(cols, get, { file, line }, problems) };
  });
  return { rows, problems };
}

/** Reads an attribute CSV: `code` then one tri-state column per attribute. */
export function parseAttributes(
  text: string,
  file: string,
): Map<string, Record<string, boolean | null>> {
  const { rows, problems } = readAttributeRows(text, file);
  refuseRows(problems);
  return new Map(rows.map((r) => [r.code, r.attributes]));
}

export interface RegisterSources {
  /** Further register CSVs (other provinces, synthetic demo regions). */
  regionFiles?: string[];
  /** Attribute CSVs applied in order after the built-in one. */
  attributeFiles?: string[];
}

export const BUILTIN_REGISTER = `${DATA_DIR}regions/heilongjiang-regions.csv`;
export const BUILTIN_ATTRIBUTES = `${DATA_DIR}regions/attributes.csv`;

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new LeitaiError('INPUT_INVALID', `无法读取文件 ${file}: ${(e as Error).message}`, {
      file,
      reason: (e as NodeJS.ErrnoException).code ?? 'unreadable',
    });
  }
}

/** The built-in Heilongjiang register plus any further files, with attributes applied. */
export function loadRegister(sources: RegisterSources = {}): Register {
  const files = [BUILTIN_REGISTER, ...(sources.regionFiles ?? [])];
  const list: Region[] = [];
  const seen = new Map<string, string>();
  for (const f of files) {
    for (const r of parseRegions(readText(f), f)) {
      const prior = seen.get(r.code);
      if (prior !== undefined) {
        throw new LeitaiError('CSV_INVALID', `${f}: 区划代码 ${r.code} 已在 ${prior} 中定义`, {
          file: f,
          value: r.code,
          reason: 'duplicate code across register files',
        });
      }
      seen.set(r.code, f);
      list.push(r);
    }
  }
  let register = makeRegister(list);
  for (const f of [BUILTIN_ATTRIBUTES, ...(sources.attributeFiles ?? [])]) {
    register = withAttributes(register, parseAttributes(readText(f), f));
  }
  return register;
}

export { readText };
