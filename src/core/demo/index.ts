/**
 * Synthetic demo data (合成演示数据): plausible county values for the demo, never official
 * statistics. Heilongjiang's 县域 counties are calibrated so that the province values derived
 * from them reproduce the published 2024 and 2025 results exactly; at national scale about
 * 2,800 synthetic counties in synthetic provinces are added. Deterministic for a seed.
 */
import { LeitaiError } from '../errors/index.js';
import type { Indicator } from '../indicators/index.js';
import type { Observation } from '../observations/index.js';
import { COUNTY_DOMAIN_KINDS, descendants, type Region, type Register } from '../regions/index.js';
import { calibrateHlj } from './calibrate.js';
import { closeStocks, makeCounty } from './county.js';
import { drawCounty, ensureNearMisses } from './draw.js';
import { Rng } from '../random/index.js';
import { countySeries, MONTHS, MONTHS_2025, PERIODS, ProvinceSums, YEARS } from './series.js';
import { syntheticRegions } from './synthetic.js';

export { HLJ_PUBLISHED } from './calibrate.js';
export { MONTHS, MONTHS_2025, PERIODS, YEARS } from './series.js';

export { SYNTHETIC_NOTE } from './note.js';

/** The `source` of every demo observation. */
export const DEMO_SOURCE = 'synthetic-demo';
export const DEMO_PROVINCE = '230000';
/** The attributes the demo invents for every county (the real lists are not available). */
export const DEMO_ATTRIBUTES = ['eco_zone', 'scenic_4a', 'heritage_area'] as const;

export type DemoScale = 'province' | 'national';

export interface DemoOptions {
  seed: number;
  scale: DemoScale;
  register: Register;
  indicators: readonly Indicator[];
}

export interface DemoResult {
  seed: number;
  scale: DemoScale;
  observations: Observation[];
  /** Synthetic eco_zone / scenic_4a / heritage_area for every county generated. */
  attributes: Map<string, Record<string, boolean | null>>;
  /** Synthetic provinces, prefectures and counties (national scale); [] for province scale. */
  regions: Region[];
}

const isCounty = (r: Region) =>
  r.level === 'county' && (COUNTY_DOMAIN_KINDS as readonly string[]).includes(r.kind);

export function generateDemo(opts: DemoOptions): DemoResult {
  const { seed, scale, register, indicators } = opts;
  const hlj = descendants(register, DEMO_PROVINCE).filter(isCounty);
  if (hlj.length === 0) {
    throw new LeitaiError(
      'INPUT_INVALID',
      `区划库中没有 ${DEMO_PROVINCE} 的县域单位,无法生成演示数据`,
      {
        value: DEMO_PROVINCE,
        reason: 'the register has no counties of the demo province',
      },
    );
  }
  const regions = scale === 'national' ? syntheticRegions(new Rng(seed, 'register')) : [];
  // Counties by province; a synthetic county's province is its prefecture's parent.
  const groups = new Map<string, Region[]>([[DEMO_PROVINCE, hlj]]);
  const parentOf = new Map(regions.map((r) => [r.code, r.parent ?? '']));
  for (const r of regions) {
    if (r.level === 'province') groups.set(r.code, []);
    if (r.level === 'county') groups.get(parentOf.get(r.parent ?? '') ?? '')?.push(r);
  }

  const observations: Observation[] = [];
  const attributes = new Map<string, Record<string, boolean | null>>();
  const reported = indicators.filter(
    (i) => i.aggregate.method === 'reported' && i.frequency !== 'yearly',
  );
  const push = (region: string, indicator: string, period: string, value: number) =>
    observations.push({ region, indicator, period, value, source: DEMO_SOURCE });

  for (const [province, members] of groups) {
    const counties = members.map((r) =>
      makeCounty(r.code, province, drawCounty(new Rng(seed, 'draw', r.code))),
    );
    ensureNearMisses(counties.map((c) => c.draw));
    if (province === DEMO_PROVINCE) calibrateHlj(counties, new Rng(seed, 'calibrate', province));
    counties.forEach(closeStocks);
    const sums = new ProvinceSums();
    counties.forEach((c, k) => {
      const { values, months25, contributions } = countySeries(
        c,
        new Rng(seed, 'series', c.code),
        new Rng(seed, 'series-2025', c.code),
      );
      for (const ind of indicators) {
        const v = values.get(ind.code);
        if (!v) continue;
        const n = Math.min(v.length, ind.frequency === 'yearly' ? YEARS.length : PERIODS.length);
        for (let i = 0; i < n; i++) push(c.code, ind.code, PERIODS[i] ?? '', v[i] ?? 0);
        if (ind.frequency === 'yearly') continue;
        months25.get(ind.code)?.forEach((x, i) => push(c.code, ind.code, MONTHS_2025[i]!, x));
      }
      sums.add(contributions);
      const a = c.draw.attributes;
      attributes.set(c.code, { ...a });
      const region = members[k];
      if (region?.synthetic) region.attributes.eco_zone = a.eco_zone;
    });
    // Province values of reported indicators for 2026 only; 2024–25 come from the plans.
    for (const ind of reported) {
      sums.values(ind.code)?.forEach((v, i) => push(province, ind.code, MONTHS[i] ?? '', v));
    }
  }
  return { seed, scale, observations, attributes, regions };
}
