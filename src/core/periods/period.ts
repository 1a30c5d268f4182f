import { LeitaiError } from '../errors/index.js';

/** `2025` (year), `2026Q3` (quarter), `2026-09` (month; 1–9月 for year-to-date indicators). */
export type Period =
  | { kind: 'year'; year: number }
  | { kind: 'quarter'; year: number; quarter: number }
  | { kind: 'month'; year: number; month: number };

/**
 * The years a period may name: from the founding of the PRC to the end of the century. Beyond
 * them a typo (9999-12) would be stored, published and given a due date in year 10000.
 */
export const PERIOD_MIN_YEAR = 1949;
export const PERIOD_MAX_YEAR = 2100;

/** The same periods as a JSON-schema pattern, for API schemas (a test keeps it equal to isPeriod). */
export const PERIOD_PATTERN = '^(19(49|[5-9]\\d)|20\\d\\d|2100)(Q[1-4]|-(0[1-9]|1[0-2]))?$';

const YEAR = /^(\d{4})$/;
const QUARTER = /^(\d{4})Q([1-4])$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

function readPeriod(s: string): Period | null {
  let m = YEAR.exec(s);
  if (m) return { kind: 'year', year: Number(m[1]) };
  m = QUARTER.exec(s);
  if (m) return { kind: 'quarter', year: Number(m[1]), quarter: Number(m[2]) };
  m = MONTH.exec(s);
  if (m) return { kind: 'month', year: Number(m[1]), month: Number(m[2]) };
  return null;
}

const inRange = (year: number) => year >= PERIOD_MIN_YEAR && year <= PERIOD_MAX_YEAR;

/** Reads `2025`, `2026Q3` or `2026-09` with a year in range; PERIOD_INVALID naming the text else. */
export function parsePeriod(text: string): Period {
  const p = readPeriod(text.trim());
  if (!p) {
    throw new LeitaiError(
      'PERIOD_INVALID',
      `无法识别的期别「${text}」:应为 2025、2026Q3 或 2026-09`,
      { value: text, reason: 'expected YYYY, YYYYQn or YYYY-MM' },
    );
  }
  if (!inRange(p.year)) {
    throw new LeitaiError(
      'PERIOD_INVALID',
      `期别「${text}」的年份 ${p.year} 超出范围:应在 ${PERIOD_MIN_YEAR}–${PERIOD_MAX_YEAR} 年之间`,
      { value: text, reason: `year outside ${PERIOD_MIN_YEAR}-${PERIOD_MAX_YEAR}` },
    );
  }
  return p;
}

/** Whether the text is a period as written (no surrounding space) with a year in range. */
export function isPeriod(text: string): boolean {
  const p = readPeriod(text);
  return p !== null && inRange(p.year);
}

/** The period's canonical text (`2026-09`), or PERIOD_INVALID: for options and API arguments. */
export function periodText(text: string): string {
  return formatPeriod(parsePeriod(text));
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
 * The period a bulletin compares with ("较1-6月回升"): for a month, the end of the previous
 * quarter, or the month before in a year's first quarter; for a quarter, the one before; null
 * in a year's first period and for a year.
 */
export function comparisonPeriod(p: Period): Period | null {
  if (p.kind !== 'month') return previousInYear(p);
  if (p.month <= 3) return previousInYear(p);
  return { ...p, month: Math.floor((p.month - 1) / 3) * 3 };
}

/** Sorts periods by their last month: later is greater (2026Q3 and 2026-09 alike); 0 for none. */
export function periodOrder(text: string): number {
  if (!isPeriod(text)) return 0;
  const p = parsePeriod(text);
  return p.year * 100 + (p.kind === 'year' ? 12 : p.kind === 'quarter' ? p.quarter * 3 : p.month);
}

/** Chinese label: 2025年, 2026年1-9月, 2026年第三季度. */
export function periodLabel(p: Period): string {
  if (p.kind === 'year') return `${p.year}年`;
  if (p.kind === 'quarter') return `${p.year}年第${'一二三四'[p.quarter - 1]}季度`;
  return p.month === 1 ? `${p.year}年1月` : `${p.year}年1-${p.month}月`;
}

const MONTHS_EN = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

/** English label: 2025, Jan–Sep 2026, Q3 2026 (the same periods as `periodLabel`). */
export function periodLabelEn(p: Period): string {
  if (p.kind === 'year') return `${p.year}`;
  if (p.kind === 'quarter') return `Q${p.quarter} ${p.year}`;
  const last = MONTHS_EN[p.month - 1]!;
  return p.month === 1 ? `Jan ${p.year}` : `Jan–${last} ${p.year}`;
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
