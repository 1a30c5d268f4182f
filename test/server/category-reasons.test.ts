import { describe, expect, it } from 'vitest';
import { as, login, useDemoApp } from './setup.js';

interface Reason {
  category: string;
  name: string;
  reason: string;
  evidence: (
    { indicator: string; op: string; threshold: number; value: number } | { attribute: string }
  )[];
}
interface Answer {
  categories: Record<string, string[]>;
  categoryReasons: Record<string, Reason[]>;
  results: { region: string }[];
}

const SHANGZHI = '230183';
const URL = '/api/evaluation?plan=hlj-2026&period=2026-09&limit=1';

/** GET /api/evaluation says why each county is in each category, to those who may see it. */
describe('evaluation: category reasons', () => {
  const ctx = useDemoApp();
  const get = async (user: string, url = URL): Promise<Answer> => {
    const r = await ctx.app.inject({ method: 'GET', url, headers: as(await login(ctx.app, user)) });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as Answer;
  };

  it('gives every county one reason per category it is in, with the numbers behind it', async () => {
    const ev = await get('province');
    expect(Object.keys(ev.categoryReasons).sort()).toEqual(Object.keys(ev.categories).sort());
    for (const [region, codes] of Object.entries(ev.categories))
      expect(
        ev.categoryReasons[region]!.map((r) => r.category),
        region,
      ).toEqual(codes);
    const industrial = Object.values(ev.categoryReasons)
      .flat()
      .filter((r) => r.category === 'industrial');
    expect(industrial.length).toBeGreaterThan(0);
    for (const r of industrial) {
      expect(r.name).toBe('工业县');
      expect(r.reason).toMatch(/^2025年工业增加值 \d+\.\d亿元 > 10亿元$/);
      const [e] = r.evidence;
      expect(e).toMatchObject({ indicator: 'industry_va', op: '>', threshold: 10 });
      expect((e as { value: number }).value).toBeGreaterThan(10);
    }
    const tourism = Object.values(ev.categoryReasons)
      .flat()
      .filter((r) => r.category === 'tourism');
    for (const r of tourism) expect(r.reason).toMatch(/有4A级景区|有历史文化资源富集区/);
  });

  it('shows a county only its own reasons in a period not yet published', async () => {
    const own = await get('shangzhi', `${URL}&region=230184`);
    expect(own.results).toEqual([]);
    expect(Object.keys(own.categoryReasons)).toEqual([SHANGZHI]);
    const all = await get('province');
    expect(own.categoryReasons[SHANGZHI]).toEqual(all.categoryReasons[SHANGZHI]);
    const observer = await get('observer');
    expect(observer.categoryReasons).toEqual({});
  });
});
