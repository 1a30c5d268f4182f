import { LeitaiError } from '../errors/index.js';

/**
 * Calendar dates (YYYY-MM-DD) and "today" in Asia/Shanghai, for CLI and server alike. The
 * province keeps UTC+8 all year (no daylight saving), so the local date is the UTC date of the
 * instant shifted by eight hours; no time-zone database is needed.
 */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** An ISO timestamp: a date, a time and an offset (Z or ±hh:mm; none is the province's time). */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const OFFSET = /(Z|[+-]\d{2}:?\d{2})$/;

interface Ymd {
  year: number;
  month: number;
  day: number;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function readDate(text: string): Ymd | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

const pad = (n: number) => String(n).padStart(2, '0');

export function formatDate(d: Ymd): string {
  return `${d.year}-${pad(d.month)}-${pad(d.day)}`;
}

/** Whether the text is a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isDate(text: string): boolean {
  return readDate(text) !== null;
}

/** A real calendar date, or INPUT_INVALID naming the field (`--now`, `due`) and the text. */
export function parseDate(text: string, field = '日期'): string {
  if (!readDate(text)) {
    throw new LeitaiError('INPUT_INVALID', `${field}「${text}」应为日期 YYYY-MM-DD,如 2026-10-15`, {
      field,
      value: text,
      reason: 'expected a calendar date YYYY-MM-DD',
    });
  }
  return text;
}

/** The calendar date a spreadsheet date cell holds (ExcelJS reads it as UTC midnight). */
export function utcDate(d: Date): string {
  return formatDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

/** The calendar date in Asia/Shanghai at an instant. */
export function todayIn(now: Date): string {
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  return formatDate({
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
  });
}

/**
 * The Asia/Shanghai calendar date of a date (returned as is) or of an ISO timestamp with an
 * offset (2026-10-10T20:00:00Z is 2026-10-11 in the province; without an offset the time is the
 * province's). INPUT_INVALID otherwise.
 */
export function dateOf(text: string, field = '日期'): string {
  if (TIMESTAMP.test(text)) {
    const ms = Date.parse(OFFSET.test(text) ? text : `${text}+08:00`);
    if (!Number.isNaN(ms) && isDate(text.slice(0, 10))) return todayIn(new Date(ms));
  }
  return parseDate(text, field);
}

function ymd(text: string): Ymd {
  return readDate(parseDate(text))!;
}

/** Orders two dates as dates, by year, month and day (negative when `a` is earlier). */
export function compareDates(a: string, b: string): number {
  const x = ymd(a);
  const y = ymd(b);
  return x.year - y.year || x.month - y.month || x.day - y.day;
}

/** Whether a deadline has passed on `today`: the due day itself still counts as in time. */
export function isOverdue(due: string, today: string): boolean {
  return compareDates(today, due) > 0;
}
