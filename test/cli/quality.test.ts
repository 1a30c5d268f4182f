import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, testDb, type TestDb } from '../store/dialects.js';
import { json, leitai, tempDir } from '../helpers.js';

interface Finding {
  region: string;
  regionName: string;
  indicator: string;
  period: string;
  check: string;
  severity: string;
  message: string;
  related: string[];
  evidence: Record<string, number | string | null>;
}
interface Report {
  period: string;
  plan: string | null;
  counties: number;
  checked: number;
  findings: Finding[];
  summary: { error: number; warning: number; info: number };
  revisions: boolean;
  notes: string[];
}

/** Checks that consistent (synthetic) data never trip. */
const CONSISTENCY = [
  'range',
  'share_bounds',
  'tax_le_budget',
  'industry_le_gdp',
  'ytd_decreasing',
  'growth_vs_levels',
  'revision_after_approval',
];

const key = (f: Finding) => `${f.region}|${f.indicator}|${f.check}`;
/** Findings of `after` that `before` did not have. */
const added = (before: Report, after: Report) => {
  const seen = new Set(before.findings.map(key));
  return after.findings.filter((f) => !seen.has(key(f)));
};
const byKey = (list: Finding[]) => Object.fromEntries(list.map((f) => [key(f), f]));
/** A value plus a decimal step, as the text a statistics office would type. */
const plus = (v: number, step: number) => Math.round((v + step) * 100) / 100;

describe('leitai quality on a demo CSV', () => {
  const dir = tempDir();
  const csv = join(dir, 'demo.csv');
  const bad = join(dir, 'bad.csv');
  let values: Map<string, number>;
  const v = (region: string, indicator: string, period: string) =>
    values.get(`${region},${indicator},${period}`)!;
  beforeAll(() => {
    expect(leitai('demo', '--seed', '2026', '--out', csv).code).toBe(0);
    const lines = readFileSync(csv, 'utf8').split('\n');
    values = new Map();
    for (const l of lines) {
      const m = /^(\d{6},[a-z0-9_]+,[\dQ-]+),(.+)$/.exec(l);
      if (m) values.set(m[1]!, Number(m[2]));
    }
    // Three deliberate errors: tax above budget revenue and a falling year-to-date GDP in
    // 尚志市 (230183), a tenfold GDP in 五常市 (230184).
    const changes = new Map([
      ['230183,tax_revenue,2026-09', plus(v('230183', 'general_budget_revenue', '2026-09'), 0.09)],
      ['230183,gdp,2026-09', plus(v('230183', 'gdp', '2026-08'), -0.1)],
      ['230184,gdp,2026-09', Math.round(v('230184', 'gdp', '2026-09') * 1000) / 100],
    ]);
    writeFileSync(
      bad,
      lines
        .map((l) => {
          const k = l.split(',').slice(0, 3).join(',');
          return changes.has(k) ? `${k},${changes.get(k)}` : l;
        })
        .join('\n'),
    );
  });
  const run = (file: string, ...more: string[]) =>
    json<Report>(
      leitai('quality', '--period', '2026-09', '--data', file, '--format', 'json', ...more),
    );

  it('finds nothing inconsistent in the synthetic data, and few outliers', () => {
    const r = run(csv);
    expect(r).toMatchObject({
      period: '2026-09',
      plan: 'hlj-2026',
      counties: 67,
      revisions: false,
    });
    expect(r.checked).toBeGreaterThan(1000);
    expect(r.findings.filter((f) => CONSISTENCY.includes(f.check))).toEqual([]);
    expect(r.summary.error).toBe(0);
    expect(r.findings.length).toBeLessThan(30);
    expect(r.notes.join('\n')).toContain('合成演示数据');
    expect(r.notes.join('\n')).toContain('未检查核定后修改');
  });

  it('finds exactly the deliberate errors, with their evidence', () => {
    const clean = run(csv);
    expect(
      clean.findings.filter(
        (f) =>
          ['230183', '230184'].includes(f.region) && ['gdp', 'tax_revenue'].includes(f.indicator),
      ),
    ).toEqual([]);
    const found = added(clean, run(bad));
    expect(found.map(key).sort()).toEqual([
      '230183|gdp|ytd_decreasing',
      // The demo has 2025's months, so the bad tax level also contradicts the reported growth
      // over 上年同期.
      '230183|tax_revenue_growth|growth_vs_levels',
      '230183|tax_revenue|outlier_history',
      '230183|tax_revenue|tax_le_budget',
      '230184|gdp|outlier_cross',
      '230184|gdp|outlier_history',
    ]);
    const f = byKey(found);
    const budget = v('230183', 'general_budget_revenue', '2026-09');
    expect(f['230183|tax_revenue|tax_le_budget']).toMatchObject({
      regionName: '尚志市',
      severity: 'error',
      related: ['general_budget_revenue'],
      evidence: { value: plus(budget, 0.09), general_budget_revenue: budget, difference: 0.09 },
    });
    expect(f['230183|gdp|ytd_decreasing']).toMatchObject({
      severity: 'error',
      evidence: {
        value: plus(v('230183', 'gdp', '2026-08'), -0.1),
        previous: v('230183', 'gdp', '2026-08'),
        previousPeriod: '2026-08',
        difference: -0.1,
      },
    });
    expect(f['230183|gdp|ytd_decreasing']!.message).toContain('累计值在年内不应减少');
    const tenfold = Math.round(v('230184', 'gdp', '2026-09') * 1000) / 100;
    expect(f['230184|gdp|outlier_cross']).toMatchObject({
      severity: 'warning',
      evidence: { value: tenfold, n: 67, scale: 'log' },
    });
    expect(f['230184|gdp|outlier_cross']!.evidence.z as number).toBeGreaterThan(3.5);
    expect(f['230184|gdp|outlier_history']).toMatchObject({
      evidence: {
        value: tenfold,
        // The demo has 2025's months: the base is the same period last year.
        base: v('230184', 'gdp', '2025-09'),
        basePeriod: '2025-09',
        basis: 'same_period_last_year',
        rule: 'robust_z',
      },
    });
    expect(f['230183|tax_revenue|outlier_history']!.evidence.base).toBe(
      v('230183', 'tax_revenue', '2025-09'),
    );
  });

  it('filters by check and region; prints a table and CSV', () => {
    const r = run(bad, '--check', 'tax_le_budget,ytd_decreasing', '--region', '230183');
    expect(r.findings.map((x) => x.check)).toEqual(['ytd_decreasing', 'tax_le_budget']);
    const table = leitai('quality', '--period', '2026-09', '--data', bad, '--region', '230184');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('五常市(230184)');
    expect(table.stdout).toContain('县际异常值');
    expect(table.stdout).toContain('注意:本结果基于合成演示数据');
    const out = leitai(
      'quality',
      '--period',
      '2026-09',
      '--data',
      bad,
      '--format',
      'csv',
      '--check',
      'tax_le_budget',
    );
    expect(out.code, out.stderr).toBe(0);
    const rows = out.stdout.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(rows[0]).toBe('region,region_name,indicator,period,check,severity,message,evidence');
    expect(rows.slice(1).map((l) => l.split(',').slice(0, 6).join(','))).toEqual([
      '230183,尚志市,tax_revenue,2026-09,tax_le_budget,error',
    ]);
  });

  it('refuses bad input with exit 2, naming what', () => {
    const check = leitai('quality', '--period', '2026-09', '--data', csv, '--check', 'nonsense');
    expect(check.code).toBe(2);
    expect(check.stderr).toContain('--check「nonsense」');
    const period = leitai('quality', '--period', '2026-13', '--data', csv);
    expect(period.code).toBe(2);
    expect(period.stderr).toContain('2026-13');
    const region = leitai('quality', '--period', '2026-09', '--data', csv, '--region', '999999');
    expect(region.code).toBe(2);
    expect(region.stderr).toContain('--region「999999」');
    const both = leitai('quality', '--period', '2026-09', '--data', csv, '--db', join(dir, 'x.db'));
    expect(both.code).toBe(2);
    expect(leitai('quality', '--period', '2026-09', '--data', csv, '--format', 'xml').code).toBe(2);
    expect(leitai('quality', '--period', '2026-09', '--data', csv, '--plan', 'nope').code).toBe(2);
  });
});

describe.each(DIALECTS)('leitai quality on a demo %s database', (dialect) => {
  let t: TestDb;
  beforeAll(() => {
    t = testDb(dialect);
    const init = leitai('db', 'init', '--db', t.url, '--demo');
    expect(init.code, init.stderr).toBe(0);
  });
  afterAll(async () => {
    await t.drop();
  });
  const run = (...more: string[]) =>
    json<Report>(leitai('quality', '--period', '2025', '--db', t.url, '--format', 'json', ...more));

  it('finds an approved value revised into tax above budget revenue, with who and why', () => {
    const clean = run();
    expect(clean.revisions).toBe(true);
    expect(clean.notes).not.toContain(expect.stringContaining('未检查核定后修改'));
    expect(clean.findings.filter((f) => CONSISTENCY.includes(f.check))).toEqual([]);

    const exported = leitai('export', '--period', '2025', '--db', t.url);
    const get = (ind: string) =>
      Number(new RegExp(`^230183,${ind},2025,(.+)$`, 'm').exec(exported.stdout)![1]);
    const budget = get('general_budget_revenue');
    const tax = get('tax_revenue');
    const edit = leitai(
      'edit',
      '230183',
      'tax_revenue',
      '2025',
      String(plus(budget, 0.01)),
      '--db',
      t.url,
      '--as',
      'county:230183',
      '--user',
      'shangzhi',
      '--reason',
      '补录退库',
    );
    expect(edit.code, edit.stderr).toBe(0);

    const found = added(clean, run());
    expect(found.map(key).sort()).toEqual([
      '230183|tax_revenue_growth|growth_vs_levels',
      '230183|tax_revenue|outlier_history',
      '230183|tax_revenue|revision_after_approval',
      '230183|tax_revenue|tax_le_budget',
    ]);
    const f = byKey(found);
    expect(f['230183|tax_revenue|revision_after_approval']).toMatchObject({
      severity: 'warning',
      evidence: {
        approvedValue: tax,
        value: plus(budget, 0.01),
        revisedBy: 'shangzhi',
        reason: '补录退库',
        status: 'submitted',
      },
    });
    expect(f['230183|tax_revenue|revision_after_approval']!.message).toContain('原因:补录退库');
    expect(f['230183|tax_revenue|tax_le_budget']!.evidence).toMatchObject({
      value: plus(budget, 0.01),
      general_budget_revenue: budget,
      difference: 0.01,
    });
    expect(f['230183|tax_revenue_growth|growth_vs_levels']).toMatchObject({
      related: ['tax_revenue'],
      evidence: { level: plus(budget, 0.01), previousPeriod: '2024' },
    });

    const only = run('--check', 'revision_after_approval');
    expect(only.findings.map(key)).toEqual(['230183|tax_revenue|revision_after_approval']);
  });

  it('shows the findings beside the values in review list', () => {
    const r = leitai(
      'review',
      'list',
      '--period',
      '2025',
      '--db',
      t.url,
      '--as',
      'province',
      '--region',
      '230183',
      '--indicator',
      'tax_revenue',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('质量');
    expect(r.stdout).toContain('错误:税收收入大于一般公共预算收入');
    expect(r.stdout).toContain('存疑:核定后修改');
  });
});
