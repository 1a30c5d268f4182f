import { describe, expect, it } from 'vitest';
import { as, login, useDemoApp } from './setup.js';

interface Row {
  region: string;
  indicator: string;
  period: string;
  value: number | null;
  status: string;
  revision: number;
}
const rowsOf = (b: unknown): Row[] => (Array.isArray(b) ? b : (b as { rows: Row[] }).rows);

const SHANGZHI = '230183';
const WUCHANG = '230184';
const PROVINCE = '230000';

/**
 * The one visibility rule (SPEC §5), seen through the API: inside one's scope the working data;
 * outside it only published, approved values; results of a published period stand on those.
 */
describe('visibility: published results stand on approved values', () => {
  const ctx = useDemoApp();
  const get = async (user: string, url: string) => {
    const r = await ctx.app.inject({ method: 'GET', url, headers: as(await login(ctx.app, user)) });
    expect(r.statusCode, `${user} ${url}: ${r.body}`).toBe(200);
    return r.json() as Record<string, unknown>;
  };
  const put = async (user: string, url: string, payload: Record<string, unknown>) =>
    ctx.app.inject({ method: 'PUT', url, payload, headers: as(await login(ctx.app, user)) });

  const rankOf = async (region: string) => {
    const b = await get('province', '/api/ranking?plan=hlj-2025&period=2025');
    const c = (b.counties as { region: string; rank: number; score: number }[]).find(
      (x) => x.region === region,
    )!;
    return { rank: c.rank, score: c.score };
  };
  const awardOf = async (region: string) => {
    const b = await get('observer', '/api/incentives?plan=hlj-2025&period=2025&pool=5000');
    return JSON.stringify((b.rows as { region: string }[]).filter((a) => a.region === region));
  };

  it("a county's edit of its approved, published value moves nothing until it is approved", async () => {
    const url = `/api/observations?region=${SHANGZHI}&period=2025&indicator=gdp_growth`;
    const [before] = rowsOf(await get('observer', url));
    expect(before!.status).toBe('approved');
    const rank = await rankOf(SHANGZHI);
    const award = await awardOf(SHANGZHI);

    const r = await put('shangzhi', `/api/observations/${SHANGZHI}/gdp_growth/2025`, {
      value: 49,
      reason: '更正',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ value: 49, status: 'submitted' });

    expect(await rankOf(SHANGZHI)).toEqual(rank);
    expect(await awardOf(SHANGZHI)).toBe(award);
    const [seen] = rowsOf(await get('observer', url));
    expect(seen).toMatchObject({ value: before!.value, status: 'approved' });
    const [own] = rowsOf(await get('shangzhi', url));
    expect(own).toMatchObject({ value: 49, status: 'submitted' });
    const queue = (await get('harbin', '/api/review/queue?period=2025')) as unknown as Row[];
    expect(queue.some((q) => q.region === SHANGZHI && q.indicator === 'gdp_growth')).toBe(true);
  });

  it('nobody outside the province sees its unpublished rows; a county sees only its own', async () => {
    const r = await put('province', `/api/observations/${PROVINCE}/gdp/2026-11`, { value: 1234.5 });
    expect(r.statusCode, r.body).toBe(200);
    for (const user of ['observer', 'shangzhi', 'harbin']) {
      const b = await get(user, '/api/observations?period=2026-11');
      expect(
        rowsOf(b).filter((x) => x.region === PROVINCE),
        user,
      ).toEqual([]);
    }
    const ev = await get('shangzhi', '/api/evaluation?plan=hlj-2026&period=2026-09&limit=5000');
    const results = ev.results as { region: string; status: string }[];
    expect(results.length).toBeGreaterThan(0);
    expect(new Set(results.map((x) => x.region))).toEqual(new Set([SHANGZHI]));
    const summary = ev.summary as Record<string, number>;
    const counted = Object.values(summary).reduce((a, b) => a + b, 0);
    expect(counted).toBe(results.length);
    expect(ev.outlook as { region: string }[]).toSatisfy((o: { region: string }[]) =>
      o.every((x) => x.region === SHANGZHI),
    );
  });

  it('changing a reviewed value sends it back to the prefecture, with a reason', async () => {
    const key = `/api/observations/${SHANGZHI}/industry_va_growth/2026-10`;
    expect((await put('shangzhi', key, { value: 5.5 })).statusCode).toBe(200);
    const keys = [{ region: SHANGZHI, indicator: 'industry_va_growth', period: '2026-10' }];
    const step = async (user: string, action: string) => {
      const s = await login(ctx.app, user);
      const res = await ctx.app.inject({
        method: 'POST',
        url: `/api/review/${action}`,
        payload: { keys },
        headers: as(s),
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    await step('shangzhi', 'submit');
    await step('harbin', 'review');
    const noReason = await put('shangzhi', key, { value: 6.5 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().message).toMatch(/原因/);
    const changed = await put('shangzhi', key, { value: 6.5, reason: '补充数据' });
    expect(changed.json()).toMatchObject({ status: 'submitted', value: 6.5 });
    const queue = (await get('harbin', '/api/review/queue?period=2026-10')) as unknown as Row[];
    expect(queue.find((q) => q.region === SHANGZHI)).toMatchObject({ value: 6.5 });
  });

  it('out of scope: the same 403 whether the value exists, without its revision', async () => {
    const existing = await put('shangzhi', `/api/observations/${WUCHANG}/gdp/2025`, {
      value: 1,
      expectedRevision: 99,
    });
    const missing = await put('shangzhi', `/api/observations/${WUCHANG}/gdp/2031-01`, {
      value: 1,
      expectedRevision: 99,
    });
    expect(existing.statusCode).toBe(403);
    expect(missing.statusCode).toBe(403);
    expect(existing.json().code).toBe(missing.json().code);
    const s = await login(ctx.app, 'shangzhi');
    for (const period of ['2025', '2031-01']) {
      const r = await ctx.app.inject({
        method: 'POST',
        url: '/api/review/submit',
        payload: { keys: [{ region: WUCHANG, indicator: 'gdp', period }], expectedRevision: 99 },
        headers: as(s),
      });
      expect(r.statusCode, period).toBe(403);
      expect(r.body).not.toMatch(/版|revision/);
    }
  });
});
