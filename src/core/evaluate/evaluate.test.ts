import { describe, expect, it } from 'vitest';
import type { Indicator } from '../indicators/index.js';
import { ObservationSet } from '../observations/index.js';
import { preparePlan, type Plan } from '../plans/index.js';
import { makeRegister, type Region } from '../regions/index.js';
import { indicator, observation, planShell, region as regionOf } from '../testing/fixtures.js';
import { evaluate } from './index.js';

const ind = indicator;

const INDICATORS: Indicator[] = [
  ind('gdp', { name: '地区生产总值' }),
  ind('gdp_growth', {
    name: '地区生产总值增速',
    aliases: ['GDP增速'],
    unit: '%',
    kind: 'growth',
    aggregate: { method: 'reported' },
  }),
  ind('big', {
    unit: '个',
    kind: 'count',
    frequency: 'yearly',
    ytd: false,
    aggregate: { method: 'count_over', of: 'gdp', threshold: 100 },
  }),
  ind('grain', { unit: '亿斤', frequency: 'yearly', ytd: false }),
  ind('income_growth', { unit: '%', kind: 'growth', aggregate: { method: 'reported' } }),
];

const region = (code: string, parent: string | null, kind: string, attributes = {}): Region =>
  regionOf(code, `R${code}`, parent, kind, attributes);

const REGISTER = makeRegister([
  region('230000', null, '省'),
  region('230100', '230000', '地级市'),
  region('230101', '230100', '县', { eco: true }),
  region('230102', '230100', '县级市', { eco: null }),
  region('230103', '230100', '市辖区'),
]);

function plan(over: Partial<Plan> = {}): Plan {
  return planShell({
    targets: [
      {
        table: 'province',
        indicator: 'gdp',
        name: 'GDP',
        unit: '亿元',
        scope: 'province',
        year: 2026,
        phrase: '300以上',
        departments: [],
      },
      {
        table: 'province',
        indicator: 'big',
        name: '超100亿元县',
        unit: '个',
        scope: 'province',
        year: 2026,
        phrase: '2',
        departments: [],
      },
      {
        table: 'county',
        indicator: 'gdp_growth',
        name: '增速',
        unit: '%',
        scope: 'all',
        year: 2026,
        phrase: '5以上',
        departments: [],
      },
      {
        table: 'county',
        indicator: 'income_growth',
        name: '收入',
        unit: '%',
        scope: 'all',
        year: 2026,
        phrase: '高于全省县域GDP增速',
        departments: [],
      },
      {
        table: 'county',
        indicator: 'gdp',
        name: 'GDP',
        unit: '亿元',
        scope: { category: 'farm' },
        year: 2026,
        phrase: '200以上',
        departments: [],
      },
      {
        table: 'county',
        indicator: 'gdp_growth',
        name: '增速',
        unit: '%',
        scope: { category: 'eco' },
        year: 2026,
        phrase: '6以上',
        departments: [],
      },
    ],
    categories: [
      {
        code: 'farm',
        name: '农业县',
        nameEn: 'farm',
        printed: 'grain ≥ 20',
        rule: { indicator: 'grain', period: '2025', op: '>=', value: 20 },
      },
      {
        code: 'eco',
        name: '生态县',
        nameEn: 'eco',
        printed: 'eco zone',
        rule: { attribute: 'eco' },
      },
    ],
    ...over,
  });
}

const o = observation;

describe('evaluate', () => {
  const obs = new ObservationSet([
    o('230101', 'gdp', '2026', 150.1),
    o('230102', 'gdp', '2026', 149.9),
    o('230103', 'gdp', '2026', 999), // a district: outside the plan's county scope
    o('230101', 'gdp_growth', '2026', 5),
    o('230102', 'gdp_growth', '2026', 4.9),
    o('230000', 'gdp_growth', '2026', 5.2),
    o('230101', 'income_growth', '2026', 5.3),
    o('230102', 'income_growth', '2026', 5.2),
    o('230101', 'grain', '2025', 25),
    o('230102', 'grain', '2025', 5),
  ]);
  const prepared = preparePlan(plan(), INDICATORS);
  const ev = evaluate({ prepared, register: REGISTER, obs, period: '2026' });
  const row = (region: string, indicator: string, scope?: string) =>
    ev.results.find(
      (r) => r.region === region && r.indicator === indicator && (!scope || r.scope === scope),
    );

  it('covers the plan kinds only and derives the province exactly', () => {
    expect(ev.counties).toBe(2);
    expect(row('230000', 'gdp')).toMatchObject({
      value: 300,
      status: 'met',
      gap: 0,
      derived: true,
    });
    expect(row('230000', 'big')).toMatchObject({ value: 2, status: 'met', derived: true });
  });

  it('judges every county target, relative ones against the province value', () => {
    expect(row('230101', 'gdp_growth', 'all')?.status).toBe('met');
    expect(row('230102', 'gdp_growth', 'all')).toMatchObject({ status: 'not_met', gap: -0.1 });
    expect(row('230101', 'income_growth')).toMatchObject({ status: 'met', ref: 5.2 });
    expect(row('230102', 'income_growth')?.status).toBe('not_met');
  });

  it('applies personalised targets to members only, and says when membership is unknown', () => {
    expect(ev.categories).toEqual({ '230101': ['farm', 'eco'], '230102': [] });
    expect(row('230101', 'gdp', 'category:farm')?.status).toBe('not_met');
    expect(row('230102', 'gdp', 'category:farm')).toBeUndefined();
    expect(ev.categoryNotes.find((n) => n.code === 'eco')?.state).toBe('partial');
  });

  it('says why each county is in each of its categories', () => {
    expect(ev.categoryReasons).toEqual({
      '230101': [
        {
          category: 'farm',
          name: '农业县',
          reason: '2025年grain 25.0亿斤 ≥ 20亿斤',
          evidence: [{ indicator: 'grain', period: '2025', op: '>=', threshold: 20, value: 25 }],
        },
        {
          category: 'eco',
          name: '生态县',
          reason: '区域属性「eco」为是',
          evidence: [{ attribute: 'eco' }],
        },
      ],
      '230102': [],
    });
    for (const [region, reasons] of Object.entries(ev.categoryReasons))
      expect(reasons.map((r) => r.category)).toEqual(ev.categories[region]);
  });

  it('does not sum a province value when a county is missing', () => {
    const partial = new ObservationSet([o('230101', 'gdp', '2026', 150)]);
    const e = evaluate({ prepared, register: REGISTER, obs: partial, period: '2026' });
    const r = e.results.find((x) => x.region === '230000' && x.indicator === 'gdp');
    expect(r).toMatchObject({ value: null, status: 'no_data' });
    expect(r?.note).toContain('1个县缺少数据');
  });

  it('judges a year-to-date level by its projection: linear, or last year’s profile', () => {
    const months = new ObservationSet([
      o('230101', 'gdp', '2026-06', 80),
      o('230102', 'gdp', '2026-06', 70),
    ]);
    const linear = evaluate({ prepared, register: REGISTER, obs: months, period: '2026-06' });
    const p = linear.results.find((x) => x.region === '230000' && x.indicator === 'gdp')!;
    expect(p.progress).toMatchObject({
      basis: 'linear',
      share: 0.5,
      done: 0.5,
      expected: 150,
      projection: 300,
      remaining: 150,
    });
    expect(p.status).toBe('met');
    months.add(o('230000', 'gdp', '2025-06', 100));
    months.add(o('230000', 'gdp', '2025', 250));
    const seasonal = evaluate({ prepared, register: REGISTER, obs: months, period: '2026-06' });
    const q = seasonal.results.find((x) => x.region === '230000' && x.indicator === 'gdp')!;
    expect(q.progress).toMatchObject({ basis: 'seasonal', share: 0.4, projection: 375 });
  });

  it('leaves yearly indicators to the year end', () => {
    const e = evaluate({ prepared, register: REGISTER, obs, period: '2026-06' });
    expect(e.results.find((x) => x.indicator === 'big')).toMatchObject({
      status: 'no_data',
      note: '年度指标,按年评价',
    });
  });
});
