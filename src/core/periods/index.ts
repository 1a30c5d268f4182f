import { LeitaiError } from '../errors/index.js';

/** `2025` (year), `2026Q3` (quarter), `2026-09` (month; 1–9月 for year-to-date indicators). */
export type Period =
  | { kind: 'year'; year: number }
  | { kind: 'quarter'; year: number; quarter: number }
  | { kind: 'month'; year: number; month: number };

const YEAR = /^(\d{4})$/;
const QUARTER = /^(\d{4})Q([1-4])$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function parsePeriod(text: string): Period {
  const s = text.trim();
  let m = YEAR.exec(s);
  if (m) return { kind: 'year', year: Number(m[1]) };
  m = QUARTER.exec(s);
  if (m) return { kind: 'quarter', year: Number(m[1]), quarter: Number(m[2]) };
  m = MONTH.exec(s);
  if (m) return { kind: 'month', year: Number(m[1]), month: Number(m[2]) };
  throw new LeitaiError(
    'PERIOD_INVALID',
    `无法识别的期别「${text}」:应为 2025、2026Q3 或 2026-09`,
    {
      value: text,
      reason: 'expected YYYY, YYYYQn or YYYY-MM',
    },
  );
}

export function isPeriod(text: string): boolean {
  return YEAR.test(text) || QUARTER.test(text) || MONTH.test(text);
}

export function formatPeriod(p: Period): string {
  if (p.kind === 'year') return String(p.year);
  if (p.kind === 'quarter') return `${p.year}Q${p.quarter}`;
  return `${p.year}-${String(p.month).padStart(2, '0')}`;
}

/** Months of the year covered by the period's year-to-date value (12 for a year). */
export function monthsElapsed(p: Period): number {
  if (p.kind === 'year') return 12;
  if (p.kind === 'quarter') return p.quarter * 3;
  return p.month;
}

/** The same period one year earlier. */
export function previousYearPeriod(p: Period): Period {
  return { ...p, year: p.year - 1 };
}

/** The period just before: the month, quarter or year before (January's is last December). */
export function previousPeriod(p: Period): Period {
  if (p.kind === 'year') return { kind: 'year', year: p.year - 1 };
  if (p.kind === 'quarter')
    return p.quarter === 1
      ? { kind: 'quarter', year: p.year - 1, quarter: 4 }
      : { ...p, quarter: p.quarter - 1 };
  return p.month === 1
    ? { kind: 'month', year: p.year - 1, month: 12 }
    : { ...p, month: p.month - 1 };
}

/** Chinese label: 2025年, 2026年1-9月, 2026年第三季度. */
export function periodLabel(p: Period): string {
  if (p.kind === 'year') return `${p.year}年`;
  if (p.kind === 'quarter') return `${p.year}年第${'一二三四'[p.quarter - 1]}季度`;
  return p.month === 1 ? `${p.year}年1月` : `${p.year}年1-${p.month}月`;
}

/**
 * When a period's data are due: `dueDay` of the month after the period ends (a year's data: of
 * the second month after, when annual figures are settled). ISO date, YYYY-MM-DD.
 */
export function dueDate(p: Period, dueDay = 10): string {
  const endMonth = p.kind === 'year' ? 12 : p.kind === 'quarter' ? p.quarter * 3 : p.month;
  const lag = p.kind === 'year' ? 2 : 1;
  const total = p.year * 12 + (endMonth - 1) + lag;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}-${String(dueDay).padStart(2, '0')}`;
}
