/** A value per unit, aligned with the unit list; `null` is missing. */
export type Column = (number | null)[];

export interface CompositeIndicator {
  code: string;
  level: number;
  parent: string;
  weight: number;
  /** 1: higher is better; -1: lower is better. */
  direction: number;
  /** For `goalposts` normalisation: [worst, best] in the indicator's own units. */
  goalposts?: [number, number];
  /** Source line, for error messages. */
  line?: number;
}

export interface CompositeAggregate {
  code: string;
  level: number;
  /** `null` for the top-level index. */
  parent: string | null;
  weight: number;
  line?: number;
}

export interface CompositeMeta {
  indicators: CompositeIndicator[];
  aggregates: CompositeAggregate[];
}

export type TreatMethod = 'none' | 'winsorise';
export type NormaliseMethod = 'minmax' | 'zscore' | 'rank' | 'goalposts';
export type AggregateMethod = 'arith' | 'geom' | 'harm';
