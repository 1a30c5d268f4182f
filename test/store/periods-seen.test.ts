import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/db.js';
import { applyValues } from '../../src/store/observations.js';
import { periodsSeen } from '../../src/store/visible-values.js';
import { DIALECTS, testDb, type TestDb } from './dialects.js';

const SHANGZHI = '230183';
const WUCHANG = '230184';
const AT = '2026-03-01T00:00:00.000Z';
const PERIODS = ['2025-04', '2025-03', '2025-02', '2025-01'];

describe.each(DIALECTS)('the periods a reader sees a value in, on %s', (dialect) => {
  let t: TestDb;
  let store: Store;
  const seen = (
    f: Partial<Parameters<typeof periodsSeen>[1]>,
    s: Parameters<typeof periodsSeen>[2],
  ) =>
    periodsSeen(
      store,
      { periods: PERIODS, regions: [SHANGZHI, WUCHANG], indicators: ['gdp'], ...f },
      s,
    );

  beforeAll(async () => {
    t = testDb(dialect);
    store = await t.open();
    // 2025-01: 尚志市 approved. 2025-02: 五常市 a draft. 2025-03: another indicator only.
    // 2025-04: a reported-missing value (no number).
    await applyValues(
      store,
      [{ region: SHANGZHI, indicator: 'gdp', period: '2025-01', value: 1 }],
      {
        actor: 'seed',
        source: 'test',
        at: AT,
        status: 'approved',
      },
    );
    await applyValues(
      store,
      [
        { region: WUCHANG, indicator: 'gdp', period: '2025-02', value: 2 },
        { region: WUCHANG, indicator: 'tax_revenue', period: '2025-03', value: 3 },
        { region: WUCHANG, indicator: 'gdp', period: '2025-04', value: null },
      ],
      { actor: 'seed', source: 'test', at: AT },
    );
  });
  afterAll(async () => {
    await store.close();
    await t.drop();
  });

  it('whole scope: every period with a number, in the order asked', async () => {
    expect(await seen({}, { all: true, regions: [], published: [] })).toEqual([
      '2025-02',
      '2025-01',
    ]);
    expect(
      await seen({ indicators: ['gdp', 'tax_revenue'] }, { all: true, regions: [], published: [] }),
    ).toEqual(['2025-03', '2025-02', '2025-01']);
    expect(await seen({ regions: [WUCHANG] }, { all: true, regions: [], published: [] })).toEqual([
      '2025-02',
    ]);
  });

  it('a county: its own working values; others only approved in a published period', async () => {
    const wuchang = (published: string[]) =>
      seen({}, { all: false, regions: [WUCHANG], published });
    expect(await wuchang([])).toEqual(['2025-02']);
    expect(await wuchang(['2025-01'])).toEqual(['2025-02', '2025-01']);
    expect(await seen({}, { all: false, regions: [SHANGZHI], published: [] })).toEqual(['2025-01']);
  });

  it('an observer: approved values of published periods only', async () => {
    expect(await seen({}, { all: false, regions: [], published: [] })).toEqual([]);
    expect(
      await seen({}, { all: false, regions: [], published: ['2025-01', '2025-02', '2025-04'] }),
    ).toEqual(['2025-01']);
  });
});
