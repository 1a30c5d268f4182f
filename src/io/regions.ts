import { readFileSync } from 'node:fs';
import { LeitaiError } from '../core/errors/index.js';
import { makeRegister, withAttributes, type Region, type Register } from '../core/regions/index.js';
import { readCsv } from './csv.js';
import { DATA_DIR } from './paths.js';

const REGISTER_COLUMNS = ['code', 'name', 'level', 'parent_code', 'kind'] as const;
const LEVELS = new Set(['province', 'prefecture', 'county']);

function parseBool(value: string, file: string, line: number, column: string): boolean | null {
  const v = value.trim().toLowerCase();
  if (v === '') return null;
  if (v === 'true' || v === '1' || v === '是' || v === 'yes') return true;
  if (v === 'false' || v === '0' || v === '否' || v === 'no') return false;
  throw new LeitaiError(
    'CSV_INVALID',
    `${file}: 第${line}行「${column}」列的值「${value}」不是 true/false`,
    {
      file,
      line,
      column,
      value,
      reason: 'expected true, false or empty (unknown)',
    },
  );
}

/**
 * Reads a register CSV (columns code,name,level,parent_code,kind[,border,eco_zone,…]); every
 * column after `kind` is a tri-state attribute. Other provinces use the same columns.
 */
export function parseRegions(text: string, file: string): Region[] {
  const table = readCsv(text, file, REGISTER_COLUMNS);
  const idx = (c: string) => table.header.indexOf(c);
  const attrCols = table.header.filter((h) => !(REGISTER_COLUMNS as readonly string[]).includes(h));
  const seen = new Set<string>();
  return table.rows.map(({ line, cells }) => {
    const get = (c: string) => (cells[idx(c)] ?? '').trim();
    const code = get('code');
    const level = get('level');
    const where = { file, line };
    if (!/^\d{6}$/.test(code)) {
      throw new LeitaiError('CSV_INVALID', `${file}: 第${line}行 code「${code}」不是6位区划代码`, {
        ...where,
        column: 'code',
        value: code,
        reason: 'expected a 6-digit code',
      });
    }
    if (seen.has(code)) {
      throw new LeitaiError('CSV_INVALID', `${file}: 第${line}行 code「${code}」重复`, {
        ...where,
        column: 'code',
        value: code,
        reason: 'duplicate code',
      });
    }
    seen.add(code);
    if (!LEVELS.has(level)) {
      throw new LeitaiError(
        'CSV_INVALID',
        `${file}: 第${line}行 level「${level}」应为 province/prefecture/county`,
        {
          ...where,
          column: 'level',
          value: level,
          reason: 'expected province, prefecture or county',
        },
      );
    }
    const attributes: Record<string, boolean | null> = {};
    for (const c of attrCols) attributes[c] = parseBool(get(c), file, line, c);
    const parent = get('parent_code');
    return {
      code,
      name: get('name'),
      level: level as Region['level'],
      parent: parent === '' ? null : parent,
      kind: get('kind'),
      attributes,
    };
  });
}

/** Reads an attribute CSV: `code` then one tri-state column per attribute. */
export function parseAttributes(
  text: string,
  file: string,
): Map<string, Record<string, boolean | null>> {
  const table = readCsv(text, file, ['code']);
  const cols = table.header.filter((h) => h !== 'code');
  const out = new Map<string, Record<string, boolean | null>>();
  for (const { line, cells } of table.rows) {
    const code = (cells[table.header.indexOf('code')] ?? '').trim();
    if (!/^\d{6}$/.test(code)) {
      throw new LeitaiError('CSV_INVALID', `${file}: 第${line}行 code「${code}」不是6位区划代码`, {
        file,
        line,
        column: 'code',
        value: code,
        reason: 'expected a 6-digit code',
      });
    }
    const rec: Record<string, boolean | null> = {};
    cols.forEach((c) => (rec[c] = parseBool(cells[table.header.indexOf(c)] ?? '', file, line, c)));
    out.set(code, rec);
  }
  return out;
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
