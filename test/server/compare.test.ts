import { describe, expect, it } from 'vitest';
import { as, login, useDemoApp } from './setup.js';

// GET /api/compare: hlj-2026 against the plan it follows (hlj-2025), per county, on the targets
// both plans share; a county user sees its own county of unpublished periods only.

interface Compared {
  plan: string;
  previousPlan: string;
  period: string;
  with: string;
  rows: {
    region: string;
    indicator: string;
    now: { period: string; value: number | null; status: string };
    before: { period: string; value: number | null; status: string };
  }[];
}

describe('GET /api/compare', () => {
  const ctx = useDemoApp();
  const get = async (user: string, url: string) =>
    ctx.app.inject({ method: 'GET', url, headers: as(await login(ctx.app, user)) });

  it('sets each county’s 2026 judgement beside its 2025 one on the nine shared targets', async () => {
    const r = await get('province', '/api/compare?plan=hlj-2026&period=2026-09');
    expect(r.statusCode, r.body).toBe(200);
    const c = r.json<Compared>();
    expect(c).toMatchObject({
      plan: 'hlj-2026',
      previousPlan: 'hlj-2025',
      period: '2026-09',
      with: '2025-09',
    });
    // 67 counties × 9 shared county targets (same indicator, scope 各县).
    expect(c.rows).toHaveLength(67 * 9);
    const gdp = c.rows.find((x) => x.region === '230183' && x.indicator === 'gdp_growth')!;
    // The same values the evaluation of each plan reads.
    const ev = async (plan: string, period: string) =>
      (
        await get(
          'province',
          `/api/evaluation?plan=${plan}&period=${period}&region=230183&indicator=gdp_growth`,
        )
      )
        .json<{
          results: { value: number | null; status: string }[];
        }>()
        .results.map(({ value, status }) => ({ value, status }))[0]!;
    expect(gdp.now).toMatchObject(await ev('hlj-2026', '2026-09'));
    expect(gdp.before).toMatchObject(await ev('hlj-2025', '2025-09'));
  });

  it('shows a county user its own county only while the periods are unpublished', async () => {
    const r = await get('shangzhi', '/api/compare?plan=hlj-2026&period=2026-09');
    expect(r.statusCode, r.body).toBe(200);
    const regions = new Set(r.json<Compared>().rows.map((x) => x.region));
    expect([...regions]).toEqual(['230183']);
  });

  it('refuses a plan that follows none, saying so', async () => {
    const r = await get('province', '/api/compare?plan=hlj-2025&period=2025');
    expect(r.statusCode).toBe(400);
    expect(r.json<{ message: string }>().message).toContain('没有可比较的上年计划');
  });
});
