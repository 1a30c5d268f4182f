import type { Indicator } from '../indicators/index.js';
import { dec, num } from '../numeric/index.js';

/** The unit of a change against last year: percentage points for rates, per cent for levels. */
export type ChangeUnit = '个百分点' | '%';

/**
 * Whether an indicator is a rate (a growth rate, a share, a change in percentage points, or
 * anything measured in % or 个百分点): its change is a difference, in 个百分点. Levels and counts
 * (亿元, 户, 个 …) change relatively, in %.
 */
export function isRate(ind: Pick<Indicator, 'kind' | 'unit'>): boolean {
  return (
    ind.kind === 'growth' ||
    ind.kind === 'share' ||
    ind.kind === 'change_pp' ||
    ind.unit === '%' ||
    ind.unit === '％' ||
    ind.unit === '个百分点'
  );
}

/**
 * A value's change against last year's same-period value, in exact decimal arithmetic: for a rate
 * the difference v − prev in 个百分点 (4.8 against 5.3 is −0.5); for a level or count the relative
 * change (v − prev) / |prev| × 100 in % (12.6 against 12 is +5). Null when either value is missing,
 * or for a level when last year's is 0 (no relative change from nothing).
 */
export function changeOf(
  ind: Pick<Indicator, 'kind' | 'unit'>,
  value: number | null,
  prev: number | null,
): { change: number | null; unit: ChangeUnit } {
  const unit: ChangeUnit = isRate(ind) ? '个百分点' : '%';
  if (value === null || prev === null) return { change: null, unit };
  const d = dec(value).minus(dec(prev));
  if (unit === '个百分点') return { change: num(d), unit };
  if (prev === 0) return { change: null, unit };
  return { change: num(d.times(100).dividedBy(dec(prev).abs())), unit };
}
