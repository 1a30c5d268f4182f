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
    expect(tax.length).toBe(67 * 11);
    for (const o of tax)
      expect(new Decimal(String(o.value)).lessThan(gbr.get(`${o.region}|${o.period}`)!)).toBe(true);
  });
});
