import { toHalfWidth } from '../indicators/match.js';
import { isPeriod } from './period.js';

const QUARTERS: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  '1': 1,
  '2': 2,
  '3': 3,
  '4': 4,
};

const pad = (m: number) => String(m).padStart(2, '0');

/**
 * The period a title or header names: "2026年1-9月" → 2026-09, "2026年9月" → 2026-09,
 * "2026年第三季度" / "2026年前三季度" → 2026Q3, "2026年上半年" → 2026Q2, "2025年" → 2025, and
 * the machine forms 2026-09, 2026Q3, 202609. Null when the text names none, or a year outside
 * 1949–2100.
 */
export function findPeriod(text: string): string | null {
  const s = toHalfWidth(text).replace(/\s+/g, '');
  if (isPeriod(s)) return s;
  const found = periodNamed(s);
  return found !== null && isPeriod(found) ? found : null;
}

function periodNamed(s: string): string | null {
  let m = /^(\d{4})(0[1-9]|1[0-2])$/.exec(s);
  if (m) return `${m[1]}-${m[2]}`;
  m = /(\d{4})年(?:1|一)?[-—–~～至到](\d{1,2})月/.exec(s);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${m[1]}-${pad(Number(m[2]))}`;
  m = /(\d{4})年(?:第|前)?([一二三四1-4])季度/.exec(s);
  if (m) return `${m[1]}Q${QUARTERS[m[2] ?? ''] ?? ''}`;
  m = /(\d{4})年上半年/.exec(s);
  if (m) return `${m[1]}Q2`;
  m = /(\d{4})年(\d{1,2})月/.exec(s);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${m[1]}-${pad(Number(m[2]))}`;
  m = /(\d{4})年(?:度|全年)?(?![\d一二三四上下前第])/.exec(s);
  if (m) return m[1] ?? null;
  return null;
}
