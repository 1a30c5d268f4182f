import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, testDb, type TestDb } from '../store/dialects.js';
import { leitai, tempDir } from '../helpers.js';

/** The current export of a period, as lines: what a user would compare before and after. */
function exported(db: string, period: string): string[] {
  return leitai('export', '--period', period, '--db', db)
    .stdout.split('\n')
    .filter((l) => /^\d{6},/.test(l));
}

describe.each(DIALECTS)('the Excel loop on %s: template → fill → import', (dialect) => {
  let t: TestDb;
  const dir = tempDir('leitai-tpl-');
  beforeAll(() => {
    t = testDb(dialect);
    expect(leitai('db', 'init', '--db', t.url).code).toBe(0);
  });
  afterAll(async () => {
    await t.drop();
  });

  it('a prefecture template, filled in by the office, imports whole; the same file again is 0 changes', async () => {
    const file = join(dir, 'harbin.xlsx');
    const r = leitai(
      'template',
      '--period',
      '2026-09',
      '--prefecture',
      '230100',
      '--out',
      file,
      '--db',
      t.url,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('9 个县(市)');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets.find((w) => w.state !== 'hidden' && w.name === '填报表')!;
    // Fill every unlocked input cell of the county rows with a plausible number.
    let filled = 0;
    ws.eachRow((row, n) => {
      if (!/^\d{6}$/.test(String(row.getCell(1).value ?? ''))) return;
      row.eachCell({ includeEmpty: true }, (cell) => {
        if (cell.protection?.locked === false) {
          cell.value = 1 + ((n * 7 + Number(cell.col)) % 9);
          filled++;
        }
      });
    });
    expect(filled).toBeGreaterThan(50);
    const filledFile = join(dir, 'harbin-filled.xlsx');
    await wb.xlsx.writeFile(filledFile);
    const imp = leitai(
      'import',
      filledFile,
      '--db',
      t.url,
      '--as',
      'prefecture:230100',
      '--user',
      'harbin',
    );
    expect(imp.code, imp.stderr).toBe(0);
    expect(imp.stdout).toContain(`${filled} changes`);
    expect(exported(t.url, '2026-09')).toHaveLength(filled);
    const again = leitai('import', filledFile, '--db', t.url, '--as', 'prefecture:230100');
    expect(again.stdout).toContain('0 changes');
    // Another prefecture may not import Harbin's sheet.
    const other = leitai('import', filledFile, '--db', t.url, '--as', 'prefecture:230200');
    expect(other.code).toBe(2);
  });

  it.each([
    ['empty.xlsx', Buffer.alloc(0), '文件为空'],
    ['not-a-workbook.xlsx', Buffer.from('this is not a spreadsheet at all'), ''],
    ['old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), ''],
  ])('%s is refused with a clear message and changes nothing', (name, bytes, text) => {
    const before = exported(t.url, '2026-09');
    const f = join(dir, name);
    writeFileSync(f, bytes);
    const r = leitai('import', f, '--db', t.url);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/错误 \[IMPORT_INVALID\]/);
    expect(r.stderr).toContain(text);
    expect(r.stderr).not.toContain('at ');
    expect(exported(t.url, '2026-09')).toEqual(before);
  });

  it('a truncated workbook and a sheet with bad cells change nothing, naming sheet, row and column', async () => {
    const before = exported(t.url, '2026-09');
    const good = join(dir, 'harbin-filled.xlsx');
    const bytes = readFileSync(good);
    const cut = join(dir, 'truncated.xlsx');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(leitai('import', cut, '--db', t.url).code).toBe(2);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('县域数据');
    ws.addRow(['2026年1-9月县域主要指标']);
    ws.addRow(['县(市)', '地区生产总值(亿元)', '税收收入(万元)']);
    ws.addRow(['尚志市', '120.5', '32,000']);
    ws.addRow(['不存在县', '100', '1000']);
    ws.addRow(['五常市', 'abc', '1000']);
    const bad = join(dir, 'bad.xlsx');
    await wb.xlsx.writeFile(bad);
    const r = leitai('import', bad, '--db', t.url);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('县域数据');
    expect(r.stderr).toContain('第4行');
    expect(r.stderr).toContain('第5行');
    expect(r.stderr).toContain('abc');
    expect(exported(t.url, '2026-09')).toEqual(before);
  });
});
