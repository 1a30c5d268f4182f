import { toHalfWidth } from '../../core/indicators/match.js';

/**
 * Units as statistical sheets print them in headers ("(万元)", "单位:亿元") and the factor to
 * an indicator's unit. Units convert only within one family (money, weight, count …).
 */
const FAMILIES: Record<string, Record<string, number>> = {
  money: { 元: 1, 千元: 1e3, 万元: 1e4, 百万元: 1e6, 千万元: 1e7, 亿元: 1e8 },
  // 1 公斤 = 2 斤: grain is printed in 万吨 as often as in 亿斤.
  weight: { 斤: 1, 万斤: 1e4, 亿斤: 1e8, 公斤: 2, 千克: 2, 万公斤: 2e4, 吨: 2e3, 万吨: 2e7 },
  count: { 个: 1, 户: 1, 家: 1, 项: 1, 座: 1 },
  percent: { '%': 1, 百分比: 1 },
  points: { 个百分点: 1, 百分点: 1 },
  power: { 千瓦: 1, 兆瓦: 1e3, 万千瓦: 1e4, 吉瓦: 1e6 },
  people: { 人: 1, 人次: 1, 万人: 1e4, 万人次: 1e4 },
};

const UNIT_FAMILY = new Map<string, [string, number]>();
for (const [family, units] of Object.entries(FAMILIES))
  for (const [unit, factor] of Object.entries(units)) UNIT_FAMILY.set(unit, [family, factor]);

/** The canonical spelling of a unit, or null when `text` is not one we know. */
export function canonicalUnit(text: string): string | null {
  const s = toHalfWidth(text)
    .replace(/\s+/g, '')
    .replace(/^(计量)?单位[:：]?/, '');
  return UNIT_FAMILY.has(s) ? s : null;
}

/** Factor taking a value in `from` to `to`, or null when they do not convert. */
export function unitFactor(from: string, to: string): number | null {
  const f = canonicalUnit(from) ?? from;
  const t = canonicalUnit(to) ?? to;
  if (f === t) return 1;
  const a = UNIT_FAMILY.get(f);
  const b = UNIT_FAMILY.get(t);
  if (!a || !b || a[0] !== b[0]) return null;
  return a[1] / b[1];
}

export function isPercent(unit: string): boolean {
  const u = canonicalUnit(unit) ?? unit;
  return UNIT_FAMILY.get(u)?.[0] === 'percent' || UNIT_FAMILY.get(u)?.[0] === 'points';
}

/** Units whose county values add up to the printed total (SPEC: 合计 rows are checked). */
export const ADDITIVE_UNITS = new Set(['亿元', '万元', '户', '个', '项', '亿斤']);

/**
 * Splits a header into the name and the unit printed with it: "一般公共预算收入(万元)",
 * "税收收入（单位：万元）", "粮食产量/万吨". A bracket that is not a unit ("城镇(县城)…") stays
 * part of the name.
 */
export function splitUnit(header: string): { name: string; unit?: string } {
  const s = toHalfWidth(header).trim();
  const bracket = /[([]([^()[\]]*)[)\]]\s*$/.exec(s);
  if (bracket) {
    const unit = canonicalUnit(bracket[1] ?? '');
    if (unit) return { name: s.slice(0, bracket.index).trim(), unit };
  }
  const tail = /^(.*?)[\s/、,]+((?:计量)?单位[:：]?\s*)?(\S+)$/.exec(s);
  if (tail) {
    const unit = canonicalUnit(tail[3] ?? '');
    if (unit && (tail[1] ?? '') !== '') return { name: (tail[1] ?? '').trim(), unit };
  }
  const only = canonicalUnit(s);
  if (only) return { name: '', unit: only };
  return { name: s };
}

/** "单位:万元" anywhere in a title line gives the sheet's default unit. */
export function sheetUnit(text: string): string | null {
  const m = /(?:计量)?单位\s*[:：]\s*([^\s,，;；、)）]+)/.exec(toHalfWidth(text));
  return m ? canonicalUnit(m[1] ?? '') : null;
}
