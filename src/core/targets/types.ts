import type { Direction, IndicatorKind } from '../indicators/index.js';

/**
 * A target phrase's structured meaning (SPEC §3). Numbers are kept as decimal strings, exactly
 * as printed, so nothing is lost before the exact comparison.
 */
export type Op = 'ge' | 'gt' | 'le' | 'lt';

/**
 * What the number is compared with: the value itself, its change on the previous year in
 * percentage points, or its relative change in percent.
 */
export type Measure = 'value' | 'change_pp' | 'change_pct';

/** A reference to another indicator's value ("全省县域GDP增速"). */
export interface Ref {
  text: string;
  indicator: string | null;
  /**
   * `province`: the province the region is in; `prefecture`: its prefecture; `self`: the same
   * region; `plan`: the plan's own region (同期).
   */
  scope: 'province' | 'prefecture' | 'self' | 'plan';
  /** `mean`: the mean of the county values under the scope (全省平均); `value`: its own value. */
  stat?: 'value' | 'mean';
}

export type TargetSpec =
  | { type: 'none' }
  /** `reach` is a bare number or 达到/增至: at least for higher-is-better, at most for lower. */
  | { type: 'bound'; op: Op | 'reach'; value: string; measure: Measure }
  /** `side` fixes which side is good when the phrase says so (下降3%左右); else the indicator's direction. */
  | { type: 'about'; value: string; measure: Measure; side?: Direction }
  | { type: 'range'; lo: string; hi: string; measure: Measure }
  | { type: 'relative'; op: Op; ref: Ref }
  | { type: 'sync'; ref: Ref }
  /** `value` is signed: 年均下降3% is -3. `reach` follows the indicator's direction. */
  | { type: 'annual_growth'; op: Op | 'reach' | 'about'; value: string }
  | { type: 'cumulative'; value: string }
  | { type: 'quota' }
  /** Judged by the responsible department (plan field `judgement: manual`); never parsed. */
  | { type: 'manual' };

export type TargetStatus = 'met' | 'nearly_met' | 'not_met' | 'no_data' | 'not_applicable';

export const STATUS_LABELS: Record<TargetStatus, string> = {
  met: '完成',
  nearly_met: '基本完成',
  not_met: '未完成',
  no_data: '无数据',
  not_applicable: '不适用',
};

export interface TargetContext {
  direction: Direction;
  /** The unit the target is printed in (个百分点 for a change target). */
  unit: string;
  /** Overrides the default tolerance (0.5 for % and 个百分点, 2% of |target| otherwise). */
  tolerance?: number;
  value?: number | null;
  /** The same period one year earlier, for change targets. */
  previous?: number | null;
  /** The referenced indicator's value, for 高于… and 与…同步. */
  ref?: number | null;
  /** A quota assigned by the superior (完成市下达指标). */
  quota?: number | null;
  /** Multi-year plans: base year value and the years for 年均增长. */
  base?: { year: number; value: number | null };
  year?: number;
  /** The year the target is set for (the plan's end): pace is reported before it. */
  planEnd?: number;
  /** A recorded manual judgement: 2 完成, 1 基本完成, 0 未完成 (core/targets/manual). */
  judgement?: number | null;
  /** Plan-period sum so far, for bracketed cumulative targets. */
  cumulative?: number | null;
  /** The indicator's kind: 年均增长 of a growth rate averages the yearly rates. */
  kind?: IndicatorKind;
  /** 年均增长 of a growth rate: the rates of the years after the base up to `year`; null if one is missing. */
  rates?: number[] | null;
}

export interface TargetResult {
  status: TargetStatus;
  /** Signed margin to the target in the compared measure: positive is on the good side. */
  gap: number | null;
  /** The quantity compared (the value, its change, or the annual growth). */
  measured: number | null;
  /** The threshold it was compared with. */
  threshold: number | null;
  /** 年均增长: the growth still needed per remaining year; [N]: the amount still needed. */
  needed?: number | null;
  /** Before the end year of a multi-year target: on pace (按期推进) or behind (滞后). */
  pace?: 'on_track' | 'behind';
  /** The growth (%) or sum achieved so far, compared with `required`. */
  actual?: number | null;
  /** The growth (%) or sum the path to the end target requires by now. */
  required?: number | null;
  /** How `actual` and `required` are measured: growth in % (`cagr`) or amounts (`linear`). */
  paceBasis?: 'cagr' | 'linear';
}
