import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responsibility, type Actor } from '../../src/core/review/index.js';
import { loadBuiltinPlans, loadIndicators } from '../../src/io/plans.js';
import { loadRegister } from '../../src/io/regions.js';
import type { Store } from '../../src/store/db.js';
import { act, applyValues, currentValues, editValue } from '../../src/store/observations.js';
import { publishedValues, visibleValues } from '../../src/store/visible-values.js';
import { errorCode } from '../helpers.js';
import { DIALECTS, testDb, type TestDb } from './dialects.js';

const register = loadRegister();
const responsible = responsibility(loadBuiltinPlans(), loadIndicators());
const prefectureOf = (c: string) => register.get(c)?.parent ?? null;

// 尚志市 and its neighbour 五常市, both under 哈尔滨市.
const SHANGZHI = '230183';
const WUCHANG = '230184';
const HARBIN = '230100';
const K = { region: SHANGZHI, indicator: 'gdp_growth', period: '2025' };
const department = responsible('gdp_growth')[0]!;
const county: Actor = { name: 'shangzhi', role: 'county', region: SHANGZHI };
const prefecture: Actor = { name: 'harbin', role: 'prefecture', region: HARBIN };
const finance: Actor = { name: 'dept', role: 'department', department };
const AT = '2026-03-01T00:00:00.000Z';

const code = errorCode;

const step = (
  store: Store,
  actor: Actor,
  action: 'submit' | 'review' | 'approve',
  reason?: string,
) => act(store, [K], { actor, action, at: AT, responsible, prefectureOf, reason });

describe.each(DIALECTS)('published values on %s', (dialect) => {
  let t: TestDb;
  let store: Store;
  beforeAll(async () => {
    t = testDb(dialect);
    store = await t.open();
    await applyValues(
      store,
      [
        { ...K, value: 5.2 },
        { region: WUCHANG, indicator: 'gdp_growth', period: '2025', value: 4.1 },
      ],
      { actor: 'seed', source: 'test', at: AT },
    );
  });
  afterAll(async () => {
    await store.close();
    await t.drop();
  });

  it('nothing is published before it is approved', async () => {
    expect(await publishedValues(store, { periods: ['2025'] })).toEqual([]);
    await step(store, county, 'submit');
    await step(store, prefecture, 'review');
    await step(store, finance, 'approve');
    const [p] = await publishedValues(store, { regions: [SHANGZHI] });
    expect(p).toMatchObject({ value: 5.2, revision: 4, status: 'approved', actor: 'dept' });
  });

  it('an edit of an approved value is a pending revision; the approved one stays published', async () => {
    expect(await code(editValue(store, K, 49, { actor: 'shangzhi', at: AT }))).toBe(
      'INPUT_INVALID',
    );
    const edited = await editValue(store, K, 49, { actor: 'shangzhi', at: AT, reason: '更正' });
    expect(edited).toMatchObject({ value: 49, status: 'submitted', revision: 5 });
    const [p] = await publishedValues(store, { regions: [SHANGZHI] });
    expect(p).toMatchObject({ value: 5.2, revision: 4, actor: 'dept' });
  });

  it('changing a reviewed value sends it back to the prefecture, with a reason', async () => {
    await step(store, prefecture, 'review');
    expect((await currentValues(store, { regions: [SHANGZHI] }))[0]!.status).toBe('reviewed');
    expect(await code(editValue(store, K, 48, { actor: 'shangzhi', at: AT }))).toBe(
      'INPUT_INVALID',
    );
    expect(
      await code(
        applyValues(store, [{ ...K, value: 48 }], { actor: 'shangzhi', source: 'f', at: AT }),
      ),
    ).toBe('IMPORT_INVALID');
    await applyValues(store, [{ ...K, value: 48 }], {
      actor: 'shangzhi',
      source: 'f',
      at: AT,
      reason: '再次更正',
    });
    const [cur] = await currentValues(store, { regions: [SHANGZHI] });
    expect(cur).toMatchObject({ value: 48, status: 'submitted' });
    expect((await publishedValues(store, { regions: [SHANGZHI] }))[0]!.value).toBe(5.2);
  });

  it('once the new revision is approved it is the published one', async () => {
    await step(store, prefecture, 'review');
    await step(store, finance, 'approve');
    const [p] = await publishedValues(store, { regions: [SHANGZHI] });
    expect(p).toMatchObject({ value: 48, status: 'approved' });
  });

  it('out of scope, the same refusal whether the value exists or not, before its revision', async () => {
    const other: Actor = { name: 'wuchang', role: 'county', region: WUCHANG };
    const missing = { region: SHANGZHI, indicator: 'gdp', period: '2031' };
    const tryAct = (key: typeof K, expectedRevision?: number) =>
      code(
        act(store, [key], {
          actor: other,
          action: 'submit',
          at: AT,
          responsible,
          prefectureOf,
          expectedRevision,
        }),
      );
    expect(await tryAct(K)).toBe('SCOPE_DENIED');
    expect(await tryAct(K, 999)).toBe('SCOPE_DENIED');
    expect(await tryAct(missing)).toBe('SCOPE_DENIED');
  });

  it('a reader sees its scope working and the rest only when published and approved', async () => {
    await editValue(store, K, 47, { actor: 'shangzhi', at: AT, reason: '再改' });
    const page = { limit: 100, offset: 0 };
    const f = { periods: ['2025'], indicators: ['gdp_growth'] };
    const asWuchang = (published: string[]) =>
      visibleValues(store, f, { all: false, regions: [WUCHANG], published }, page);
    const unpublished = await asWuchang([]);
    expect(unpublished.rows.map((r) => r.region)).toEqual([WUCHANG]);
    expect(unpublished.total).toBe(1);
    const published = await asWuchang(['2025']);
    expect(published.total).toBe(2);
    expect(published.rows.find((r) => r.region === SHANGZHI)).toMatchObject({
      value: 48,
      status: 'approved',
    });
    const own = await visibleValues(
      store,
      f,
      { all: false, regions: [SHANGZHI], published: ['2025'] },
      page,
    );
    expect(own.rows.find((r) => r.region === SHANGZHI)).toMatchObject({
      value: 47,
      status: 'submitted',
    });
    // 五常市's value was never approved: outside its scope nobody sees it, published or not.
    expect(own.rows.map((r) => r.region)).toEqual([SHANGZHI]);
    const observer = await visibleValues(
      store,
      f,
      { all: false, regions: [], published: [] },
      page,
    );
    expect(observer).toEqual({ rows: [], total: 0 });
  });
});
