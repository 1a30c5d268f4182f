import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eachCsvRow, readCsv, readCsvFile } from '../../src/io/csv.js';

function rows(text: string): [number, string[]][] {
  const out: [number, string[]][] = [];
  eachCsvRow(text, 'x.csv', ['a'], (line, cells) => out.push([line, [...cells]]));
  return out;
}

function file(bytes: string | Buffer): string {
  const f = join(mkdtempSync(join(tmpdir(), 'leitai-csv-')), 'f.csv');
  writeFileSync(f, bytes);
  return f;
}

describe('plain CSV rows', () => {
  it('repeats of the cell above read the same as any cell, spaces and empty cells included', () => {
    const text = 'a,b,c\n1,x,2\n1,x,3\n 1 ,x,3\r\n1,x\n1,x,,\n\n# note\n1,y,4\n';
    expect(rows(text)).toEqual([
      [2, ['1', 'x', '2']],
      [3, ['1', 'x', '3']],
      [4, ['1', 'x', '3']],
      [5, ['1', 'x']],
      [6, ['1', 'x', '', '']],
      [9, ['1', 'y', '4']],
    ]);
  });

  it('a repeated cell is handed on as the very string of the row above', () => {
    const t = readCsv('a,b\nlong-region-name,1\nlong-region-name,2\n', 'x.csv', ['a']);
    expect(t.rows[1]!.cells[0]).toBe(t.rows[0]!.cells[0]);
    expect(t.rows.map((r) => r.cells[1])).toEqual(['1', '2']);
  });
});

describe('readCsvFile', () => {
  const body = 'region,indicator,period,value\n230100,gdp,2025,1.5\n';

  it('returns the leading comments as written and the body unchanged, line numbers kept', () => {
    const f = file(`\uFEFF# 合成演示数据 synthetic\n# 第二行\n${body}`);
    const { text, comments } = readCsvFile(f);
    expect(comments).toBe('# 合成演示数据 synthetic\n# 第二行\n');
    const lines = text.split('\n');
    expect(lines.slice(2).join('\n')).toBe(body);
    expect(lines[0]!.startsWith('#')).toBe(true);
    const seen: number[] = [];
    eachCsvRow(text, f, ['region'], (line) => seen.push(line));
    expect(seen).toEqual([4]);
  });

  it('reads a file with non-ASCII data as UTF-8', () => {
    const f = file(`# 注\nregion,name\n230100,哈尔滨市\n`);
    const { text, comments } = readCsvFile(f);
    expect(comments).toBe('# 注\n');
    expect(text).toBe('# 注\nregion,name\n230100,哈尔滨市\n');
  });

  it('a missing file is a clear error naming it', () => {
    expect(() => readCsvFile('/nonexistent/x.csv')).toThrow(/无法读取文件 \/nonexistent\/x\.csv/);
  });
});
