// `counties=all` on /api/ranking, /api/evaluation and /api/warnings: every county of the register
// with data is ranked and evaluated by the plan's county table, not only the plan's own; the
// visibility rule is the same; each choice is its own cached answer. And /api/completeness is
// cached per data state like the other computed answers.
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../src/core/periods/index.js';
import { addOtherProvince, as, login, useDemoApp } from './setup.js';

interface Scope {
  counties: 'plan' | 'all';
  plan: number;
  others: number;
}
interface RankingBody {
  counties: { region: string; rank: number | null; prefecture: string | null }[];
  complete: boolean;
  scope: Scope;
  stability: { counties: { region: string; p05: number; p95: number }[] } | null;
}
interface EvaluationBody {
  counties: number;
  results: { region: string; indicator: string }[];
  regionNames: Record<string, string>;
  categories: Record<string, string[]>;
  total: number;
  scope: Scope;
}
interface WarningsBody {
  counties: { region: string }[];
  warnings: { region: string }[];
  complete: boolean;
  scope: Scope;
}

const SEL = 'plan=hlj-2026&period=2026-09';
// The demo counties whose values the other province's counties copy.
const FROM = ['230183', '230184', '230123'];
const SHANGZHI = '230183';

describe('counties=all: every county of the register with data', () => {
  const ctx = useDemoApp();
  let others: string[] = [];
  beforeAll(async () => {
    others = await addOtherProvince(ctx.store, FROM);
    ctx.app.invalidateReference();
  });
  const get = async (user: string, url: string) => {
    const r = await ctx.app.inject({ method: 'GET', url, headers: as(await login(ctx.app, user)) });
    expect(r.statusCode, `${user} ${url}: ${r.body}`).toBe(200);
    return r.json() as unknown;
  };
  const isOther = (code: string) => others.includes(code);

  it('ranks the other province’s counties too with counties=all, and only the plan’s by default', async () => {
    const plan = (await get('province', `/api/ranking?${SEL}`)) as RankingBody;
    expect(plan.counties.length).toBe(67);
    expect(plan.counties.some((c) => isOther(c.region))).toBe(false);
    expect(plan.scope).toEqual({ counties: 'plan', plan: 67, others: 3 });

    const all = (await get('province', `/api/ranking?${SEL}&counties=all`)) as RankingBody;
    expect(all.counties.length).toBe(70);
    expect(all.complete).toBe(true);
    expect(all.scope).toEqual({ counties: 'all', plan: 67, others: 3 });
    expect(all.counties.filter((c) => isOther(c.region)).map((c) => c.region)).toEqual(
      expect.arrayContaining(others),
    );
    // Ranked on one scale of 70: ranks 1..70 (ties share a rank), the copies beside their originals.
    const ranks = all.counties.map((c) => c.rank!);
    expect(ranks.every((r) => r >= 1 && r <= 70)).toBe(true);
    expect(Math.max(...ranks)).toBeGreaterThan(67);
    const rankOf = new Map(all.counties.map((c) => [c.region, c.rank]));
    FROM.forEach((code, i) => expect(rankOf.get(others[i]!)).toBe(rankOf.get(code)));
    expect(all.counties.find((c) => c.region === others[0])!.prefecture).toBe('910100');

    // The default answer is not the all-counties one from the cache, nor the other way round.
    const again = (await get('province', `/api/ranking?${SEL}`)) as RankingBody;
    expect(again.counties.length).toBe(67);

    const stab = (await get(
      'province',
      `/api/ranking?${SEL}&counties=all&stability=20`,
    )) as RankingBody;
    expect(stab.stability!.counties.length).toBe(70);
    expect(Math.max(...stab.stability!.counties.map((c) => c.p95))).toBeLessThanOrEqual(70);
  });

  it('evaluates the other province’s counties with counties=all, and only the plan’s by default', async () => {
    const plan = (await get('province', `/api/evaluation?${SEL}&limit=5000`)) as EvaluationBody;
    expect(plan.counties).toBe(67);
    expect(plan.results.some((r) => isOther(r.region))).toBe(false);
    expect(plan.scope).toEqual({ counties: 'plan', plan: 67, others: 3 });
    const all = (await get(
      'province',
      `/api/evaluation?${SEL}&limit=5000&counties=all`,
    )) as EvaluationBody;
    expect(all.counties).toBe(70);
    expect(all.scope.counties).toBe('all');
    const regions = new Set(all.results.map((r) => r.region));
    for (const code of others) {
      expect(regions.has(code), code).toBe(true);
      expect(all.regionNames[code]).toMatch(/^合成县/);
      expect(all.categories[code]).toBeDefined();
    }
    // The same targets for a copy as for its original.
    const rowsOf = (code: string) => all.results.filter((r) => r.region === code).length;
    FROM.forEach((code, i) => expect(rowsOf(others[i]!)).toBe(rowsOf(code)));
    expect(all.total).toBeGreaterThan(plan.total);

    // One indicator across every county (the indicator view): its rows alone, all 70 counties.
    const indicator = all.results.find((r) => isOther(r.region))!.indicator;
    const one = (await get(
      'province',
      `/api/evaluation?${SEL}&limit=5000&counties=all&indicator=${indicator}`,
    )) as EvaluationBody;
    expect(one.results.length).toBeGreaterThan(0);
    expect(one.results.every((r) => r.indicator === indicator)).toBe(true);
    expect(one.total).toBe(all.results.filter((r) => r.indicator === indicator).length);
    for (const code of others) expect(one.results.some((r) => r.region === code)).toBe(true);
  });

  it('lists the other province’s counties on the warnings board with counties=all', async () => {
    const plan = (await get('province', `/api/warnings?${SEL}`)) as WarningsBody;
    expect(plan.counties.some((c) => isOther(c.region))).toBe(false);
    expect(plan.scope).toEqual({ counties: 'plan', plan: 67, others: 3 });
    const all = (await get('province', `/api/warnings?${SEL}&counties=all`)) as WarningsBody;
    expect(all.counties.length).toBe(plan.counties.length + 3);
    expect(all.counties.filter((c) => isOther(c.region)).length).toBe(3);
  });

  it('keeps the one visibility rule: a county user still sees only itself in an unpublished period', async () => {
    const r = (await get('shangzhi', `/api/ranking?${SEL}&counties=all`)) as RankingBody;
    expect(r.counties.map((c) => c.region)).toEqual([SHANGZHI]);
    expect(r.complete).toBe(false);
    // Its rank is its rank among all 70 (the same as the province sees).
    const all = (await get('province', `/api/ranking?${SEL}&counties=all`)) as RankingBody;
    expect(r.counties[0]!.rank).toBe(all.counties.find((c) => c.region === SHANGZHI)!.rank);
    const ev = (await get(
      'shangzhi',
      `/api/evaluation?${SEL}&limit=5000&counties=all`,
    )) as EvaluationBody;
    expect(new Set(ev.results.map((x) => x.region))).toEqual(new Set([SHANGZHI]));
    expect(Object.keys(ev.categories)).toEqual([SHANGZHI]);
    const w = (await get('shangzhi', `/api/warnings?${SEL}&counties=all`)) as WarningsBody;
    expect(w.counties.every((c) => c.region === SHANGZHI)).toBe(true);
    expect(w.warnings.every((c) => c.region === SHANGZHI)).toBe(true);
    // A prefecture sees its own counties, none of the other province's.
    const harbin = (await get('harbin', `/api/ranking?${SEL}&counties=all`)) as RankingBody;
    expect(harbin.counties.length).toBeGreaterThan(0);
    expect(harbin.counties.every((c) => c.prefecture === '230100')).toBe(true);
  });

  it('shows a published period’s all-county ranking to every reader, as the rule says', async () => {
    const url = '/api/ranking?plan=hlj-2025&period=2025&counties=all';
    const observer = (await get('observer', url)) as RankingBody;
    expect(observer.complete).toBe(true);
    expect(observer.counties.filter((c) => isOther(c.region)).length).toBe(3);
    const county = (await get('shangzhi', url)) as RankingBody;
    expect(county.counties.map((c) => c.region)).toEqual(observer.counties.map((c) => c.region));
  });

  it('caches each choice as its own answer, keyed by the data state', async () => {
    const version = await ctx.app.dataVersion();
    await get('province', `/api/ranking?${SEL}&counties=all`);
    await get('province', `/api/evaluation?${SEL}&counties=all&limit=1`);
    const key = (what: string) => `computed|ranking|hlj-2026|2026-09|working|${what}|${version}`;
    expect(ctx.app.cache.get(key('all'))).toBeDefined();
    expect(ctx.app.cache.get(key('plan'))).toBeDefined();
    expect(ctx.app.cache.get(`evaluation|hlj-2026|2026-09||working|all|${version}`)).toBeDefined();
    const size = ctx.app.cache.size;
    await get('province', `/api/ranking?${SEL}&counties=all`);
    expect(ctx.app.cache.size).toBe(size);
  });

  it('refuses any other choice of counties', async () => {
    const s = await login(ctx.app, 'province');
    for (const url of [
      `/api/ranking?${SEL}&counties=everything`,
      `/api/evaluation?${SEL}&counties=ALL`,
      `/api/warnings?${SEL}&counties=`,
    ]) {
      const r = await ctx.app.inject({ method: 'GET', url, headers: as(s) });
      expect(r.statusCode, url).toBe(400);
    }
  });
});

describe('GET /api/completeness is cached per data state', () => {
  const ctx = useDemoApp();
  const URL = `/api/completeness?${SEL}`;

  it('answers the same from the cache, and again after a write changes the data', async () => {
    const s = await login(ctx.app, 'province');
    const first = await ctx.app.inject({ method: 'GET', url: URL, headers: as(s) });
    expect(first.statusCode, first.body).toBe(200);
    const body = first.json() as { total: { expected: number; received: number } };
    expect(body.total.expected).toBeGreaterThan(1000);
    const size = ctx.app.cache.size;
    const again = await ctx.app.inject({ method: 'GET', url: URL, headers: as(s) });
    expect(again.body).toBe(first.body);
    expect(ctx.app.cache.size).toBe(size);
    const version = await ctx.app.dataVersion();
    const key = `computed|completeness|hlj-2026|2026-09|${todayIn(new Date())}|${version}`;
    expect(ctx.app.cache.get(key)).toBeDefined();

    // A withdrawn value is missing at once: the write changed the data state, so a new answer.
    const w = await ctx.app.inject({
      method: 'PUT',
      url: '/api/observations/230183/gdp/2026-09',
      payload: { value: null, reason: '测试撤回' },
      headers: as(s),
    });
    expect(w.statusCode, w.body).toBe(200);
    const after = (
      await ctx.app.inject({ method: 'GET', url: URL, headers: as(s) })
    ).json() as typeof body & { total: { missing: number } };
    expect(after.total.received).toBe(body.total.received - 1);
  });
});
