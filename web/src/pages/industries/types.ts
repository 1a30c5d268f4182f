// The leading-industries API's answers (issue 16 contract), as the page reads them.
import type { IndustryFigures, LeadingIndustry } from '../../../../src/core/industries/types.js';

export type { IndustryFigures, LeadingIndustry };

export type IndustryRow = LeadingIndustry & {
  countyName: string;
  prefecture: string;
  prefectureName: string;
  synthetic: boolean;
};

export interface IndustryList {
  synthetic: boolean;
  items: IndustryRow[];
}

export interface IndustryTotal {
  industry: string;
  counties: number;
  countyNames: string[];
  /** 亿元, the latest year. */
  output: string | null;
  growth: string | null;
}

export interface IndustrySummary {
  /** The latest year with figures; null before any. */
  year: number | null;
  synthetic: boolean;
  industries: IndustryTotal[];
}
