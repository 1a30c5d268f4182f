import { describe, it, expect } from 'vitest';
import type { Indicator } from '../../src/core/indicators/index.js';
import { matchIndicator, normaliseName } from '../../src/core/indicators/match.js';
import { indicator } from '../../src/core/testing/fixtures.js';
import { loadIndicators } from './load.js';

const indicators = loadIndicators();

const fake = (code: string, name: string, aliases?: string[]): Indicator =>
  indicator(code, { name, ...(aliases ? { aliases } : {}) });

describe('normaliseName', () => {
  it('drops width, spaces, markup, brackets, leading 县域/各县/全省 and 的', () => {
    expect(normaliseName('<b>县域地区生产总值（亿元）</b>')).toBe('地区生产总值');
    expect(normaliseName('全省县域 税收收入(亿元)')).toBe('税收收入');
    expect(normaliseName('超100亿元的县')).toBe('超100亿元县');
    expect(normaliseName('ＧＤＰ增速')).toBe('gdp增速');
  });
});

describe('matchIndicator', () => {
  it('finds every catalogue indicator by its own name and aliases', () => {
    for (const ind of indicators)
      for (const n of [ind.name, ...(ind.aliases ?? [])]) expect(matchIndicator(n, indicators), n).toBe(ind.code);
  });

  it.each([
    ['县域地区生产总值(亿元)', 'gdp'],
    ['地区生产总值增速(%)', 'gdp_growth'],
    ['县域新增规模以上工业企业(P)', 'new_above_scale_enterprises'],
    ['县域二三产业增加值占县域地区生产总值比重', 'secondary_tertiary_share'],
    ['各县城乡常住居民人均可支配收入增速', 'disposable_income_growth'],
    ['各县城常住居民人均可支配收入增速', 'urban_income_growth'],
    ['工业增加值占地区生产总值比重提高', 'industry_va_share_of_gdp'],
    ['新开工固定资产投资1000万元以上的项目', 'new_projects_over_10m'],
    ['全省县域转化重大科技成果', 'tech_transfers'],
    ['县域贷款余额增长', 'loan_growth'],
  ])('%s → %s', (name, code) => {
    expect(matchIndicator(name, indicators)).toBe(code);
  });

  it('returns null for an unknown name', () => {
    expect(matchIndicator('县域社会消费品零售总额', indicators)).toBeNull();
    expect(matchIndicator('', indicators)).toBeNull();
    expect(matchIndicator('工业', indicators)).toBeNull();
  });

  it('returns null when two indicators fit', () => {
    const list = [fake('a', '税收收入'), fake('b', '县域税收', ['全省税收收入'])];
    expect(matchIndicator('县域税收收入', list)).toBeNull();
    expect(matchIndicator('县域税收', list)).toBe('b');
  });

  it('prefers an exact fit to a loose one', () => {
    const list = [fake('a', '贷款余额增速'), fake('b', '贷款余额增长')];
    expect(matchIndicator('贷款余额增长', list)).toBe('b');
    expect(matchIndicator('贷款余额增长率', list)).toBeNull();
  });
});
