import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { generateDemo, HLJ_PUBLISHED } from '../../src/core/demo/index.js';
import type { Observation } from '../../src/core/observations/index.js';
import { COUNTY_DOMAIN_KINDS } from '../../src/core/regions/index.js';
import { loadIndicators } from '../../src/io/plans.js';
import { loadRegister } from '../../src/io/regions.js';

// The province values derived from the demo's county values reproduce the published 完成
// columns (seed 001 附件1 for 2024, seed 000 附件1 for 2025), in exact decimal arithmetic.
const register = loadRegister();
const indicators = loadIndicators();
const counties = [...register.regions.values()].filter(
  (r) => r.level === 'county' && (COUNTY_DOMAIN_KINDS as readonly string[]).includes(r.kind),
);

function slice(obs: readonly Observation[], indicator: string, period: string): Decimal[] {
  return obs
    .filter((o) => o.indicator === indicator && o.period === period && o.region !== '230000')
    .map((o) => new Decimal(String(o.value)));
}
const sum = (xs: Decimal[]) => xs.reduce((a, b) => a.plus(b), new Decimal(0));
const over = (xs: Decimal[], t: number) => xs.filter((x) => x.greaterThan(t)).length;

describe.each([1, 2026, 99991])('calibration to the published results, seed %i', (seed) => {
  const { observations } = generateDemo({ seed, scale: 'province', register, indicators });

  it('generates the 67 县域 counties of the real register', () => {
    expect(counties.length).toBe(67);
    expect(slice(observations, 'gdp', '2025').length).toBe(67);
  });

  it('2025: 35 counties over 100亿, 7 over 200亿, revenue 373.4, tax 148.9, investment 651.4', () => {
    const gdp = slice(observations, 'gdp', '2025');
    expect(over(gdp, 100)).toBe(35);
    expect(over(gdp, 200)).toBe(7);
    expect(sum(slice(observations, 'general_budget_revenue', '2025')).toFixed(1)).toBe('373.4');
    expect(sum(slice(observations, 'tax_revenue', '2025')).toFixed(1)).toBe('148.9');
    expect(sum(slice(observations, 'industrial_project_investment', '2025')).toFixed(1)).toBe(
      '651.4',
    );
    // Exactly, not only at one decimal.
    expect(sum(slice(observations, 'general_budget_revenue', '2025')).equals('373.4')).toBe(true);
    expect(sum(slice(observations, 'tax_revenue', '2025')).equals('148.9')).toBe(true);
    expect(sum(slice(observations, 'industrial_project_investment', '2025')).equals('651.4')).toBe(
      true,
    );
    expect(sum(slice(observations, 'new_above_scale_enterprises', '2025')).toNumber()).toBe(241);
    expect(sum(slice(observations, 'new_innovative_smes', '2025')).toNumber()).toBe(164);
    expect(sum(slice(observations, 'tech_transfers', '2025')).toNumber()).toBe(150);
  });

  it('2024: 30 and 5 counties, GDP 7080.7, revenue 351.3, tax 143.7, investment 520', () => {
    const gdp = slice(observations, 'gdp', '2024');
    expect(over(gdp, 100)).toBe(HLJ_PUBLISHED[2024].over100);
    expect(over(gdp, 200)).toBe(5);
    expect(sum(gdp).equals('7080.7')).toBe(true);
    expect(sum(slice(observations, 'general_budget_revenue', '2024')).equals('351.3')).toBe(true);
    expect(sum(slice(observations, 'tax_revenue', '2024')).equals('143.7')).toBe(true);
    expect(sum(slice(observations, 'industrial_project_investment', '2024')).equals('520')).toBe(
      true,
    );
    const share = sum(slice(observations, 'industry_va', '2024'))
      .div(sum(gdp))
      .times(100);
    expect(share.toFixed(1)).toBe('11.7');
    expect(sum(slice(observations, 'above_scale_enterprises', '2024')).toNumber()).toBe(2449);
    expect(sum(slice(observations, 'new_innovative_smes', '2024')).toNumber()).toBe(84);
    expect(sum(slice(observations, 'tech_transfers', '2024')).toNumber()).toBe(78);
  });

  it('keeps GDP growth around the published 4.5 (2025) with a spread', () => {
    const g = slice(observations, 'gdp_growth', '2025').map((x) => x.toNumber());
    const mean = g.reduce((a, b) => a + b, 0) / g.length;
    expect(Math.abs(mean - 4.5)).toBeLessThan(1);
    expect(Math.max(...g) - Math.min(...g)).toBeGreaterThan(4);
    const nominal = sum(slice(observations, 'gdp', '2025')).div(
      sum(slice(observations, 'gdp', '2024')),
    );
    expect(Math.abs(nominal.toNumber() - 1.045)).toBeLessThan(0.01);
  });

  it('keeps tax at or below budget revenue in every county and period', () => {
    const gbr = new Map(
      observations
        .filter((o) => o.indicator === 'general_budget_revenue')
        .map((o) => [`${o.region}|${o.period}`, new Decimal(String(o.value))]),
    );
    const tax = observations.filter((o) => o.indicator === 'tax_revenue');
    expect(tax.length).toBe(67 * (2 + 9 + 12)); // 2024, 2025, 2026-01…09 and 2025-01…12
    for (const o of tax)
      expect(new Decimal(String(o.value)).lessThan(gbr.get(`${o.region}|${o.period}`)!)).toBe(true);
  });

  it('calibrates the 2025 二三产业 share to the published 61.6 (hlj-2026 附件1 第7项 baseline)', () => {
    const gdp = new Map(
      observations
        .filter((o) => o.indicator === 'gdp' && o.period === '2025' && o.region !== '230000')
        .map((o) => [o.region, new Decimal(String(o.value))]),
    );
    const shares = observations.filter(
      (o) => o.indicator === 'secondary_tertiary_share' && o.period === '2025',
    );
    expect(shares.length).toBe(67);
    const weighted = shares.reduce(
      (a, o) => a.plus(gdp.get(o.region)!.times(String(o.value))),
      new Decimal(0),
    );
    const total = [...gdp.values()].reduce((a, b) => a.plus(b), new Decimal(0));
    expect(weighted.div(total).toDecimalPlaces(1).toString()).toBe('61.6');
  });

  it('has 2025-01 … 2025-12 for every county and monthly indicator, December being the year', () => {
    const at = new Map(
      observations.map((o) => [`${o.region}|${o.indicator}|${o.period}`, o.value]),
    );
    const monthly = new Set(
      observations
        .filter((o) => o.period === '2026-09' && o.region !== '230000')
        .map((o) => o.indicator),
    );
    expect(monthly.size).toBeGreaterThan(20);
    for (const c of counties)
      for (const ind of monthly)
        for (let m = 1; m <= 12; m++) {
          const period = `2025-${String(m).padStart(2, '0')}`;
          expect(at.get(`${c.code}|${ind}|${period}`), `${c.code} ${ind} ${period}`).toBeTypeOf(
            'number',
          );
        }
    for (const c of counties) {
      for (const ind of ['gdp', 'tax_revenue', 'gdp_growth', 'new_innovative_smes'])
        expect(at.get(`${c.code}|${ind}|2025-12`)).toBe(at.get(`${c.code}|${ind}|2025`));
      // 上年同期: 2026's 1–9月 growth is measured on 2025's 1–9月 level (within rounding).
      const g = at.get(`${c.code}|gdp_growth|2026-09`)!;
      const l25 = at.get(`${c.code}|gdp|2025-09`)!;
      const l26 = at.get(`${c.code}|gdp|2026-09`)!;
      expect(Math.abs(l25 * (1 + g / 100) - l26)).toBeLessThan(0.02 + l25 * 0.0006);
    }
  });
});
