import { describe, expect, it } from 'vitest';
import { evaluatePace, evaluateTarget, parseTarget } from './index.js';
import { averageRate, cumulativePace, levelAnnualPace, levelPace, rateAnnualPace } from './pace.js';

const span = (year: number) => ({ base: 2020, year, end: 2025 });

describe('averageRate: geometric average of yearly growth rates', () => {
  it('takes negative rates as ordinary rates', () => {
    // (1 − 0.40) × (1 + 0.50) = 0.9; 0.9^(1/2) − 1 ≈ −5.131670%
    expect(Number(averageRate([-40, 50]))).toBeCloseTo(-5.13167, 4);
    // 0.2 then 5.2 is not +86.9%: (1.002 × 1.052)^(1/2) − 1 = 1.054104^(1/2) − 1 ≈ 2.669567%
    expect(Number(averageRate([0.2, 5.2]))).toBeCloseTo(2.669567, 5);
  });
  it('has no average for a rate of −100 or below, or no rate', () => {
    expect(averageRate([5, -100])).toBeNull();
    expect(averageRate([])).toBeNull();
  });
});

describe('levelPace: actual vs required compound growth (Open SDG)', () => {
  it('higher is better', () => {
    // base 100, 2022 value 110, target 2025 150:
    // actual = 1.1^(1/2) − 1 ≈ 4.880885%; required = 1.5^(1/5) − 1 ≈ 8.447177% → behind
    // needed = (150/110)^(1/3) − 1 = 1.363636^(1/3) − 1 ≈ 10.891823%
    const p = levelPace({ base: 100, value: 110, target: 150, span: span(2022), up: true });
    expect(p.pace).toBe('behind');
    expect(p.actual).toBeCloseTo(4.880885, 5);
    expect(p.required).toBeCloseTo(8.447177, 5);
    expect(p.needed).toBeCloseTo(10.891823, 5);
    expect(p.basis).toBe('cagr');
  });
  it('lower is better mirrors: falling faster than required is on pace', () => {
    // base 10 → target 8 by 2025: required = 0.8^(1/5) − 1 ≈ −4.364750%;
    // 2021 value 9: actual = −10% ≤ −4.364750% → on pace
    const p = levelPace({ base: 10, value: 9, target: 8, span: span(2021), up: false });
    expect(p.pace).toBe('on_track');
    expect(p.required).toBeCloseTo(-4.36475, 5);
    expect(p.actual).toBeCloseTo(-10, 9);
    // needed = (8/9)^(1/4) − 1 ≈ −2.901646%
    expect(p.needed).toBeCloseTo(-2.901646, 5);
  });
  it('falls back on the linear path when a level is not above zero', () => {
    // base 0 → 50 by 2025; 2022 path = 0 + 50 × 2/5 = 20; value 15 → behind; (50 − 15)/3 per year
    const p = levelPace({ base: 0, value: 15, target: 50, span: span(2022), up: true });
    expect(p).toMatchObject({ basis: 'linear', pace: 'behind', actual: 15, required: 20 });
    expect(p.needed).toBeCloseTo(35 / 3, 12);
  });
});

describe('年均增长 by the indicator kind', () => {
  it('on a level: CAGR from base, and the growth still needed', () => {
    // base 200, 2023 value 240: 1.2^(1/3) − 1 ≈ 6.265857% ≥ 5
    // goal = 200 × 1.05^5 = 255.2563125; needed = (255.2563125/240)^(1/2) − 1 ≈ 3.129432%
    const p = levelAnnualPace({ base: 200, value: 240, rate: '5', span: span(2023), up: true })!;
    expect(p.pace).toBe('on_track');
    expect(p.actual).toBeCloseTo(6.265857, 5);
    expect(p.needed).toBeCloseTo(3.129432, 5);
  });
  it('on a growth rate: the geometric average, base year not in it, −40 ordinary', () => {
    // rates 2021 −40, 2022 +60: (0.6 × 1.6)^(1/2) − 1 = 0.96^0.5 − 1 ≈ −2.020410% < 5 → behind
    // needed = (1.05^5 / 0.96)^(1/3) − 1 = (1.2762815625/0.96)^(1/3) − 1 ≈ 9.957558%
    const p = rateAnnualPace({ rates: [-40, 60], rate: '5', span: span(2022), up: true })!;
    expect(p.pace).toBe('behind');
    expect(p.actual).toBeCloseTo(-2.02041, 4);
    expect(p.needed).toBeCloseTo(9.957558, 5);
  });
  it('evaluateTarget reads the kind from the context', () => {
    const spec = parseTarget('年均增长5以上', { unit: '%', indicatorKind: 'growth' });
    const ctx = {
      direction: 'higher' as const,
      unit: '%',
      kind: 'growth' as const,
      base: { year: 2020, value: 0.2 },
      year: 2021,
      planEnd: 2025,
    };
    // One plan year, rate 5.2: average 5.2 ≥ 5 (a rise 0.2 → 5.2 is not +2500%)
    const r = evaluateTarget(spec, { ...ctx, value: 5.2, rates: [5.2] });
    expect(r).toMatchObject({ status: 'met', pace: 'on_track' });
    expect(r.measured).toBeCloseTo(5.2, 12);
    // A negative base rate is fine: it is not used
    expect(
      evaluateTarget(spec, { ...ctx, base: { year: 2020, value: -40 }, value: 6, rates: [6] })
        .status,
    ).toBe('met');
    expect(evaluateTarget(spec, { ...ctx, value: 6, rates: null }).status).toBe('no_data');
  });
  it('年均下降3% on a lower-is-better level', () => {
    const spec = parseTarget('年均下降3%', { unit: '吨', indicatorKind: 'level' });
    expect(spec).toEqual({ type: 'annual_growth', op: 'le', value: '-3' });
    const ctx = {
      direction: 'lower' as const,
      unit: '吨',
      kind: 'level' as const,
      base: { year: 2020, value: 100 },
    };
    // 100 → 94.09 in two years: 0.9409^(1/2) − 1 = −3% ≤ −3 → met
    expect(evaluateTarget(spec, { ...ctx, value: 94.09, year: 2022, planEnd: 2025 }).status).toBe(
      'met',
    );
    // 100 → 96: 0.96^(1/2) − 1 ≈ −2.02% → not met
    expect(evaluateTarget(spec, { ...ctx, value: 96, year: 2022, planEnd: 2025 }).pace).toBe(
      'behind',
    );
  });
});

describe('[X] cumulative against the pro-rata path', () => {
  it('mid-plan and at the end', () => {
    // [300] over 2021–2025; 2023 sum 190 vs path 300 × 3/5 = 180 → on pace, 110 remains
    expect(cumulativePace({ sum: 190, target: '300', span: span(2023), up: true })).toMatchObject({
      pace: 'on_track',
      actual: 190,
      required: 180,
      needed: 110,
    });
    const spec = parseTarget('[300]', { unit: '亿元' });
    const ctx = { direction: 'higher' as const, unit: '亿元', base: { year: 2020, value: null } };
    expect(
      evaluateTarget(spec, { ...ctx, cumulative: 170, year: 2023, planEnd: 2025 }),
    ).toMatchObject({
      status: 'not_met',
      pace: 'behind',
      required: 180,
    });
    expect(
      evaluateTarget(spec, { ...ctx, cumulative: 301, year: 2025, planEnd: 2025 }),
    ).toMatchObject({
      status: 'met',
      needed: 0,
    });
  });
});

describe('evaluatePace: an end-year target before its year', () => {
  const ctx = { unit: '%', base: { year: 2020, value: 3 }, year: 2022, planEnd: 2025 };
  it('a growth rate is compared directly, its pace is whether it meets the target', () => {
    const spec = parseTarget('6以上', { unit: '%', indicatorKind: 'growth' });
    const r = evaluatePace(spec, { ...ctx, direction: 'higher', kind: 'growth', value: 5 });
    expect(r).toMatchObject({ status: 'not_met', pace: 'behind' });
  });
  it('a level without a base value has no data', () => {
    const spec = parseTarget('800以上', { unit: '亿元', indicatorKind: 'level' });
    const r = evaluatePace(spec, {
      ...ctx,
      unit: '亿元',
      direction: 'higher',
      kind: 'level',
      base: { year: 2020, value: null },
      value: 600,
    });
    expect(r.status).toBe('no_data');
  });
});
