import { toHalfWidth } from '../../core/indicators/match.js';
import type { Register } from '../../core/regions/index.js';

export type RegionHit =
  | { kind: 'region'; code: string }
  /** A 合计 row; `of` a prefecture's row, the sum of its counties in the sheet. */
  | { kind: 'total'; of?: string }
  | { kind: 'subtotal' }
  | { kind: 'unknown'; reason: string }
  | { kind: 'none' };

const ETHNIC =
  /(蒙古族|满族|朝鲜族|回族|达斡尔族|鄂温克族|鄂伦春族|赫哲族|锡伯族|土家族|苗族|彝族|壮族|藏族|维吾尔族|哈萨克族|瑶族|侗族|布依族|白族|傣族|黎族|畲族|羌族|土族|仡佬族|各族)+$/;

/** "尚志市" → "尚志", "杜尔伯特蒙古族自治县" → "杜尔伯特": how sheets often print names. */
function shortName(name: string): string | null {
  let s = name;
  if (s.endsWith('自治县')) s = s.slice(0, -3).replace(ETHNIC, '');
  else if (/(县|市|区|旗)$/.test(s)) s = s.slice(0, -1);
  else if (s.endsWith('地区')) s = s.slice(0, -2);
  else return null;
  return s.length >= 2 ? s : null;
}

/** Rows that are the sum of the sheet: not imported, checked against the counties' sum. */
const TOTAL =
  /^(合计|总计|全省|全省合计|全省总计|全省县域|全省县域合计|县域合计|全市|全市合计|全区|全区合计|全地区|汇总)$/;
const SUBTOTAL = /^(小计|其中.*小计|.*小计)$/;

/** Footnotes and signatures under a table: skipped, never a problem. */
const NOTE =
  /^(注|说明|备注|填报|制表|审核|负责人|单位负责人|统计负责人|数据来源|资料来源|报送|联系)/;

function clean(text: string): string {
  return toHalfWidth(text.normalize('NFKC'))
    .replace(/\s+/g, '')
    .replace(/^其中[:：]?/, '')
    .replace(/^[0-9]+[.、]/, '')
    .replace(/[*※①-⑳]+$/, '');
}

export function isNoteText(text: string): boolean {
  return NOTE.test(clean(text));
}

/**
 * Resolves a county cell: a 6-digit code, the official name, or the name without its 县/市
 * suffix when only one region has it. A name two regions share is refused, never guessed.
 */
export class RegionNames {
  private readonly exact = new Map<string, string[]>();
  private readonly short = new Map<string, string[]>();

  constructor(private readonly register: Register) {
    for (const r of register.regions.values()) {
      push(this.exact, clean(r.name), r.code);
      const s = shortName(clean(r.name));
      if (s) push(this.short, s, r.code);
    }
  }

  get(code: string) {
    return this.register.get(code);
  }

  /** Counties (and districts) carry values; the province and prefectures are sums of them. */
  private hit(code: string): RegionHit {
    const level = this.register.get(code)?.level;
    if (level === 'province') return { kind: 'total' };
    if (level === 'prefecture') return { kind: 'total', of: code };
    return { kind: 'region', code };
  }

  /** A cell of a code column or a name column. */
  resolve(raw: unknown): RegionHit {
    const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : '';
    const s = clean(text);
    if (s === '') return { kind: 'none' };
    const code = /^(\d{6})(?:\D.*)?$/.exec(s);
    if (code) {
      const c = code[1] ?? '';
      const region = this.register.get(c);
      if (!region) return { kind: 'unknown', reason: `区划代码「${c}」不在区划名录中` };
      return this.hit(c);
    }
    if (TOTAL.test(s)) return { kind: 'total' };
    if (SUBTOTAL.test(s)) return { kind: 'subtotal' };
    const found = this.exact.get(s) ?? this.short.get(s) ?? [];
    if (found.length === 1) {
      return this.hit(found[0] ?? '');
    }
    if (found.length > 1)
      return {
        kind: 'unknown',
        reason: `名称「${text.trim()}」对应多个区划(${found.join('、')}),请填写区划代码`,
      };
    return { kind: 'unknown', reason: `未知县(市)「${text.trim()}」:不在区划名录中` };
  }
}

function push(map: Map<string, string[]>, key: string, code: string) {
  const list = map.get(key);
  if (list) list.push(code);
  else map.set(key, [code]);
}
