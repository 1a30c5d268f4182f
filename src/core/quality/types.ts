/**
 * Data quality (数据质量): the findings the checks produce, the settings that tune them and the
 * rules that are data (cross-indicator comparisons, level/growth pairs). docs/quality.md.
 */

export type Severity = 'error' | 'warning' | 'info';

export const CHECKS = [
  'range',
  'share_bounds',
  'outlier_cross',
  'outlier_history',
  'tax_le_budget',
  'industry_le_gdp',
  'ytd_decreasing',
  'growth_vs_levels',
  'revision_after_approval',
  'project_sum',
] as const;

/** A check's code; cross-indicator rules a plan adds may bring codes of their own. */
export type CheckCode = (typeof CHECKS)[number] | (string & {});

export const CHECK_LABELS: Record<string, string> = {
  range: '超出合理范围',
  share_bounds: '比重超出0–100',
  outlier_cross: '县际异常值',
  outlier_history: '与本县历史相比异常',
  tax_le_budget: '税收收入大于一般公共预算收入',
  industry_le_gdp: '工业增加值大于地区生产总值',
  ytd_decreasing: '累计值比上月减少',
  growth_vs_levels: '增速与总量不符',
  revision_after_approval: '核定后修改',
  project_sum: '项目投资合计与报送值不符',
};

export const SEVERITY_LABELS: Record<Severity, string> = {
  error: '错误',
  warning: '存疑',
  info: '提示',
};

export type Evidence = Record<string, number | string | null>;

export interface Finding {
  region: string;
  regionName: string;
  indicator: string;
  period: string;
  check: CheckCode;
  severity: Severity;
  /** Chinese, with the numbers that decided it, formatted for their units. */
  message: string;
  /** Other indicators whose values of the same region and period the finding rests on. */
  related: string[];
  /** The numbers used, exact (not rounded for display). */
  evidence: Evidence;
}

/** An approved value later changed: the last approved revision and the current one. */
export interface Revision {
  region: string;
  indicator: string;
  period: string;
  approvedValue: number | null;
  approvedRevision: number;
  /** When and by whom the approved revision was made. */
  approvedAt: string;
  approvedBy: string;
  value: number | null;
  revision: number;
  status: string;
  /** The change that made the current value: who, when, why. */
  revisedBy: string;
  revisedAt: string;
  reason: string | null;
}

export type CompareOp = '<=' | '<' | '>=' | '>' | '=';

/** `left op right` must hold for the same region and period, or the finding `code` is raised. */
export interface CrossRule {
  code: string;
  left: string;
  op: CompareOp;
  right: string;
  severity?: Severity;
}

/** A level and its growth rate at current prices: the growth must follow from the levels. */
export interface GrowthPair {
  level: string;
  growth: string;
}

export interface QualitySettings {
  /** |robust z| above this is an outlier (Iglewicz–Hoaglin: 3.5). */
  z: number;
  /** Fewest counties with a value for the cross-county and history comparisons. */
  minPeers: number;
  /** A level's change must be this many times away from the counties' typical change. */
  historyRatio: number;
  /** A percentage's change must be this many points away from the counties' typical change. */
  historyPoints: number;
  /** A level that grows more than this many times, or shrinks below its inverse, year on year. */
  yearOnYearFactor: number;
  /** Percentage points between a reported growth and the growth its levels imply. */
  growthTolerance: number;
  /** Relative change of an approved value above which the revision is a warning. */
  revisionRelative: number;
  /** A county's Σ project investment may differ from its reported value by this share (0.05 = 5 %). */
  ledgerTolerance: number;
  crossRules: CrossRule[];
  growthPairs: GrowthPair[];
}

export const DEFAULT_CROSS_RULES: readonly CrossRule[] = [
  { code: 'tax_le_budget', left: 'tax_revenue', op: '<=', right: 'general_budget_revenue' },
  { code: 'industry_le_gdp', left: 'industry_va', op: '<=', right: 'gdp' },
];

/**
 * Growth rates at current prices, whose levels the catalogue also holds. `gdp_growth` and
 * `industry_va_growth` are real growth at comparable prices and cannot be derived from the
 * nominal levels: they are deliberately absent.
 */
export const DEFAULT_GROWTH_PAIRS: readonly GrowthPair[] = [
  { level: 'general_budget_revenue', growth: 'general_budget_revenue_growth' },
  { level: 'tax_revenue', growth: 'tax_revenue_growth' },
  { level: 'industrial_project_investment', growth: 'industrial_project_investment_growth' },
];

export const DEFAULT_SETTINGS: QualitySettings = {
  z: 3.5,
  minPeers: 8,
  historyRatio: 1.5,
  historyPoints: 5,
  yearOnYearFactor: 2,
  growthTolerance: 1,
  revisionRelative: 0.05,
  ledgerTolerance: 0.05,
  crossRules: [...DEFAULT_CROSS_RULES],
  growthPairs: [...DEFAULT_GROWTH_PAIRS],
};
