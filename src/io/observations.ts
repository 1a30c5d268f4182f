import { LeitaiError } from '../core/errors/index.js';
import { valueProblem, type IndicatorCatalogue } from '../core/indicators/index.js';
import { ObservationSet, type Observation } from '../core/observations/index.js';
import { isPeriod } from '../core/periods/index.js';
import type { Register } from '../core/regions/index.js';
import { eachCsvRow } from './csv.js';
import { hiddenTextProblem } from './hidden-text.js';

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
  // 1e999 reads as Infinity: not a number a sheet can mean.
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export interface ReadOptions {
  register?: Register;
  indicators?: IndicatorCatalogue;
  /** Keep only these periods (every row is still checked): what one evaluation needs. */
  periods?: ReadonlySet<string>;
  /**
   * Keep only these indicators of the kept periods; a region with other data there is still
   * noted as present (`onPresent`), so "the counties in the data" do not change.
   */
  keepIndicators?: ReadonlySet<string>;
  /**
   * Collect every bad row here instead of stopping at the first (an import reports them all).
   * When anything was collected, nothing reaches the set.
   */
  problems?: LeitaiError[];
  /**
   * Refuse values the indicator cannot take (valueProblem: whole counts, the plausible range of a
   * county) and hidden control characters in the identifying cells: imports do; evaluation
   * reads as is.
   */
  checkRanges?: boolean;
}

/**
 * Gives each distinct string one copy and a small number (a million rows share a few thousand).
 * Files repeat a region or indicator over many rows: the last answer is checked first.
 */
class Interner {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  private last: string | undefined;
  private lastId: number | undefined;
  id(s: string): number | undefined {
    if (s === this.last) return this.lastId;
    const id = this.ids.get(s);
    if (id !== undefined) {
      this.last = s;
      this.lastId = id;
    }
    return id;
  }
  add(s: string): number {
    this.ids.set(s, this.values.length);
    this.values.push(s);
    return this.values.length - 1;
  }
}

/**
 * Checks every row of an observations CSV of SPEC §8 (`region,indicator,period,value`) and hands
 * each good one to `emit`, in file order. The first bad row throws with its line, column and
 * reason (or, with `known.problems`, every bad row is collected). Regions and indicators must be
 * known when a register and catalogue are given (`<code>.quota` rows carry superior quotas).
 * The same key twice in one file is an error. Returns the number of rows read.
 */
function scanObservations(
  text: string,
  file: string,
  known: ReadOptions,
  emit: (o: Observation) => void,
  onPresent?: (region: string) => void,
): number {
  let col: number[] | null = null;
  const fail = (line: number, column: string, value: string, reason: string) =>
    new LeitaiError('CSV_INVALID', `${file}: 第${line}行「${column}」列「${value}」: ${reason}`, {
      file,
      line,
      column,
      value,
      reason,
    });
  // Each distinct region, indicator and period is checked once.
  const regions = new Interner();
  const indicators = new Interner();
  const periods = new Interner();
  // Line of each (indicator, period, region) seen, to refuse a duplicate: typed arrays per
  // indicator and period, indexed by region number, stay cheap at a million rows.
  const firstLine: (Int32Array | undefined)[][] = [];
  // Whether each period number is one the caller keeps.
  const kept: boolean[] = [];
  const keptIndicator: boolean[] = [];
  const noted: boolean[] = [];
  let rows = 0;
  const row = (line: number, cells: string[], header: string[]) => {
    col ??= COLUMNS.map((c) => header.indexOf(c));
    const [ci, cn, cp, cv] = col as [number, number, number, number];
    const region = cells[ci] ?? '';
    const indicator = cells[cn] ?? '';
    const period = cells[cp] ?? '';
    const raw = cells[cv] ?? '';
    if (known.checkRanges) {
      const named: [string, string][] = [
        ['region', region],
        ['indicator', indicator],
        ['period', period],
      ];
      for (const [column, text] of named) {
        const hidden = hiddenTextProblem(text);
        if (hidden) throw fail(line, column, text, hidden);
      }
    }
    let ri = regions.id(region);
    if (ri === undefined) {
      if (!/^\d{6}$/.test(region)) throw fail(line, 'region', region, '区划代码应为6位数字');
      if (known.register && !known.register.get(region))
        throw fail(line, 'region', region, '区划代码不在区划名录中');
      ri = regions.add(region);
    }
    let ni = indicators.id(indicator);
    if (ni === undefined) {
      const code = indicator.endsWith('.quota') ? indicator.slice(0, -6) : indicator;
      if (!/^[a-z][a-z0-9_]*$/.test(code))
        throw fail(line, 'indicator', indicator, '指标代码格式不正确');
      if (known.indicators && !known.indicators.has(code))
        throw fail(line, 'indicator', indicator, '未知指标代码');
      ni = indicators.add(indicator);
      keptIndicator[ni] =
        !known.keepIndicators ||
        known.keepIndicators.has(code) ||
        known.keepIndicators.has(indicator);
      if (ni >= 4096) throw fail(line, 'indicator', indicator, '一个文件中的指标种类超过4096个');
    }
    let pi = periods.id(period);
    if (pi === undefined) {
      if (!isPeriod(period)) throw fail(line, 'period', period, '期别应为 2025、2026Q3 或 2026-09');
      pi = periods.add(period);
      kept[pi] = !known.periods || known.periods.has(period);
      if (pi >= 4096) throw fail(line, 'period', period, '一个文件中的期别超过4096个');
    }
    const value = PLAIN_NUMBER.test(raw) ? Number(raw) : parseNumber(raw);
    if (value === undefined) throw fail(line, 'value', raw, '不是数值');
    if (known.checkRanges && value !== null) {
      const ind = known.indicators?.get(indicator);
      const county = known.register ? known.register.get(region)?.level === 'county' : true;
      const problem = ind && valueProblem(ind, value, { county });
      if (problem) throw fail(line, 'value', raw, problem);
    }
    const byPeriod = (firstLine[ni] ??= []);
    let lines = byPeriod[pi];
    if (!lines || lines.length <= ri) {
      const grown = new Int32Array(Math.max(1024, (ri + 1) * 2));
      if (lines) grown.set(lines);
      byPeriod[pi] = lines = grown;
    }
    if (lines[ri] !== 0)
      throw fail(line, 'region', region, `与第${lines[ri]}行重复(同一区划、指标、期别)`);
    lines[ri] = line;
    rows++;
    if (!kept[pi]) return;
    if (!keptIndicator[ni]) {
      if (!noted[ri]) onPresent?.(regions.values[ri]!);
      noted[ri] = true;
      return;
    }
    emit({
      region: regions.values[ri]!,
      indicator: indicators.values[ni]!,
      period: periods.values[pi]!,
      value,
      source: file,
      line,
    });
  };
  eachCsvRow(text, file, COLUMNS, (line, cells, header) => {
    if (!known.problems) return row(line, cells, header);
    try {
      row(line, cells, header);
    } catch (e) {
      if (!(e instanceof LeitaiError)) throw e;
      known.problems.push(e);
    }
  });
  return rows;
}

/**
 * Reads an observations CSV into a set (see scanObservations). Only a file that passed every
 * check reaches the set; otherwise it is left as it was.
 */
export function readObservationsInto(
  into: ObservationSet,
  text: string,
  file: string,
  known: ReadOptions = {},
): number {
  const staged = new ObservationSet();
  const rows = scanObservations(
    text,
    file,
    known,
    (o) => staged.insert(o),
    (r) => staged.notePresent(r),
  );
  if (!known.problems?.length) into.merge(staged);
  return rows;
}

/** The observations of a CSV as a list in file order (see scanObservations); [] if any problem. */
export function parseObservations(
  text: string,
  file: string,
  known: ReadOptions = {},
): Observation[] {
  const out: Observation[] = [];
  scanObservations(text, file, known, (o) => out.push(o));
  return known.problems?.length ? [] : out;
}
