import { readFileSync } from 'node:fs';
import { LeitaiError } from '../core/errors/index.js';
import type {
  Column,
  CompositeAggregate,
  CompositeIndicator,
  CompositeMeta,
} from '../core/composite/index.js';
import { eachCsvRow, readCsv } from './csv.js';

export interface CompositeInput {
  units: string[];
  /** Source line of each unit. */
  unitLines: number[];
  data: Record<string, Column>;
  meta: CompositeMeta;
}

const META_COLUMNS = ['Level', 'iCode', 'Direction', 'Weight', 'Parent', 'Type'] as const;

function num(cell: string, file: string, line: number, column: string): number | null {
  const v = cell.trim();
  if (v === '' || v === 'NA') return null;
  const x = Number(v);
  if (!Number.isFinite(x)) {
    throw new LeitaiError(
      'CSV_INVALID',
      `${file}: 第${line}行「${column}」列的值「${cell}」不是数字`,
      { file, line, column, value: cell, reason: 'expected a number or empty (missing)' },
    );
  }
  return x;
}

function required(cell: string, file: string, line: number, column: string): number {
  const x = num(cell, file, line, column);
  if (x === null) {
    throw new LeitaiError('CSV_INVALID', `${file}: 第${line}行「${column}」列不能为空`, {
      file,
      line,
      column,
      value: cell,
      reason: 'a number is required',
    });
  }
  return x;
}

/** COINr's iMeta layout: rows of Type Indicator and Aggregate form the tree; others are ignored. */
export function parseCompositeMeta(text: string, file: string): CompositeMeta {
  const t = readCsv(text, file, META_COLUMNS);
  const col = (c: string) => t.header.indexOf(c);
  const meta: CompositeMeta = { indicators: [], aggregates: [] };
  for (const { line, cells } of t.rows) {
    const get = (c: string) => (cells[col(c)] ?? '').trim();
    const type = get('Type');
    if (type !== 'Indicator' && type !== 'Aggregate') continue;
    const code = get('iCode');
    const level = required(get('Level'), file, line, 'Level');
    const weight = required(get('Weight'), file, line, 'Weight');
    const parent = get('Parent');
    if (type === 'Indicator') {
      const direction = required(get('Direction'), file, line, 'Direction');
      if (direction !== 1 && direction !== -1) {
        throw new LeitaiError('CSV_INVALID', `${file}: 第${line}行「Direction」列应为 1 或 -1`, {
          file,
          line,
          column: 'Direction',
          value: get('Direction'),
          reason: 'expected 1 or -1',
        });
      }
      const ind: CompositeIndicator = { code, level, parent, weight, direction, line };
      meta.indicators.push(ind);
    } else {
      const agg: CompositeAggregate = {
        code,
        level,
        parent: parent === '' ? null : parent,
        weight,
        line,
      };
      meta.aggregates.push(agg);
    }
  }
  return meta;
}

/** COINr's iData layout: uCode plus one column per indicator; other columns are ignored. */
export function parseCompositeData(
  text: string,
  file: string,
  meta: CompositeMeta,
): Omit<CompositeInput, 'meta'> {
  const codes = meta.indicators.map((i) => i.code);
  // Rows go straight into one array per indicator: no table of cells is kept.
  const cols: Column[] = codes.map(() => []);
  const units: string[] = [];
  const unitLines: number[] = [];
  const seen = new Set<string>();
  let uIdx = -1;
  let idx: number[] = [];
  eachCsvRow(text, file, ['uCode', ...codes], (line, cells, header) => {
    if (uIdx < 0) {
      uIdx = header.indexOf('uCode');
      idx = codes.map((c) => header.indexOf(c));
    }
    const u = (cells[uIdx] ?? '').trim();
    if (u === '' || seen.has(u)) {
      throw new LeitaiError('CSV_INVALID', `${file}: 第${line}行 uCode「${u}」为空或重复`, {
        file,
        line,
        column: 'uCode',
        value: u,
        reason: u === '' ? 'empty uCode' : `duplicate uCode ${u}`,
      });
    }
    seen.add(u);
    units.push(u);
    unitLines.push(line);
    for (let j = 0; j < codes.length; j++) {
      cols[j]!.push(num(cells[idx[j]!] ?? '', file, line, codes[j]!));
    }
  });
  const data: Record<string, Column> = {};
  codes.forEach((c, j) => (data[c] = cols[j]!));
  return { units, unitLines, data };
}

export function readCompositeFiles(idataFile: string, imetaFile: string): CompositeInput {
  const meta = parseCompositeMeta(readFileSync(imetaFile, 'utf8'), imetaFile);
  const d = parseCompositeData(readFileSync(idataFile, 'utf8'), idataFile, meta);
  return { ...d, meta };
}
