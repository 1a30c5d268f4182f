/**
 * An indicator is data (plans/indicators.json and a plan's own `indicators`), never code.
 * `aggregate` says how the province value arises from county values (SPEC §8).
 */
export type IndicatorKind = 'level' | 'growth' | 'share' | 'count' | 'change_pp';
export type Direction = 'higher' | 'lower';
export type Frequency = 'monthly' | 'quarterly' | 'yearly';

/** How a county value is compared with an aggregate's threshold; `>` unless the indicator says. */
export type CompareOp = '>' | '>=' | '<' | '<=';

export type Aggregate =
  | { method: 'sum' }
  /** How many counties' `of` values pass the threshold (超100亿元县). */
  | { method: 'count_over'; of: string; threshold: number; op?: CompareOp }
  /** The share (%) of counties whose `of` values pass the threshold (90%以上县域…). */
  | { method: 'share_over'; of: string; threshold: number; op?: CompareOp }
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
 * The one rule a single value of an indicator must keep, whichever way it comes in (a form, the
 * API, CSV, Excel): the API checks it (`valueProblem`, `entryProblem`) and the entry form gets it
 * in the entry answer to check before saving, so the two never disagree.
 * - `integer`: counts (户, 个, 项) are whole;
 * - `floor`: 0 where a negative value is impossible (levels, counts, shares), else null;
 * - `ceiling`: 100 for shares (a share of a whole is at most 100%), else null;
 * - `min`/`max`: the plausible range of a county value (null outside it, or for other regions);
 * - `cumulative`: a year-to-date sum (levels and counts reported 1-n月累计), which cannot fall
 *   below the previous month's value of the same year.
 */
export interface EntryRule {
  integer: boolean;
  floor: number | null;
  ceiling: number | null;
  min: number | null;
  max: number | null;
  cumulative: boolean;
}

type RuleOf = Pick<Indicator, 'kind' | 'range'> & Partial<Pick<Indicator, 'ytd'>>;

export function entryRule(ind: RuleOf, opts: { county?: boolean } = {}): EntryRule {
  const r = opts.county !== false ? ind.range : undefined;
  return {
    integer: ind.kind === 'count',
    floor: ind.kind === 'level' || ind.kind === 'count' || ind.kind === 'share' ? 0 : null,
    ceiling: ind.kind === 'share' ? 100 : null,
    min: r ? r[0] : null,
    max: r ? r[1] : null,
    cumulative: ind.ytd === true && (ind.kind === 'level' || ind.kind === 'count'),
  };
}

/** Which part of the rule a value breaks: a code the UI words in its language, the API in Chinese. */
export type RuleBreach =
  | { kind: 'integer' }
  | { kind: 'negative' }
  | { kind: 'share'; ceiling: number }
  | { kind: 'range'; min: number; max: number }
  | { kind: 'decrease'; previous: number };

/**
 * The first part of the rule a finite value breaks, or null. `previous` is the same region's
 * value of the previous month of the same year (only asked of cumulative indicators).
 */
export function ruleBreach(
  rule: EntryRule,
  value: number,
  previous?: number | null,
): RuleBreach | null {
  if (rule.integer && !Number.isInteger(value)) return { kind: 'integer' };
  if (rule.floor !== null && value < rule.floor) return { kind: 'negative' };
  if (rule.ceiling !== null && value > rule.ceiling)
    return { kind: 'share', ceiling: rule.ceiling };
  if (rule.min !== null && rule.max !== null && (value < rule.min || value > rule.max))
    return { kind: 'range', min: rule.min, max: rule.max };
  if (rule.cumulative && previous !== undefined && previous !== null && value < previous)
    return { kind: 'decrease', previous };
  return null;
}

/** A breach said in Chinese (with English), naming the indicator. */
export function breachText(ind: Pick<Indicator, 'name' | 'unit'>, b: RuleBreach): string {
  switch (b.kind) {
    case 'integer':
      return `「${ind.name}」是计数指标,数值必须是整数 (a count must be whole)`;
    case 'negative':
      return `「${ind.name}」不能为负数 (cannot be negative)`;
    case 'share':
      return `「${ind.name}」是比重,不能超过 ${b.ceiling}% (a share is at most ${b.ceiling}%)`;
    case 'range':
      return `超出「${ind.name}」的合理范围 ${b.min}~${b.max}${ind.unit} (outside the plausible range)`;
    case 'decrease':
      return `「${ind.name}」是年内累计值,不能小于上月的 ${b.previous}${ind.unit} (a year-to-date value cannot fall below the previous month's)`;
  }
}

/**
 * Why a reported value is not acceptable for this indicator, or null when it is: the one rule
 * every way in (API, CSV, Excel) applies (`entryRule`). A value is a finite number; counts are
 * whole; levels, counts and shares are not negative, shares at most 100; a county value lies in
 * the indicator's plausible range (`county` false skips the range, which is for county values).
 * With `previous` (the previous month's value of the same year) a year-to-date sum may not fall.
 */
export function valueProblem(
  ind: Pick<Indicator, 'name' | 'unit' | 'kind' | 'range'> & Partial<Pick<Indicator, 'ytd'>>,
  value: number,
  opts: { county?: boolean; previous?: number | null } = {},
): string | null {
  if (!Number.isFinite(value)) return `数值必须是有限的数 (not a finite number)`;
  const b = ruleBreach(entryRule(ind, opts), value, opts.previous);
  return b ? breachText(ind, b) : null;
}

/**
 * Why one value entered by a person (an edit, a row of a form) is refused, naming the field, or
 * null: a withdrawal (null) says why; a number must suit its indicator (`valueProblem`).
 */
export function entryProblem(
  ind: Pick<Indicator, 'name' | 'unit' | 'kind' | 'range'> & Partial<Pick<Indicator, 'ytd'>>,
  value: number | null,
  reason: string | undefined,
  opts: { county?: boolean; previous?: number | null } = {},
): { field: 'value' | 'reason'; problem: string } | null {
  if (value === null)
    return reason?.trim()
      ? null
      : { field: 'reason', problem: '撤回数值须说明原因 (a withdrawal needs a reason)' };
  const problem = valueProblem(ind, value, opts);
  return problem ? { field: 'value', problem } : null;
}
