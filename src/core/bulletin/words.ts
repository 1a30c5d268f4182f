import { dec, formatNumber, formatValue, num, placesFor } from '../numeric/index.js';
import { parsePeriod, periodLabel } from '../periods/index.js';

// How numbers, dates and lists read in the bulletin's Chinese. Every number goes through
// core/numeric's formatValue, so the text shows the strings the API's consumers show.

const DIGITS = '零一二三四五六七八九';

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (headings and ordinals; 1–99). */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

/** A section heading: "一、总体情况". */
export const sectionHeading = (n: number, text: string) => `${chineseNumber(n)}、${text}`;

/** A level-2 heading: "(一)主要指标完成情况". */
export const subHeading = (n: number, text: string) => `(${chineseNumber(n)})${text}`;

/** "2026-11-30" → "2026年11月30日". */
export function dateWords(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

/** The period as the product prints it: 2026年1-9月, 2026年第三季度, 2026年. */
export const periodWords = (period: string) => periodLabel(parsePeriod(period));

/** An earlier period as said within the same year: "1-6月" (another year's keeps its year). */
export function earlierWords(period: string, of: string): string {
  const words = periodWords(period);
  const year = `${parsePeriod(of).year}年`;
  return words.startsWith(year) && words !== year ? words.slice(year.length) : words;
}

/**
 * A number with its unit as a sentence says it: "4.8%", "543.8亿元", "166户"; a negative one
 * with 负 ("负0.1%"), since a sentence never shows a minus sign.
 */
export function amount(v: number, unit: string): string {
  const text = formatValue(Math.abs(v), unit);
  return `${v < 0 && Number(text) !== 0 ? '负' : ''}${text}${unit}`;
}

/** A share (0.725) as a percentage with one decimal: "72.5%". */
export const percentOf = (share: number) => `${formatNumber(dec(share).times(100), 1)}%`;

/** a − b in exact decimal arithmetic (12.2 − 11.7 is 0.5): the one way the bulletin subtracts. */
export const minus = (a: number, b: number) => num(dec(a).minus(dec(b)));

/** Whether a number prints as zero for its unit (then the text says 持平, never "0.0"). */
export const printsAsZero = (v: number, unit: string) => Number(formatValue(v, unit)) === 0;

/**
 * A signed difference in words, the word chosen by its sign and the absolute value printed:
 * ("回升", "回落") → "回升0.3个百分点"; null when it prints as zero (the caller says 持平).
 */
export function signed(d: number, unit: string, words: readonly [string, string]): string | null {
  if (printsAsZero(d, unit)) return null;
  return `${d > 0 ? words[0] : words[1]}${amount(Math.abs(d), unit)}`;
}

/**
 * Places of an average: a count's that is not whole keeps a decimal (月均0.7项), where
 * formatValue's whole number would hide a small need.
 */
export const averagePlaces = (v: number, unit: string) =>
  placesFor(unit) === 0 && !Number.isInteger(v) ? 1 : placesFor(unit);

export const average = (v: number, unit: string) =>
  `${formatNumber(v, averagePlaces(v, unit))}${unit}`;

/** "A、B和C"; a long list cut after `max` names: "A、B、C等12个县(市)". */
export function nameList(names: readonly string[], max = 6, noun = '个县(市)'): string {
  if (names.length <= max) {
    if (names.length <= 1) return names.join('');
    return `${names.slice(0, -1).join('、')}和${names[names.length - 1]}`;
  }
  return `${names.slice(0, max).join('、')}等${names.length}${noun}`;
}

/** Counts by label in words, zeros left out: "完成6项、基本完成2项、未完成4项". */
export function tallyWords(parts: readonly [string, number][], unit = '项'): string {
  return parts
    .filter(([, n]) => n > 0)
    .map(([label, n]) => `${label}${n}${unit}`)
    .join('、');
}
