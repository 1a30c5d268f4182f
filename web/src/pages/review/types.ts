// The review API's answers as this page reads them (GET /api/review/queue, /waiting, /history).
import type { Finding } from '../../api/types.js';

export type ValueStatus = 'draft' | 'submitted' | 'reviewed' | 'approved' | 'returned';
export type ReviewAction = 'review' | 'approve' | 'return';

export interface QueueRow {
  region: string;
  regionName: string;
  prefecture: string | null;
  prefectureName: string | null;
  indicator: string;
  indicatorName: string;
  indicatorNameEn: string;
  unit: string;
  period: string;
  value: number | null;
  status: ValueStatus;
  revision: number;
  source: string;
  actor: string;
  at: string;
  synthetic: boolean;
  lastYearPeriod: string;
  lastYearValue: number | null;
  change: number | null;
  changeUnit: '个百分点' | '%';
  findings: Finding[];
}

export interface Waiting {
  total: number;
  periods: { period: string; status: ValueStatus; count: number }[];
}

export interface HistoryRevision {
  revision: number;
  at: string;
  actor: string;
  actorName: string;
  actorRole: string | null;
  action: string;
  oldValue: number | null;
  newValue: number | null;
  oldStatus: ValueStatus | null;
  newStatus: ValueStatus;
  reason: string | null;
  source: string;
  synthetic: boolean;
}

export interface History {
  region: string;
  regionName: string;
  indicator: string;
  indicatorName: string;
  indicatorNameEn: string;
  unit: string;
  period: string;
  revisions: HistoryRevision[];
}

export interface Key {
  region: string;
  indicator: string;
  period: string;
}

export const keyOf = (k: Key) => `${k.region}|${k.indicator}|${k.period}`;
