import { grow, TAX_CAP, type County } from './county.js';
import type { CountCode } from './draw.js';
import { allocate, fitSum } from './fit.js';
import { round1, type Rng } from '../random/index.js';

/**
 * Published 县域 totals of Heilongjiang (230000): the 完成 columns of 附件1 of the 2025 plan
 * (2024 results) and of the 2026 plan (2025 results). Levels in hundredths of 亿元.
 */
export const HLJ_PUBLISHED = {
  2024: {
    gdpSum: 708070,
    over100: 30,
    over200: 5,
    /** 工业增加值占县域GDP比重 11.7%: the industry total is 11.7% of the GDP total, rounded. */
    industryShare: 11.7,
    general_budget_revenue: 35130,
    tax_revenue: 14370,
    industrial_project_investment: 52000,
    above_scale_enterprises: 2449,
    new_innovative_smes: 84,
    new_specialized_smes: 59,
    tech_transfers: 78,
    leading_agri_enterprises: 384,
  },
  2025: {
    /** 县域二三产业增加值占县域GDP比重 61.6% (hlj-2026 附件1 no. 7, baseline 2025). */
    secondaryTertiaryShare: 61.6,
    over100: 35,
    over200: 7,
    general_budget_revenue: 37340,
    tax_revenue: 14890,
    industrial_project_investment: 65140,
    new_above_scale_enterprises: 241,
    new_innovative_smes: 164,
    tech_transfers: 150,
  },
} as const;

/** Margin (亿元) kept from the 100 and 200 thresholds so rounding cannot move a county across. */
const GAP = 0.5;

/**
 * GDP bands by size rank: how many counties are over 100 and over 200 in each year. A county
 * crossing a threshold in 2025 must grow, so the crossers get a positive growth first.
 */
function gdpBounds(counties: County[], rng: Rng): { lo: number[]; hi: number[] } {
  const p24 = HLJ_PUBLISHED[2024];
  const p25 = HLJ_PUBLISHED[2025];
  const lo: number[] = [];
  const hi: number[] = [];
  counties.forEach((c, rank) => {
    const g = c.draw.growth.gdp_growth;
    const over200 = [rank < p24.over200, rank < p25.over200];
    const over100 = [rank < p24.over100, rank < p25.over100];
    const crosses = (over200[1] && !over200[0]) || (over100[1] && !over100[0]);
    if (crosses && g[1] < 2.5) g[1] = round1(2.5 + rng.uniform(0, 3.5));
    const f = 1 + g[1] / 100;
    // Bounds on the 2024 value (亿元) from the band it must be in in each year.
    const band = (over: boolean[], t: number, year: 0 | 1): [number, number] => {
      const k = year === 0 ? 1 : f;
      return over[year] ? [(t + GAP) / k, Infinity] : [0, (t - GAP) / k];
    };
    const bands = [
      band(over100, 100, 0),
      band(over100, 100, 1),
      band(over200, 200, 0),
      band(over200, 200, 1),
    ];
    lo.push(Math.max(5, ...bands.map((b) => b[0])) * 100);
    hi.push(Math.min(1500, ...bands.map((b) => b[1])) * 100);
  });
  return { lo, hi };
}

/**
 * Fits the counties of Heilongjiang to the published totals: GDP bands and sum, industry
 * share, revenue, tax, project investment and the enterprise counts, each exact.
 */
export function calibrateHlj(list: readonly County[], rng: Rng): void {
  const p24 = HLJ_PUBLISHED[2024];
  const p25 = HLJ_PUBLISHED[2025];
  if (list.length < p25.over100 + 5) {
    throw new Error(`calibrateHlj: ${list.length} counties are too few for the published bands`);
  }
  const counties = [...list].sort(
    (a, b) => b.draw.gdp24 - a.draw.gdp24 || a.code.localeCompare(b.code),
  );
  const lv = (c: County) => c.levels;

  const { lo, hi } = gdpBounds(counties, rng);
  const gdp24 = fitSum(
    counties.map((c) => c.draw.gdp24 * 100),
    lo,
    hi,
    p24.gdpSum,
  );
  counties.forEach((c, i) => {
    const v = gdp24[i] ?? 0;
    lv(c).gdp = [v, grow(v, c.draw.growth.gdp_growth[1])];
  });

  const industryTotal = Math.round((p24.gdpSum * p24.industryShare) / 100);
  const iva24 = fitSum(
    counties.map((c) => (lv(c).gdp[0] * c.draw.industryShare) / 100),
    counties.map((c) => lv(c).gdp[0] * 0.015),
    counties.map((c) => lv(c).gdp[0] * 0.45),
    industryTotal,
  );
  counties.forEach((c, i) => {
    const v = iva24[i] ?? 0;
    lv(c).industry_va = [v, Math.max(1, grow(v, c.draw.growth.industry_va_growth[1]))];
  });

  // A level for 2024, then 2025 from the drawn growth, each scaled to its published total.
  const pair = (
    key: 'general_budget_revenue' | 'tax_revenue' | 'industrial_project_investment',
    raw24: (c: County) => number,
    bounds24: (c: County) => [number, number],
    growth: (c: County) => number,
    bounds25: (c: County, v24: number) => [number, number],
  ) => {
    const a = fitSum(
      counties.map(raw24),
      counties.map((c) => bounds24(c)[0]),
      counties.map((c) => bounds24(c)[1]),
      p24[key],
    );
    const b = fitSum(
      counties.map((c, i) => (a[i] ?? 0) * (1 + growth(c) / 100)),
      counties.map((c, i) => bounds25(c, a[i] ?? 0)[0]),
      counties.map((c, i) => bounds25(c, a[i] ?? 0)[1]),
      p25[key],
    );
    counties.forEach((c, i) => (lv(c)[key] = [a[i] ?? 0, b[i] ?? 0]));
  };
  pair(
    'general_budget_revenue',
    (c) => lv(c).gdp[0] * c.draw.revenueRatio,
    (c) => [lv(c).gdp[0] * 0.01, lv(c).gdp[0] * 0.15],
    (c) => c.draw.growth.general_budget_revenue_growth[1],
    (_c, v) => [v * 0.75, v * 1.4],
  );
  pair(
    'tax_revenue',
    (c) => lv(c).general_budget_revenue[0] * c.draw.taxRatio,
    (c) => [lv(c).general_budget_revenue[0] * 0.12, lv(c).general_budget_revenue[0] * TAX_CAP],
    (c) => c.draw.growth.tax_revenue_growth[1],
    (c, v) => [v * 0.6, Math.min(v * 1.5, lv(c).general_budget_revenue[1] * TAX_CAP)],
  );
  pair(
    'industrial_project_investment',
    (c) => lv(c).gdp[0] * c.draw.investRatio,
    (c) => [lv(c).gdp[0] * 0.005, lv(c).gdp[0] * 0.35],
    (c) => c.draw.growth.industrial_project_investment_growth[1],
    (_c, v) => [v * 0.4, v * 3],
  );

  calibrateShare(counties);

  // Counts: the drawn values (plus a little, so a zero can still receive) as weights.
  const share = (year: 0 | 1, key: CountCode, total: number) => {
    const got = allocate(
      counties.map((c) => c.counts[key][year] + 0.3),
      total,
    );
    counties.forEach((c, i) => (c.counts[key][year] = got[i] ?? 0));
  };
  share(0, 'above_scale_enterprises', p24.above_scale_enterprises);
  share(0, 'new_innovative_smes', p24.new_innovative_smes);
  share(0, 'new_specialized_smes', p24.new_specialized_smes);
  share(0, 'tech_transfers', p24.tech_transfers);
  share(0, 'leading_agri_enterprises', p24.leading_agri_enterprises);
  share(1, 'new_above_scale_enterprises', p25.new_above_scale_enterprises);
  share(1, 'new_innovative_smes', p25.new_innovative_smes);
  share(1, 'tech_transfers', p25.tech_transfers);
}

/** The 2025 二三产业 share of the province: the GDP-weighted mean of the counties' shares. */
export function provinceShare(counties: readonly County[]): number {
  let w = 0;
  let wv = 0;
  for (const c of counties) {
    w += c.levels.gdp[1];
    wv += c.levels.gdp[1] * c.draw.nonPrimaryShare[1];
  }
  return w > 0 ? wv / w : 0;
}

/**
 * Moves every county's 二三产业 share (all three years alike) so the 2025 province value is the
 * published one at its precision; then the largest county takes the rounding residue.
 */
function calibrateShare(counties: readonly County[]): void {
  const target = HLJ_PUBLISHED[2025].secondaryTertiaryShare;
  const shift = (c: County, by: number) => {
    c.draw.nonPrimaryShare = c.draw.nonPrimaryShare.map((v) =>
      round1(Math.min(99, Math.max(1, v + by))),
    ) as [number, number, number];
  };
  for (let k = 0; k < 5 && round1(provinceShare(counties)) !== target; k++) {
    const by = target - provinceShare(counties);
    counties.forEach((c) => shift(c, by));
  }
  const largest = counties.reduce((a, b) => (b.levels.gdp[1] > a.levels.gdp[1] ? b : a));
  const total = counties.reduce((a, c) => a + c.levels.gdp[1], 0);
  for (let k = 0; k < 200 && round1(provinceShare(counties)) !== target; k++) {
    const by = ((target - provinceShare(counties)) * total) / largest.levels.gdp[1];
    shift(largest, Math.sign(by) * Math.max(0.1, Math.min(Math.abs(by), 5)));
  }
}
