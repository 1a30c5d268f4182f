// `leitai industries import|list`: a list file imported all or nothing, then listed by county and
// by industry with exact totals, in table, json, csv and xlsx.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { json, leitai, tempDir } from '../helpers.js';

describe('leitai industries', () => {
  const dir = tempDir('leitai-industries-');
  const db = join(dir, 't.db');
  beforeAll(() => {
    expect(leitai('db', 'init', '--db', db).code).toBe(0);
  });

  it('refuses a file with problems, naming row and column, and writes nothing', () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(
      file,
      '县(市),位次,主导工业,2025年产值\n尚志市,1,绿色食品,1.2.3\n五常市,3,食品,4\n',
    );
    const r = leitai('industries', 'import', file, '--db', db);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('第2行 2025年产值列 「1.2.3」: 2025年产值(亿元)应为数字');
    expect(r.stderr).toContain('第3行 位次列 「3」: 位次应为1或2');
    expect(
      json<{ items: unknown[] }>(leitai('industries', 'list', '--db', db, '--format', 'json'))
        .items,
    ).toEqual([]);
  });

  it('imports a list, then lists it by county and by industry', async () => {
    const file = join(dir, 'list.csv');
    writeFileSync(
      file,
      [
        '县(市),位次,主导工业,一业一策,重点企业,2024年产值,2025年产值,2025年增速',
        '尚志市,1,绿色食品,做强鲜食玉米,"甲公司,乙公司",10,12.5,25',
        ',2,林产品加工,,,,3,',
        '',
        '五常市,1,食品,,,20,22.05,10.25',
      ].join('\n'),
    );
    const r = leitai('industries', 'import', file, '--db', db);
    expect(r.stdout).toContain('2 个县,已更新 2 个县的主导工业清单');
    expect(leitai('industries', 'import', file, '--db', db).stdout).toContain('已更新 0 个县');
    const byCounty = json<{
      items: { countyName: string; position: number; industry: string; enterprises: string[] }[];
    }>(leitai('industries', 'list', '--db', db, '--region', '230100', '--format', 'json'));
    expect(
      byCounty.items.map((i) => [i.countyName, i.position, i.industry, i.enterprises]),
    ).toEqual([
      ['尚志市', 1, '绿色食品产业', ['甲公司', '乙公司']],
      ['尚志市', 2, '林产品加工业', []],
      ['五常市', 1, '绿色食品产业', []],
    ]);
    // 12.5 + 22.05 = 34.55 亿元 in 2025; over 10 + 20 = 30 in 2024: +15.2 %.
    const csv = leitai('industries', 'list', '--db', db, '--by', 'industry', '--format', 'csv');
    expect(csv.stdout.split('\n').slice(0, 3)).toEqual([
      '主导工业,县数,县,产值(亿元),增速(%)',
      '绿色食品产业,2,尚志市、五常市,34.55,15.2',
      '林产品加工业,1,尚志市,3,',
    ]);
    const out = join(dir, 'list.xlsx');
    expect(leitai('industries', 'list', '--db', db, '--format', 'xlsx', '--out', out).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('县(市)');
    expect(ws.getRow(2).getCell(3).value).toBe('绿色食品产业');
    // The export reads back in as the same list: no change.
    expect(leitai('industries', 'import', out, '--db', db).stdout).toContain('已更新 0 个县');
  });
});
