import { LeitaiError } from '../core/errors/index.js';
import type { IndicatorCatalogue } from '../core/indicators/index.js';
import type { Observation } from '../core/observations/index.js';
import { isPeriod } from '../core/periods/index.js';
import type { Register } from '../core/regions/index.js';
import { readCsv } from './csv.js';

const COLUMNS = ['region', 'indicator', 'period', 'value'] as const;

/**
 * A value as statistical sheets print it: full-width digits, thousands separators, `％`; `—`,
 * `-` or empty for missing. Returns undefined when it is not a number.
 */
export function parseNumber(text: string): number | null | undefined {
  const s = text
    .normalize('NFKC')
    .trim()
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1')
    .replace(/%$/, '');
  if (s === '' || /^[—–\-―]+$/.test(s)) return null;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return undefined;
  return Number(s);
}

/**
 * Reads the observations CSV of SPEC §8 (`region,indicator,period,value`). Every row is checked;
 * the first bad one is reported with its line, column and reason. Regions and indicators must be
 * known when a register and catalogue are given (`<code>.quota` rows carry superior quotas).
 */
export function parseObservations(
  text: string,
  file: string,
  known: { register?: Register; indicators?: IndicatorCatalogue } = {},
): Observation[] {
  const table = readCsv(text, file, COLUMNS);
  const col = Object.fromEntries(COLUMNS.map((c) => [c, table.header.indexOf(c)])) as Record<
    (typeof COLUMNS)[number],
    number
  >;
  const out: Observation[] = new Array(table.rows.length);
  const source = file;
  const fail = (line: number, column: string, value: string, reason: string) =>
    new LeitaiError('CSV_INVALID', `${file}: 第${line}行「${column}」列「${value}」: ${reason}`, {
      file,
      line,
      column,
      value,
      reason,
    });
  const seen = new Map<string, number>();
  for (let i = 0; i < table.rows.length; i++) {
    const { line, cells } = table.rows[i]!;
    const region = cells[col.region] ?? '';
    const indicator = cells[col.indicator] ?? '';
    const period = cells[col.period] ?? '';
    const raw = cells[col.value] ?? '';
    if (!/^\d{6}$/.test(region)) throw fail(line, 'region', region, '区划代码应为6位数字');
    if (known.register && !known.register.get(region))
      throw fail(line, 'region', region, '区划代码不在区划名录中');
    const code = indicator.endsWith('.quota') ? indicator.slice(0, -6) : indicator;
    if (!/^[a-z][a-z0-9_]*$/.test(code))
      throw fail(line, 'indicator', indicator, '指标代码格式不正确');
    if (known.indicators && !known.indicators.has(code))
      throw fail(line, 'indicator', indicator, '未知指标代码');
    if (!isPeriod(period)) throw fail(line, 'period', period, '期别应为 2025、2026Q3 或 2026-09');
    const value = parseNumber(raw);
    if (value === undefined) throw fail(line, 'value', raw, '不是数值');
    const key = `${region}|${indicator}|${period}`;
    const prior = seen.get(key);
    if (prior !== undefined)
      throw fail(line, 'region', region, `与第${prior}行重复(同一区划、指标、期别)`);
    seen.set(key, line);
    out[i] = { region, indicator, period, value, source };
  }
  return out;
}
