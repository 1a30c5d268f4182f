import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, type ResultRow } from '../../src/core/evaluate/index.js';
import { ObservationSet } from '../../src/core/observations/index.js';
import { preparePlan, validatePlan } from '../../src/core/plans/index.js';
import { parseObservations } from '../../src/io/observations.js';
import { loadIndicators } from '../../src/io/plans.js';
import { loadRegister } from '../../src/io/regions.js';
import { leitai, ROOT, tempDir } from '../helpers.js';
import { readJson, readText } from './load.js';

// A made-up five-year plan of 松北区 (230109, a 市辖区 of 哈尔滨市), written only as data:
// base 2020, end 2025; levels, a growth rate, a cumulative [X], a relative target, a 同期 target
// and a binding lower-is-better row. Every expected figure below is worked out by hand.

const FILE = 'test/fixtures/plans/district-five-year.json';
const plan = validatePlan(readJson(FILE), FILE);
const prepared = preparePlan(plan, loadIndicators());
const register = loadRegister();
const obs = new ObservationSet(
  parseObservations(readText('test/fixtures/plans/district-five-year.csv'), 'obs.csv'),
);

function rowsAt(period: string): ResultRow[] {
  return evaluate({ prepared, register, obs, period }).results;
}
function row(rows: ResultRow[], indicator: string, phrase: string): ResultRow {
  const r = rows.find((x) => x.indicator === indicator && x.phrase === phrase);
  if (!r) throw new Error(`no row ${indicator} ${phrase}`);
  return r;
}

describe('a district five-year plan (region instead of province)', () => {
  it('reads `region` as the plan region and has no county table', () => {
    expect(plan.province).toBe('230109');
    const ev = evaluate({ prepared, register, obs, period: '2022' });
    expect(ev.province).toBe('230109');
    expect(ev.counties).toBe(0);
    // Every end-year row is a judged row of 2022 (six computed, one judged by its department),
    // none is left to the outlook.
    expect(ev.results).toHaveLength(8);
    expect(ev.outlook).toHaveLength(0);
    expect(ev.results.every((r) => r.region === '230109' && r.regionName === '松北区')).toBe(true);
  });
});

describe('evaluated in 2022 (mid-plan): progress, pace and the pace still needed', () => {
  const rows = rowsAt('2022');

  it('GDP 800以上 by 2025: actual vs required compound growth', () => {
    const r = row(rows, 'gdp', '800以上');
    // actual = (605/500)^(1/2) − 1 = 1.21^0.5 − 1 = 10%
    // required = (800/500)^(1/5) − 1 = 1.6^0.2 − 1 ≈ 9.856054%
    // needed = (800/605)^(1/3) − 1 ≈ 1.3223^(1/3) − 1 ≈ 9.760195%
    expect(r.value).toBe(605);
    expect(r.pace).toBe('on_track');
    expect(r.status).toBe('met');
    expect(r.actual).toBeCloseTo(10, 9);
    expect(r.required).toBeCloseTo(9.856054, 5);
    expect(r.needed).toBeCloseTo(9.760195, 5);
    expect(r.note).toContain('按期推进');
  });

  it('GDP 年均增长8以上 on the same row is judged too', () => {
    const r = row(rows, 'gdp', '年均增长8以上');
    // actual = 10% ≥ 8% → on pace; goal = 500 × 1.08^5 = 734.664038
    // needed = (734.664038/605)^(1/3) − 1 ≈ 6.686910%
    expect(r).toMatchObject({ status: 'met', pace: 'on_track', required: 8 });
    expect(r.actual).toBeCloseTo(10, 9);
    expect(r.needed).toBeCloseTo(6.68691, 4);
  });

  it('GDP growth 年均增长6以上: geometric average of the rates, base year left out, negative rate ordinary', () => {
    const r = row(rows, 'gdp_growth', '年均增长6以上');
    // rates 2021 +12, 2022 −4 (the base year's 3 is not part of it):
    // (1.12 × 0.96)^(1/2) − 1 = 1.0752^0.5 − 1 ≈ 3.691851% < 6% → 滞后
    // needed = (1.06^5 / 1.0752)^(1/3) − 1 = (1.3382255776 / 1.0752)^(1/3) − 1 ≈ 7.567240%
    expect(r).toMatchObject({ status: 'not_met', pace: 'behind' });
    expect(r.actual).toBeCloseTo(3.691851, 5);
    expect(r.needed).toBeCloseTo(7.56724, 4);
    expect(r.note).toContain('滞后');
  });

  it('[500] cumulative: the sum so far against the pro-rata path', () => {
    const r = row(rows, 'industrial_project_investment', '[500]');
    // sum 2021–2022 = 90 + 100 = 190; path = 500 × 2/5 = 200 → behind; remains 500 − 190 = 310
    expect(r).toMatchObject({ status: 'not_met', pace: 'behind', actual: 190, required: 200, needed: 310 });
  });

  it('高于全市平均: the mean of the same indicator over the city’s units in the county scope', () => {
    const r = row(rows, 'general_budget_revenue_growth', '高于全市平均');
    // 哈尔滨市's nine 市辖区 in 2022: 4+5+3+7+6+5+4+6+5 = 45, mean 5; 松北区 6 > 5
    expect(r).toMatchObject({ value: 6, ref: 5, status: 'met', pace: 'on_track' });
  });

  it('与同期GDP增速基本同步: the plan region’s own GDP growth of the same year', () => {
    const r = row(rows, 'disposable_income_growth', '与同期GDP增速基本同步');
    // −3.8 vs −4: |0.2| ≤ 0.5 → met
    expect(r).toMatchObject({ ref: -4, status: 'met', pace: 'on_track' });
  });

  it('binding lower-is-better level: the fall must be at least as fast as required', () => {
    const r = row(rows, 'energy_intensity', '0.45以下');
    // actual = (0.48/0.5)^(1/2) − 1 = 0.96^0.5 − 1 ≈ −2.020410%
    // required = (0.45/0.5)^(1/5) − 1 = 0.9^0.2 − 1 ≈ −2.085164% → falling slower → 滞后
    // needed = (0.45/0.48)^(1/3) − 1 = 0.9375^(1/3) − 1 ≈ −2.128309%
    expect(r).toMatchObject({ status: 'not_met', pace: 'behind' });
    expect(r.actual).toBeCloseTo(-2.02041, 4);
    expect(r.required).toBeCloseTo(-2.085164, 5);
    expect(r.needed).toBeCloseTo(-2.128309, 5);
  });
});

describe('evaluated in 2025 (the end year): judged against the targets', () => {
  const rows = rowsAt('2025');

  it('an end-year level and a 年均增长 on one row can differ', () => {
    // 780 < 800 → 未完成; (780/500)^(1/5) − 1 = 1.56^0.2 − 1 ≈ 9.301197% ≥ 8% → 完成
    expect(row(rows, 'gdp', '800以上')).toMatchObject({ status: 'not_met', gap: -20 });
    const g = row(rows, 'gdp', '年均增长8以上');
    expect(g.status).toBe('met');
    expect(g.measured).toBeCloseTo(9.301197, 5);
    expect(g.needed).toBeNull();
    expect(g.pace).toBeUndefined();
  });

  it('the growth-rate average over the five plan years', () => {
    // 1.12 × 0.96 × 1.07 × 1.08 × 1.09 = 1.3543262208; ^(1/5) − 1 ≈ 6.253846% ≥ 6%
    const r = row(rows, 'gdp_growth', '年均增长6以上');
    expect(r.status).toBe('met');
    expect(r.measured).toBeCloseTo(6.253846, 5);
  });

  it('cumulative, relative, 同期 and binding rows', () => {
    // 90 + 100 + 110 + 105 + 100 = 505 ≥ 500
    expect(row(rows, 'industrial_project_investment', '[500]')).toMatchObject({
      status: 'met',
      actual: 505,
      needed: 0,
    });
    // mean 2025: (4+5+3+7+3+5+4+6+5)/9 = 42/9 ≈ 4.6667; 松北区 3 → 未完成
    const rel = row(rows, 'general_budget_revenue_growth', '高于全市平均');
    expect(rel.status).toBe('not_met');
    expect(rel.ref).toBeCloseTo(4.666667, 5);
    // 8 vs 9: |−1| > 0.5 → 未完成
    expect(row(rows, 'disposable_income_growth', '与同期GDP增速基本同步').status).toBe('not_met');
    // 0.44 ≤ 0.45 → 完成
    expect(row(rows, 'energy_intensity', '0.45以下').status).toBe('met');
  });
});

// The command line runs the built code (npm run build first).
describe('the command line carries pace and warns on phrases that do not fit the kind', () => {
  const planFile = join(ROOT, FILE);
  const data = join(ROOT, 'test/fixtures/plans/district-five-year.csv');

  it('evaluate --format json gives pace, actual, required and needed', () => {
    const r = leitai(
      'evaluate',
      '--plan',
      'songbei-2021-2025',
      '--plan-file',
      planFile,
      '--data',
      data,
      '--period',
      '2022',
      '--format',
      'json',
    );
    expect(r.code, r.stderr).toBe(0);
    const ev = JSON.parse(r.stdout) as { results: ResultRow[] };
    // [500]: 90 + 100 = 190 against 500 × 2/5 = 200
    expect(row(ev.results, 'industrial_project_investment', '[500]')).toMatchObject({
      pace: 'behind',
      actual: 190,
      required: 200,
      needed: 310,
    });
    expect(row(ev.results, 'gdp', '800以上').pace).toBe('on_track');
  });

  it('plan check lists a warning with its path and still accepts the plan', () => {
    const json = readJson(FILE) as { targets: Record<string, unknown>[] };
    // [X] on a growth rate: the yearly rates do not add up to anything
    json.targets[2] = { ...json.targets[2], phrase: '[30]' };
    const file = join(tempDir(), 'plan.json');
    writeFileSync(file, JSON.stringify(json));
    const r = leitai('plan', 'check', file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('提醒 targets.2.phrase「[30]」');
    expect(r.stdout).toContain('0 个问题,1 个提醒');
    const j = JSON.parse(leitai('plan', 'check', file, '--json').stdout) as {
      valid: boolean;
      warnings: { path: string }[];
    };
    expect(j.valid).toBe(true);
    expect(j.warnings.map((w) => w.path)).toEqual(['targets.2.phrase']);
  });
});

describe('a target the department judges (达到上级要求, judgement: manual)', () => {
  const manual = (o: ObservationSet, period: string) =>
    row(evaluate({ prepared, register, obs: o, period }).results, 'tech_transfers', '达到上级要求');

  it('is not parsed, reads as judged by its department, and is 无数据 until judged', () => {
    const r = manual(obs, '2025');
    expect(r.reading).toBe('由责任部门评定(人工评价)');
    expect(r).toMatchObject({ status: 'no_data', note: '责任部门尚未评定' });
  });

  it('counts the recorded status like any other, with its note', () => {
    const judged = new ObservationSet([
      ...parseObservations(readText('test/fixtures/plans/district-five-year.csv'), 'obs.csv'),
      {
        region: '230109',
        indicator: 'tech_transfers.judgement',
        period: '2025',
        value: 1, // 1 = 基本完成
        note: '省科技厅2025年考核:基本完成',
        evidence: '某科发〔2026〕1号',
      },
    ]);
    const r = manual(judged, '2025');
    expect(r.status).toBe('nearly_met');
    expect(r.judgement).toMatchObject({ note: '省科技厅2025年考核:基本完成' });
    const ev = evaluate({ prepared, register, obs: judged, period: '2025' });
    const without = evaluate({ prepared, register, obs, period: '2025' });
    expect(ev.summary.nearly_met).toBe(without.summary.nearly_met + 1);
    expect(ev.summary.no_data).toBe(without.summary.no_data - 1);
  });
});
