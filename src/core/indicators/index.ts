/**
 * An indicator is data (plans/indicators.json and a plan's own `indicators`), never code.
 * `aggregate` says how the province value arises from county values (SPEC §8).
 */
export type IndicatorKind = 'level' | 'growth' | 'share' | 'count' | 'change_pp';
export type Direction = 'higher' | 'lower';
export type Frequency = 'monthly' | 'quarterly' | 'yearly';

export type Aggregate =
  | { method: 'sum' }
  | { method: 'count_over'; of: string; threshold: number }
  | { method: 'ratio'; numerator: string; denominator: string; scale: number }
  | { method: 'reported' };

export interface Indicator {
  code: string;
  name: string;
  nameEn: string;
  unit: string;
  kind: IndicatorKind;
  direction: Direction;
  frequency: Frequency;
  /** Monthly values are year-to-date cumulative (1-9月累计). */
  ytd: boolean;
  aggregate: Aggregate;
  /** Other names under which documents print it (matched after normalising). */
  aliases?: string[];
  /** Plausible range of a county value, for data checks. */
  range?: [number, number];
  departments?: string[];
}

export type IndicatorCatalogue = ReadonlyMap<string, Indicator>;

export function catalogue(...lists: ReadonlyArray<readonly Indicator[]>): IndicatorCatalogue {
  const map = new Map<string, Indicator>();
  for (const list of lists) for (const ind of list) map.set(ind.code, ind);
  return map;
}

/** Units in which a tolerance of 0.5 (percentage points) applies. */
export function isPercentUnit(unit: string): boolean {
  return unit === '%' || unit === '％' || unit === '个百分点';
}

/**
 * Why a reported value is not acceptable for this indicator, or null when it is: the one rule
 * every way in (API, CSV, Excel) applies. A value is a finite number; counts are whole; a county
 * value lies in the indicator's plausible range (`county` false skips the range, which is for
 * county values).
 */
export function valueProblem(
  ind: Pick<Indicator, 'name' | 'unit' | 'kind' | 'range'>,
  value: number,
  opts: { county?: boolean } = {},
): string | null {
  if (!Number.isFinite(value)) return `数值必须是有限的数 (not a finite number)`;
  if (ind.kind === 'count' && !Number.isInteger(value))
    return `「${ind.name}」是计数指标,数值必须是整数 (a count must be whole)`;
  const r = ind.range;
  if (r && opts.county !== false && (value < r[0] || value > r[1]))
    return `超出「${ind.name}」的合理范围 ${r[0]}~${r[1]}${ind.unit} (outside the plausible range)`;
  return null;
}

/**
 * Why one value entered by a person (an edit, a row of a form) is refused, naming the field, or
 * null: a withdrawal (null) says why; a number must suit its indicator (`valueProblem`).
 */
export function entryProblem(
  ind: Pick<Indicator, 'name' | 'unit' | 'kind' | 'range'>,
  value: number | null,
  reason: string | undefined,
  opts: { county?: boolean } = {},
): { field: 'value' | 'reason'; problem: string } | null {
  if (value === null)
    return reason?.trim()
      ? null
      : { field: 'reason', problem: '撤回数值须说明原因 (a withdrawal needs a reason)' };
  const problem = valueProblem(ind, value, opts);
  return problem ? { field: 'value', problem } : null;
}
