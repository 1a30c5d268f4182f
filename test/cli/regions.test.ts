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

// TEST DATA, made up: a register of another province (real GB/T 2260 codes of Zhejiang: two
// prefectures, four counties), invented attributes, invented GDP figures and a tiny plan.
const ZJ_REGISTER = [
  'code,name,level,parent_code,kind,border',
  '330000,浙江省,province,,省,',
  '330100,杭州市,prefecture,330000,地级市,',
  '330122,桐庐县,county,330100,县,false',
  '330127,淳安县,county,330100,县,false',
  '330200,宁波市,prefecture,330000,地级市,',
  '330225,象山县,county,330200,县,false',
  '330226,宁海县,county,330200,县,false',
].join('\n');
const ZJ_ATTRIBUTES = 'code,eco_zone\n330122,false\n330127,true\n330225,false\n330226,false\n';
const ZJ_DATA = [
  'region,indicator,period,value',
  '330122,gdp,2025,40',
  '330127,gdp,2025,30',
  '330225,gdp,2025,50',
  '330226,gdp,2025,20',
].join('\n');
const ZJ_PLAN = {
  id: 'zj-test',
  title: '浙江县域测试方案(测试数据)',
  issuer: '测试',
  issued: '2026',
  period: { start: 2025, end: 2025 },
  source: 'test data',
  province: '330000',
  countyScope: { kinds: ['县'] },
  settings: { exclusiveCategories: true },
  indicators: [
    {
      code: 'gdp_30_share',
      name: '地区生产总值30亿元以上县占比',
      nameEn: 'Share of counties with GDP of 3 bn or more',
      unit: '%',
      kind: 'share',
      direction: 'higher',
      frequency: 'yearly',
      ytd: false,
      aggregate: { method: 'share_over', of: 'gdp', threshold: 30, op: '>=' },
    },
  ],
  targets: [
    { indicator: 'gdp', name: '地区生产总值', unit: '亿元', scope: 'province', phrase: '100以上' },
    {
      indicator: 'gdp_30_share',
      name: '30亿元以上县占比',
      unit: '%',
      scope: 'province',
      phrase: '75以上',
    },
    {
      indicator: 'gdp',
      name: '地区生产总值',
      unit: '亿元',
      scope: { category: 'eco' },
      phrase: '30以上',
    },
  ].map((t) => ({
    ...t,
    table: t.scope === 'province' ? 'province' : 'county',
    year: 2025,
    departments: [],
  })),
  categories: [
    {
      code: 'eco',
      name: '生态县',
      nameEn: 'Eco',
      printed: '重点生态功能区',
      rule: { attribute: 'eco_zone' },
    },
    {
      code: 'big',
      name: '大县',
      nameEn: 'Big',
      printed: '2025年地区生产总值40亿元以上',
      rule: { indicator: 'gdp', period: '2025', op: '>=', value: 40 },
    },
    {
      code: 'other',
      name: '其他县',
      nameEn: 'Other',
      printed: '其余各县',
      rule: { otherwise: true },
    },
  ],
  tasks: [],
};

interface ZjEv {
  results: {
    region: string;
    indicator: string;
    value: number | null;
    status: string;
    derived: boolean;
  }[];
  categories: Record<string, string[]>;
  categoryReasons: Record<string, { reason: string }[]>;
}

describe('leitai regions import: another province in the database', () => {
  const dir = tempDir();
  const file = (name: string, text: string) => {
    const f = join(dir, name);
    writeFileSync(f, text);
    return f;
  };
  const db = join(dir, 'zj.db');
  const register = file('zhejiang.csv', ZJ_REGISTER);
  const attributes = file('zhejiang-attributes.csv', ZJ_ATTRIBUTES);
  const data = file('zhejiang-data.csv', ZJ_DATA);
  const plan = file('zj-test.json', JSON.stringify(ZJ_PLAN));

  it('refuses a bad register with line and column, writing nothing', () => {
    expect(leitai('db', 'init', '--db', db).code).toBe(0);
    const bad = file('bad.csv', `${ZJ_REGISTER}\n330227,奉化县,county,339900,县,\n`);
    const r = leitai('regions', 'import', bad, '--db', db);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('第9行「parent_code」列的值「339900」不在区划名录中');
    const listed = json<Row[]>(leitai('regions', '--db', db, '--format', 'json'));
    expect(listed).toHaveLength(135);
    expect(listed.filter((x) => x.code.startsWith('33'))).toEqual([]);
    // Data for its counties is refused while they are not in the register.
    const early = leitai('import', data, '--db', db);
    expect(early.code).not.toBe(0);
    expect(early.stderr).toContain('330122');
  });

  it('plan check refuses exclusive categories that cannot both have members, naming the path', () => {
    const [eco, big, other] = ZJ_PLAN.categories;
    const twin = { ...eco!, code: 'eco2', name: '生态县二' };
    const bad = file(
      'bad-plan.json',
      JSON.stringify({ ...ZJ_PLAN, categories: [eco, big, twin, other] }),
    );
    const r = leitai('plan', 'check', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('「categories.2.rule」生态县二: 与「生态县」(categories.0)规则相同');
  });

  it('imports the register and attributes; data and a plan of that province then work', () => {
    const r = leitai('regions', 'import', register, '--attributes', attributes, '--db', db);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('新增区划 7 个');
    const counties = json<Row[]>(
      leitai('regions', '--db', db, '--level', 'county', '--format', 'json'),
    );
    const zj = counties.filter((c) => c.parent?.startsWith('33'));
    expect(zj.map((c) => `${c.name}:${c.attributes.eco_zone}`)).toEqual([
      '桐庐县:false',
      '淳安县:true',
      '象山县:false',
      '宁海县:false',
    ]);
    const imported = leitai('import', data, '--db', db);
    expect(imported.code, imported.stderr).toBe(0);
    const ev = json<ZjEv>(
      leitai(
        'evaluate',
        '--db',
        db,
        '--plan',
        'zj-test',
        '--plan-file',
        plan,
        '--period',
        '2025',
        '--format',
        'json',
      ),
    );
    const at = (region: string, indicator: string) =>
      ev.results.find((x) => x.region === region && x.indicator === indicator);
    // Province GDP 40 + 30 + 50 + 20 = 140 ≥ 100 → met, summed from the counties.
    expect(at('330000', 'gdp')).toMatchObject({ value: 140, status: 'met', derived: true });
    // Counties with GDP ≥ 30: 桐庐 40, 淳安 30, 象山 50 → 3 of 4 = 75% ≥ 75 → met.
    expect(at('330000', 'gdp_30_share')).toMatchObject({ value: 75, status: 'met' });
    // Exclusive in order 生态县 → 大县 → 其他县: 淳安 is 生态县; 桐庐 (40) and 象山 (50) 大县; 宁海 其他县.
    expect(ev.categories).toEqual({
      '330122': ['big'],
      '330127': ['eco'],
      '330225': ['big'],
      '330226': ['other'],
    });
    expect(ev.categoryReasons['330122']![0]!.reason).toBe(
      '2025年地区生产总值 40.0亿元 ≥ 40亿元;不属于生态县',
    );
    expect(ev.categoryReasons['330226']![0]!.reason).toBe('不属于生态县;不属于大县');
    // The 生态县 target applies to 淳安 alone: 30 ≥ 30 → met.
    expect(ev.results.filter((x) => x.region !== '330000')).toMatchObject([
      { region: '330127', value: 30, status: 'met' },
    ]);
  });
});
