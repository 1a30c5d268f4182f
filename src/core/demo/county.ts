import { COUNT_CODES, type CountCode, type Draw } from './draw.js';

/** Levels kept in hundredths (亿元 or 亿斤 × 100) so that sums are exact integers. */
export const LEVEL_CODES = [
  'gdp',
  'industry_va',
  'general_budget_revenue',
  'tax_revenue',
  'industrial_project_investment',
  'grain_output',
] as const;
export type LevelCode = (typeof LEVEL_CODES)[number];

/** Tax revenue stays below this share of general budget revenue. */
export const TAX_CAP = 0.85;

export interface County {
  code: string;
  province: string;
  draw: Draw;
  /** 2024 and 2025 levels, hundredths. */
  levels: Record<LevelCode, [number, number]>;
  /**
   * 2024 and 2025 counts. For the two stocks (above-scale and leading enterprises) the second
   * value holds the 2025 additions until `closeStocks` turns it into the year-end stock.
   */
  counts: Record<CountCode, [number, number]>;
}

/** `base` grown by `rate` % (one decimal), rounded to an integer. */
export function grow(base: number, rate: number): number {
  return Math.round((base * (1000 + Math.round(rate * 10))) / 1000);
}

/** A county's levels straight from its draws; the province calibration may replace them. */
export function makeCounty(code: string, province: string, d: Draw): County {
  const g = d.growth;
  const gdp24 = Math.round(d.gdp24 * 100);
  const iva24 = Math.max(1, Math.round((gdp24 * d.industryShare) / 100));
  const gbr24 = Math.max(2, Math.round(gdp24 * d.revenueRatio));
  const gbr25 = Math.max(2, grow(gbr24, g.general_budget_revenue_growth[1]));
  const tax24 = Math.min(Math.round(gbr24 * d.taxRatio), Math.floor(gbr24 * TAX_CAP));
  const tax25 = Math.min(grow(tax24, g.tax_revenue_growth[1]), Math.floor(gbr25 * TAX_CAP));
  const inv24 = Math.max(1, Math.round(gdp24 * d.investRatio));
  const counts = {} as County['counts'];
  for (const c of COUNT_CODES) counts[c] = [...d.counts[c]];
  return {
    code,
    province,
    draw: d,
    levels: {
      gdp: [gdp24, grow(gdp24, g.gdp_growth[1])],
      industry_va: [iva24, Math.max(1, grow(iva24, g.industry_va_growth[1]))],
      general_budget_revenue: [gbr24, gbr25],
      tax_revenue: [tax24, tax25],
      industrial_project_investment: [
        inv24,
        Math.max(1, grow(inv24, g.industrial_project_investment_growth[1])),
      ],
      grain_output: [Math.round(d.grain[0] * 100), Math.round(d.grain[1] * 100)],
    },
    counts,
  };
}

/** Turns the 2025 additions of the two stocks into year-end stocks. */
export function closeStocks(c: County): void {
  const ase = c.counts.above_scale_enterprises;
  const added = c.counts.new_above_scale_enterprises[1];
  ase[1] = ase[0] + added - Math.min(c.draw.exits25, ase[0]);
  const lead = c.counts.leading_agri_enterprises;
  lead[1] = lead[0] + lead[1];
}
