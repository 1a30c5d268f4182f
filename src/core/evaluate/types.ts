import type { CategorySummary, RuleEvidence } from '../categories/index.js';
import type { ObservationSet } from '../observations/index.js';
import type { PreparedPlan } from '../plans/index.js';
import type { Register } from '../regions/index.js';
import type { TargetStatus } from '../targets/index.js';
import type { TargetAttribute } from '../targets/attribute.js';
import type { Progress } from './progress.js';

// The evaluation's shared types, apart from index.ts so that its modules never import the
// folder's index (which imports them).

export interface ResultRow {
  region: string;
  regionName: string;
  indicator: string;
  /** The indicator's name as printed in the plan row. */
  name: string;
  /** `province`, `all`, `category:<code>` or `region:<code>`. */
  scope: string;
  year: number;
  phrase: string;
  reading: string;
  unit: string;
  value: number | null;
  previous?: number | null;
  ref?: number | null;
  status: TargetStatus;
  gap: number | null;
  /** The compared quantity when it is not the value itself (a change, a projection). */
  measured: number | null;
  /** Province values computed from the counties rather than reported or published. */
  derived: boolean;
  official: boolean;
  progress?: Progress;
  needed?: number | null;
  note?: string;
  /** 约束性 (binding) or 预期性 (expected) as the plan prints it; absent when it prints none. */
  attribute?: TargetAttribute;
  /** Before a multi-year target's year: on pace (按期推进) or behind (滞后). */
  pace?: 'on_track' | 'behind';
  /** Growth (%) or sum achieved so far, and what the path to the target requires by now. */
  actual?: number | null;
  required?: number | null;
  /** A manual target's recorded judgement: the department's note and evidence, who and when. */
  judgement?: RecordedJudgement;
}

export interface RecordedJudgement {
  note: string | null;
  evidence: string | null;
  by: string | null;
  at: string | null;
}

export interface Evaluation {
  plan: string;
  period: string;
  periodLabel: string;
  province: string;
  counties: number;
  categories: Record<string, string[]>;
  categoryNotes: Omit<CategorySummary, 'members' | 'unknown'>[];
  /** For each county, why it is in each of its categories (same order as `categories`). */
  categoryReasons: Record<string, CategoryReason[]>;
  results: ResultRow[];
  /** Targets of later years (a 2030 goal in a 2026 plan): progress along the way. */
  outlook: ResultRow[];
  summary: Record<TargetStatus, number>;
}

/** Why a county is in a category: "2025年工业增加值 12.3亿元 > 10亿元", and the numbers behind it. */
export interface CategoryReason {
  category: string;
  name: string;
  reason: string;
  evidence: RuleEvidence[];
}

export interface EvaluateOptions {
  prepared: PreparedPlan;
  register: Register;
  obs: ObservationSet;
  period: string;
  /** Apply the county table to every county in the data, not only the plan's own. */
  allCounties?: boolean;
}
