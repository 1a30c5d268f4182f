import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { isLeitaiError } from '../../src/core/errors/index.js';
import { openWorkbook } from '../../src/io/excel/open.js';
import { ZIP_LIMITS } from '../../src/io/excel/zip-guard.js';
import { ROOT } from '../helpers.js';
import { dir } from './helpers.js';
import { buildZip, contentTypes, deflatedZeros, type ZipEntry } from './zip.js';

const MB = 2 ** 20;

async function refusal(bytes: Buffer): Promise<string> {
  try {
    await openWorkbook(bytes, 'bomb.xlsx');
  } catch (e) {
    if (isLeitaiError(e) && e.code === 'IMPORT_INVALID') return e.message;
    throw e;
  }
  throw new Error('expected IMPORT_INVALID');
}

const sheet = (data: Buffer, declared: number, method: 0 | 8 = 8): ZipEntry => ({
  name: 'xl/worksheets/sheet1.xml',
  data,
  method,
  declared,
});

describe('zip bombs in an .xlsx upload', () => {
  let zeros300: Buffer;
  beforeAll(async () => {
    zeros300 = await deflatedZeros(300 * MB);
  });

  it('refuses a sheet declaring 100 bytes that inflates to 300 MB, in under 64 MB of memory', () => {
    // About 300 KB on disk: the lie is only found by inflating.
    expect(zeros300.length).toBeLessThan(MB);
    const file = join(dir, 'liar.xlsx');
    writeFileSync(file, buildZip([contentTypes(), sheet(zeros300, 100)]));
    // A fresh process, so the figure is this refusal's own: its RSS just before, its peak after.
    const script = `
      import { readFileSync } from 'node:fs';
      const { openWorkbook } = await import(process.argv[1]);
      const bytes = readFileSync(process.argv[2]);
      const before = process.memoryUsage().rss;
      let code, message;
      try { await openWorkbook(bytes, 'liar.xlsx'); } catch (e) { code = e.code; message = e.message; }
      const peak = process.resourceUsage().maxRSS * 1024;
      console.log(JSON.stringify({ code, message, growth: peak - before }));`;
    const open = pathToFileURL(join(ROOT, 'dist/io/excel/open.js')).href;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, open, file], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { code: string; message: string; growth: number };
    console.log(`refusing the 300 MB bomb: peak RSS growth ${(out.growth / MB).toFixed(1)} MB`);
    expect(out.code).toBe('IMPORT_INVALID');
    expect(out.message).toMatch(/^liar\.xlsx: 工作簿内部件的实际解压大小与文件声明的不符/);
    expect(out.growth).toBeLessThan(64 * MB);
  });

  it('refuses an honest entry, or entries together, beyond the limits before inflating', async () => {
    expect(await refusal(buildZip([contentTypes(), sheet(zeros300, 300 * MB)]))).toMatch(
      /过大.*单个部件上限 64 MB/,
    );
    const fifty = await deflatedZeros(50 * MB);
    const three = [0, 1, 2].map((i) => ({ ...sheet(fifty, 50 * MB), name: `xl/s${i}.xml` }));
    expect(await refusal(buildZip([contentTypes(), ...three]))).toMatch(/合计上限 128 MB/);
    // Stored (not compressed) and bigger than one part may be.
    const stored = Buffer.alloc(ZIP_LIMITS.entryBytes + 1);
    expect(await refusal(buildZip([sheet(stored, stored.length, 0)]))).toMatch(/过大/);
  });

  it('refuses a sheet that inflates to less than it declares, and a stored size mismatch', async () => {
    const small = await deflatedZeros(1000);
    expect(await refusal(buildZip([contentTypes(), sheet(small, 5000)]))).toMatch(/声明的不符/);
    expect(await refusal(buildZip([sheet(Buffer.alloc(10), 20, 0)]))).toMatch(/损坏|不符/);
  });

  it('refuses thousands of entries and ZIP64 records', async () => {
    const many = Array.from({ length: ZIP_LIMITS.entries + 1 }, (_, i) => ({
      ...contentTypes(),
      name: `x/${i}.xml`,
    }));
    expect(await refusal(buildZip(many))).toMatch(/1001 个部件/);
    // A ZIP64 extra field (id 1) with 8-byte sizes: no workbook needs one.
    const extra = Buffer.alloc(20);
    extra.writeUInt16LE(1, 0);
    extra.writeUInt16LE(16, 2);
    const zip64 = { ...contentTypes(), extra };
    expect(await refusal(buildZip([zip64]))).toMatch(/损坏/);
  });

  it('still opens a real workbook', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('数据').getCell('A1').value = '区划代码';
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const opened = await openWorkbook(bytes, 'ok.xlsx');
    expect(opened.worksheets.map((w) => w.name)).toEqual(['数据']);
  });
});
