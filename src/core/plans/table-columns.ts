import { toHalfWidth } from '../indicators/match.js';

/**
 * The header of a five-year plan table (类别 | 指标 | 2020年 | 2025年 | 年均增长 | 属性): what each
 * column holds. A two-row header is read as one label per column, top and bottom joined.
 */

export type FiveYearColumn =
  | { role: 'no' }
  | { role: 'category' }
  | { role: 'name' }
  | { role: 'sub' }
  | { role: 'unit' }
  | { role: 'baseline'; year: number }
  | { role: 'year'; year: number }
  | { role: 'target'; year: number | null }
  | { role: 'annual' }
  | { role: 'cumulative' }
  | { role: 'attribute' }
  | { role: 'departments' }
  | { role: 'blank' }
  | { role: 'unknown' };

const CN_DIGITS = '一二三四五六七八九';

/** 十四五 → 2025: the N-th five-year plan ends in 1955 + 5N. */
export function fiveYearPlanEnd(label: string): number | null {
  const m = /十([一二三四五六七八九])五/.exec(label);
  if (!m?.[1]) return null;
  return 1955 + 5 * (10 + CN_DIGITS.indexOf(m[1]) + 1);
}

export function compactLabel(cell: string): string {
  return toHalfWidth(cell.replace(/<[^>]*>/g, ''))
    .replace(/[\s\u3000]+/g, '')
    .replace(/[“”"]/g, '');
}

/** The label's years: "2021-2025年累计" → [2021, 2025]. */
function yearsIn(label: string): number[] {
  return [...label.matchAll(/(?<!\d)(\d{4})(?!\d)/g)].map((m) => Number(m[1]));
}

export function classifyFiveYear(label: string): FiveYearColumn {
  if (label === '') return { role: 'blank' };
  if (/^(序号|编号)$/.test(label)) return { role: 'no' };
  if (/^(类别|类型|领域|分类|方面|板块)/.test(label)) return { role: 'category' };
  if (/属性|性质/.test(label)) return { role: 'attribute' };
  if (/部门|责任单位|牵头单位|责任主体|评价单位/.test(label)) return { role: 'departments' };
  if (/^(计量)?单位$/.test(label)) return { role: 'unit' };
  if (/指标/.test(label)) return { role: 'name' };
  if (/年均|年平均/.test(label)) return { role: 'annual' };
  if (/累计/.test(label)) return { role: 'cumulative' };
  const years = yearsIn(label);
  const year = years.length > 0 ? Math.max(...years) : null;
  // "十三五"完成 is the base year 2020, the end of the previous plan.
  const done = year ?? fiveYearPlanEnd(label);
  const baseWord = /完成|基期|基数|基准|现状|实际|实绩/.test(label) || (year === null && /末$/.test(label));
  if (done !== null && baseWord)
    return { role: 'baseline', year: done };
  if (/目标|预期|规划/.test(label)) return { role: 'target', year: year ?? fiveYearPlanEnd(label) };
  if (year !== null && /^\d{4}年?(末|底)?$/.test(label)) return { role: 'year', year };
  return { role: 'unknown' };
}

/** Joins a two-row header: "2025年" over "目标" → "2025年目标"; a merged cell counts once. */
export function joinHeader(top: string[], bottom: string[] | undefined): string[] {
  const width = Math.max(top.length, bottom?.length ?? 0);
  return Array.from({ length: width }, (_, i) => {
    const a = compactLabel(top[i] ?? '');
    const b = compactLabel(bottom?.[i] ?? '');
    return a === b ? a : a + b;
  });
}

/**
 * Plain year columns (2020年 | 2025年): when no column says 完成/基期, the earliest is the base
 * year if a later year column follows; the others are targets of their year.
 */
export function resolveYears(columns: FiveYearColumn[]): FiveYearColumn[] {
  const plain = columns.flatMap((c) => (c.role === 'year' ? [c.year] : []));
  const later = columns.flatMap((c) => (c.role === 'year' || c.role === 'target' ? [c.year ?? 0] : []));
  const hasBaseline = columns.some((c) => c.role === 'baseline');
  const first = plain.length > 0 ? Math.min(...plain) : null;
  const base = !hasBaseline && first !== null && Math.max(...later) > first ? first : null;
  return columns.map((c) => {
    if (c.role !== 'year') return c;
    return c.year === base ? { role: 'baseline', year: c.year } : { role: 'target', year: c.year };
  });
}
