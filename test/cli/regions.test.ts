import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { json, leitai, tempDir } from '../helpers.js';

interface Row {
  code: string;
  name: string;
  kind: string;
  parent: string | null;
  attributes: Record<string, boolean | null>;
}

describe('leitai regions', () => {
  it('lists the real register: 135 units, 67 县域, 54 districts, 18 border counties', () => {
    const all = json<Row[]>(leitai('regions', '--format', 'json'));
    expect(all).toHaveLength(135);
    const domain = all.filter((r) => ['县', '自治县', '县级市'].includes(r.kind));
    expect(domain).toHaveLength(67);
    expect(all.filter((r) => r.kind === '市辖区')).toHaveLength(54);
    expect(all.filter((r) => r.attributes.border === true)).toHaveLength(18);
    expect(all.find((r) => r.code === '232701')?.name).toBe('漠河市');
  });

  it('leaves the ecological zone unknown, never false', () => {
    const all = json<Row[]>(leitai('regions', '--format', 'json', '--level', 'county'));
    expect(all.every((r) => r.attributes.eco_zone === null)).toBe(true);
  });

  it('filters by parent and kind', () => {
    const harbin = json<Row[]>(leitai('regions', '--parent', '230100', '--format', 'json'));
    expect(harbin).toHaveLength(18);
    const cities = json<Row[]>(leitai('regions', '--kind', '县级市', '--format', 'json'));
    expect(cities).toHaveLength(21);
    expect(cities.map((c) => c.name)).toContain('尚志市');
  });

  it('prints CSV with the register columns', () => {
    const r = leitai('regions', '--parent', '232700', '--format', 'csv');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      'code,name,level,parent_code,kind,border,eco_zone,scenic_4a,heritage_area',
    );
    expect(r.stdout).toContain('232701,漠河市,county,232700,县级市,true,,,');
  });

  it('rejects an unknown format with exit status 2', () => {
    const r = leitai('regions', '--format', 'xml');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format');
  });

  it('adds another province from a CSV of the same columns, and attributes from their own file', () => {
    const dir = tempDir();
    const jilin = join(dir, 'jilin.csv');
    writeFileSync(
      jilin,
      'code,name,level,parent_code,kind,border,eco_zone\n220000,吉林省,province,,省,,\n220100,长春市,prefecture,220000,地级市,,\n220183,德惠市,county,220100,县级市,false,\n',
    );
    const attrs = join(dir, 'attrs.csv');
    writeFileSync(attrs, 'code,eco_zone,scenic_4a\n220183,true,\n230183,false,true\n');
    const rows = json<Row[]>(
      leitai(
        'regions',
        '--regions',
        jilin,
        '--attributes',
        attrs,
        '--level',
        'county',
        '--format',
        'json',
      ),
    );
    expect(rows).toHaveLength(122);
    const dehui = rows.find((r) => r.code === '220183')!;
    expect(dehui.attributes.eco_zone).toBe(true);
    const shangzhi = rows.find((r) => r.code === '230183')!;
    expect(shangzhi.attributes).toMatchObject({ eco_zone: false, scenic_4a: true });
  });

  it('names the line and column of a bad register row', () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      'code,name,level,parent_code,kind\n220000,吉林省,province,,省\n22010,长春市,prefecture,220000,地级市\n',
    );
    const r = leitai('regions', '--regions', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('第3行');
    expect(r.stderr).toContain('code');
  });
});
