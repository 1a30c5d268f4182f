/**
 * Leading industries (主导工业清单台账, seed 000 task 1): each county's one or two leading
 * industries with its 一业一策 policy note, key enterprises and yearly figures.
 */

/** A year's figures: output (总产值, 亿元) and its growth (%), decimal strings as reported. */
export interface IndustryFigures {
  year: number;
  output: string | null;
  growth: string | null;
}

export interface LeadingIndustry {
  county: string;
  /** 1 or 2: first or second leading industry. */
  position: 1 | 2;
  /** Canonical industry name (core/industries). */
  industry: string;
  /** 一业一策: the policy note. */
  policy: string | null;
  enterprises: string[];
  figures: IndustryFigures[];
}
