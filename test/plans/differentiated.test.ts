import { describe, expect, it } from 'vitest';
import { evaluate, type ResultRow } from '../../src/core/evaluate/index.js';
import { ObservationSet } from '../../src/core/observations/index.js';
import { preparePlan, validatePlan } from '../../src/core/plans/index.js';
import { rankPlan } from '../../src/core/ranking/index.js';
import { parseObservations } from '../../src/io/observations.js';
import { loadIndicators } from '../../src/io/plans.js';
import { loadRegister } from '../../src/io/regions.js';
import { ROOT } from '../helpers.js';
import { readJson, readText } from './load.js';

// TEST DATA, made up: a province's differentiated scheme (差异化评价) written only as data —
// mutually exclusive categories in order of precedence, a targetless indicator compared across
// counties, 先进县 and 进步县 per category, and two aggregates over the counties (a share and a
// count over a threshold). Six counties of another province's register (real GB/T 2260 codes of
// Zhejiang, invented figures). Every expected figure below is worked out by hand.

const FILE = 'test/fixtures/plans/province-differentiated.json';
const plan = validatePlan(readJson(FILE), FILE);
const prepared = preparePlan(plan, loadIndicators());
const register = loadRegister({
  regionFiles: [`${ROOT}/test/fixtures/plans/province-differentiated-regions.csv`],
});
const obs = new ObservationSet(
  parseObservations(readText('test/fixtures/plans/province-differentiated.csv'), 'obs.csv'),
);

const TONGLU = '330122';
const CHUNAN = '330127';
const JIANDE = '330182';
const XIANGSHAN = '330225';
const NINGHAI = '330226';
const YUYAO = '330281';

function row(rows: ResultRow[], region: string, indicator: string): ResultRow {
  const r = rows.find((x) => x.region === region && x.indicator === indicator);
  if (!r) throw new Error(`no row ${region} ${indicator}`);
  return r;
}

describe('categories that exclude each other, in the plan order', () => {
  const ev = evaluate({ prepared, register, obs, period: '2026-06' });

  it('puts every county in exactly one category, the first whose rule it meets', () => {
    // 2025 工业增加值 > 100: 桐庐 150, 建德 120, 宁海 130 → 工业强县 (桐庐's grain 25 ≥ 20 as well,
    // but an earlier category wins). 粮食 ≥ 20 among the rest: 淳安 30, 象山 22 → 农业大县.
    // 余姚 (60, 8) meets neither → 综合发展县.
    expect(ev.counties).toBe(6);
    expect(ev.categories).toEqual({
      [TONGLU]: ['industrial'],
      [CHUNAN]: ['agricultural'],
      [JIANDE]: ['industrial'],
      [XIANGSHAN]: ['agricultural'],
      [NINGHAI]: ['industrial'],
      [YUYAO]: ['other'],
    });
  });

  it('says why a county is lower in the order: not in the earlier category', () => {
    const [chunan] = ev.categoryReasons[CHUNAN]!;
    expect(chunan!.reason).toContain('不属于工业强县');
    const [yuyao] = ev.categoryReasons[YUYAO]!;
    expect(yuyao!.reason).toContain('不属于工业强县');
    expect(yuyao!.reason).toContain('不属于农业大县');
  });

  it('applies each personalised target to its own category only', () => {
    const rows = ev.results;
    // 工业增加值增速 8以上: 桐庐 10 met, 建德 6 not met, 宁海 8 met; no row for the others.
    expect(row(rows, TONGLU, 'industry_va_growth').status).toBe('met');
    expect(row(rows, JIANDE, 'industry_va_growth').status).toBe('not_met');
    expect(row(rows, NINGHAI, 'industry_va_growth').status).toBe('met');
    // 第一产业增加值增速 4以上: 淳安 5 met, 象山 3 not met.
    expect(row(rows, CHUNAN, 'primary_va_growth').status).toBe('met');
    expect(row(rows, XIANGSHAN, 'primary_va_growth').status).toBe('not_met');
    const personal = rows.filter((r) => r.scope.startsWith('category:'));
    expect(personal).toHaveLength(5);
  });
});

describe('targets for every county and aggregates over the counties', () => {
  it('judges 地区生产总值增速 6以上 county by county (2026年1-6月)', () => {
    const rows = evaluate({ prepared, register, obs, period: '2026-06' }).results;
    // 8, 5, 7, 6, 9, 4 against 6: 6 itself meets "6以上".
    const expected: [string, string][] = [
      [TONGLU, 'met'],
      [CHUNAN, 'not_met'],
      [JIANDE, 'met'],
      [XIANGSHAN, 'met'],
      [NINGHAI, 'met'],
      [YUYAO, 'not_met'],
    ];
    for (const [region, status] of expected)
      expect(row(rows, region, 'gdp_growth').status, region).toBe(status);
  });

  it('the share of counties over a threshold, and the count, derived from the counties', () => {
    const june = evaluate({ prepared, register, obs, period: '2026-06' }).results;
    const share = row(june, '330000', 'share_counties_gdp_growth_6');
    // ≥ 6 in June: 桐庐 8, 建德 7, 象山 6, 宁海 9 → 4 of 6 = 66.67% ≥ 60 → met.
    expect(share.value).toBeCloseTo(200 / 3, 10);
    expect(share.derived).toBe(true);
    expect(share.status).toBe('met');
    const count = row(june, '330000', 'counties_gdp_growth_8');
    // ≥ 8 in June: 桐庐 8, 宁海 9 → 2 ≥ 2 → met (the threshold itself counts: op ">=").
    expect(count).toMatchObject({ value: 2, status: 'met' });

    const may = evaluate({ prepared, register, obs, period: '2026-05' }).results;
    // ≥ 6 in May: 桐庐 7, 建德 8, 象山 6 → 3 of 6 = 50% < 60 → not met; ≥ 8: 建德 → 1 < 2.
    expect(row(may, '330000', 'share_counties_gdp_growth_6')).toMatchObject({
      value: 50,
      status: 'not_met',
    });
    expect(row(may, '330000', 'counties_gdp_growth_8')).toMatchObject({
      value: 1,
      status: 'not_met',
    });
  });
});

describe('the 擂台赛 with a targetless indicator and awards per category', () => {
  // min-max points = 1 + 99 × (x − min) ÷ (max − min), per item over the counties scored on it;
  // a county's score is the mean of its sections (经济总量, 财政实力, and 个性化 for the members).
  //
  // June. 经济总量, gap to 6: 2, −1, 1, 0, 3, −2 (桐庐, 淳安, 建德, 象山, 宁海, 余姚) → min −2,
  //   span 5 → 80.2, 20.8, 60.4, 40.6, 100, 1.
  // 财政实力, 一般公共预算收入增速 compared without a target: 10, 20, 0, 15, 5, 25 → span 25 →
  //   40.6, 80.2, 1, 60.4, 20.8, 100.
  // 个性化: industrial gaps to 8 (桐庐 2, 建德 −2, 宁海 0) → 100, 1, 50.5;
  //   agricultural gaps to 4 (淳安 1, 象山 −1) → 100, 1; 余姚 has none (section left out).
  // Scores: 桐庐 (80.2 + 40.6 + 100) / 3 = 73.6; 淳安 (20.8 + 80.2 + 100) / 3 = 67;
  //   建德 (60.4 + 1 + 1) / 3 = 20.8; 象山 (40.6 + 60.4 + 1) / 3 = 34;
  //   宁海 (100 + 20.8 + 50.5) / 3 = 57.1; 余姚 (1 + 100) / 2 = 50.5.
  //
  // May. gaps to 6: 1, −2, 2, 0, −1, −3 → 80.2, 20.8, 100, 60.4, 40.6, 1.
  //   revenue growth 10, 5, 10, 25, 0, 20 → 40.6, 20.8, 40.6, 100, 1, 80.2.
  //   industrial gaps (桐庐 1, 建德 0, 宁海 −1) → 100, 50.5, 1; agricultural (淳安 0, 象山 2) → 1, 100.
  // Scores: 桐庐 73.6; 淳安 (20.8 + 20.8 + 1) / 3 = 14.2; 建德 (100 + 40.6 + 50.5) / 3 = 63.7;
  //   象山 (60.4 + 100 + 100) / 3 = 86.8; 宁海 (40.6 + 1 + 1) / 3 = 14.2; 余姚 (1 + 80.2) / 2 = 40.6.
  const { ranking } = rankPlan({ prepared, register, obs, period: '2026-06' });
  const c = (region: string) => ranking.counties.find((x) => x.region === region)!;

  it('scores and ranks the counties', () => {
    expect(c(TONGLU).score).toBeCloseTo(73.6, 2);
    expect(c(CHUNAN).score).toBeCloseTo(67, 2);
    expect(c(JIANDE).score).toBeCloseTo(20.8, 2);
    expect(c(XIANGSHAN).score).toBeCloseTo(34, 2);
    expect(c(NINGHAI).score).toBeCloseTo(57.1, 2);
    expect(c(YUYAO).score).toBeCloseTo(50.5, 2);
    const order = [...ranking.counties]
      .sort((a, b) => a.rank! - b.rank!)
      .map((x) => x.region);
    expect(order).toEqual([TONGLU, CHUNAN, NINGHAI, YUYAO, XIANGSHAN, JIANDE]);
  });

  it('lists the compared indicator as an item without a target', () => {
    const item = ranking.method.items.find((i) => i.indicator === 'general_budget_revenue_growth');
    expect(item).toMatchObject({ targetless: true, section: '财政实力' });
  });

  it('ranks within each category and names its 先进县 and 进步县', () => {
    // June, within 工业强县: 桐庐 73.6, 宁海 57.1, 建德 20.8; in May 桐庐 73.6, 建德 63.7, 宁海 14.2.
    expect(c(TONGLU).categoryRanks).toEqual({ industrial: 1 });
    expect(c(NINGHAI).categoryRanks).toEqual({ industrial: 2 });
    expect(c(JIANDE).categoryRanks).toEqual({ industrial: 3 });
    // 农业大县: 淳安 67 before 象山 34 (in May 象山 86.8 before 淳安 14.2).
    expect(c(CHUNAN).categoryRanks).toEqual({ agricultural: 1 });
    expect(c(XIANGSHAN).categoryRanks).toEqual({ agricultural: 2 });

    const awards = Object.fromEntries(
      ranking.categoryAwards.map((a) => [
        a.category,
        { advanced: a.advanced.map((x) => x.region), improved: a.improved.map((x) => x.region) },
      ]),
    );
    // 先进县: the first of each category. 进步县: the largest rise within the category —
    // 宁海 3rd → 2nd among 工业强县, 淳安 2nd → 1st among 农业大县; 余姚 is alone and cannot rise.
    expect(awards).toEqual({
      industrial: { advanced: [TONGLU], improved: [NINGHAI] },
      agricultural: { advanced: [CHUNAN], improved: [CHUNAN] },
      other: { advanced: [YUYAO], improved: [] },
    });
  });

  it('gives the overall rank change against May', () => {
    // May: 象山 86.8 (1), 桐庐 73.6 (2), 建德 63.7 (3), 余姚 40.6 (4), 淳安 and 宁海 14.2 (5, 5).
    expect(ranking.previousPeriod).toBe('2026-05');
    expect(c(TONGLU).change).toBe(1);
    expect(c(CHUNAN).change).toBe(3);
    expect(c(NINGHAI).change).toBe(2);
    expect(c(YUYAO).change).toBe(0);
    expect(c(XIANGSHAN).change).toBe(-4);
    expect(c(JIANDE).change).toBe(-3);
  });
});
