// The shapes of the API answers the UI reads (see /api/openapi.json). Only what the UI uses.

import type { Tally } from '../../../src/core/completeness/index.js';
import type { CountyRanking } from '../../../src/core/ranking/types.js';

export type { Tally };

export type Role = 'province' | 'department' | 'prefecture' | 'county' | 'observer';
export type Status = 'met' | 'nearly_met' | 'not_met' | 'no_data' | 'not_applicable';
export type Level = 'red' | 'yellow' | 'green';

export interface User {
  username: string;
  role: Role;
  region: string | null;
  department: string | null;
  displayName: string;
  demo?: boolean;
}

export interface Session {
  user: User;
  csrfToken: string;
}

export interface PlanSummary {
  id: string;
  title: string;
  issuer: string;
  issued: string;
  period: { start: number; end: number };
  targets: number;
  tasks: number;
}

/** Who a plan target applies to, as the plan file says it. */
export type PlanScope = 'province' | 'all' | { category: string } | { region: string };

/** A target phrase's parsed meaning (the server's parseTarget); numbers as printed decimal text. */
export interface TargetSpec {
  type: string;
  value?: string;
  measure?: 'value' | 'change_pp' | 'change_pct';
  op?: string;
  ref?: { text: string; indicator: string | null; scope: string };
}

export interface PlanTarget {
  table: string;
  no: number;
  indicator: string;
  name: string;
  unit: string;
  section?: string;
  scope: PlanScope;
  spec?: TargetSpec;
  year: number;
  phrase: string;
  reading: string;
  departments?: string[];
  baseline?: { year: number; value: number | null; printed: string };
}

export interface PlanDetail {
  id: string;
  title: string;
  /** The plan's province (region code). */
  province?: string;
  targets: PlanTarget[];
  categories?: { code: string; name: string; nameEn?: string }[];
}

export interface PeriodInfo {
  period: string;
  label: string;
  kind: 'month' | 'quarter' | 'year';
  published: boolean;
}

export interface Periods {
  plan: string;
  periods: PeriodInfo[];
  latest: string | null;
}

export interface Region {
  code: string;
  name: string;
  level: 'province' | 'prefecture' | 'county';
  parent: string | null;
  kind: string;
  synthetic: boolean;
}

export interface Progress {
  basis: 'seasonal' | 'linear';
  /** Share of the year's total normally reached by now (序时进度). */
  share: number;
  /** Share of the annual target already reached; null without a target. */
  done?: number | null;
  expected: number | null;
  projection: number;
  remaining: number | null;
  remainingMonths: number;
}

export interface TargetText {
  indicator: string;
  name: string;
  unit: string;
  scope: string;
  year: number;
  phrase: string;
  reading: string;
  /** 约束性 (binding) or 预期性 (expected); absent when the plan prints none. */
  attribute?: 'binding' | 'expected';
}

export interface ResultRow {
  region: string;
  indicator: string;
  value: number | null;
  status: Status;
  gap: number | null;
  measured: number | null;
  previous?: number | null;
  /** The referenced value a relative target compared with (高于全省县域GDP增速). */
  ref?: number | null;
  derived: boolean;
  official: boolean;
  note?: string;
  progress?: Progress;
  target: number;
  /** A manual target's recorded judgement (人工评定): the department's note and evidence. */
  judgement?: {
    note: string | null;
    evidence: string | null;
    by: string | null;
    at: string | null;
  };
}

export interface CategoryNote {
  code: string;
  name: string;
  state: string;
  note: string;
}

/** One condition that put a county in a category: a number against the rule, or an attribute. */
export type CategoryEvidence =
  | { indicator: string; period: string; op: string; threshold: number; value: number }
  | { attribute: string }
  | { notIn: string; name: string };

/** Why a county is in a category: "2025年工业增加值 12.3亿元 > 10亿元". */
export interface CategoryReason {
  category: string;
  name: string;
  reason: string;
  evidence: CategoryEvidence[];
}

/**
 * Which counties an answer covers (the API's `counties` parameter: the plan's own, or every county
 * of the register with data) and how many counties `all` adds beyond the plan's own.
 */
export type CountyChoice = 'plan' | 'all';
export interface CountyScope {
  counties: CountyChoice;
  plan: number;
  others: number;
}

export interface Evaluation {
  plan: string;
  period: string;
  periodLabel: string;
  province: string;
  counties: number;
  categories: Record<string, string[]>;
  categoryNotes: CategoryNote[];
  /** Per county (those the reader sees), why it is in each category; absent from older servers. */
  categoryReasons?: Record<string, CategoryReason[]>;
  results: ResultRow[];
  summary: Record<Status, number>;
  synthetic: boolean;
  targets: TargetText[];
  regionNames: Record<string, string>;
  total: number;
  offset: number;
  limit: number;
  scope?: CountyScope;
}

/** A ranked county as the API sends it: the core's own shape, plain JSON. */
export type RankedCounty = CountyRanking;

export interface StabilityCounty {
  region: string;
  median: number;
  p05: number;
  p95: number;
  topShare: number;
}

export interface Stability {
  draws: number;
  seed?: number;
  /** Each weight drawn within ±spread of its value (0.25 = ±25%). */
  spread?: number;
  normalise?: string[];
  aggregate?: string[];
  counties: StabilityCounty[];
}

export interface RankingItem {
  key: string;
  indicator: string;
  name: string;
  unit: string;
  phrase: string;
  scope: string;
  section: string;
  weight: number;
  /** Compared by the county's value, without a target (no phrase). */
  targetless?: boolean;
}

export interface Ranking {
  plan: string;
  period: string;
  periodLabel: string;
  previousPeriod: string | null;
  counties: RankedCounty[];
  complete: boolean;
  synthetic: boolean;
  method: {
    basis: string;
    sections: { name: string; weight: number }[];
    items?: RankingItem[];
    /** 先进县: every county ranked within the top N. */
    top?: number;
    /** 进步县: the N counties whose rank rose most. */
    improved?: number;
    /** How the rank intervals are drawn (spread 0.25 = every weight within ±25%). */
    stability?: { spread: number; normalise: string[]; aggregate: string[] };
  };
  categoryNames: Record<string, string>;
  advanced: string[];
  improved: string[];
  notes: string[];
  note?: string;
  stability?: Stability | null;
  scope?: CountyScope;
}

export interface WarningRow {
  region: string;
  regionName: string;
  level: Level;
  rule: string;
  ruleName: string;
  /** The rule's type (target, behind_pace, …): what the rule checks. */
  type?: string;
  indicator?: string | null;
  message: string;
  evidence: Record<string, unknown>;
}

export interface WarningCounty {
  region: string;
  regionName: string;
  level: Level;
  red: number;
  yellow: number;
}

export interface WarningRule {
  id: string;
  name: string;
  type?: string;
  level: Level;
}

export interface Warnings {
  plan: string;
  period: string;
  periodLabel: string;
  due?: string;
  now?: string | null;
  counties: WarningCounty[];
  warnings: WarningRow[];
  rules: WarningRule[];
  notes: string[];
  complete: boolean;
  synthetic: boolean;
  scope?: CountyScope;
}

export interface Completeness {
  due: string;
  overdue: boolean;
  total: Tally;
  byCounty: Record<string, Tally>;
  byPrefecture: Record<string, Tally>;
  byDepartment: Record<string, Tally>;
  synthetic: boolean;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  region: string;
  regionName: string;
  check: string;
  indicator: string;
  period: string;
  severity: Severity;
  message: string;
  related?: string[];
  evidence?: Record<string, unknown>;
}

export interface Quality {
  plan: string;
  period: string;
  findings: Finding[];
  checked: number | null;
  counties: number | null;
  synthetic: boolean;
  notes?: string[];
}

export interface SeriesPoint {
  period: string;
  label: string;
  value: number | null;
}

export interface Series {
  plan: string;
  region: string;
  regionName: string;
  year: number;
  synthetic: boolean;
  series: {
    indicator: string;
    name: string;
    unit: string;
    points: SeriesPoint[];
    previous: SeriesPoint[];
  }[];
}
