import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { as, login, useDemoApp } from './setup.js';

interface Entry {
  period: string;
  label: string;
  kind: string;
  published: boolean;
}
interface Answer {
  plan: string;
  periods: Entry[];
  latest: string | null;
}

describe('GET /api/periods: the periods a reader sees data for in a plan', () => {
  const ctx = useDemoApp();
  const get = async (user: string, url: string) =>
    ctx.app.inject({ method: 'GET', url, headers: as(await login(ctx.app, user)) });
  const periods = async (user: string, plan: string) => {
    const r = await get(user, `/api/periods?plan=${plan}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as Answer;
  };
  /** Periods holding a value, read from the database itself. */
  const stored = async (where: string) =>
    (
      await sql<{
        period: string;
      }>`select distinct period from observation where ${sql.raw(where)}`.execute(ctx.store.db)
    ).rows.map((r) => r.period);

  it("the province's latest is the newest month of the demo data, newest first, labelled", async () => {
    const b = await periods('province', 'hlj-2026');
    const months = (await stored(`period like '2026-%' and value is not null`)).sort();
    expect(months.length).toBeGreaterThan(0);
    expect(b.plan).toBe('hlj-2026');
    expect(b.latest).toBe(months.at(-1));
    expect(b.periods.map((p) => p.period)).toEqual([...months].reverse());
    expect(b.periods.find((p) => p.period === '2026-09')).toEqual({
      period: '2026-09',
      label: '2026年1-9月',
      kind: 'month',
      published: false,
    });
    expect(b.periods.find((p) => p.period === '2026-01')?.label).toBe('2026年1月');
  });

  it("lists only the plan's years: a year sorts after its December", async () => {
    const b = await periods('province', 'hlj-2025');
    expect(b.periods.every((p) => p.period.startsWith('2025'))).toBe(true);
    expect(b.periods.slice(0, 2)).toEqual([
      { period: '2025-12', label: '2025年1-12月', kind: 'month', published: true },
      { period: '2025', label: '2025年', kind: 'year', published: true },
    ]);
    expect(b.latest).toBe('2025-12');
  });

  it('an observer sees published periods only; its latest is then the newest published month', async () => {
    const published = (
      await sql<{ period: string }>`select period from publication`.execute(ctx.store.db)
    ).rows.map((r) => r.period);
    const b = await periods('observer', 'hlj-2025');
    expect(b.periods.length).toBeGreaterThan(0);
    expect(b.periods.every((p) => p.published && published.includes(p.period))).toBe(true);
    expect(b.latest).toBe('2025-12');
    const newest = await periods('observer', 'hlj-2026');
    expect(newest).toEqual({ plan: 'hlj-2026', periods: [], latest: null });
  });

  it('a county sees its own working data of every period', async () => {
    const county = await periods('shangzhi', 'hlj-2026');
    expect(county.periods.map((p) => p.period)).toEqual(
      (await periods('province', 'hlj-2026')).periods.map((p) => p.period),
    );
    expect(county.periods.every((p) => !p.published)).toBe(true);
    expect(county.latest).toBe('2026-09');
  });

  it('refuses an unknown plan (404, in Chinese), unknown parameters and anonymous readers', async () => {
    const unknown = await get('province', '/api/periods?plan=no-such-plan');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'PLAN_NOT_FOUND' });
    expect(unknown.json().message).toMatch(/没有编号为「no-such-plan」的计划/);
    const extra = await get('province', '/api/periods?plan=hlj-2026&period=2026-09');
    expect(extra.statusCode).toBe(400);
    expect(extra.json()).toMatchObject({ code: 'VALIDATION' });
    expect((await get('province', '/api/periods')).statusCode).toBe(400);
    const anon = await ctx.app.inject({ method: 'GET', url: '/api/periods?plan=hlj-2026' });
    expect(anon.statusCode).toBe(401);
  });

  it('a newly published month shows to the observer at once, and becomes its latest', async () => {
    const s = await login(ctx.app, 'province');
    const r = await ctx.app.inject({
      method: 'POST',
      url: '/api/publications',
      payload: { period: '2026-06' },
      headers: as(s),
    });
    expect(r.statusCode, r.body).toBe(200);
    const b = await periods('observer', 'hlj-2026');
    expect(b.periods.map((p) => p.period)).toEqual(['2026-06']);
    expect(b.latest).toBe('2026-06');
  });
});
