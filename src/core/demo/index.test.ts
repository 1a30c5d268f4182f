import { describe, expect, it } from 'vitest';
import catalogueFile from '../../../plans/indicators.json' with { type: 'json' };
import type { Indicator } from '../indicators/index.js';
import type { Observation } from '../observations/index.js';
import { makeRegister, type Region } from '../regions/index.js';
import { DEMO_SOURCE, generateDemo, MONTHS } from './index.js';

const indicators = (catalogueFile as unknown as { indicators: Indicator[] }).indicators;

/** A register shaped like Heilongjiang's: 67 县域 units and a few districts. */
function fakeRegister(): ReturnType<typeof makeRegister> {
  const list: Region[] = [
    {
      code: '230000',
      name: '黑龙江省',
      level: 'province',
      parent: null,
      kind: '省',
      attributes: {},
    },
  ];
  for (let p = 1; p <= 3; p++) {
    const pref = `23${String(p).padStart(2, '0')}00`;
    list.push({
      code: pref,
      name: `市${p}`,
      level: 'prefecture',
      parent: '230000',
      kind: '地级市',
      attributes: {},
    });
    list.push({
      code: `23${String(p).padStart(2, '0')}02`,
      name: `区${p}`,
      level: 'county',
      parent: pref,
      kind: '市辖区',
      attributes: {},
    });
  }
  for (let i = 0; i < 67; i++) {
    const p = (i % 3) + 1;
    const code = `23${String(p).padStart(2, '0')}${String(21 + Math.floor(i / 3)).padStart(2, '0')}`;
    const kind = i % 5 === 0 ? '县级市' : i === 7 ? '自治县' : '县';
    list.push({
      code,
      name: `县${i}`,
      level: 'county',
      parent: `23${String(p).padStart(2, '0')}00`,
      kind,
      attributes: { border: false },
    });
  }
  return makeRegister(list);
}

const register = fakeRegister();
const province = (seed: number) => generateDemo({ seed, scale: 'province', register, indicators });

function index(obs: readonly Observation[]) {
  const m = new Map<string, number | null>();
  for (const o of obs) m.set(`${o.region}|${o.indicator}|${o.period}`, o.value);
  return (region: string, indicator: string, period: string) =>
    m.get(`${region}|${indicator}|${period}`);
}

const MONTHLY_NEEDED = [
  'gdp',
  'gdp_growth',
  'primary_va_growth',
  'industry_va',
  'industry_va_growth',
  'industry_va_share_of_gdp',
  'secondary_tertiary_share',
  'tech_transfers',
  'industrial_project_investment',
  'industrial_project_investment_growth',
  'fdi_growth',
  'loan_growth',
  'above_scale_enterprises',
  'new_above_scale_enterprises',
  'new_innovative_smes',
  'general_budget_revenue',
  'general_budget_revenue_growth',
  'tax_revenue',
  'tax_revenue_growth',
  'urban_income_growth',
  'rural_income_growth',
  'disposable_income_growth',
  'new_projects_over_10m',
];
const YEARLY_NEEDED = ['grain_output', 'tourist_arrivals_growth', 'forest_economy_growth'];

describe('generateDemo, province scale', () => {
  const r = province(7);
  const at = index(r.observations);
  const counties = [...register.regions.values()].filter(
    (x) => x.level === 'county' && x.kind !== '市辖区',
  );

  it('is deterministic for a seed and differs between seeds', () => {
    const again = province(7);
    expect(again.observations).toEqual(r.observations);
    expect([...again.attributes]).toEqual([...r.attributes]);
    const other = province(8);
    expect(other.observations.length).toBe(r.observations.length);
    expect(other.observations).not.toEqual(r.observations);
  });

  it('covers exactly the 县域 counties, every needed indicator and period, all labelled synthetic', () => {
    const regions = new Set(r.observations.map((o) => o.region));
    expect(regions.size).toBe(67 + 1);
    expect([...regions].some((c) => c.endsWith('02'))).toBe(false);
    expect(
      r.observations.every((o) => o.source === DEMO_SOURCE && typeof o.value === 'number'),
    ).toBe(true);
    for (const c of counties) {
      for (const ind of MONTHLY_NEEDED) {
        for (const p of ['2024', '2025', ...MONTHS])
          expect(at(c.code, ind, p), `${c.code} ${ind} ${p}`).toBeTypeOf('number');
      }
      for (const ind of YEARLY_NEEDED) {
        expect(at(c.code, ind, '2024')).toBeTypeOf('number');
        expect(at(c.code, ind, '2025')).toBeTypeOf('number');
        expect(at(c.code, ind, '2026-09')).toBeUndefined();
      }
    }
    expect(r.regions).toEqual([]);
    expect(r.attributes.size).toBe(67);
  });

  it('keeps year-to-date values non-decreasing through 2026', () => {
    const ytd = indicators.filter((i) => i.ytd && (i.kind === 'level' || i.kind === 'count'));
    for (const c of counties) {
      for (const ind of ytd) {
        let prev = -Infinity;
        for (const p of MONTHS) {
          const v = at(c.code, ind.code, p);
          if (v === undefined || v === null) continue;
          expect(v, `${c.code} ${ind.code} ${p}`).toBeGreaterThanOrEqual(prev);
          prev = v;
        }
      }
    }
  });

  it('puts 1–9月 of the flows at 65–75 % of a year', () => {
    for (const c of counties) {
      const year =
        (at(c.code, 'gdp', '2025') ?? 0) * (1 + (at(c.code, 'gdp_growth', '2026-09') ?? 0) / 100);
      const ratio = (at(c.code, 'gdp', '2026-09') ?? 0) / year;
      expect(ratio).toBeGreaterThan(0.64);
      expect(ratio).toBeLessThan(0.76);
    }
  });

  it('keeps tax below budget revenue, shares within 0–100 and the industry share consistent', () => {
    for (const c of counties) {
      for (const p of ['2024', '2025', ...MONTHS]) {
        const tax = at(c.code, 'tax_revenue', p) ?? NaN;
        expect(tax).toBeLessThanOrEqual(at(c.code, 'general_budget_revenue', p) ?? NaN);
        for (const s of ['industry_va_share_of_gdp', 'secondary_tertiary_share']) {
          const v = at(c.code, s, p) ?? NaN;
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(100);
        }
        const ratio = ((at(c.code, 'industry_va', p) ?? 0) / (at(c.code, 'gdp', p) ?? 1)) * 100;
        expect(
          Math.abs(ratio - (at(c.code, 'industry_va_share_of_gdp', p) ?? 0)),
        ).toBeLessThanOrEqual(0.05 + 1e-9);
      }
    }
  });

  it('agrees in sign with the levels it grows from', () => {
    for (const c of counties) {
      for (const [level, growth] of [
        ['gdp', 'gdp_growth'],
        ['general_budget_revenue', 'general_budget_revenue_growth'],
        ['tax_revenue', 'tax_revenue_growth'],
        ['industrial_project_investment', 'industrial_project_investment_growth'],
      ] as const) {
        const implied =
          ((at(c.code, level, '2025') ?? 0) / (at(c.code, level, '2024') ?? 1) - 1) * 100;
        expect(
          Math.abs(implied - (at(c.code, growth, '2025') ?? 0)),
          `${c.code} ${growth}`,
        ).toBeLessThan(0.6);
      }
    }
  });

  it('populates the industrial and agricultural categories, and assigns synthetic attributes', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const x = province(seed);
      const get = index(x.observations);
      const industrial = counties.filter(
        (c) => (get(c.code, 'industry_va', '2025') ?? 0) > 10,
      ).length;
      const agricultural = counties.filter(
        (c) => (get(c.code, 'grain_output', '2025') ?? 0) >= 20,
      ).length;
      expect(industrial).toBeGreaterThanOrEqual(5);
      expect(industrial).toBeLessThanOrEqual(62);
      expect(agricultural).toBeGreaterThanOrEqual(5);
      expect(agricultural).toBeLessThanOrEqual(62);
      const attrs = [...x.attributes.values()];
      const eco = attrs.filter((a) => a.eco_zone).length;
      expect(eco).toBeGreaterThan(10);
      expect(eco).toBeLessThan(36);
      expect(attrs.some((a) => a.scenic_4a || a.heritage_area)).toBe(true);
    }
  });

  it('has counties that meet, miss and nearly meet the 2026 targets', () => {
    const vals = (ind: string) => counties.map((c) => at(c.code, ind, '2026-09') ?? NaN);
    for (const [ind, target] of [
      ['gdp_growth', 5],
      ['general_budget_revenue_growth', 7],
      ['tax_revenue_growth', 8.5],
      ['new_above_scale_enterprises', 2],
    ] as const) {
      const v = vals(ind);
      expect(v.filter((x) => x >= target).length, ind).toBeGreaterThan(5);
      expect(v.filter((x) => x < target).length, ind).toBeGreaterThan(5);
    }
    // 8.5左右 with a tolerance of 0.5: some counties land in [8.0, 8.5).
    expect(vals('tax_revenue_growth').some((x) => x >= 8 && x < 8.5)).toBe(true);
  });

  it('reports province values of reported indicators for 2026 only', () => {
    const own = r.observations.filter((o) => o.region === '230000');
    const reported = new Set(
      indicators.filter((i) => i.aggregate.method === 'reported').map((i) => i.code),
    );
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((o) => o.period.startsWith('2026-') && reported.has(o.indicator))).toBe(true);
    for (const ind of [
      'gdp_growth',
      'industry_va_growth',
      'primary_va_growth',
      'disposable_income_growth',
    ]) {
      for (const p of MONTHS) expect(at('230000', ind, p), `${ind} ${p}`).toBeTypeOf('number');
    }
  });
});

describe('generateDemo, national scale', () => {
  const t0 = performance.now();
  const r = generateDemo({ seed: 7, scale: 'national', register, indicators });
  const elapsed = performance.now() - t0;

  it('adds about 2,800 synthetic counties in synthetic provinces and prefectures', () => {
    const counties = r.regions.filter((x) => x.level === 'county');
    expect(counties.length).toBe(2800);
    expect(
      r.regions.every(
        (x) => x.code.startsWith('9') && x.synthetic === true && x.name.startsWith('合成'),
      ),
    ).toBe(true);
    expect(counties.every((c) => c.kind === '县' || c.kind === '县级市')).toBe(true);
    const byCode = new Map(r.regions.map((x) => [x.code, x]));
    for (const c of counties) {
      const pref = byCode.get(c.parent ?? '');
      expect(pref?.level).toBe('prefecture');
      expect(byCode.get(pref?.parent ?? '')?.level).toBe('province');
    }
    expect(new Set(r.regions.map((x) => x.code)).size).toBe(r.regions.length);
    expect(r.attributes.size).toBe(2800 + 67);
  });

  it('gives the real counties the same values as the province scale, and every county its 2026-09 values', () => {
    const own = province(7).observations;
    const real = r.observations.filter((o) => o.region.startsWith('23'));
    expect(real).toEqual(own);
    const at = index(r.observations);
    for (const c of r.regions.filter((x) => x.level === 'county')) {
      for (const ind of MONTHLY_NEEDED) expect(at(c.code, ind, '2026-09')).toBeTypeOf('number');
    }
    for (const p of r.regions.filter((x) => x.level === 'province')) {
      expect(at(p.code, 'gdp_growth', '2026-09')).toBeTypeOf('number');
      expect(at(p.code, 'gdp_growth', '2025')).toBeUndefined();
    }
  });

  it('is quick', () => {
    expect(r.observations.length).toBeGreaterThan(600_000);
    expect(elapsed).toBeLessThan(5000);
  });
});
