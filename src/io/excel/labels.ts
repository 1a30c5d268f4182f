import { toHalfWidth } from '../../core/indicators/match.js';
import { findPeriod } from './periods.js';

/** A header text without spaces, brackets or width differences, for comparing with labels. */
export function labelKey(text: string): string {
  return toHalfWidth(text.normalize('NFKC'))
    .replace(/\s+/g, '')
    .replace(/[()[\]、,/:]/g, '')
    .toLowerCase();
}

export type LabelRole = 'code' | 'name' | 'region' | 'indicator' | 'period' | 'value' | 'unit';

const LABELS: Array<[LabelRole, RegExp]> = [
  [
    'code',
    /^(区划代码|行政区划代码|区划编码|行政区划编码|代码|地区代码|县市代码|regioncode|code)$/,
  ],
  [
    'name',
    /^(地区|县市|县市区|县区|区县|市县|县|单位名称|填报单位|地区名称|区划名称|名称|县名|县别|县市名称|县市区名称|区县名称|地区县市)$/,
  ],
  ['region', /^(region|区划)$/],
  ['indicator', /^(指标|指标名称|指标代码|indicator|指标项|项目|指标编码)$/],
  ['period', /^(期别|时期|月份|年份|报告期|期间|时间|统计期|period|年月|日期|统计时间)$/],
  [
    'value',
    /^(数值|本期|值|value|本期数|本年|数据|本期值|本年累计|累计|本期累计|实际值|完成值|完成数|本期完成)$/,
  ],
  ['unit', /^(单位|计量单位|unit)$/],
];

/** The role of a header cell of the long layout or of the county column. */
export function labelRole(text: string): LabelRole | null {
  const k = labelKey(text).replace(/\\/g, '');
  if (k === '') return null;
  for (const [role, re] of LABELS) if (re.test(k)) return role;
  // A diagonal corner cell ("指标\n地区", "地区 指标") heads the county column.
  if (DIAGONAL.test(k)) return 'name';
  return null;
}

const DIAGONAL =
  /^((指标|项目)(地区|县市|县市区|县区|单位)|(地区|县市|县市区|县区|单位)(指标|项目))$/;

export type SubLabel = 'current' | 'previous' | 'growth' | 'ignore' | 'period';

const GROWTH =
  /^(同比|比上年同期|比上年|较上年同期|较上年|比去年同期|比同期)?(增速|增长|增幅|增长率|增减|±|增减±|增长±|增减率)(率)?$/;
const PREVIOUS = /(上年|去年|同期|上期|^同比$)/;
const CURRENT =
  /^(本期|本年|本月|本季|累计|本年累计|本期累计|本月累计|本期数|本年数|本期值|绝对额|绝对值|总量|总额|金额|数值|当期|实际|实绩|完成|本年完成|本期完成|实际完成|今年|今年累计|本年度|全年)$/;
/** Columns that are not values of an indicator: ranks, targets, remarks, affiliations. */
const IGNORE =
  /^(序号|排名|位次|排序|名次|备注|说明|所属市地|所属地市|所属市|市地|地市|所属|类别|分类|县市类别|类型|联系人|联系电话|电话|填报人|审核人|目标|全年目标|年度目标|计划|年度计划|全年计划|完成率|完成进度|进度|序时进度|占比|比重|占全年|占全年目标|任务|全年任务)$/;

/** What a sub-header under an indicator name says about its column. */
export function subLabel(text: string): SubLabel | null {
  const k = labelKey(text).replace(/%$/, '');
  if (k === '') return null;
  if (GROWTH.test(k)) return 'growth';
  if (IGNORE.test(k)) return 'ignore';
  if (PREVIOUS.test(k)) return 'previous';
  if (CURRENT.test(k)) return 'current';
  if (findPeriod(k) !== null && isOnlyPeriod(k)) return 'period';
  return null;
}

/** "2026年1-9月", "2026年1-9月累计": a period and nothing more. */
function isOnlyPeriod(k: string): boolean {
  const rest = k
    .replace(/\d{4}年(度|全年|上半年|(第|前)?[一二三四1-4]季度|(1|一)?[-—–~～至到]?\d{1,2}月)?/, '')
    .replace(/^\d{4}(-\d{2}|q[1-4])?$/, '')
    .replace(/累计|数|完成|实际|值/g, '');
  return rest === '';
}

/** A column-number row under the header ("甲 乙 1 2 3"): skipped. */
export function isNumberingRow(texts: readonly string[]): boolean {
  const cells = texts.filter((t) => t !== '');
  return cells.length >= 2 && cells.every((t) => /^(甲|乙|丙|丁|栏次|[A-Z]|\d{1,3})$/.test(t));
}
