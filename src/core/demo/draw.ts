import { clamp, round1, type Rng } from '../random/index.js';

/** Growth rates (%) drawn per county for 2024, 2025 and 2026 (1–9月). */
export const GROWTH_CODES = [
  'gdp_growth',
  'industry_va_growth',
  'primary_va_growth',
  'general_budget_revenue_growth',
  'tax_revenue_growth',
  'industrial_project_investment_growth',
  'fdi_growth',
  'loan_growth',
  'urban_income_growth',
  'rural_income_growth',
  'tourist_arrivals_growth',
  'forest_economy_growth',
] as const;
export type GrowthCode = (typeof GROWTH_CODES)[number] | 'disposable_income_growth';

interface GrowthSpec {
  /** County mean for 2024, 2025, 2026; 2024–25 near the published province results. */
  mean: [number, number, number];
  sd: number;
  range: [number, number];
  /** The 2026 county target; a few counties land just below it (基本完成 for 左右 targets). */
  target?: number;
}

const GROWTH: Record<(typeof GROWTH_CODES)[number], GrowthSpec> = {
  gdp_growth: { mean: [3.7, 4.5, 5.0], sd: 2.2, range: [-15, 20], target: 5 },
  industry_va_growth: { mean: [1.9, 3.4, 5.5], sd: 6, range: [-40, 60], target: 5.5 },
  primary_va_growth: { mean: [3.1, 3.5, 4.2], sd: 1.6, range: [-20, 20], target: 4 },
  general_budget_revenue_growth: { mean: [5, 6.3, 7.5], sd: 6, range: [-40, 60], target: 7 },
  tax_revenue_growth: { mean: [4, 3.6, 8.5], sd: 7, range: [-50, 80], target: 8.5 },
  industrial_project_investment_growth: {
    mean: [10, 25, 15.5],
    sd: 16,
    range: [-60, 200],
    target: 15,
  },
  fdi_growth: { mean: [15, 35, 25], sd: 55, range: [-90, 400] },
  loan_growth: { mean: [8.9, 7.5, 10], sd: 3, range: [-10, 40], target: 10 },
  urban_income_growth: { mean: [4.8, 4.3, 4.6], sd: 0.8, range: [-5, 15] },
  rural_income_growth: { mean: [6.4, 6.0, 6.0], sd: 1.1, range: [-5, 20] },
  tourist_arrivals_growth: { mean: [22, 14, 15], sd: 14, range: [-60, 150] },
  forest_economy_growth: { mean: [7, 6, 6], sd: 5, range: [-40, 80] },
};

/** Spread of the monthly path around the 1–9月 value, per growth code. */
export function growthSd(code: GrowthCode): number {
  return code === 'disposable_income_growth' ? 0.8 : GROWTH[code].sd;
}

/** Counts drawn as yearly flows (or, for the two stocks, a level). */
export const COUNT_CODES = [
  'above_scale_enterprises',
  'new_above_scale_enterprises',
  'new_innovative_smes',
  'new_specialized_smes',
  'tech_transfers',
  'leading_agri_enterprises',
  'new_projects_over_10m',
] as const;
export type CountCode = (typeof COUNT_CODES)[number];

export interface Draw {
  /** Economic size, lognormal around 1. */
  size: number;
  /** 2024 GDP before calibration, 亿元. */
  gdp24: number;
  growth: Record<GrowthCode, [number, number, number]>;
  /** Industry value added as % of GDP in 2024. */
  industryShare: number;
  /** General budget revenue / GDP, tax / budget revenue, project investment / GDP (2024). */
  revenueRatio: number;
  taxRatio: number;
  investRatio: number;
  /** 二三产业比重 2024, 2025, 2026 (1–9月). */
  nonPrimaryShare: [number, number, number];
  /** Grain output 亿斤 2024, 2025. */
  grain: [number, number];
  /** Counts 2024, 2025 before calibration (for the stocks: the 2024 stock and the 2025 additions). */
  counts: Record<CountCode, [number, number]>;
  /** Above-scale enterprises leaving the list in 2025. */
  exits25: number;
  /** Weight of the urban rate in the combined income growth. */
  urbanWeight: number;
  attributes: { eco_zone: boolean; scenic_4a: boolean; heritage_area: boolean };
}

/** All yearly draws of one county, before any calibration. */
export function drawCounty(rng: Rng): Draw {
  const size = Math.exp(rng.normal(0, 0.62));
  // One momentum factor per county, so that good and bad counties are good or bad across indicators.
  const momentum = rng.normal();
  const growth = {} as Record<GrowthCode, [number, number, number]>;
  for (const code of GROWTH_CODES) {
    const s = GROWTH[code];
    const one = (i: 0 | 1 | 2) =>
      round1(clamp(s.mean[i] + s.sd * (0.55 * momentum + 0.835 * rng.normal()), ...s.range));
    const g: [number, number, number] = [one(0), one(1), one(2)];
    if (s.target !== undefined && rng.chance(0.08)) {
      g[2] = round1(s.target - 0.1 * (1 + Math.floor(rng.next() * 4)));
    }
    growth[code] = g;
  }
  // 城乡 combined growth lies between the urban and the rural growth.
  const w = rng.uniform(0.45, 0.65);
  const u = growth.urban_income_growth;
  const r = growth.rural_income_growth;
  growth.disposable_income_growth = [0, 1, 2].map((i) =>
    round1(w * (u[i] ?? 0) + (1 - w) * (r[i] ?? 0)),
  ) as [number, number, number];

  // Larger counties are less agricultural; centred so the GDP-weighted mean is near 61.6.
  const nonPrimary25 = clamp(rng.normal(59.3, 11) + 6 * Math.log(size), 28, 93);
  const nonPrimaryShare: [number, number, number] = [
    round1(nonPrimary25 - rng.normal(0.4, 0.7)),
    round1(nonPrimary25),
    round1(clamp(nonPrimary25 + rng.normal(0.5, 0.8), 0, 99)),
  ];
  const grain25 = clamp(
    13 * Math.exp(rng.normal(0, 0.8)) * clamp((100 - nonPrimary25) / 38.4, 0.2, 2.5),
    0.1,
    150,
  );
  const grain24 = grain25 / (1 + rng.normal(1.5, 3) / 100);

  const industryShare = clamp(11.7 * Math.exp(rng.normal(0, 0.6)), 1.5, 45);
  const iva = 0.9 * size * industryShare;
  const scale = Math.sqrt(size);
  const counts: Record<CountCode, [number, number]> = {
    above_scale_enterprises: [
      Math.max(1, Math.round(4.2 * iva ** 0.85 * Math.exp(rng.normal(0, 0.3)))),
      0,
    ],
    new_above_scale_enterprises: [rng.poisson(0.6 + iva * 0.2), rng.poisson(0.8 + iva * 0.22)],
    new_innovative_smes: [rng.poisson(1.2 * scale), rng.poisson(2.3 * scale)],
    new_specialized_smes: [rng.poisson(0.85 * scale), rng.poisson(1.1 * scale)],
    tech_transfers: [rng.poisson(1.1 * scale), rng.poisson(2.1 * scale)],
    leading_agri_enterprises: [rng.poisson(5.5 * Math.sqrt(grain25 / 13)), rng.poisson(0.6)],
    new_projects_over_10m: [rng.poisson(3.5 * scale), rng.poisson(3.8 * scale)],
  };
  return {
    size,
    gdp24: clamp(92 * size, 8, 2000),
    growth,
    industryShare,
    revenueRatio: clamp(0.0496 * Math.exp(rng.normal(0, 0.35)), 0.015, 0.15),
    taxRatio: clamp(rng.normal(0.41, 0.09), 0.18, 0.75),
    investRatio: clamp(0.0734 * Math.exp(rng.normal(0, 0.5)), 0.01, 0.35),
    nonPrimaryShare,
    grain: [grain24, grain25],
    counts,
    exits25: rng.poisson(1.2),
    urbanWeight: w,
    attributes: {
      eco_zone: rng.chance(1 / 3),
      scenic_4a: rng.chance(1 / 4),
      heritage_area: rng.chance(0.07),
    },
  };
}

/**
 * At least two counties of a province end 1–9月 just below each 2026 target (by 0.2–0.3), so
 * that 基本完成 and narrow misses always occur; the counties already closest are moved.
 */
export function ensureNearMisses(draws: readonly Draw[]): void {
  for (const code of GROWTH_CODES) {
    const t = GROWTH[code].target;
    if (t === undefined) continue;
    const near = (d: Draw) => d.growth[code][2] < t && d.growth[code][2] >= t - 0.45;
    const missing = 2 - draws.filter(near).length;
    if (missing <= 0) continue;
    const closest = draws
      .filter((d) => !near(d))
      .sort((a, b) => Math.abs(a.growth[code][2] - t) - Math.abs(b.growth[code][2] - t));
    closest.slice(0, missing).forEach((d, i) => (d.growth[code][2] = round1(t - 0.2 - 0.1 * i)));
  }
}
