import { MILESTONES, MILESTONE_LABELS, type Milestone } from '../../../core/projects/types.js';
import { toHalfWidth } from '../../../core/indicators/match.js';
import { sheetUnit, splitUnit } from '../units.js';
import type { GridValue } from './grid.js';

/** What a ledger column holds. */
export type Role =
  | { kind: 'seq' }
  | { kind: 'name' }
  | { kind: 'company' }
  | { kind: 'county' }
  | { kind: 'industry' }
  | { kind: 'type' }
  | { kind: 'money'; field: 'totalInvestment' | 'plannedThisYear' | 'completedYtd' }
  | { kind: 'date'; which: 'planned' | 'actual'; milestone: Milestone }
  | { kind: 'text'; field: 'progress' | 'problems' | 'leader' }
  | { kind: 'tags' }
  | { kind: 'flag'; flag: string };

export interface Column {
  index: number;
  /** Letter and header as printed, e.g. "H 总投资(万元)": how problems name the column. */
  title: string;
  role: Role;
  /** Money columns: the unit the values are in (the header's, else the sheet's, else 万元). */
  unit: string;
}

export interface Header {
  /** 0-based index of the header's last row; data starts below. */
  last: number;
  /** 0-based index of the header's first row. */
  first: number;
  columns: Column[];
}

const SYNONYMS: Array<[RegExp, Role]> = [
  [/^(序号|编号|no)$/, { kind: 'seq' }],
  [/^(项目名称|项目|名称|项目全称)$/, { kind: 'name' }],
  [
    /^(建设单位|项目单位|业主单位|实施单位|企业名称|项目业主|承建单位|项目法人)$/,
    { kind: 'company' },
  ],
  [
    /^(所在县|所在县市|县市|县|所在地|所在县区|县区|县市区|所在县市区|地区|县别|县名|属地)$/,
    { kind: 'county' },
  ],
  [/^(所属产业|产业|产业类别|所属行业|行业|产业领域|产业方向)$/, { kind: 'industry' }],
  [/^(建设性质|建设类型|项目类型|项目性质)$/, { kind: 'type' }],
  [/^(总投资|计划总投资|项目总投资)$/, { kind: 'money', field: 'totalInvestment' }],
  [
    /^(本年计划投资|年度计划投资|本年度计划投资|本年计划|年度计划|\d{4}年计划投资)$/,
    { kind: 'money', field: 'plannedThisYear' },
  ],
  [
    /^(本年累计完成投资|累计完成投资|本年完成投资|年度累计完成投资|本年累计完成|本年度累计完成投资|(1|一)-?\d{1,2}月(累计)?完成投资)$/,
    { kind: 'money', field: 'completedYtd' },
  ],
  [/^(形象进度|工程形象进度|项目进展|进展情况|形象进度情况)$/, { kind: 'text', field: 'progress' }],
  [
    /^(存在问题|存在的问题|需协调解决的问题|需协调解决问题|需协调问题|问题)$/,
    { kind: 'text', field: 'problems' },
  ],
  [/^(包联领导|包保领导|责任领导|包联县级领导|包联市级领导)$/, { kind: 'text', field: 'leader' }],
  [/^(标签|项目标签|项目类别|类别)$/, { kind: 'tags' }],
  [/^(是否)?(省重点|省重点项目)$/, { kind: 'flag', flag: '省重点' }],
  [/^(是否)?(绿电直连|绿电直连项目)$/, { kind: 'flag', flag: '绿电直连' }],
];

/** Header text without spaces, brackets, line breaks or width differences. */
export function headerKey(text: string): string {
  return toHalfWidth(text.normalize('NFKC'))
    .replace(/\s+/g, '')
    .replace(/[()[\]、,/:·—]/g, '')
    .toLowerCase();
}

const MILESTONE_WORDS: Record<Milestone, RegExp> = {
  plan: /谋划/,
  sign: /签约/,
  start: /开工/,
  operate: /投产/,
  full: /达产|达效/,
};

function milestoneRole(key: string): Role | null {
  const which = /实际|完成/.test(key) ? 'actual' : /计划/.test(key) ? 'planned' : null;
  if (which === null) return null;
  const milestone = MILESTONES.find((m) => MILESTONE_WORDS[m].test(key));
  return milestone ? { kind: 'date', which, milestone } : null;
}

/** The role of a column from its header (the top and sub header joined), or null to ignore it. */
export function roleOf(name: string): Role | null {
  const key = headerKey(name);
  if (key === '') return null;
  const m = milestoneRole(key);
  if (m) return m;
  for (const [re, role] of SYNONYMS) if (re.test(key)) return role;
  return null;
}

export const cellString = (v: GridValue | undefined): string =>
  v === null || v === undefined
    ? ''
    : typeof v === 'object'
      ? 'date' in v
        ? v.date
        : 'error' in v
          ? v.error
          : ''
      : String(v).trim();

const isNameHeader = (v: GridValue | undefined) => roleOf(cellString(v))?.kind === 'name';
const isSubHeader = (row: GridValue[]) =>
  row.some((v) =>
    /^(计划|实际|计划时间|实际时间|计划日期|实际日期|谋划|签约|开工|投产|达产)$/.test(
      headerKey(cellString(v)),
    ),
  );

/** The header rows: the first row (of the first 30) with 项目名称, and the sub-header rows below it. */
export function findHeader(rows: GridValue[][], letter: (i: number) => string): Header | null {
  const first = rows.slice(0, 30).findIndex((r) => r.some(isNameHeader));
  if (first < 0) return null;
  let last = first;
  while (last + 1 < rows.length && last - first < 2 && isSubHeader(rows[last + 1] ?? [])) last++;
  const defaultUnit = rows
    .slice(0, first)
    .flatMap((r) => r.map((v) => sheetUnit(cellString(v))))
    .find((u) => u !== null);
  const width = Math.max(...rows.slice(first, last + 1).map((r) => r.length));
  const columns: Column[] = [];
  for (let c = 0; c < width; c++) {
    const parts: string[] = [];
    for (let r = first; r <= last; r++) {
      const t = cellString(rows[r]?.[c]);
      if (t !== '' && parts[parts.length - 1] !== t) parts.push(t);
    }
    const printed = parts.join('/');
    const { name, unit } = splitUnit(parts.map((p) => splitUnit(p).name || p).join(''));
    const ownUnit = parts.map((p) => splitUnit(p).unit).find((u) => u !== undefined) ?? unit;
    const role = roleOf(name);
    if (role)
      columns.push({
        index: c,
        title: `${letter(c)} ${printed}`,
        role,
        unit: ownUnit ?? defaultUnit ?? '万元',
      });
  }
  return { first, last, columns };
}

export const MILESTONE_LABEL = MILESTONE_LABELS;
