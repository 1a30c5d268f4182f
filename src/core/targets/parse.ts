import { LeitaiError } from '../errors/index.js';
import type { IndicatorKind } from '../indicators/index.js';
import type { Measure, Op, Ref, TargetSpec } from './types.js';

export interface ParseOptions {
  /** The unit the target is printed in. */
  unit: string;
  /** The kind of the indicator it applies to, when known (a growth indicator reads 增长5% as v ≥ 5). */
  indicatorKind?: IndicatorKind;
  /** Resolves a reference such as "全省县域GDP增速"; return null when it cannot. */
  resolveRef?: (text: string) => Ref | null;
}

const NUM = '([+-]?\\d+(?:\\.\\d+)?)';
const UNITS = [
  '个百分点',
  '亿元',
  '万元',
  '元',
  '%',
  '个',
  '户',
  '项',
  '家',
  '人次',
  '人',
  '万千瓦',
  '亿斤',
  '万亩',
  '公里',
  '万吨',
  '吨',
  '亿千瓦时',
];
const UNIT = `(${UNITS.map((u) => u.replace('%', '%')).join('|')})?`;

/** Full-width to half-width, no spaces, no thousands separators, one kind of dash. */
export function normalisePhrase(phrase: string): string {
  return (
    phrase
      .normalize('NFKC')
      .replace(/<\/?b>/g, '')
      .replace(/\s+/g, '')
      .replace(/(\d),(?=\d{3}(?!\d))/g, '$1')
      .replace(/【/g, '[')
      .replace(/】/g, ']')
      .replace(/[—–―‒−]/g, '—')
      // Aspiration words and 同比 do not change what is compared (力争5以上 = 5以上).
      .replace(/^(?:力争|确保|争取|努力)/, '')
      .replace(/^同比/, '')
  );
}

function unreadable(phrase: string, part: string, reason: string): LeitaiError {
  return new LeitaiError(
    'TARGET_UNREADABLE',
    `无法识别目标表述「${phrase}」:其中「${part}」无法识别(${reason})`,
    { value: phrase, part, reason },
  );
}

function checkUnit(phrase: string, printed: string | undefined, unit: string): void {
  if (!printed) return;
  const want = unit.normalize('NFKC');
  if (printed === want) return;
  throw unreadable(phrase, printed, `单位与指标单位「${unit}」不一致`);
}

/** The value is itself a growth rate (or, with no kind given, a percentage). */
function isRate(opts: ParseOptions): boolean {
  return opts.indicatorKind === 'growth' || (opts.indicatorKind === undefined && opts.unit === '%');
}

/** The compared measure implied by the printed unit: 个百分点 means a change on last year. */
function measureFor(unit: string, kind: IndicatorKind | undefined): Measure {
  return unit === '个百分点' && kind !== 'change_pp' ? 'change_pp' : 'value';
}

const PREFIX: Record<string, Op | 'reach' | 'about'> = {
  不低于: 'ge',
  不少于: 'ge',
  至少: 'ge',
  超过: 'gt',
  突破: 'gt',
  高于: 'gt',
  多于: 'gt',
  不超过: 'le',
  不高于: 'le',
  不多于: 'le',
  低于: 'lt',
  少于: 'lt',
  控制在: 'reach',
  稳定在: 'reach',
  保持在: 'reach',
  达到: 'reach',
  达: 'reach',
  增至: 'reach',
  增加到: 'reach',
  增加至: 'reach',
  增长到: 'reach',
  提高到: 'reach',
  提高至: 'reach',
  提升到: 'reach',
  提升至: 'reach',
  降至: 'le',
  下降到: 'le',
  降低到: 'le',
  约: 'about',
  '>=': 'ge',
  '≥': 'ge',
  '>': 'gt',
  '<=': 'le',
  '≤': 'le',
  '<': 'lt',
};
const SUFFIX: Record<string, Op | 'about'> = {
  以上: 'ge',
  左右: 'about',
  以下: 'le',
  以内: 'le',
  之内: 'le',
};
/** Verbs printed between the prefix and the number that do not change the meaning (至少新增3户). */
const FILLER = ['新增', '新开工', '新培育', '培育', '转化', '实现', '完成', '建成'];

const alt = (words: Iterable<string>) => [...words].sort((a, b) => b.length - a.length).join('|');

const BOUND = new RegExp(
  `^(${alt(Object.keys(PREFIX))})?(?:${alt(FILLER)})?${NUM}${UNIT}(${alt(Object.keys(SUFFIX))})?$`,
);
const CHANGE = new RegExp(
  `^(?:比上年)?(提高|提升|增加|上升|增长|下降|降低|减少)${NUM}(个百分点|%)(以上|左右)?$`,
);
const RANGE = new RegExp(`^${NUM}${UNIT}(?:—|-|~|至|到)${NUM}${UNIT}$`);
const ANNUAL = new RegExp(`^年均(增长|增速|提高|下降|降低|减少)?${NUM}%?(以上|左右|以下|以内)?$`);
const CUMULATIVE = new RegExp(`^\\[${NUM}${UNIT}\\]$`);
const QUOTA = /^完成(?:省|市|上级|市级|省级)?下达(?:的)?(?:指标|任务|目标)(?:任务)?$/;
const RELATIVE = /^(高于|快于|超过|不低于|低于|慢于|不高于)(.+)$/;
const SYNC = /^与(.+?)(?:基本)?同步(?:增长)?$/;

function combine(
  phrase: string,
  prefix: Op | 'reach' | 'about' | undefined,
  suffix: Op | 'about' | undefined,
): Op | 'reach' | 'about' {
  if (suffix === 'about' || prefix === 'about') {
    if ((prefix && prefix !== 'about' && prefix !== 'reach') || (suffix && suffix !== 'about'))
      throw unreadable(phrase, phrase, '「左右」与上下限同时出现,含义不明');
    return 'about';
  }
  if (!suffix) return prefix ?? 'reach';
  if (!prefix || prefix === 'reach') return suffix;
  const up = (o: string) => o === 'ge' || o === 'gt';
  if (up(prefix) !== up(suffix)) throw unreadable(phrase, phrase, '上限与下限相互矛盾');
  return prefix === 'gt' || prefix === 'lt' ? prefix : suffix;
}

function parseRef(phrase: string, text: string, opts: ParseOptions): Ref {
  if (/^[+-]?\d/.test(text)) throw unreadable(phrase, text, '不是可识别的数值表述');
  if (!opts.resolveRef) {
    const scope = /^全省/.test(text)
      ? 'province'
      : /^全市/.test(text)
        ? 'prefecture'
        : /^同期/.test(text)
          ? 'plan'
          : 'self';
    return { text, indicator: null, scope };
  }
  const ref = opts.resolveRef(text);
  if (!ref) throw unreadable(phrase, text, '无法确定所指的指标');
  return ref;
}

/**
 * 年均增长5以上 → growth ≥ 5; 年均下降3% → growth ≤ -3 (a fall of at least 3%); 年均增长5 → 5 in
 * the indicator's direction; 以下 / 以内 cap the growth.
 */
function annualSpec(verb: string | undefined, n: string, suffix: string | undefined): TargetSpec {
  const down = verb !== undefined && /下降|降低|减少/.test(verb);
  const value = down ? `-${n.replace(/^[+-]/, '')}` : n;
  if (suffix === '左右') return { type: 'annual_growth', op: 'about', value };
  if (suffix === '以下' || suffix === '以内') return { type: 'annual_growth', op: 'le', value };
  if (down) return { type: 'annual_growth', op: 'le', value };
  return { type: 'annual_growth', op: suffix === '以上' ? 'ge' : 'reach', value };
}

/**
 * Reads a target phrase as printed. Throws TARGET_UNREADABLE naming the part it could not read;
 * it never guesses.
 */
export function parseTarget(phrase: string, opts: ParseOptions): TargetSpec {
  const s = normalisePhrase(phrase);
  if (s === '' || /^[—-]+$/.test(s) || s === '/' || s === '无') return { type: 'none' };
  let m: RegExpExecArray | null;

  if (QUOTA.test(s)) return { type: 'quota' };

  // 实现正增长: a growth rate above zero, or a level above last year's.
  if (/^(?:实现)?正增长$/.test(s)) {
    return isRate(opts)
      ? { type: 'bound', op: 'gt', value: '0', measure: 'value' }
      : { type: 'bound', op: 'gt', value: '0', measure: 'change_pct' };
  }
  // 高于上年 / 不低于上年水平: compared with the same indicator a year earlier.
  if ((m = /^(高于|超过|不低于|低于|不高于)上年(?:水平|同期)?$/.exec(s))) {
    const op: Op =
      m[1] === '不低于' ? 'ge' : m[1] === '低于' ? 'lt' : m[1] === '不高于' ? 'le' : 'gt';
    return { type: 'bound', op, value: '0', measure: 'change_pp' };
  }

  if ((m = CUMULATIVE.exec(s))) {
    checkUnit(phrase, m[2], opts.unit);
    return { type: 'cumulative', value: m[1]! };
  }

  if ((m = ANNUAL.exec(s))) return annualSpec(m[1], m[2]!, m[3]);

  if ((m = RANGE.exec(s))) {
    checkUnit(phrase, m[2], opts.unit);
    checkUnit(phrase, m[4], opts.unit);
    const [lo, hi] = [m[1]!, m[3]!];
    if (Number(lo) > Number(hi)) throw unreadable(phrase, s, '区间下限大于上限');
    return { type: 'range', lo, hi, measure: measureFor(opts.unit, opts.indicatorKind) };
  }

  if ((m = CHANGE.exec(s))) {
    const [, verb, n, unit, suffix] = m as unknown as [string, string, string, string, string?];
    const down = /下降|降低|减少/.test(verb);
    // 增长5% of a growth-rate indicator is the rate itself.
    if (verb === '增长' && unit === '%' && isRate(opts)) {
      return suffix === '左右'
        ? { type: 'about', value: n, measure: 'value' }
        : { type: 'bound', op: 'ge', value: n, measure: 'value' };
    }
    const measure: Measure = unit === '个百分点' ? 'change_pp' : 'change_pct';
    if (unit === '个百分点' && opts.unit !== '个百分点' && opts.unit !== '%') {
      throw unreadable(phrase, unit, `单位与指标单位「${opts.unit}」不一致`);
    }
    const value = down ? `-${n.replace(/^[+-]/, '')}` : n;
    if (suffix === '左右')
      return { type: 'about', value, measure, side: down ? 'lower' : 'higher' };
    return { type: 'bound', op: down ? 'le' : 'ge', value, measure };
  }

  if ((m = BOUND.exec(s))) {
    const [, pre, n, unit, suf] = m as unknown as [
      string,
      string | undefined,
      string,
      string | undefined,
      string | undefined,
    ];
    // "0.5个百分点" printed for a % indicator is a change, as if the row's unit were 个百分点.
    const pp = unit === '个百分点' && opts.unit === '%';
    if (!pp) checkUnit(phrase, unit, opts.unit);
    const op = combine(phrase, pre ? PREFIX[pre] : undefined, suf ? SUFFIX[suf] : undefined);
    const measure = pp ? 'change_pp' : measureFor(opts.unit, opts.indicatorKind);
    if (op === 'about') return { type: 'about', value: n, measure };
    return { type: 'bound', op, value: n, measure };
  }

  if ((m = SYNC.exec(s))) return { type: 'sync', ref: parseRef(phrase, m[1]!, opts) };

  if ((m = RELATIVE.exec(s))) {
    const op: Op = /高于|快于|超过/.test(m[1]!)
      ? 'gt'
      : m[1] === '不低于'
        ? 'ge'
        : m[1] === '不高于'
          ? 'le'
          : 'lt';
    return { type: 'relative', op, ref: parseRef(phrase, m[2]!, opts) };
  }

  throw unreadable(phrase, unreadPart(s), '不是规范所列的目标表述');
}

/** What is left of a phrase once the words the parser knows are taken out. */
function unreadPart(s: string): string {
  const known = new RegExp(
    [
      ...Object.keys(PREFIX),
      ...Object.keys(SUFFIX),
      ...FILLER,
      ...UNITS,
      '比上年',
      '年均',
      '提高',
      '下降',
      '增长',
      '[+-]?\\d+(?:\\.\\d+)?',
    ]
      .sort((a, b) => b.length - a.length)
      .map((w) => w.replace(/%/g, '%'))
      .join('|'),
    'g',
  );
  const rest = s.replace(known, ' ').trim().split(/\s+/).filter(Boolean);
  return rest.length ? rest.join('…') : s;
}
