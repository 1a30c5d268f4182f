import { dec, num, type Decimal } from '../numeric/index.js';

/** 时间过半、任务过半: where a year-to-date value stands against its annual target. */
export interface Progress {
  /** `seasonal` when last year's profile gave the share, `linear` otherwise. */
  basis: 'seasonal' | 'linear';
  /** Share of the year's total normally reached by this month. */
  share: number;
  /** Share of the annual target already reached: the year-to-date value over the target. */
  done: number | null;
  /** The annual target times that share: where the county should be now. */
  expected: number | null;
  /** Year-end projection: the year-to-date value divided by the share. */
  projection: number;
  /** What the remaining months must still deliver to reach the target. */
  remaining: number | null;
  remainingMonths: number;
}

/** The linear shares m/12, exact to the working precision, made once. */
const LINEAR = Array.from({ length: 13 }, (_, m) => dec(m).div(12));

export function inYearProgress(opts: {
  value: number;
  month: number;
  /** Last year's value for the same months, and its full-year value. */
  lastYearSame: number | null;
  lastYearTotal: number | null;
  target: number | null;
}): { progress: Progress; projection: Decimal } {
  const { value, month, lastYearSame, lastYearTotal, target } = opts;
  let share: Decimal;
  let basis: Progress['basis'] = 'linear';
  if (lastYearSame !== null && lastYearTotal !== null && lastYearTotal > 0 && lastYearSame > 0) {
    share = dec(lastYearSame).div(dec(lastYearTotal));
    basis = 'seasonal';
  } else {
    share = LINEAR[month] ?? dec(month).div(12);
  }
  const projection = dec(value).div(share);
  const t = target === null ? null : dec(target);
  return {
    projection,
    progress: {
      basis,
      share: num(share),
      done: t && !t.isZero() ? num(dec(value).div(t)) : null,
      expected: t ? num(t.times(share)) : null,
      projection: num(projection),
      remaining: t ? num(t.minus(dec(value))) : null,
      remainingMonths: 12 - month,
    },
  };
}
