import {
  formatPeriod,
  parsePeriod,
  previousPeriod,
  previousYearPeriod,
  type Period,
} from '../periods/index.js';

/** The previous month or quarter of the same year; null for January, Q1 and a year. */
export function previousInYear(p: Period): Period | null {
  if (p.kind === 'month') return p.month > 1 ? { ...p, month: p.month - 1 } : null;
  if (p.kind === 'quarter') return p.quarter > 1 ? { ...p, quarter: p.quarter - 1 } : null;
  return null;
}

/** Earlier months (or quarters) of the same year, nearest first. */
export function earlierInYear(p: Period): Period[] {
  const out: Period[] = [];
  for (let q = previousInYear(p); q; q = previousInYear(q)) out.push(q);
  return out;
}

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
