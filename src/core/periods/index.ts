// Periods (2025, 2026Q3, 2026-09) and dates (YYYY-MM-DD, today in Asia/Shanghai): the one place
// they are parsed, compared and counted.
export * from './period.js';
export { findPeriod } from './labels.js';
export {
  compareDates,
  dateOf,
  formatDate,
  isDate,
  isOverdue,
  parseDate,
  todayIn,
  utcDate,
} from './dates.js';
