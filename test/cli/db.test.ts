import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, testDb, type TestDb } from '../store/dialects.js';
import { json, leitai, tempDir } from '../helpers.js';

interface Ev {
  results: {
    region: string;
    indicator: string;
    scope: string;
    value: number | null;
    status: string;
    gap: number | null;
  }[];
  categories: Record<string, string[]>;
}

describe.each(DIALECTS)('leitai with a %s database', (dialect) => {
  let t: TestDb;
  const dir = tempDir();
  beforeAll(() => {
    t = testDb(dialect);
  });
  afterAll(async () => {
    await t.drop();
  });

  it('db init --demo twice: the second run changes nothing', () => {
    const first = leitai('db', 'init', '--db', t.url, '--demo');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('新增区划 135');
    const second = leitai('db', 'init', '--db', t.url, '--demo');
    expect(second.stdout).toContain('新增区划 0 个,写入计划 0 个,公布值 0 条,合成演示数据 0 条');
  });

  it('evaluate --db gives the same results as --data on the same data', () => {
    const csv = join(dir, 'demo.csv');
    expect(leitai('demo', '--seed', '2026', '--out', csv).code).toBe(0);
    const a = json<Ev>(
      leitai(
        'evaluate',
        '--plan',
        'hlj-2026',
        '--period',
        '2026-09',
        '--db',
        t.url,
        '--format',
        'json',
      ),
    );
    const b = json<Ev>(
      leitai(
        'evaluate',
        '--plan',
        'hlj-2026',
        '--period',
        '2026-09',
        '--data',
        csv,
        '--format',
        'json',
      ),
    );
    expect(a.results).toEqual(b.results);
    expect(a.categories).toEqual(b.categories);
  });

  it('imports a CSV once; the same file again is 0 changes', () => {
    const f = join(dir, 'shangzhi.csv');
    writeFileSync(
      f,
      'region,indicator,period,value\n230183,gdp,2026-10,150.5\n230183,tax_revenue,2026-10,3.2\n',
    );
    const r1 = leitai('import', f, '--db', t.url, '--as', 'county:230183', '--user', 'shangzhi');
    expect(r1.code, r1.stderr).toBe(0);
    expect(r1.stdout).toContain('2 changes');
    const r2 = leitai('import', f, '--db', t.url, '--as', 'county:230183', '--user', 'shangzhi');
    expect(r2.stdout).toContain('0 changes');
  });

  it('refuses a whole file with any bad row, reporting every problem, writing nothing', () => {
    const f = join(dir, 'bad.csv');
    writeFileSync(
      f,
      'region,indicator,period,value\n230183,gdp,2026-11,150.5\n230183,gdp_growth,2026-11,abc\n999999,gdp,2026-11,1\n230183,tax_revenue,2026-11,99999\n',
    );
    const r = leitai('import', f, '--db', t.url);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('第3行');
    expect(r.stderr).toContain('第4行');
    expect(r.stderr).toContain('第5行');
    expect(r.stderr).toContain('未写入任何数据');
    const out = leitai('export', '--period', '2026-11', '--db', t.url);
    expect(out.stdout).not.toContain('230183,gdp,2026-11');
  });

  it('keeps a county to its own data', () => {
    const f = join(dir, 'other.csv');
    writeFileSync(f, 'region,indicator,period,value\n230184,gdp,2026-10,80\n');
    const r = leitai('import', f, '--db', t.url, '--as', 'county:230183');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('无权写入 230184');
  });

  it('walks a value through the review chain from the command line, with an audit trail', () => {
    const base = [
      '--db',
      t.url,
      '--period',
      '2026-10',
      '--region',
      '230183',
      '--indicator',
      'tax_revenue',
    ];
    expect(leitai('review', 'submit', ...base, '--as', 'county:230183').code).toBe(0);
    expect(leitai('review', 'review', ...base, '--as', 'prefecture:230200').code).toBe(2);
    expect(leitai('review', 'review', ...base, '--as', 'prefecture:230100').code).toBe(0);
    const denied = leitai('review', 'approve', ...base, '--as', 'department:省税务局');
    expect(denied.code, denied.stderr).toBe(0); // 省税务局 evaluates 税收收入
    const edit = leitai('edit', '230183', 'tax_revenue', '2026-10', '3.3', '--db', t.url);
    expect(edit.code).toBe(2);
    expect(edit.stderr).toContain('原因');
    const ok = leitai(
      'edit',
      '230183',
      'tax_revenue',
      '2026-10',
      '3.3',
      '--db',
      t.url,
      '--reason',
      '更正',
      '--user',
      'admin',
    );
    expect(ok.code, ok.stderr).toBe(0);
    const audit = json<{ actor: string; oldValue: number; newValue: number; reason: string }[]>(
      leitai(
        'audit',
        '--db',
        t.url,
        '--region',
        '230183',
        '--indicator',
        'tax_revenue',
        '--period',
        '2026-10',
        '--json',
      ),
    );
    expect(audit[0]).toMatchObject({
      actor: 'admin',
      oldValue: 3.2,
      newValue: 3.3,
      reason: '更正',
    });
    expect(audit).toHaveLength(5);
  });

  it('exports CSV and xlsx, filtered by status, and labels synthetic data', () => {
    const csv = leitai('export', '--period', '2025', '--status', 'approved', '--db', t.url);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\n')[0]).toContain('合成');
    expect(csv.stdout).toContain('230000,general_budget_revenue,2025,373.4');
    const x = join(dir, 'export.xlsx');
    expect(
      leitai('export', '--period', '2025', '--format', 'xlsx', '--out', x, '--db', t.url).code,
    ).toBe(0);
    expect(readFileSync(x).subarray(0, 2).toString()).toBe('PK');
  });

  it('reports completeness per county, prefecture and department', () => {
    const c = json<{ due: string; total: { expected: number; received: number; missing: number } }>(
      leitai('completeness', '--period', '2026-09', '--db', t.url, '--json'),
    );
    expect(c.due).toBe('2026-10-10');
    expect(c.total.expected).toBeGreaterThan(0);
    expect(c.total.received + c.total.missing).toBe(c.total.expected);
    const byDept = leitai(
      'completeness',
      '--period',
      '2026-09',
      '--db',
      t.url,
      '--by',
      'department',
    );
    expect(byDept.stdout).toContain('省财政厅');
  });
});
