import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/core/plans/index.js';
import { savePlan } from '../../src/store/plans.js';
import { DIALECTS, testDb, type TestDb } from '../store/dialects.js';
import { json, leitai, ROOT, tempDir } from '../helpers.js';

/**
 * A plan with two indicators of its own (冰雪旅游收入 亿元, 森林食品企业数 户), for
 * 杜尔伯特 (230624, the one 自治县) and 尚志 230183 / 五常 230184 (哈尔滨 230100): its data goes
 * through every path the built-in indicators' data goes.
 */
const PLAN_FILE = join(ROOT, 'test/fixtures/plans/local-indicators.json');
const plan = JSON.parse(readFileSync(PLAN_FILE, 'utf8')) as Plan;

interface Row {
  region: string;
  indicator: string;
  name: string;
  unit: string;
  value: number | null;
  status: string;
  gap: number | null;
}

function exported(db: string, period: string): string[] {
  return leitai('export', '--period', period, '--db', db)
    .stdout.split('\n')
    .filter((l) => /^\d{6},/.test(l))
    .sort();
}

describe.each(DIALECTS)('a plan’s own indicators on %s', (dialect) => {
  let t: TestDb;
  const dir = tempDir('leitai-local-');
  beforeAll(async () => {
    t = testDb(dialect);
    expect(leitai('db', 'init', '--db', t.url).code).toBe(0);
    const store = await t.open();
    await savePlan(store, plan, { builtin: false, at: '2026-03-01T00:00:00Z' });
    await store.close();
  });
  afterAll(async () => {
    await t.drop();
  });

  it('imports a CSV of them, and a county submits, its prefecture reviews, the department approves', () => {
    const csv = join(dir, 'dorbod.csv');
    writeFileSync(
      csv,
      'region,indicator,period,value\n230624,ice_snow_revenue,2026-12,10.2\n230624,forest_food_firms,2026-12,19\n',
    );
    const imp = leitai('import', csv, '--db', t.url, '--as', 'county:230624', '--user', 'dorbod');
    expect(imp.code, imp.stderr).toBe(0);
    expect(imp.stdout).toContain('2 changes');
    const step = (action: string, as: string, indicator?: string) =>
      leitai(
        'review',
        action,
        '--period',
        '2026-12',
        '--db',
        t.url,
        '--as',
        as,
        ...(indicator ? ['--indicator', indicator] : []),
      );
    expect(step('submit', 'county:230624').stdout).toContain('报送: 2 条');
    expect(step('review', 'prefecture:230600').stdout).toContain('审核通过: 2 条');
    // Each is approved by the department the plan names for it (省文化和旅游厅, 省林草局).
    const queue = json<{ indicator: string }[]>(
      leitai(
        'review',
        'list',
        '--period',
        '2026-12',
        '--db',
        t.url,
        '--as',
        'department:省文化和旅游厅',
        '--json',
      ),
    );
    expect(queue.map((r) => r.indicator)).toEqual(['ice_snow_revenue']);
    expect(step('approve', 'department:省文化和旅游厅').stdout).toContain('核定: 1 条');
    expect(step('approve', 'department:省林草局', 'forest_food_firms').stdout).toContain(
      '核定: 1 条',
    );
  });

  it('makes a template of them that, filled in, imports; the same file again is 0 changes', async () => {
    const file = join(dir, 'harbin.xlsx');
    const r = leitai(
      'template',
      '--plan',
      'local-2026',
      '--period',
      '2026-12',
      '--prefecture',
      '230100',
      '--out',
      file,
      '--db',
      t.url,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('2 个县(市) × 2 项指标');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('填报表')!;
    expect(ws.getRow(4).values).toEqual(
      expect.arrayContaining(['冰雪旅游收入(亿元)', '森林食品企业数(户)']),
    );
    const rowOf = (code: string) => ws.getColumn(1).values.findIndex((v) => v === code);
    const col = (code: string) => (ws.getRow(1).values as unknown[]).indexOf(code);
    ws.getCell(rowOf('230183'), col('ice_snow_revenue')).value = 9.9;
    ws.getCell(rowOf('230183'), col('forest_food_firms')).value = 20;
    ws.getCell(rowOf('230184'), col('ice_snow_revenue')).value = 12.3456;
    ws.getCell(rowOf('230184'), col('forest_food_firms')).value = 3;
    const filled = join(dir, 'harbin-filled.xlsx');
    await wb.xlsx.writeFile(filled);
    const imp = leitai('import', filled, '--db', t.url, '--as', 'prefecture:230100');
    expect(imp.code, imp.stderr).toBe(0);
    expect(imp.stdout).toContain('4 changes');
    expect(leitai('import', filled, '--db', t.url, '--as', 'prefecture:230100').stdout).toContain(
      '0 changes',
    );
  });

  it('reads a hand-made sheet that names them, converting 万元 to 亿元 exactly', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('冰雪经济');
    ws.getCell('A1').value = '2026年1-11月县域冰雪经济情况';
    ws.addRow([]);
    ws.addRow(['县(市)', '冰雪旅游收入(万元)', '森林食品企业数(户)']);
    ws.addRow(['尚志市', 87654, 18]);
    ws.addRow(['五常', '123,456', 2]);
    const file = join(dir, 'by-hand.xlsx');
    await wb.xlsx.writeFile(file);
    const imp = leitai('import', file, '--db', t.url, '--as', 'prefecture:230100');
    expect(imp.code, imp.stderr).toBe(0);
    // 87654 万元 = 8.7654 亿元; 123456 万元 = 12.3456 亿元.
    expect(exported(t.url, '2026-11')).toEqual(
      [
        '230183,forest_food_firms,2026-11,18',
        '230183,ice_snow_revenue,2026-11,8.7654',
        '230184,forest_food_firms,2026-11,2',
        '230184,ice_snow_revenue,2026-11,12.3456',
      ].map((l) => expect.stringContaining(l)),
    );
  });

  it('counts them in completeness and judges them from the database', () => {
    // 3 counties × 2 indicators = 6 expected; all 6 received, 2 approved (杜尔伯特's).
    const c = json<{
      total: Record<string, number>;
      county: Record<string, Record<string, number>>;
    }>(
      leitai(
        'completeness',
        '--plan',
        'local-2026',
        '--period',
        '2026-12',
        '--db',
        t.url,
        '--json',
      ),
    );
    expect(c.total).toMatchObject({ expected: 6, received: 6, approved: 2, missing: 0 });
    expect(c.county['230624']).toMatchObject({ expected: 2, approved: 2 });
    const ev = json<{ results: Row[] }>(
      leitai(
        'evaluate',
        '--db',
        t.url,
        '--plan',
        'local-2026',
        '--period',
        '2026-12',
        '--format',
        'json',
      ),
    );
    const got = ev.results.map((r) => `${r.region} ${r.indicator} ${r.value} ${r.status} ${r.gap}`);
    // 10以上: 10.2 ≥ 10 met (+0.2); 12.3456 met (+2.3456); 9.9 < 10 not met (−0.1).
    // 20 (户): 19 not met (−1); 20 met (0); 3 not met (−17).
    expect(got.sort()).toEqual(
      [
        '230183 forest_food_firms 20 met 0',
        '230183 ice_snow_revenue 9.9 not_met -0.1',
        '230184 forest_food_firms 3 not_met -17',
        '230184 ice_snow_revenue 12.3456 met 2.3456',
        '230624 forest_food_firms 19 not_met -1',
        '230624 ice_snow_revenue 10.2 met 0.2',
      ].sort(),
    );
    const shown = ev.results.find((r) => r.indicator === 'ice_snow_revenue')!;
    expect([shown.name, shown.unit]).toEqual(['冰雪旅游收入', '亿元']);
  });
});

describe('two plans that define one code differently', () => {
  it('refuses the second plan file, naming both plans', () => {
    const dir = tempDir('leitai-local-');
    const other = {
      ...plan,
      id: 'local-other',
      indicators: plan.indicators!.map((i) =>
        i.code === 'ice_snow_revenue' ? { ...i, unit: '万元' } : i,
      ),
    };
    const same = { ...plan, id: 'local-same' };
    const otherFile = join(dir, 'other.json');
    const sameFile = join(dir, 'same.json');
    writeFileSync(otherFile, JSON.stringify(other));
    writeFileSync(sameFile, JSON.stringify(same));
    const data = join(dir, 'd.csv');
    writeFileSync(data, 'region,indicator,period,value\n230624,ice_snow_revenue,2026-12,10.2\n');
    const run = (second: string) =>
      leitai(
        'evaluate',
        '--plan',
        'local-2026',
        '--period',
        '2026-12',
        '--data',
        data,
        '--plan-file',
        PLAN_FILE,
        '--plan-file',
        second,
        '--format',
        'json',
      );
    const bad = run(otherFile);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('ice_snow_revenue');
    expect(bad.stderr).toContain('local-2026');
    expect(bad.stderr).toContain('local-other');
    // An identical definition is no conflict.
    const ok = run(sameFile);
    expect(ok.code, ok.stderr).toBe(0);
  });
});
