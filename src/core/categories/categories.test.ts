import { describe, expect, it } from 'vitest';
import { ObservationSet } from '../observations/index.js';
import type { Category } from '../plans/index.js';
import { observation as o, region } from '../testing/fixtures.js';
import { assignCategories, evidenceText, ruleEvidence, type RuleEvidence } from './index.js';

const A = region('230101', 'A县', '230100', '县', { scenic_4a: true, heritage_area: true });
const B = region('230102', 'B县', '230100', '县', { scenic_4a: false, heritage_area: null });
const C = region('230103', 'C县', '230100', '县', { scenic_4a: false, heritage_area: false });

const obs = new ObservationSet([
  o('230101', 'industry_va', '2025', 12.345),
  o('230102', 'industry_va', '2025', 10),
  o('230101', 'grain', '2025', 20),
]);

const INDUSTRIAL: Category = {
  code: 'industrial',
  name: '工业县',
  nameEn: 'Industrial county',
  printed: '2025年县域工业增加值超过10亿元的县为工业县',
  rule: { indicator: 'industry_va', period: '2025', op: '>', value: 10 },
};
const TOURISM: Category = {
  code: 'tourism',
  name: '旅游县',
  nameEn: 'Tourism county',
  printed: '有历史文化资源富集区或4A级景区的县为旅游县',
  rule: { any: [{ attribute: 'heritage_area' }, { attribute: 'scenic_4a' }] },
};
const BOTH: Category = {
  code: 'both',
  name: '双优县',
  nameEn: 'both',
  printed: 'test',
  rule: {
    all: [
      { indicator: 'industry_va', period: '2025', op: '>', value: 10 },
      { indicator: 'grain', period: '2025', op: '>=', value: 20 },
    ],
  },
};

const names = (code: string) =>
  ({
    industry_va: { name: '工业增加值', unit: '亿元' },
    grain: { name: '粮食产量', unit: '亿斤' },
  })[code];

describe('category evidence', () => {
  it('gives the value that met an indicator rule, and nothing when it did not', () => {
    expect(ruleEvidence(INDUSTRIAL.rule, A, obs)).toEqual([
      { indicator: 'industry_va', period: '2025', op: '>', threshold: 10, value: 12.345 },
    ]);
    // 10 is not more than 10; C has no value at all.
    expect(ruleEvidence(INDUSTRIAL.rule, B, obs)).toBeNull();
    expect(ruleEvidence(INDUSTRIAL.rule, C, obs)).toBeNull();
  });

  it('names every part of an `any` that held, and every part of an `all`', () => {
    expect(ruleEvidence(TOURISM.rule, A, obs)).toEqual([
      { attribute: 'heritage_area' },
      { attribute: 'scenic_4a' },
    ]);
    // B: one part false, one unknown — not a member, so no evidence.
    expect(ruleEvidence(TOURISM.rule, B, obs)).toBeNull();
    expect(ruleEvidence(BOTH.rule, A, obs)?.map((e) => 'indicator' in e && e.indicator)).toEqual([
      'industry_va',
      'grain',
    ]);
  });

  it('says a condition in words: period, name, value rounded for its unit, rule as printed', () => {
    const e: RuleEvidence = {
      indicator: 'industry_va',
      period: '2025',
      op: '>',
      threshold: 10,
      value: 12.345,
    };
    expect(evidenceText(e, names)).toBe('2025年工业增加值 12.3亿元 > 10亿元');
    expect(
      evidenceText({ ...e, indicator: 'grain', op: '>=', threshold: 20, value: 20 }, names),
    ).toBe('2025年粮食产量 20.0亿斤 ≥ 20亿斤');
    expect(evidenceText({ attribute: 'scenic_4a' }, names)).toBe('有4A级景区');
    expect(evidenceText({ attribute: 'new_attr' }, names)).toBe('区域属性「new_attr」为是');
    expect(evidenceText({ ...e, indicator: 'unknown' }, names)).toBe('2025年unknown 12.3 > 10');
  });

  it('assigns with the evidence of each membership, in the plan’s order', () => {
    const a = assignCategories([INDUSTRIAL, TOURISM, BOTH], [A, B, C], obs);
    expect(a.byRegion.get('230101')).toEqual(['industrial', 'tourism', 'both']);
    expect(a.evidence.get('230101')?.map((m) => m.category)).toEqual(a.byRegion.get('230101'));
    expect(a.evidence.get('230101')?.[0]?.evidence).toEqual([
      { indicator: 'industry_va', period: '2025', op: '>', threshold: 10, value: 12.345 },
    ]);
    expect(a.evidence.get('230102')).toEqual([]);
    expect(a.evidence.get('230103')).toEqual([]);
  });
});
