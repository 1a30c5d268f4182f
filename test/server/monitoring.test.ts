import { describe, expect, it } from 'vitest';
import { as, login, useDemoApp } from './setup.js';

interface Board {
  counties: { region: string; level: string; red: number; yellow: number }[];
  warnings: {
    region: string;
    level: string;
    rule: string;
    message: string;
    evidence: Record<string, unknown>;
  }[];
  complete: boolean;
  note?: string;
  due: string;
}

describe('GET /api/warnings (预警 in the API)', () => {
  const ctx = useDemoApp();
  const URL = '/api/warnings?plan=hlj-2026&period=2026-09';
  async function get(user: string, url = URL) {
    const s = await login(ctx.app, user);
    return ctx.app.inject({ method: 'GET', url, headers: as(s) });
  }

  it('gives the province every county with its level and the rules that fired', async () => {
    const r = await get('province');
    expect(r.statusCode).toBe(200);
    const b = r.json() as Board;
    expect(b.complete).toBe(true);
    expect(b.note).toMatch(/合成演示数据/);
    expect(b.due).toBe('2026-10-10');
    expect(b.counties.length).toBe(67);
    const red = b.counties.filter((c) => c.level === 'red');
    expect(red.length).toBeGreaterThan(0);
    for (const c of red) {
      expect(b.warnings.some((w) => w.region === c.region && w.level === 'red')).toBe(true);
    }
    const shrink = b.warnings.find((w) => w.rule === 'negative_growth')!;
    expect(shrink.message).toContain('负增长');
    expect(shrink.evidence.value as number).toBeLessThan(0);
    const only = (await get('province', `${URL}&level=red`)).json() as Board;
    expect(only.warnings.every((w) => w.level === 'red')).toBe(true);
    expect(only.counties.length).toBe(red.length);
  });

  it('shows a county only its own board before publication', async () => {
    const b = (await get('shangzhi')).json() as Board;
    expect(b.complete).toBe(false);
    expect(b.counties.map((c) => c.region)).toEqual(['230183']);
    expect(b.warnings.every((w) => w.region === '230183')).toBe(true);
  });

  it('refuses an unknown plan and a bad level', async () => {
    expect((await get('province', '/api/warnings?plan=nope&period=2026-09')).statusCode).toBe(404);
    expect((await get('province', `${URL}&level=blue`)).statusCode).toBe(400);
  });
});

describe('GET /api/quality (数据质量 in the API)', () => {
  const ctx = useDemoApp();
  interface Q {
    findings: {
      region: string;
      indicator: string;
      check: string;
      message: string;
      evidence: Record<string, unknown>;
    }[];
    note?: string;
  }
  async function get(user: string, url: string) {
    const s = await login(ctx.app, user);
    return ctx.app.inject({ method: 'GET', url, headers: as(s) });
  }

  it('finds a tax revenue above the budget revenue as soon as it is entered, with the numbers', async () => {
    const before = (await get('province', '/api/quality?period=2026-09')).json() as Q;
    expect(before.note).toMatch(/合成演示数据/);
    expect(before.findings.some((f) => f.check === 'tax_le_budget')).toBe(false);
    const s = await login(ctx.app, 'province');
    const values = (
      await ctx.app.inject({
        method: 'GET',
        url: '/api/observations?region=230183&period=2026-09',
        headers: as(s),
      })
    ).json().rows as { indicator: string; value: number }[];
    const budget = values.find((v) => v.indicator === 'general_budget_revenue')!.value;
    const tax = Math.round((budget + 1.23) * 100) / 100;
    const put = await ctx.app.inject({
      method: 'PUT',
      url: '/api/observations/230183/tax_revenue/2026-09',
      payload: { value: tax, reason: '测试:录入错误' },
      headers: as(s),
    });
    expect(put.statusCode).toBe(200);
    const after = (
      await get('province', '/api/quality?period=2026-09&check=tax_le_budget')
    ).json() as Q;
    expect(after.findings).toHaveLength(1);
    expect(after.findings[0]).toMatchObject({ region: '230183', check: 'tax_le_budget' });
    expect(after.findings[0]!.message).toMatch(/税收收入 [\d.]+亿元 大于一般公共预算收入/);
    expect(Object.values(after.findings[0]!.evidence)).toContain(tax);
    // The county sees its own finding, another county's findings stay out of its view.
    const county = (await get('shangzhi', '/api/quality?period=2026-09')).json() as Q;
    expect(county.findings.some((f) => f.check === 'tax_le_budget')).toBe(true);
    expect(county.findings.every((f) => f.region === '230183')).toBe(true);
  });
});
