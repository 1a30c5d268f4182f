import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLeitaiError } from '../../src/core/errors/index.js';
import { loadRegister } from '../../src/io/regions.js';
import { importRegions } from '../../src/services/regions.js';
import { adminLog } from '../../src/store/admin-log.js';
import type { Store } from '../../src/store/db.js';
import { loadRegisterFrom, saveRegions } from '../../src/store/regions.js';
import { cleanUp, DIALECTS, testDb, type TestDb } from './dialects.js';

const AT = '2026-03-01T08:00:00.000Z';

// TEST DATA, made up for these tests: real GB/T 2260 codes of Zhejiang, two prefectures and
// four counties; the attribute values are invented.
const ZHEJIANG = {
  file: 'zhejiang.csv',
  text: [
    'code,name,level,parent_code,kind,border',
    '330000,浙江省,province,,省,',
    '330100,杭州市,prefecture,330000,地级市,',
    '330122,桐庐县,county,330100,县,false',
    '330127,淳安县,county,330100,县,false',
    '330200,宁波市,prefecture,330000,地级市,',
    '330225,象山县,county,330200,县,',
    '330226,宁海县,county,330200,县,',
  ].join('\n'),
};
const ATTRIBUTES = {
  file: 'zhejiang-attributes.csv',
  text: 'code,eco_zone,scenic_4a\n330127,true,\n330225,,true\n',
};

describe.each(DIALECTS)('importing another province’s register on %s', (dialect) => {
  let t: TestDb;
  let store: Store;
  beforeAll(async () => {
    t = testDb(dialect);
    store = await t.open();
    await saveRegions(store, [...loadRegister().regions.values()]);
  });
  afterAll(() => cleanUp(t, store));

  async function refusal(p: Promise<unknown>) {
    try {
      await p;
    } catch (e) {
      if (isLeitaiError(e)) return e;
      throw e;
    }
    throw new Error('not refused');
  }

  it('refuses bad rows with line and column, and writes nothing', async () => {
    const bad = {
      file: 'bad.csv',
      text: [
        'code,name,level,parent_code,kind',
        '330000,浙江省,province,,省', // line 2: fine
        '33012,桐庐县,county,330100,县', // line 3: a 5-digit code
        '330127,淳安县,county,339900,县', // line 4: a parent in neither register nor file
        '230183,浙江尚志,county,230100,县级市', // line 5: 尚志市's code under another name
        '330102,上城区,prefecture,330127,市辖区', // line 6: a county as a prefecture's parent
      ].join('\n'),
    };
    const attrs = { file: 'a.csv', text: 'code,eco_zone\n330999,true\n' };
    const e = await refusal(
      importRegions(store, { regions: bad, attributes: [attrs], actor: 'admin', at: AT }),
    );
    expect(e.code).toBe('CSV_INVALID');
    expect(e.message).toContain('bad.csv: 第3行「code」列的值「33012」不是6位区划代码');
    // Format problems come first; the register is compared only with a well-formed file.
    const fixed = { ...bad, text: bad.text.replace('33012,', '330122,') };
    const e2 = await refusal(
      importRegions(store, { regions: fixed, attributes: [attrs], actor: 'admin', at: AT }),
    );
    const problems = (e2.details as { problems: { line: number; column: string }[] }).problems;
    expect(problems.map((p) => `${p.line}:${p.column}`)).toEqual([
      '3:parent_code', // 330100 is neither in the register nor in this file
      '4:parent_code',
      '5:name',
      '6:parent_code',
      '2:code', // the attribute file's line 2
    ]);
    expect(e2.message).toContain('第5行「name」列的值「浙江尚志」与名录不符');
    const register = await loadRegisterFrom(store);
    expect(register.regions.size).toBe(135);
    expect(await adminLog(store, { target: 'register' })).toEqual([]);
  });

  it('adds the regions and their attributes, logged; a second run changes nothing', async () => {
    const r = await importRegions(store, {
      regions: ZHEJIANG,
      attributes: [ATTRIBUTES],
      actor: 'admin',
      at: AT,
    });
    expect(r).toEqual({
      added: ['330000', '330100', '330122', '330127', '330200', '330225', '330226'],
      unchanged: 0,
      attributesChanged: 0,
    });
    const register = await loadRegisterFrom(store);
    expect(register.regions.size).toBe(135 + 7);
    expect(register.children('330100').map((c) => c.name)).toEqual(['桐庐县', '淳安县']);
    expect(register.get('330127')!.attributes).toEqual({ border: false, eco_zone: true });
    expect(register.get('330225')!.attributes).toEqual({ border: null, scenic_4a: true });
    expect(await adminLog(store, { target: 'register' })).toMatchObject([
      { action: 'region.import', new: { file: 'zhejiang.csv', added: r.added } },
    ]);
    const again = await importRegions(store, {
      regions: ZHEJIANG,
      attributes: [ATTRIBUTES],
      actor: 'admin',
      at: AT,
    });
    expect(again).toEqual({ added: [], unchanged: 7, attributesChanged: 0 });
    expect(await adminLog(store, { target: 'register' })).toHaveLength(1);
  });

  it('sets attributes of regions already there, each change logged', async () => {
    const r = await importRegions(store, {
      regions: ZHEJIANG,
      attributes: [
        { file: 'more.csv', text: 'code,border,scenic_4a\n330226,true,\n330225,,true\n' },
      ],
      actor: 'admin',
      at: AT,
    });
    // 宁海县 gets border true; 象山县 already has scenic_4a true.
    expect(r).toEqual({ added: [], unchanged: 7, attributesChanged: 1 });
    expect(await adminLog(store, { target: 'region:330226' })).toMatchObject([
      { action: 'region.attributes', old: { border: null }, new: { border: true } },
    ]);
  });
});
