import { TAX_CAP, type County, type LevelCode } from './county.js';
import { growthSd, type GrowthCode } from './draw.js';
import { clamp, round1, type Rng } from '../random/index.js';

export const YEARS = ['2024', '2025'] as const;
export const MONTHS = [
  '2026-01',
  '2026-02',
  '2026-03',
  '2026-04',
  '2026-05',
  '2026-06',
  '2026-07',
  '2026-08',
  '2026-09',
] as const;
/** The months of 2025, emitted beside 2026's so 上年同期 and year-on-year views are filled. */
export const MONTHS_2025 = Array.from(
  { length: 12 },
  (_, i) => `2025-${String(i + 1).padStart(2, '0')}`,
);
/** Output values are aligned to these periods; yearly indicators have only the first two. */
export const PERIODS: readonly string[] = [...YEARS, ...MONTHS];

/** Monthly weights of a year (January first) behind the year-to-date profiles. */
const SEASON = {
  gdp: [5, 6, 8, 8, 8, 9, 8, 8, 10, 9, 9, 12],
  industry: [6, 6, 8, 8, 8, 9, 8, 8, 9, 9, 9, 12],
  revenue: [12, 6, 8, 8, 8, 8, 7, 7, 8, 8, 8, 12],
  // Little building in the northern winter.
  investment: [1, 2, 5, 9, 11, 12, 12, 11, 9, 9, 10, 9],
  events: [5, 6, 8, 8, 8, 8, 8, 9, 10, 10, 10, 10],
} as const;

/**
 * Per indicator and month, a weight and a value whose weighted mean over a province's counties
 * is the province's reported value (for a growth rate: the growth of the summed levels).
 */
export type Contributions = Map<string, { w: number[]; v: number[] }>;

/** Sums of county contributions; the province value is the weighted mean, one decimal. */
export class ProvinceSums {
  private readonly sums = new Map<string, { w: number[]; wv: number[] }>();

  add(contributions: Contributions): void {
    for (const [code, { w, v }] of contributions) {
      let acc = this.sums.get(code);
      if (!acc) this.sums.set(code, (acc = { w: new Array(9).fill(0), wv: new Array(9).fill(0) }));
      for (let i = 0; i < 9; i++) {
        acc.w[i] = (acc.w[i] ?? 0) + (w[i] ?? 0);
        acc.wv[i] = (acc.wv[i] ?? 0) + (w[i] ?? 0) * (v[i] ?? 0);
      }
    }
  }

  /** The 2026 monthly values of one indicator, or undefined when no county contributed. */
  values(code: string): number[] | undefined {
    const acc = this.sums.get(code);
    return acc?.w.map((w, i) => (w > 0 ? round1((acc.wv[i] ?? 0) / w) : 0));
  }
}

export interface CountySeries {
  values: Map<string, number[]>;
  /** 2025-01 … 2025-12 per indicator, consistent with the 2025 values (December is the year). */
  months25: Map<string, number[]>;
  contributions: Contributions;
}

/** Cumulative share of the year at the end of each month, 1–9月 kept within 65–75 %. */
function profile(rng: Rng, weights: readonly number[], jitter = 0.12): number[] {
  const w = weights.map((x) => x * Math.exp(rng.normal(0, jitter)));
  const total = w.reduce((a, b) => a + b, 0);
  const s9 = w.slice(0, 9).reduce((a, b) => a + b, 0) / total;
  const t9 = clamp(s9, 0.655, 0.745);
  let acc = 0;
  return w.map((x, i) => {
    acc += (x / total) * (i < 9 ? t9 / s9 : (1 - t9) / (1 - s9));
    return acc;
  });
}

/** Year-to-date growth for months 1–9: wanders early in the year and ends at the 1–9月 value. */
function path(rng: Rng, v9: number, sd: number): number[] {
  const drift = rng.normal(0, 0.35 * sd);
  return MONTHS.map((_, i) =>
    i === 8 ? v9 : round1(v9 + ((drift + rng.normal(0, 0.2 * sd)) * (8 - i)) / 8),
  );
}

interface Ytd {
  /** The seasonal profile behind it: share of the year reached by the end of each month. */
  cum: readonly number[];
  level: number[];
  /** The implied 2025 year-to-date level of the same months (unrounded hundredths). */
  base: number[];
  growth: number[];
}

/**
 * Year-to-date levels from last year's total, the seasonal profile and the growth path, kept
 * non-decreasing and under `cap`; a month whose level had to move gets its growth recomputed.
 */
function ytd(
  year25: number,
  cum: readonly number[],
  growth: readonly number[],
  cap?: readonly number[],
): Ytd {
  const level: number[] = [];
  const base: number[] = [];
  const out: number[] = [];
  let prev = 0;
  for (let i = 0; i < 9; i++) {
    const b = year25 * (cum[i] ?? 0);
    const g = growth[i] ?? 0;
    const want = Math.round(b * (1 + g / 100));
    let l = Math.max(want, prev);
    if (cap) l = Math.min(l, Math.floor((cap[i] ?? 0) * TAX_CAP));
    level.push(l);
    base.push(b);
    out.push(l === want || b === 0 ? g : round1((l / b - 1) * 100));
    prev = l;
  }
  return { cum, level, base, growth: out };
}

/** 2025's twelve year-to-date growth rates: they wander and end at the year's value. */
function path25(rng: Rng, g25: number, sd: number): number[] {
  const drift = rng.normal(0, 0.35 * sd);
  return MONTHS_2025.map((_, i) =>
    i === 11 ? g25 : round1(g25 + ((drift + rng.normal(0, 0.2 * sd)) * (11 - i)) / 11),
  );
}

/** 2025's year-to-date levels (hundredths): 1–9月 are the base 2026's growth was measured on. */
function levels25(r: Ytd, year25: number): number[] {
  return MONTHS_2025.map((_, i) =>
    i === 11 ? year25 : Math.round(i < 9 ? (r.base[i] ?? 0) : year25 * (r.cum[i] ?? 1)),
  );
}

/** Cumulative count by month 1–12 of `n` events of a year, December reaching exactly `n`. */
function events25(rng: Rng, n: number, cum: readonly number[]): number[] {
  const by = new Array<number>(12).fill(0);
  for (let k = 0; k < n; k++) {
    const u = rng.next();
    const found = cum.findIndex((s) => u < s);
    const m = found < 0 ? 11 : found;
    for (let i = m; i < 12; i++) by[i] = (by[i] ?? 0) + 1;
  }
  return by;
}

/** Cumulative number of `n` events by month 1–9, each month drawn from the seasonal profile. */
function events(rng: Rng, n: number, cum: readonly number[]): number[] {
  const by = new Array<number>(9).fill(0);
  for (let k = 0; k < n; k++) {
    const u = rng.next();
    const m = cum.findIndex((s) => u < s);
    if (m < 0) continue; // December, past the rounding of the last share
    for (let i = m; i < 9; i++) by[i] = (by[i] ?? 0) + 1;
  }
  return by;
}

/** Everything emitted for one county: 2024, 2025 and 2026-01…09, plus its province contributions. */
export function countySeries(c: County, rng: Rng, rng25: Rng): CountySeries {
  const d = c.draw;
  const g = d.growth;
  const values = new Map<string, number[]>();
  const months25 = new Map<string, number[]>();
  const contributions: Contributions = new Map();
  const hundredths = (x: number) => x / 100;
  const yearsOf = (code: LevelCode) => c.levels[code].map(hundredths);
  const give = (code: string, w: readonly number[], v: readonly number[]) =>
    contributions.set(code, { w: [...w], v: [...v] });
  const growthPath = (code: GrowthCode) => path(rng, g[code][2], growthSd(code));
  const derived = (code: LevelCode) => {
    const [a, b] = c.levels[code];
    return a > 0 ? round1((b / a - 1) * 100) : 0;
  };

  // Levels with a growth rate behind them; the 2025 growth is the drawn one or, where the
  // calibration set both years' levels, the one the levels imply.
  const record = (level: LevelCode, growth: GrowthCode, r: Ytd, growth25: number) => {
    values.set(level, [...yearsOf(level), ...r.level.map(hundredths)]);
    values.set(growth, [g[growth][0], growth25, ...r.growth]);
    months25.set(level, levels25(r, c.levels[level][1]).map(hundredths));
    months25.set(growth, path25(rng25, growth25, growthSd(growth)));
    const exact = r.level.map((l, i) => (l / (r.base[i] || 1) - 1) * 100);
    give(growth, r.base, exact);
    return r;
  };
  const linked = (level: LevelCode, growth: GrowthCode, season: readonly number[]) =>
    ytd(c.levels[level][1], profile(rng, season, 0.06), growthPath(growth));
  const gdp = record('gdp', 'gdp_growth', linked('gdp', 'gdp_growth', SEASON.gdp), g.gdp_growth[1]);
  const iva = record(
    'industry_va',
    'industry_va_growth',
    linked('industry_va', 'industry_va_growth', SEASON.industry),
    g.industry_va_growth[1],
  );
  record(
    'industrial_project_investment',
    'industrial_project_investment_growth',
    linked(
      'industrial_project_investment',
      'industrial_project_investment_growth',
      SEASON.investment,
    ),
    derived('industrial_project_investment'),
  );
  // Tax is part of budget revenue: same season, and capped by it month by month.
  const revenueSeason = profile(rng, SEASON.revenue);
  const gbr = ytd(
    c.levels.general_budget_revenue[1],
    revenueSeason,
    growthPath('general_budget_revenue_growth'),
  );
  const tax = ytd(
    c.levels.tax_revenue[1],
    revenueSeason,
    growthPath('tax_revenue_growth'),
    gbr.level,
  );
  record(
    'general_budget_revenue',
    'general_budget_revenue_growth',
    gbr,
    derived('general_budget_revenue'),
  );
  record('tax_revenue', 'tax_revenue_growth', tax, derived('tax_revenue'));

  const share = (a: number, b: number) => (b > 0 ? round1((a / b) * 100) : 0);
  const [gdp24, gdp25] = c.levels.gdp;
  const [iva24, iva25] = c.levels.industry_va;
  values.set('industry_va_share_of_gdp', [
    share(iva24, gdp24),
    share(iva25, gdp25),
    ...iva.level.map((l, i) => share(l, gdp.level[i] ?? 0)),
  ]);
  const gdpMonths25 = levels25(gdp, gdp25);
  months25.set(
    'industry_va_share_of_gdp',
    levels25(iva, iva25).map((l, i) => share(l, gdpMonths25[i] ?? 0)),
  );

  const [st24, st25, st26] = d.nonPrimaryShare;
  const stDrift = rng.normal(0, 0.6);
  const st = MONTHS.map((_, i) => round1(clamp(st26 + (stDrift * (8 - i)) / 8, 0, 100)));
  values.set('secondary_tertiary_share', [st24, st25, ...st]);
  months25.set(
    'secondary_tertiary_share',
    MONTHS_2025.map((_, i) => round1(clamp(st24 + ((st25 - st24) * (i + 1)) / 12, 0, 100))),
  );
  give('secondary_tertiary_share', gdp.level, st);

  // Growth rates reported on their own (no level emitted).
  const weight25 = new Array<number>(9).fill(gdp25);
  const plain = (code: GrowthCode, w: readonly number[]) => {
    const p = growthPath(code);
    values.set(code, [g[code][0], g[code][1], ...p]);
    months25.set(code, path25(rng25, g[code][1], growthSd(code)));
    give(code, w, p);
    return p;
  };
  plain('primary_va_growth', new Array<number>(9).fill(gdp25 * (1 - st25 / 100)));
  plain('fdi_growth', weight25);
  plain('loan_growth', weight25);
  const one = new Array<number>(9).fill(1);
  const urban = plain('urban_income_growth', one);
  const rural = plain('rural_income_growth', one);
  const w = d.urbanWeight;
  const both = urban.map((u, i) => round1(w * u + (1 - w) * (rural[i] ?? 0)));
  values.set('disposable_income_growth', [...g.disposable_income_growth.slice(0, 2), ...both]);
  const urban25 = months25.get('urban_income_growth') ?? [];
  const rural25 = months25.get('rural_income_growth') ?? [];
  months25.set(
    'disposable_income_growth',
    urban25.map((u, i) =>
      i === 11 ? g.disposable_income_growth[1] : round1(w * u + (1 - w) * (rural25[i] ?? 0)),
    ),
  );
  give('disposable_income_growth', one, both);
  for (const code of ['tourist_arrivals_growth', 'forest_economy_growth'] as const) {
    values.set(code, [g[code][0], g[code][1]]);
  }
  values.set('grain_output', yearsOf('grain_output'));

  // Counts: 2026 events spread over the months; the stock moves with entries and exits.
  const season = profile(rng, SEASON.events);
  const scale = Math.sqrt(d.size);
  const flow = (code: keyof County['counts'], mean: number) => {
    const cum = events(rng, rng.poisson(mean), season);
    values.set(code, [...c.counts[code], ...cum]);
    months25.set(code, events25(rng25, c.counts[code][1], season));
    return cum;
  };
  const entries = flow('new_above_scale_enterprises', 1 + (iva25 / 100) * 0.2);
  flow('new_innovative_smes', 2.5 * scale);
  flow('new_specialized_smes', 1.2 * scale);
  flow('tech_transfers', 2.6 * scale);
  flow('new_projects_over_10m', 3.6 * scale);
  const [ase24, ase25] = c.counts.above_scale_enterprises;
  const exits = events(
    rng,
    Math.min(rng.poisson(1), ase25),
    SEASON.events.map((_, i) => (i + 1) / 12),
  );
  values.set('above_scale_enterprises', [
    ase24,
    ase25,
    ...entries.map((e, i) => ase25 + e - (exits[i] ?? 0)),
  ]);
  months25.set(
    'above_scale_enterprises',
    MONTHS_2025.map((_, i) => Math.round(ase24 + ((ase25 - ase24) * (i + 1)) / 12)),
  );
  values.set('leading_agri_enterprises', [...c.counts.leading_agri_enterprises]);
  return { values, months25, contributions };
}
