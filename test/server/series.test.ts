import { describe, expect, it } from 'vitest';
import { as, login, useDemoApp } from './setup.js';

interface Point {
  period: string;
  label: string;
  value: number | null;
}
interface Series {
  indicator: string;
  name: string;
  unit: string;
  points: Point[];
  previous: Point[];
}
interface Answer {
  plan: string;
  region: string;
  regionName: string;
  year: number;
  synthetic: boolean;
  series: Series[];
}
interface Row {
  region: string;
  indicator: string;
  period: string;
  value: number | null;
  status: string;
}

const SHANGZHI = '230183';
const WUCHANG = '230184';
const PROVINCE = '230000';

const months = (year: number, last: number) =>
  Array.from({ length: last }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

describe('GET /api/series: monthly history for charts', () => {
  const ctx = useDemoApp();
  const get = async (user: string, url: string) =>
    ctx.app.inject({ method: 'GET', url, headers: as(await login(ctx.app, user)) });
  const ok = async <T>(user: string, url: string) => {
    const r = await get(user, url);
    expect(r.statusCode, `${user} ${url}: ${r.body}`).toBe(200);
    return r.json() as T;
  };
  const series = (user: string, query: string) => ok<Answer>(user, `/api/series?${query}`);
  /** A region's values of one indicator, by period, as /api/observations gives them. */
  const observed = async (user: string, region: string, indicator: string) => {
    const b = await ok<{ rows: Row[] }>(
      user,
      `/api/observations?region=${region}&indicator=${indicator}&limit=10000`,
    );
    return new Map(b.rows.map((r) => [r.period, r.value]));
  };
  /** The evaluation's rows of a region at a period, by indicator (its value). */
  const evaluated = async (user: string, plan: string, period: string, region: string) => {
    const b = await ok<{
      results: { target: number; value: number | null; derived: boolean }[];
      targets: { indicator: string }[];
    }>(user, `/api/evaluation?plan=${plan}&period=${period}&region=${region}&limit=5000`);
    return b.results.map((r) => ({ indicator: b.targets[r.target]!.indicator, ...r }));
  };

  it("gives a county's months of this year up to the period and all of last year, as stored", async () => {
    const b = await series('province', `plan=hlj-2026&region=${SHANGZHI}&period=2026-09`);
    expect(b).toMatchObject({
      plan: 'hlj-2026',
      region: SHANGZHI,
      regionName: '尚志市',
      year: 2026,
      synthetic: true,
    });
    expect(b.series.length).toBeGreaterThan(5);
    const growth = b.series.find((s) => s.indicator === 'industry_va_growth')!;
    expect(growth.unit).toBe('%');
    expect(growth.points.map((p) => p.period)).toEqual(months(2026, 9));
    expect(growth.previous.map((p) => p.period)).toEqual(months(2025, 12));
    expect(growth.points.map((p) => p.label)).toEqual([
      '2026年1月',
      ...months(2026, 9)
        .slice(1)
        .map((_, i) => `2026年1-${i + 2}月`),
    ]);
    // Checked against the values themselves, for every indicator of the county.
    let numbers = 0;
    for (const s of b.series) {
      const stored = await observed('province', SHANGZHI, s.indicator);
      for (const p of [...s.points, ...s.previous]) {
        expect(p.value, `${s.indicator} ${p.period}`).toBe(stored.get(p.period) ?? null);
        if (p.value !== null) numbers++;
      }
    }
    expect(numbers).toBeGreaterThan(100);
  });

  it("covers exactly the indicators the county's evaluation judges, its categories' included", async () => {
    const ev = await ok<{ categories: Record<string, string[]> }>(
      'province',
      '/api/evaluation?plan=hlj-2026&period=2026-09&limit=1',
    );
    // Counties of different categories, and one of none.
    const counties = ['230123', '230127', '230128', '230129', '230321'];
    expect(new Set(counties.map((c) => ev.categories[c]!.join()))).toHaveProperty('size', 5);
    for (const county of counties) {
      const b = await series('province', `plan=hlj-2026&region=${county}&period=2026-09`);
      const judged = await evaluated('province', 'hlj-2026', '2026-09', county);
      expect(b.series.map((s) => s.indicator).sort(), county).toEqual(
        [...new Set(judged.map((r) => r.indicator))].sort(),
      );
      for (const r of judged)
        expect(b.series.find((s) => s.indicator === r.indicator)!.points[8]!.value).toBe(r.value);
    }
  });

  it('gives one indicator when asked, targeted in the region or not (county gdp, month by month)', async () => {
    const b = await series(
      'shangzhi',
      `plan=hlj-2026&region=${SHANGZHI}&period=2026-06&indicator=gdp`,
    );
    expect(b.series).toHaveLength(1);
    const gdp = b.series[0]!;
    expect(gdp).toMatchObject({ indicator: 'gdp', unit: '亿元' });
    expect(gdp.points).toHaveLength(6);
    const stored = await observed('shangzhi', SHANGZHI, 'gdp');
    expect(gdp.points.map((p) => p.value)).toEqual(months(2026, 6).map((m) => stored.get(m)));
    expect(gdp.previous.map((p) => p.value)).toEqual(months(2025, 12).map((m) => stored.get(m)));
    expect(gdp.points.every((p) => typeof p.value === 'number')).toBe(true);
  });

  it("equals the evaluation's province value, derived ones included, month by month", async () => {
    const b = await series('province', `plan=hlj-2026&region=${PROVINCE}&period=2026-09`);
    expect(b.regionName).toBe('黑龙江省');
    for (const [i, month] of [
      [8, '2026-09'],
      [4, '2026-05'],
    ] as const) {
      const rows = await evaluated('province', 'hlj-2026', month, PROVINCE);
      expect(rows.some((r) => r.derived && r.value !== null)).toBe(true);
      for (const r of rows) {
        const s = b.series.find((x) => x.indicator === r.indicator)!;
        expect(s, r.indicator).toBeDefined();
        expect(s.points[i]!.value, `${r.indicator} ${month}`).toBe(r.value);
      }
    }
    // Last year's months, against the evaluation of last year's plan where both plans target it.
    const rows = await evaluated('province', 'hlj-2025', '2025-06', PROVINCE);
    let compared = 0;
    for (const r of rows) {
      const s = b.series.find((x) => x.indicator === r.indicator);
      if (!s) continue;
      expect(s.previous[5]!.value, `${r.indicator} 2025-06`).toBe(r.value);
      compared++;
    }
    expect(compared).toBeGreaterThan(3);
    // A sum over the counties, by hand: industrial project investment of 2026-09.
    const all = await ok<{ rows: Row[] }>(
      'province',
      '/api/observations?period=2026-09&indicator=industrial_project_investment&limit=10000',
    );
    const counties = all.rows.filter((r) => r.region !== PROVINCE && r.region.slice(4) !== '00');
    const sum = counties.reduce((a, r) => a + r.value! * 100, 0) / 100;
    const inv = b.series.find((s) => s.indicator === 'industrial_project_investment')!;
    expect(inv.points[8]!.value).toBeCloseTo(sum, 6);
  });

  it("refuses a county another county's or the province's unpublished period, as reads of its values are", async () => {
    for (const region of [WUCHANG, PROVINCE]) {
      const r = await get('shangzhi', `/api/series?plan=hlj-2026&region=${region}&period=2026-09`);
      expect(r.statusCode, region).toBe(403);
      expect(r.json()).toMatchObject({ code: 'SCOPE_DENIED' });
      const obs = await get('shangzhi', `/api/observations?region=${region}&period=2026-09`);
      expect(obs.statusCode).toBe(403);
      expect(r.json().code).toBe(obs.json().code);
      expect(r.body).not.toMatch(/"value"/);
    }
    const observer = await get(
      'observer',
      `/api/series?plan=hlj-2026&region=${SHANGZHI}&period=2026-09`,
    );
    expect(observer.statusCode).toBe(403);
  });

  it('gives an observer the published values only, and keeps them while a revision waits', async () => {
    // The demo publishes its past year's months; the current year's stay unpublished.
    const url = `plan=hlj-2025&region=${SHANGZHI}&period=2025&indicator=gdp`;
    const before = (await series('observer', url)).series[0]!;
    const seen = await observed('observer', SHANGZHI, 'gdp');
    const approved = seen.get('2025-06');
    expect(typeof approved).toBe('number');
    expect(before.points.map((p) => p.period)).toEqual(months(2025, 12));
    expect(before.points.map((p) => p.value)).toEqual(months(2025, 12).map((m) => seen.get(m)));
    expect(before.previous.every((p) => p.value === null)).toBe(true);
    const edit = await ctx.app.inject({
      method: 'PUT',
      url: `/api/observations/${SHANGZHI}/gdp/2025-06`,
      payload: { value: 99.5, reason: '更正' },
      headers: as(await login(ctx.app, 'shangzhi')),
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json()).toMatchObject({ status: 'submitted', value: 99.5 });
    const after = (await series('observer', url)).series[0]!;
    expect(after.points[5]!.value).toBe(approved);
    // The county sees its working value of an unpublished month; a published month's results
    // stand on the published values, as its evaluation does.
    const own = (await series('shangzhi', url)).series[0]!;
    expect(own.points[5]!.value).toBe(approved);
    expect(own.points[4]!.value).toBe((await observed('shangzhi', SHANGZHI, 'gdp')).get('2025-05'));
  });

  it('says clearly what is wrong with a request', async () => {
    const cases: [string, number, string][] = [
      [`plan=hlj-2026&region=999999&period=2026-09`, 404, 'NOT_FOUND'],
      [`plan=hlj-2026&region=230100&period=2026-09`, 400, 'INPUT_INVALID'],
      [`plan=hlj-2026&region=${SHANGZHI}&period=2026-09&indicator=no_such_thing`, 404, 'NOT_FOUND'],
      [`plan=no-such-plan&region=${SHANGZHI}&period=2026-09`, 404, 'PLAN_NOT_FOUND'],
      [`plan=hlj-2026&region=${SHANGZHI}&period=2026-13`, 400, 'VALIDATION'],
      [`plan=hlj-2026&region=${SHANGZHI}`, 400, 'VALIDATION'],
      [`plan=hlj-2026&region=${SHANGZHI}&period=2026-09&limit=5`, 400, 'VALIDATION'],
    ];
    for (const [query, status, code] of cases) {
      const r = await get('province', `/api/series?${query}`);
      expect(r.statusCode, `${query}: ${r.body}`).toBe(status);
      expect(r.json(), query).toMatchObject({ code });
      expect(r.json().message, query).toMatch(/[\u4e00-\u9fff]/);
    }
    const anon = await ctx.app.inject({
      method: 'GET',
      url: `/api/series?plan=hlj-2026&region=${SHANGZHI}&period=2026-09`,
    });
    expect(anon.statusCode).toBe(401);
  });
});
