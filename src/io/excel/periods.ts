import { findPeriod, formatPeriod, isPeriod } from '../../core/periods/index.js';

// Period parsing lives in core/periods; the Excel reader's names for it stay here.
export { findPeriod, periodOrder } from '../../core/periods/index.js';

/** A period cell of the long layout: text, a year number, or an Excel date. */
export function periodOfCell(value: unknown): string | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) {
    const month = value.getUTCMonth() + 1;
    const text = formatPeriod({ kind: 'month', year: value.getUTCFullYear(), month });
    return isPeriod(text) ? text : null;
  }
  if (typeof value === 'number' && Number.isInteger(value)) return findPeriod(String(value));
  if (typeof value === 'string') return findPeriod(value);
  return null;
}
