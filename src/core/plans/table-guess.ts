import type { IndicatorDef } from './schema.js';

/**
 * Units and plan-local indicators for tables read by `plan import-table` (five-year plans).
 * Everything here is a reading of the printed text, shown to the user for confirmation.
 */

const MAGNITUDE = '(?:十|百|千|万|十万|百万|千万|亿)?';
const BASE_UNITS = [
  '个百分点',
  '元',
  '人次',
  '人',
  '个',
  '户',
  '家',
  '项',
  '所',
  '座',
  '张',
  '床',
  '件',
  '台',
  '套',
  '辆',
  '部',
  '次',
  '年',
  '岁',
  '天',
  '小时',
  '千瓦时',
  '兆瓦',
  '千瓦',
  '瓦',
  '标准煤',
  '吨标准煤',
  '吨',
  '公斤',
  '千克',
  '斤',
  '亩',
  '公顷',
  '平方公里',
  '平方米',
  '立方米',
  '公里',
  '千米',
  '米',
  '标箱',
  '微克',
  '倍',
  '分',
];
const PART = `${MAGNITUDE}(?:${[...BASE_UNITS].sort((a, b) => b.length - a.length).join('|')})`;
const UNIT_RE = new RegExp(`^(?:%|‰|${PART}(?:/${PART})?)$`);

/** Full-width forms of a unit to the forms the catalogue uses: ％ → %, ／ → /. */
export function normaliseUnit(printed: string): string {
  return printed.normalize('NFKC').replace(/\s+/g, '');
}

/** Whether the text is a unit we can read: %, 个百分点, 亿元, 万人, 元/人, 吨标准煤/万元 … */
export function isUnit(text: string): boolean {
  return UNIT_RE.test(normaliseUnit(text));
}

const COUNT_UNITS = new Set(['个', '户', '家', '项']);
/** A name ending in a reduction verb measures the reduction itself (能耗降低 13.5%): higher is better. */
const REDUCTION = /(降低|下降|减少|削减)(率|幅度)?$/;
const LOWER_WORDS = /能耗|排放|失业|下降|降低|减少|死亡|浓度/;
const RATE_WORDS = /(增长|增速|增长率)$/;

export function guessKind(name: string, unit: string): IndicatorDef['kind'] {
  if (unit === '个百分点') return 'change_pp';
  if (unit === '%' || unit === '‰') {
    return RATE_WORDS.test(name) || REDUCTION.test(name) ? 'growth' : 'share';
  }
  return COUNT_UNITS.has(unit) ? 'count' : 'level';
}

export function guessDirection(name: string): IndicatorDef['direction'] {
  if (REDUCTION.test(name)) return 'higher';
  return LOWER_WORDS.test(name) ? 'lower' : 'higher';
}

/** A plan-local indicator guessed from a printed name and unit; `guessed` asks for confirmation. */
export function guessIndicator(code: string, name: string, unit: string): IndicatorDef {
  return {
    code,
    name,
    nameEn: name,
    unit,
    kind: guessKind(name, unit),
    direction: guessDirection(name),
    frequency: 'yearly',
    ytd: false,
    aggregate: { method: 'reported' },
    guessed: true,
  };
}
