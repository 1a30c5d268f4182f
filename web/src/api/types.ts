// The shapes of the API answers the UI reads (see /api/openapi.json). Only what the UI uses.

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

export interface PlanTarget {
  table: string;
  no: number;
  indicator: string;
  name: string;
  unit: string;
  section?: string;
  scope: string;
  year: number;
  phrase: string;
  reading: string;
  departments?: string[];
  baseline?: { year: number; value: number | null; printed: string };
}

export interface PlanDetail {
  id: string;
  title: string;
  targets: PlanTarget[];
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
  basis: string;
  share: number;
  expected: number;
  projection: number;
  remaining: number;
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
}

export interface ResultRow {
  region: string;
  indicator: string;
  value: number | null;
  status: Status;
  gap: number | null;
  measured: number | null;
  previous?: number | null;
  derived: boolean;
  official: boolean;
  note?: string;
  progress?: Progress;
  target: number;
}

export interface CategoryNote {
  code: string;
  name: string;
  state: string;
  note: string;
}

export interface Evaluation {
  plan: string;
  period: string;
  periodLabel: string;
  province: string;
  counties: number;
  categories: Record<string, string[]>;
  categoryNotes: CategoryNote[];
  results: ResultRow[];
  summary: Record<Status, number>;
  synthetic: boolean;
  targets: TargetText[];
  regionNames: Record<string, string>;
  total: number;
  offset: number;
  limit: number;
}

export interface RankedCounty {
  region: string;
  regionName: string;
  prefecture: string;
  prefectureName: string;
  categories: string[];
  score: number | null;
  sections: Record<string, number | null>;
  met: number;
  judged: number;
  rank: number;
  prefectureRank: number;
  categoryRanks: Record<string, number>;
  previousRank: number | null;
  change: number | null;
  advanced: boolean;
  improved: boolean;
}

export interface Stability {
  draws: number;
  counties: { region: string; median: number; p05: number; p95: number; topShare: number }[];
}

export interface Ranking {
  plan: string;
  period: string;
  periodLabel: string;
  previousPeriod: string | null;
  counties: RankedCounty[];
  complete: boolean;
  synthetic: boolean;
  method: { basis: string; sections: { name: string; weight: number }[] };
  categoryNames: Record<string, string>;
  advanced: string[];
  improved: string[];
  notes: string[];
  note?: string;
  stability?: Stability;
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
}

export interface Tally {
  expected: number;
  received: number;
  approved: number;
  late: number;
  missing: number;
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
