import { describe, expect, it } from 'vitest';
import { ByteCache, approxBytes } from '../../src/server/byte-cache.js';
import { buildApp } from '../../src/server/app.js';
import { as, demoDb, login, useDemoApp } from './setup.js';

describe('caches bounded in bytes', () => {
  it('keeps the newest entries and never more bytes than its bound', () => {
    const cache = new ByteCache<string>(10_000);
    for (let i = 0; i < 100; i++) {
      cache.set(`k${i}`, 'x'.repeat(1000), 2000);
      expect(cache.bytes).toBeLessThanOrEqual(10_000);
    }
    expect(cache.size).toBe(5);
    expect(cache.get('k99')).toBeDefined();
    expect(cache.get('k94')).toBeUndefined();
    cache.set('huge', 'y', 20_000); // larger than the bound: not kept, nothing evicted
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.size).toBe(5);
  });

  it('counts strings, arrays, maps and shared objects', () => {
    const shared = { a: 'abcd' };
    expect(approxBytes('x'.repeat(100))).toBeGreaterThanOrEqual(200);
    expect(approxBytes([shared, shared])).toBeLessThan(2 * approxBytes(shared) + 64);
    expect(approxBytes(new Map([['k', 'v'.repeat(1000)]]))).toBeGreaterThan(2000);
  });

  it('the app keeps its answers and results within the bound it is given', async () => {
    const t = demoDb();
    const store = await t.open();
    const app = await buildApp({ store, cacheBytes: 2_000_000 });
    try {
      const s = await login(app, 'province');
      for (const period of ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']) {
        const r = await app.inject({
          method: 'GET',
          url: `/api/observations?period=${period}&limit=10000`,
          headers: as(s),
        });
        expect(r.statusCode).toBe(200);
        expect(app.cache.bytes).toBeLessThanOrEqual(2_000_000);
      }
      expect(app.cache.bytes).toBeGreaterThan(500_000); // it does keep what fits
    } finally {
      await app.close();
      await store.close();
      await t.drop();
    }
  }, 60_000);
});

describe('GET /api/observations is paged', () => {
  const ctx = useDemoApp();

  it('answers pages of at most `limit` rows with the total, in key order, and refuses pages over 10 000', async () => {
    const s = await login(ctx.app, 'province');
    const get = async (q: string) =>
      (
        await ctx.app.inject({ method: 'GET', url: `/api/observations?${q}`, headers: as(s) })
      ).json() as {
        rows: { region: string; indicator: string; period: string }[];
        total: number;
        offset: number;
        limit: number;
      };
    const whole = await get('period=2026-09&region=230183');
    expect(whole.total).toBe(whole.rows.length);
    expect(whole.total).toBeGreaterThan(10);
    expect(whole.limit).toBe(1000);
    const first = await get('period=2026-09&region=230183&limit=4');
    const second = await get('period=2026-09&region=230183&limit=4&offset=4');
    expect(first.total).toBe(whole.total);
    expect([...first.rows, ...second.rows]).toEqual(whole.rows.slice(0, 8));
    const province = await get('period=2026-09');
    expect(province.rows.length).toBe(1000);
    expect(province.total).toBeGreaterThan(1000);
    const tooMany = await ctx.app.inject({
      method: 'GET',
      url: '/api/observations?limit=10001',
      headers: as(s),
    });
    expect(tooMany.statusCode).toBe(400);
  });

  it('shows an observer only published approved values, counted alike', async () => {
    const s = await login(ctx.app, 'observer');
    const r = (
      await ctx.app.inject({ method: 'GET', url: '/api/observations?period=2025', headers: as(s) })
    ).json() as { rows: { status: string }[]; total: number };
    expect(r.total).toBeGreaterThan(0);
    expect(r.rows.every((x) => x.status === 'approved')).toBe(true);
    // Before publication only the province's own aggregates (today's rule for observers).
    const unpublished = (
      await ctx.app.inject({
        method: 'GET',
        url: '/api/observations?period=2026-09',
        headers: as(s),
      })
    ).json() as { rows: { region: string }[]; total: number };
    expect(unpublished.total).toBe(unpublished.rows.length);
    expect(unpublished.rows.every((x) => x.region === '230000')).toBe(true);
  });
});

describe('the data version', () => {
  it('is re-read from the database after versionMs, and at once after this instance writes', async () => {
    const t = demoDb();
    const store = await t.open();
    const a = await buildApp({ store, versionMs: 60_000 });
    const other = await buildApp({ store, versionMs: 0 });
    try {
      const v0 = await a.dataVersion();
      // Another instance writes: this one still serves its remembered version (no round trip)…
      const s = await login(other, 'province');
      const w = await other.inject({
        method: 'PUT',
        url: '/api/observations/230183/gdp/2031-01',
        headers: as(s),
        payload: { value: 1 },
      });
      expect(w.statusCode).toBe(200);
      expect(await other.dataVersion()).not.toBe(v0);
      expect(await a.dataVersion()).toBe(v0);
      // …and one of its own writes makes it read again at once.
      const sa = await login(a, 'province');
      await a.inject({
        method: 'PUT',
        url: '/api/observations/230183/gdp/2031-02',
        headers: as(sa),
        payload: { value: 2 },
      });
      const v2 = await a.dataVersion();
      expect(v2).not.toBe(v0);
      expect(v2).toBe(await other.dataVersion());
    } finally {
      await a.close();
      await other.close();
      await store.close();
      await t.drop();
    }
  }, 60_000);
});
