// `leitai bulletin` and `leitai publish` on each database: a demo database's bulletin as Word
// and Excel files; publishing stores the province bulletin; bad input is a clear error and
// writes no file.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNTHETIC_NOTE } from '../../src/core/demo/index.js';
import { listBulletins } from '../../src/store/bulletins.js';
import { leitai, tempDir } from '../helpers.js';
import { cleanUp, DIALECTS, testDb, type TestDb } from '../store/dialects.js';

const text = async (file: string) =>
  (await (await JSZip.loadAsync(readFileSync(file))).file('word/document.xml')!.async('string'))
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '');

describe.each(DIALECTS)('leitai bulletin on %s', (dialect) => {
  let t: TestDb;
  const dir = tempDir('leitai-bulletin-');
  beforeAll(() => {
    t = testDb(dialect);
    const r = leitai('db', 'init', '--demo', '--db', t.url);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('通报 1 份');
  }, 120_000);
  afterAll(async () => {
    await cleanUp(t);
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the Word bulletin of a period, labelled as demo data, and the Excel one', async () => {
    const docx = join(dir, 'b.docx');
    const r = leitai(
      'bulletin',
      '--plan',
      'hlj-2026',
      '--period',
      '2026-09',
      '--out',
      docx,
      '--db',
      t.url,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('全省县域经济运行情况通报');
    expect(r.stdout).toContain(SYNTHETIC_NOTE);
    const body = await text(docx);
    expect(body).toContain('2026年1-9月');
    expect(body).toContain(SYNTHETIC_NOTE);
    const xlsx = join(dir, 'b.xlsx');
    const x = leitai(
      'bulletin',
      '--plan',
      'hlj-2026',
      '--period',
      '2026-09',
      '--scope',
      '230100',
      '--out',
      xlsx,
      '--db',
      t.url,
    );
    expect(x.code, x.stderr).toBe(0);
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses bad input with a message naming it, and writes no file', () => {
    const out = join(dir, 'bad.docx');
    const cases: [string[], RegExp][] = [
      [['--plan', 'nope', '--period', '2026-09'], /nope/],
      [['--plan', 'hlj-2026', '--period', '2026-13'], /期别|2026-13/],
      [['--plan', 'hlj-2026', '--period', '2031-01'], /不在计划/],
      [['--plan', 'hlj-2026', '--period', '2026-09', '--format', 'odt'], /docx、pdf 或 xlsx/],
      [['--plan', 'hlj-2026', '--period', '2026-09', '--scope', '230183'], /通报范围/],
    ];
    for (const [args, message] of cases) {
      const r = leitai('bulletin', ...args, '--out', out, '--db', t.url);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('publish stores the province bulletin of each plan of that year, once', async () => {
    const r = leitai('publish', '--period', '2026-07', '--db', t.url);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('已保存通报');
    expect(r.stdout).toContain('2026年1-7月 第1版');
    expect(leitai('publish', '--period', '2026-07', '--db', t.url).stdout).toContain('此前已公布');
    const store = await t.open();
    try {
      const rows = await listBulletins(store, { period: '2026-07' });
      expect(rows.map((b) => [b.plan, b.version, b.reason])).toEqual([['hlj-2026', 1, 'publish']]);
    } finally {
      await store.close();
    }
  });
});

describe('leitai bulletin on a database without demo data', () => {
  let t: TestDb;
  const dir = tempDir('leitai-bulletin-real-');
  beforeAll(() => {
    t = testDb('sqlite');
    expect(leitai('db', 'init', '--db', t.url).code).toBe(0);
  });
  afterAll(async () => {
    await cleanUp(t);
    rmSync(dir, { recursive: true, force: true });
  });

  it('carries no synthetic-data note, and says plainly that no county has reported', async () => {
    const docx = join(dir, 'real.docx');
    const r = leitai(
      'bulletin',
      '--plan',
      'hlj-2025',
      '--period',
      '2025',
      '--out',
      docx,
      '--db',
      t.url,
    );
    expect(r.code, r.stderr).toBe(0);
    const body = await text(docx);
    expect(body).toContain('全省县域经济运行情况通报');
    expect(body).toContain('2025年');
    expect(body).not.toContain('合成演示数据');
    expect(body).toMatch(/尚无县\(市\)报送数据/);
  });
});
