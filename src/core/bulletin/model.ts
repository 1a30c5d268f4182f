import type { Completeness } from '../completeness/index.js';
import type { Evaluation } from '../evaluate/index.js';
import type { Finding } from '../quality/types.js';
import type { Ranking, Stability } from '../ranking/index.js';
import type { TargetStatus } from '../targets/index.js';
import type { WarningsResult } from '../warnings/index.js';
import type { BulletinLedgers } from './ledgers.js';

// The bulletin (月通报) as data: what it says, in order. core/bulletin writes it from the
// evaluation by rules; io/bulletin renders the same object to docx, PDF (through HTML) and xlsx,
// so the three formats cannot disagree. Every number in it is already formatted for display
// (core/numeric, rounded once); tables also keep the exact number for the spreadsheet.

export type BulletinFormat = 'docx' | 'pdf' | 'xlsx';

/** One table cell: the text as printed; `value` the exact number behind it, for the xlsx. */
export interface Cell {
  text: string;
  value?: number;
  /** Decimal places the text shows (the xlsx number format). */
  places?: number;
  /** A status cell is coloured by it (UI.md's status colours). */
  status?: TargetStatus | 'red' | 'yellow' | 'green';
}

export interface BulletinTable {
  /** The sheet's name in the xlsx: unique within the bulletin, at most 31 characters. */
  sheet: string;
  /** As printed above the table: "表1 全省主要指标完成情况". */
  caption: string;
  columns: string[];
  rows: Cell[][];
  /** A line under the table (the unit, the data basis), or none. */
  note?: string;
}

export type BulletinChart =
  | {
      kind: 'ranking';
      /** As printed under the chart: "图1 …". */
      caption: string;
      /** In rank order, best first. */
      bars: { region: string; name: string; score: number }[];
    }
  | {
      kind: 'map';
      caption: string;
      /** The province whose county boundaries are drawn (register code, e.g. 230000). */
      province: string;
      /** Every county of the scope with its warning level; `none`: no data. */
      regions: { code: string; name: string; level: 'red' | 'yellow' | 'green' | 'none' }[];
    };

export type Block =
  | { kind: 'paragraph'; text: string }
  /** A numbered sub-heading, the number included: "(一)主要指标" (level 2), "1.地区生产总值" (3). */
  | { kind: 'heading'; level: 2 | 3; text: string }
  | { kind: 'table'; table: BulletinTable }
  | { kind: 'chart'; chart: BulletinChart };

export interface Section {
  /** The number included: "一、总体情况". */
  heading: string;
  blocks: Block[];
}

export interface Bulletin {
  plan: string;
  planName: string;
  /** YYYY-MM */
  period: string;
  /** "2026年1-9月" (year-to-date months), "2026年" for a year. */
  periodWords: string;
  /** `province` or a prefecture's code. */
  scope: string;
  scopeName: string;
  /** "全省县域经济运行情况通报"; a prefecture's: "哈尔滨市县域经济运行情况通报". */
  title: string;
  /** The line under the title: "(2026年1-9月)". */
  subtitle: string;
  /** Who issues it: "黑龙江省县域经济发展工作专班". */
  issuer: string;
  /** YYYY-MM-DD, and as printed: "2026年11月30日". */
  date: string;
  dateWords: string;
  synthetic: boolean;
  /** Printed under the title when synthetic (core/demo SYNTHETIC_NOTE's words). */
  syntheticNote: string | null;
  /** Nothing to report (no value of the period in the scope): this sentence, and no sections. */
  empty: string | null;
  sections: Section[];
}

/** What the composer reads: every result computed elsewhere, the scope chosen by the caller. */
export interface BulletinInput {
  planName: string;
  province: { code: string; name: string };
  /** The bulletin's scope; a prefecture's bulletin speaks only of its counties. */
  scope: { code: string; name: string; level: 'province' | 'prefecture' };
  /** The scope's counties (codes), those of the plan the evaluation covers. */
  counties: readonly string[];
  /** The period's evaluation of every county in the data view the reader may see. */
  evaluation: Evaluation;
  /**
   * The same plan at the comparison period (the end of the previous quarter, else the previous
   * month of the same year), for "较1-6月回升0.3个百分点"; null in a year's first period.
   */
  earlier: Evaluation | null;
  /**
   * The province's value of each indicator in last year's same period, as the series (/api/series)
   * shows it, for "比上年同期…"; a change target's own `previous` comes first.
   */
  lastYear?: Readonly<Record<string, number | null>>;
  /** The 擂台赛, null when nothing could be ranked. */
  ranking: Ranking | null;
  /** Rank intervals under weight draws, for the sentence on rank stability. */
  stability: Stability | null;
  warnings: WarningsResult;
  /** Data-quality findings of the period (errors and warnings). */
  findings: readonly Finding[];
  completeness: Completeness;
  issuer: string;
  /** YYYY-MM-DD the bulletin is dated. */
  date: string;
  synthetic: boolean;
  /** The project and task ledgers; without them the bulletin has no 项目建设 / 重点任务. */
  ledgers?: BulletinLedgers;
}
