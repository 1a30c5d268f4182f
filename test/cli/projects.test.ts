import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, leitai, tempDir } from '../helpers.js';
import { testDb, type TestDb } from '../store/dialects.js';

// The project ledger from the command line: import (all or nothing, the same file twice is 0
// changes), list in every format, show with history, and the template.
const HEADER =
  '项目名称,所在县,所属产业,建设性质,总投资(万元),本年计划投资(万元),本年累计完成投资(万元),计划开工时间,实际开工时间';
const LEDGER = [
  HEADER,
  '尚志生物基材料项目,尚志市,生物,新建,50000,12000,3000,2026-03,',
  '尚志食品加工项目,尚志市,食品,技改,8000,6000,4500,2026-01,2026-02',
].join('\n');

describe('leitai projects', () => {
  let t: TestDb;
  const dir = tempDir();
  const file = join(dir, 'ledger.csv');
  const db = () => ['--db', t.url];
  const TODAY = ['--today', '2026-10-05'];
  beforeAll(() => {
    t = testDb('sqlite');
    expect(leitai('db', 'init', ...db()).code).toBe(0);
    writeFileSync(file, LEDGER);
  });
  afterAll(async () => t.drop());

  it('refuses a bad ledger whole, naming row and column, then imports a clean one once', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `${LEDGER}\n尚志坏项目,尚志市,生物,新建,1000,500,2000,2026-03,`);
    const r = leitai('projects', 'import', bad, '--period', '2026-09', ...TODAY, ...db());
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('第4行');
    expect(r.stderr).toContain('大于总投资');
    expect(r.stderr).toContain('未写入任何数据');
    const first = leitai('projects', 'import', file, '--period', '2026-09', ...TODAY, ...db());
    expect(first.stdout).toContain('2 changes');
    const again = leitai('projects', 'import', file, '--period', '2026-09', ...TODAY, ...db());
    expect(again.stdout).toContain('0 changes');
  });

  it('refuses another county’s rows for a county user', () => {
    const r = leitai(
      'projects',
      'import',
      file,
      '--period',
      '2026-08',
      ...TODAY,
      '--as',
      'county:230221',
      ...db(),
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('无权报送');
  });

  it('lists as json, csv and xlsx; shows a project with its late start', async () => {
    const list = json<{ total: number; items: { id: string; name: string; late: boolean }[] }>(
      leitai(
        'projects',
        'list',
        '--region',
        '230100',
        '--period',
        '2026-09',
        '--format',
        'json',
        ...db(),
      ),
    );
    expect(list.items.map((i) => [i.name, i.late])).toEqual([
      ['尚志生物基材料项目', true],
      ['尚志食品加工项目', false],
    ]);
    const csv = leitai(
      'projects',
      'list',
      '--period',
      '2026-09',
      '--format',
      'csv',
      ...db(),
    ).stdout;
    expect(csv.split('\n')[0]).toContain('项目名称');
    expect(csv).toContain('尚志食品加工项目');
    const out = join(dir, 'list.xlsx');
    leitai('projects', 'list', '--period', '2026-09', '--format', 'xlsx', '--out', out, ...db());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(3);
    const show = leitai('projects', 'show', list.items[0]!.id, ...db()).stdout;
    // Planned 2026-03, judged at the end of 2026-09: 6 months late.
    expect(show).toMatch(/开工\s+2026-03\s+6/);
    expect(show).toContain('import');
  });

  it('writes a template pre-filled with last month that reads back as the new month’s 2 reports', () => {
    const out = join(dir, 'template.xlsx');
    const r = leitai(
      'projects',
      'template',
      '--region',
      '230183',
      '--period',
      '2026-10',
      '--out',
      out,
      ...db(),
    );
    expect(r.code).toBe(0);
    const back = leitai(
      'projects',
      'import',
      out,
      '--period',
      '2026-10',
      '--dry-run',
      ...TODAY,
      ...db(),
    );
    expect(back.stdout).toContain('新增 2');
  });
});
