// The entry page's API answers (GET /api/entry, POST /api/imports): page-specific types.
import type { EntryRule } from '../../../../src/core/indicators/index.js';

export type { EntryRule };

export type ValueStatus = 'draft' | 'submitted' | 'reviewed' | 'approved' | 'returned';

export interface EntryMonth {
  period: string;
  label: string;
  due: string;
  overdue: boolean;
}

export interface EntryRow {
  indicator: string;
  name: string;
  nameEn: string;
  unit: string;
  kind: string;
  ytd: boolean;
  rule: EntryRule;
  lastYear: number | null;
  previousPeriod: string | null;
  previous: number | null;
  value: number | null;
  status: ValueStatus | null;
  revision: number;
  returnReason: string | null;
  actor: string | null;
  at: string | null;
}

export interface Named {
  code: string;
  name: string;
}

export interface EntryAnswer {
  plan: string;
  region: Named & { prefecture: Named | null };
  period: string;
  label: string;
  due: string;
  overdue: boolean;
  months: EntryMonth[];
  current: string | null;
  counties: Named[];
  rows: EntryRow[];
  synthetic: boolean;
  maxUploadBytes: number;
}

/** One problem of an uploaded file, as the importer reports it. */
export interface ImportProblem {
  sheet?: string;
  row?: number;
  column?: string;
  value?: string;
  reason: string;
}

export interface PreviewChange {
  region: string;
  indicator: string;
  period: string;
  value: number | null;
  oldValue: number | null;
  oldStatus: ValueStatus | null;
}

export type ImportCounts = {
  rows: number;
  inserted: number;
  changed: number;
  unchanged: number;
  revised: number;
};

export interface ImportPreview {
  file: string;
  dryRun: true;
  changes: PreviewChange[];
  truncated: boolean;
  needsReason: boolean;
  result: ImportCounts;
}

export interface ImportDone {
  file: string;
  result: ImportCounts;
}
