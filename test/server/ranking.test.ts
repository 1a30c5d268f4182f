import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { AWARD_COUNTIES as C, AWARDS_PLAN, awardValues } from '../fixtures/ranking-awards.js';
import { applyValues } from '../../src/store/observations.js';
import { as, login, useDemoApp } from './setup.js';

interface County {
  region: string;
  regionName: string;
  prefecture: string;
  score: number | null;
  rank: number | null;
  prefectureRank: number | null;
  previousRank: number | null;
  change: number | null;
  sections: Record<string, number | null>;
}
interface RankingBody {
  period: string;
  previousPeriod: string | null;
  counties: County[];
  advanced: string[];
  improved: string[];
  complete: boolean;
  synthetic: boolean;
  note?: string;
  method: { normalise: string; onTarget: number | null; sections: { name: string }[] };
  stability: {
    draws: number;
    counties: { region: string; median: number; p05: number; p95: number }[];
  } | null;
}

describe('GET /api/ranking and /api/incentives (the 擂台赛 in the API)', () => {
  const ctx = useDemoApp();
  const URL = '/api/ranking?plan=hlj-2026&period=2026-09';

  async function get(user: string, url = URL) {
    const s = await login(ctx.app, user);
    return ctx.app.inject({ method: 'GET', url, headers: as(s) });
  }

  it('ranks every county of the plan for the province, labelled synthetic', async () => {
    const r = await get('province');
    expect(r.statusCode).toBe(200);
    const b = r.json() as RankingBody;
    expect(b.counties.length).toBeGreaterThan(60);
    expect(b.complete).toBe(true);
    expect(b.synthetic).toBe(true);
    expect(b.note).toMatch(/合成演示数据/);
    expect(b.method.normalise).toBe('target');
    expect(b.method.onTarget).toBe(100);
    expect(b.method.sections.map((s) => s.name)).toEqual([
      '经济总量',
      '产业结构',
      '企业主体',
      '财政实力',
      '居民收入',
      '个性化',
    ]);
    const ranks = b.counties.map((c) => c.rank!);
    expect(ranks[0]).toBe(1);
    expect([...ranks].sort((x, y) => x - y)).toEqual(ranks);
    const scores = b.counties.map((c) => c.score!);
    expect([...scores].sort((x, y) => y - x)).toEqual(scores);
    expect(b.previousPeriod).toBe('2026-08');
    expect(b.counties.some((c) => c.change !== null && c.change !== 0)).toBe(true);
    expect(b.advanced).toEqual(b.counties.slice(0, 10).map((c) => c.region));
    expect(b.improved.length).toBe(5);
    expect(b.stability).toBeNull();
  });

  it('adds the rank interval of a stability run', async () => {
    const b = (await get('province', `${URL}&stability=200&seed=3`)).json() as RankingBody;
    expect(b.stability!.draws).toBe(200);
    expect(b.stability!.counties.length).toBe(b.counties.length);
    for (const s of b.stability!.counties)
      expect(s.p05 <= s.median && s.median <= s.p95).toBe(true);
  });

  it('follows a change of the data at once (the cache is per data state)', async () => {
    const before = (await get('province')).json() as RankingBody;
    const last = before.counties.at(-1)!;
    const province = await login(ctx.app, 'province');
    // The last county reports a far higher tax growth: its 财政实力 and its rank rise.
    const put = await ctx.app.inject({
      method: 'PUT',
      url: `/api/observations/${last.region}/tax_revenue_growth/2026-09`,
      payload: { value: 40, reason: '核实后更正' },
      headers: as(province),
    });
    expect(put.statusCode).toBe(200);
    const after = (await get('province')).json() as RankingBody;
    const moved = after.counties.find((c) => c.region === last.region)!;
    expect(moved.sections['财政实力']!).toBeGreaterThan(last.sections['财政实力']!);
    expect(moved.rank!).toBeLessThan(last.rank!);
  });

  it('allocates an incentive pool for the province, adding up to the pool', async () => {
    const r = await get('province', '/api/incentives?plan=hlj-2026&period=2026-09&pool=5000');
    expect(r.statusCode).toBe(200);
    const b = r.json() as {
      rows: { region: string; amount: number }[];
      allocated: number;
      explanation: string;
      synthetic: boolean;
    };
    expect(b.allocated).toBe(5000);
    expect(Math.round(b.rows.reduce((s, x) => s + x.amount, 0) * 100)).toBe(500000);
    expect(b.explanation).toContain('先进县');
    expect(b.synthetic).toBe(true);
    expect(
      (await get('shangzhi', '/api/incentives?plan=hlj-2026&period=2026-09&pool=5000')).statusCode,
    ).toBe(403);
  });

  it('takes the plan weights when it is saved, and refuses weights for an unknown section', async () => {
    const province = await login(ctx.app, 'province');
    const plan = JSON.parse(readFileSync(join(ROOT, 'plans/hlj-2026.json'), 'utf8')) as {
      id: string;
      settings: Record<string, unknown>;
    };
    const put = (settings: Record<string, unknown>) =>
      ctx.app.inject({
        method: 'PUT',
        url: '/api/plans/hlj-2026-w',
        payload: { ...plan, id: 'hlj-2026-w', settings: { ...plan.settings, ...settings } },
        headers: as(province),
      });
    const bad = await put({ ranking: { sections: { 经济: 3 } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('settings.ranking.sections.经济');
    const ok = await put({ ranking: { sections: { 财政实力: 50 }, basis: '测试权重' } });
    expect(ok.statusCode).toBe(200);
    ctx.app.invalidateReference();
    const b = (
      await get('province', '/api/ranking?plan=hlj-2026-w&period=2026-09')
    ).json() as RankingBody & {
      method: { basis: string; sections: { name: string; weight: number }[] };
    };
    expect(b.method.basis).toBe('测试权重');
    expect(b.method.sections).toContainEqual({ name: '财政实力', weight: 50 });
  });

  it('refuses an unknown plan, a period without county targets and a bad query', async () => {
    expect((await get('province', '/api/ranking?plan=nope&period=2026-09')).statusCode).toBe(404);
    const none = await get('province', '/api/ranking?plan=hlj-2026&period=2024');
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('没有 2024 年的县级目标');
    expect((await get('province', `${URL}&stability=0`)).statusCode).toBe(400);
    expect(
      (await get('province', '/api/incentives?plan=hlj-2026&period=2026-09&pool=-1')).statusCode,
    ).toBe(400);
  });
  it('shows a county only itself and a prefecture only its counties before publication (last: it publishes the period)', async () => {
    const county = (await get('shangzhi')).json() as RankingBody;
    expect(county.complete).toBe(false);
    expect(county.counties.map((c) => c.region)).toEqual(['230183']);
    const pref = (await get('harbin')).json() as RankingBody;
    expect(pref.counties.length).toBeGreaterThan(1);
    expect(pref.counties.every((c) => c.prefecture === '230100')).toBe(true);

    const province = await login(ctx.app, 'province');
    const p = await ctx.app.inject({
      method: 'POST',
      url: '/api/publications',
      payload: { period: '2026-09' },
      headers: as(province),
    });
    expect(p.statusCode).toBe(200);
    ctx.app.forgetPublished();
    const after = (await get('shangzhi')).json() as RankingBody;
    expect(after.complete).toBe(true);
    expect(after.counties.length).toBeGreaterThan(60);
  });
});

describe('GET /api/ranking with targetless items, per-category awards and 十强县 areas', () => {
  const ctx = useDemoApp();
  const URL = '/api/ranking?plan=awards-2026&period=2026-09';
  interface Award {
    region: string;
    rank: number;
    change?: number;
    score?: number;
  }
  interface Body {
    counties: { region: string; score: number | null; rank: number | null }[];
    method: {
      items: { indicator: string; phrase: string; targetless?: boolean }[];
      awards: { top: number; improved: number } | null;
    };
    categoryAwards: { category: string; advanced: Award[]; improved: Award[] }[];
    areas: { name: string; counties: Award[] }[];
  }

  async function get(user: string) {
    const s = await login(ctx.app, user);
    return ctx.app.inject({ method: 'GET', url: URL, headers: as(s) });
  }

  it('stores the plan and its values, then answers the awards and lists', async () => {
    const province = await login(ctx.app, 'province');
    const put = await ctx.app.inject({
      method: 'PUT',
      url: `/api/plans/${AWARDS_PLAN.id}`,
      payload: AWARDS_PLAN,
      headers: as(province),
    });
    expect(put.statusCode, put.body).toBe(200);
    ctx.app.invalidateReference();
    await applyValues(ctx.store, awardValues(), {
      actor: 'test',
      source: 'test:awards',
      at: new Date().toISOString(),
      status: 'approved',
    });
    const r = await get('province');
    expect(r.statusCode, r.body).toBe(200);
    const b = r.json() as Body;
    // min-max: output points 1 + v, cost (lower is better) 100 − v; score = mean of sections.
    // A1 100, B1 (81 + 90)/2 = 85.5, A2 (51 + 90)/2 = 70.5, B2 65.5, B3 35.5, A3 1.
    expect(b.counties.filter((c) => c.rank !== null).map((c) => [c.region, c.score])).toEqual([
      [C.A1, 100],
      [C.B1, 85.5],
      [C.A2, 70.5],
      [C.B2, 65.5],
      [C.B3, 35.5],
      [C.A3, 1],
    ]);
    expect(b.method.items.every((i) => i.targetless && i.phrase === '')).toBe(true);
    expect(b.method.awards).toEqual({ top: 2, improved: 1 });
    // 甲类 August order A2, A3, A1 → A1 up 2; 乙类 August B3, B1, B2 → B1 and B2 up 1, B2
    // gained more points (65.5 − 35.5 = 30 against 85.5 − 65.5 = 20).
    expect(
      b.categoryAwards.map((a) => [
        a.category,
        a.advanced.map((c) => c.region),
        a.improved.map((c) => [c.region, c.change]),
      ]),
    ).toEqual([
      ['ga', [C.A1, C.A2], [[C.A1, 2]]],
      ['gb', [C.B1, C.B2], [[C.B2, 1]]],
    ]);
    // 财政: cost points A1 100, A2 90, B1 90 (tie at place 2: three counties for a top 2).
    expect(b.areas[1]!.counties.map((c) => [c.region, c.rank])).toEqual([
      [C.A1, 1],
      [C.A2, 2],
      [C.B1, 2],
    ]);
  });

  it('shows a prefecture only its own counties in the awards and lists before publication', async () => {
    // 哈尔滨 (230100) holds the 甲类 counties A1–A3; 乙类 are in 齐齐哈尔.
    const b = (await get('harbin')).json() as Body;
    expect(b.categoryAwards.map((a) => a.advanced.map((c) => c.region))).toEqual([
      [C.A1, C.A2],
      [],
    ]);
    expect(b.areas[1]!.counties.map((c) => c.region)).toEqual([C.A1, C.A2]);
  });
});
