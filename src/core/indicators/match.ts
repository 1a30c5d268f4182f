import type { Indicator } from './index.js';

/**
 * Matching a printed indicator name ("县域地区生产总值增速(%)", "各县城乡常住居民人均可支配收入增速")
 * to a catalogue code. Names are compared after one normalisation applied to both sides; a name
 * that fits two indicators matches none: we never pick one for the user.
 */

/** Full-width ASCII (Ａ-ｚ, ０-９, （）％ …) to half-width, ideographic space to space. */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

// Longest first: 全省县域 must win over 全省.
const LEADING = ['全省县域', '县域', '各县', '全省'];

export function normaliseName(name: string): string {
  let s = toHalfWidth(name)
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, '')
    .replace(/\([^()]*\)/g, '')
    .replace(/的/g, '')
    .toLowerCase();
  for (const p of LEADING) {
    if (s.startsWith(p) && s.length > p.length) {
      s = s.slice(p.length);
      break;
    }
  }
  return s;
}

/**
 * A looser key, tried only when the exact one finds nothing: 县域 anywhere is dropped and a
 * trailing 增长 / 增长率 reads as 增速 (the seeds print both for the same growth indicator).
 */
function looseKey(normalised: string): string {
  return normalised.replace(/县域/g, '').replace(/(增长率|增长)$/, '增速');
}

function namesOf(ind: Indicator): string[] {
  return [ind.name, ...(ind.aliases ?? [])];
}

/** Every code whose name or alias fits `name` at the first level that finds any. */
export function indicatorCandidates(name: string, indicators: readonly Indicator[]): string[] {
  const key = normaliseName(name);
  if (key === '') return [];
  const exact = new Set<string>();
  for (const ind of indicators) {
    if (namesOf(ind).some((n) => normaliseName(n) === key)) exact.add(ind.code);
  }
  if (exact.size > 0) return [...exact];
  const loose = looseKey(key);
  const found = new Set<string>();
  for (const ind of indicators) {
    if (namesOf(ind).some((n) => looseKey(normaliseName(n)) === loose)) found.add(ind.code);
  }
  return [...found];
}

/** The code of the one indicator `name` denotes, or null when none or several fit. */
export function matchIndicator(name: string, indicators: readonly Indicator[]): string | null {
  const found = indicatorCandidates(name, indicators);
  return found.length === 1 ? (found[0] ?? null) : null;
}
