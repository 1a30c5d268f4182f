// How numbers and periods look in the UI. Rounding and the Chinese labels live in the core, the
// one place for them; this adds the language choice.
import { formatSigned, formatValue } from '../../../src/core/numeric/index.js';
import {
  isPeriod,
  parsePeriod,
  periodLabel,
  periodLabelEn,
} from '../../../src/core/periods/index.js';
import type { Lang } from '../i18n/index.js';

export { formatSigned, formatValue };

/** 2026年1-9月 / Jan–Sep 2026; anything that is not a period is shown as it is. */
export function periodText(period: string | null | undefined, lang: Lang): string {
  if (!period) return '—';
  if (!isPeriod(period)) return period;
  const p = parsePeriod(period);
  return lang === 'zh' ? periodLabel(p) : periodLabelEn(p);
}

/** A score or index, one decimal. */
export function formatScore(value: number | null | undefined): string {
  return formatValue(value, '分');
}

/** A unit as a column header shows it: 数值(亿元). Units are data and stay as the plan prints them. */
export function withUnit(label: string, unit: string | null | undefined): string {
  return unit ? `${label} (${unit})` : label;
}

/** A date as 2026-10-10 (ISO) in both languages: unambiguous for statistics staff. */
export function dateText(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 10) : '—';
}

/** An instant as the province's date and time (UTC+8), YYYY-MM-DD HH:mm, in both languages. */
export function timeText(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3_600_000);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 16).replace('T', ' ');
}
