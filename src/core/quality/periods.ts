import {
  earlierInYear,
  formatPeriod,
  parsePeriod,
  previousPeriod,
  previousYearPeriod,
  type Period,
} from '../periods/index.js';

/**
 * Every period the checks of one period read: the period, the same period last year, last year's
 * year value, the earlier months (quarters) of the year, and the period just before.
 */
export function qualityPeriods(periodText: string): string[] {
  const p = parsePeriod(periodText);
  const list = [p, previousYearPeriod(p), { kind: 'year', year: p.year - 1 } as Period];
  list.push(...earlierInYear(p), previousPeriod(p));
  return [...new Set(list.map(formatPeriod))];
}
