import type { Evaluation } from '../evaluate/index.js';
import type { ObservationSet } from '../observations/index.js';
import type { Period } from '../periods/index.js';
import type { PreparedPlan } from '../plans/index.js';
import type { Register } from '../regions/index.js';
import type { TargetStatus } from '../targets/index.js';
import type { WarningLevel, WarningRule } from './schema.js';

// The warnings' shared types, apart from index.ts so that the evaluators never import the
// folder's index (which imports them).

/** The numbers a warning rests on. Built-in rules fill the named fields; hooks may add others. */
export interface WarningEvidence {
  value?: number | null;
  unit?: string;
  /** The target phrase as printed, and its status and gap from the evaluation. */
  target?: string;
  status?: TargetStatus;
  gap?: number | null;
  /** 时间过半: where the county should be now, the share of the year, the year-end projection. */
  expected?: number;
  share?: number;
  projection?: number;
  /** The mean compared with, over how many counties, and whose (`province` or a category code). */
  average?: number;
  count?: number;
  against?: string;
  /** The deadline passed and the date it was judged at. */
  due?: string;
  now?: string;
  [key: string]: unknown;
}

export interface Warning {
  region: string;
  regionName: string;
  level: WarningLevel;
  /** The id of the rule that fired, its name for people and its type. */
  rule: string;
  ruleName: string;
  type: WarningRule['type'];
  indicator: string | null;
  /** In Chinese, with the numbers. */
  message: string;
  evidence: WarningEvidence;
}

export type CountyLevel = WarningLevel | 'green';

export interface CountyWarnings {
  region: string;
  regionName: string;
  level: CountyLevel;
  red: number;
  yellow: number;
}

export interface WarningsResult {
  plan: string;
  period: string;
  periodLabel: string;
  /** When the period's data were due, and the date the rules were applied at (if given). */
  due: string;
  now: string | null;
  /** The rules applied, in order, and where they came from. */
  rules: { id: string; name: string; type: WarningRule['type']; level: WarningLevel }[];
  ruleSource: 'plan' | 'default' | 'option';
  warnings: Warning[];
  /** Every county of the plan: red first, then yellow, then green, by code. */
  counties: CountyWarnings[];
  /** What could not be applied, and why (never silently). */
  notes: string[];
}

/** A rule after checking: with its id, its name and its place in the list. */
export type ResolvedRule = WarningRule & { id: string; name: string; index: number };

/** What an evaluator registered for a rule type (a later issue's projects, tasks) returns. */
export interface RawWarning {
  region: string;
  indicator?: string | null;
  message: string;
  evidence?: WarningEvidence;
}

export interface SourceContext {
  rule: ResolvedRule;
  evaluation: Evaluation;
  prepared: PreparedPlan;
  obs: ObservationSet;
  register: Register;
  period: Period;
  now: string | null;
  due: string;
  /** The plan's counties, by code. */
  counties: readonly string[];
  /** Adds a note to the result (data missing, rule partly applied). */
  note: (text: string) => void;
}

/** An evaluator of one rule type, registered from outside the engine. */
export type WarningSource = (ctx: SourceContext) => RawWarning[];

export interface WarningsOptions {
  evaluation: Evaluation;
  prepared: PreparedPlan;
  obs: ObservationSet;
  register: Register;
  /** Must be the evaluation's period when given. */
  period?: string;
  /** ISO date (YYYY-MM-DD, or a full timestamp): decides whether missing values are overdue. */
  now?: string;
  /** Default: the plan's `settings.warnings`, else DEFAULT_WARNING_RULES. */
  rules?: readonly unknown[];
  /** Evaluators of rule types the engine does not evaluate itself, keyed by type. */
  sources?: Partial<Record<WarningRule['type'], WarningSource>>;
}
