import { describe, expect, it } from 'vitest';
import { as, login, useDemoApp } from './setup.js';

const PUT_URL = '/api/observations/230183/gdp/2027-08';

describe('strict input: nothing is guessed, every refusal names its field and changes nothing', () => {
  const ctx = useDemoApp();

  async function current() {
    const s = await login(ctx.app, 'province');
    const r = await ctx.app.inject({
      method: 'GET',
      url: '/api/observations?region=230183&period=2027-08&indicator=gdp',
      headers: as(s),
    });
    return (r.json() as { rows: { value: number | null }[] }).rows;
  }

  it('refuses values that are not plain JSON numbers (no coercion of strings, booleans, arrays)', async () => {
    const s = await login(ctx.app, 'province');
    for (const value of ['0x10', ' 7 ', '12', '', true, [3.5], {}]) {
      const r = await ctx.app.inject({
        method: 'PUT',
        url: PUT_URL,
        headers: as(s),
        payload: { value },
      });
      expect(r.statusCode, JSON.stringify(value)).toBe(400);
      expect(r.json().code).toBe('VALIDATION');
      expect(r.json().message).toContain('value');
    }
    expect(await current()).toEqual([]);
    const ok = await ctx.app.inject({
      method: 'PUT',
      url: PUT_URL,
      headers: as(s),
      payload: { value: 12.5 },
    });
    expect(ok.statusCode).toBe(200);
    expect((await current()).map((r) => r.value)).toEqual([12.5]);
  });

  it('takes null only as a withdrawal with a reason', async () => {
    const s = await login(ctx.app, 'province');
    const bare = await ctx.app.inject({
      method: 'PUT',
      url: PUT_URL,
      headers: as(s),
      payload: { value: null },
    });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().details).toMatchObject({ field: 'reason' });
    expect((await current()).map((r) => r.value)).toEqual([12.5]);
    const withdrawn = await ctx.app.inject({
      method: 'PUT',
      url: PUT_URL,
      headers: as(s),
      payload: { value: null, reason: '数据源撤回' },
    });
    expect(withdrawn.statusCode).toBe(200);
    expect((await current()).map((r) => r.value)).toEqual([null]);
  });

  it('takes whole numbers for counts and values in the plausible range, in PUT and bulk rows alike', async () => {
    const s = await login(ctx.app, 'province');
    const half = await ctx.app.inject({
      method: 'PUT',
      url: '/api/observations/230183/tech_transfers/2027-08',
      headers: as(s),
      payload: { value: 2.5 },
    });
    expect(half.statusCode).toBe(400);
    expect(half.json().message).toContain('整数');
    const bulk = await ctx.app.inject({
      method: 'POST',
      url: '/api/observations/bulk',
      headers: as(s),
      payload: {
        rows: [
          { region: '230183', indicator: 'gdp', period: '2027-09', value: 3 },
          { region: '230183', indicator: 'tech_transfers', period: '2027-09', value: 1.5 },
        ],
      },
    });
    expect(bulk.statusCode).toBe(400);
    expect(bulk.json().details.field).toBe('rows/1/value');
    const stringy = await ctx.app.inject({
      method: 'POST',
      url: '/api/observations/bulk',
      headers: as(s),
      payload: { rows: [{ region: '230183', indicator: 'gdp', period: '2027-09', value: '3' }] },
    });
    expect(stringy.statusCode).toBe(400);
    expect(stringy.json().message).toContain('/rows/0/value');
  });

  it('takes real periods from 1949 to 2100 only', async () => {
    const s = await login(ctx.app, 'province');
    for (const period of ['1900-01', '2101', '2026-13', '2026Q5', '2026-00']) {
      const r = await ctx.app.inject({
        method: 'PUT',
        url: `/api/observations/230183/gdp/${period}`,
        headers: as(s),
        payload: { value: 1 },
      });
      expect(r.statusCode, period).toBe(400);
      expect(r.json().message).toContain('period');
      const q = await ctx.app.inject({
        method: 'GET',
        url: `/api/evaluation?plan=hlj-2026&period=${period}`,
        headers: as(s),
      });
      expect(q.statusCode, period).toBe(400);
    }
  });

  it('reads only plain decimal numbers from a querystring', async () => {
    const s = await login(ctx.app, 'province');
    for (const limit of ['0x10', '1e2', ' 7', 'true']) {
      const r = await ctx.app.inject({
        method: 'GET',
        url: `/api/observations?period=2026-09&limit=${encodeURIComponent(limit)}`,
        headers: as(s),
      });
      expect(r.statusCode, limit).toBe(400);
      expect(r.json().message).toContain('limit');
    }
  });

  it('refuses NUL and bidirectional controls in text, and non-string login fields', async () => {
    const s = await login(ctx.app, 'province');
    for (const reason of ['a\u0000b', 'x\u202Ey', '\u2066z', 'l\u200Fr']) {
      const r = await ctx.app.inject({
        method: 'PUT',
        url: '/api/observations/230183/gdp/2027-10',
        headers: as(s),
        payload: { value: 1, reason },
      });
      expect(r.statusCode).toBe(400);
      expect(r.json().message).toContain('reason');
    }
    for (const payload of [
      { username: 123, password: 'leitai-demo' },
      { username: ['province'], password: 'leitai-demo' },
      { username: 'province', password: 1234567890 },
      { username: 'prov\u202Eince', password: 'leitai-demo' },
    ]) {
      const r = await ctx.app.inject({ method: 'POST', url: '/api/session', payload });
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const plan = await ctx.app.inject({
      method: 'PUT',
      url: '/api/plans/x-1',
      headers: as(s),
      payload: { id: 'x-1', title: 'evil\u202Etitle' },
    });
    expect(plan.statusCode).toBe(400);
    expect(plan.json().details.field).toBe('title');
  });

  it('refuses a multipart upload with more than one file, writing nothing', async () => {
    const s = await login(ctx.app, 'province');
    const b = 'leitaiboundary';
    const part = (name: string, content: string) =>
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n`;
    const csv = (v: number) => `region,indicator,period,value\n230183,gdp,2027-11,${v}\n`;
    const r = await ctx.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...as(s), 'content-type': `multipart/form-data; boundary=${b}` },
      payload: `${part('a.csv', csv(1))}${part('b.csv', csv(2))}--${b}--\r\n`,
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain('一个文件');
    const q = await ctx.app.inject({
      method: 'GET',
      url: '/api/observations?region=230183&period=2027-11',
      headers: as(s),
    });
    expect(q.json().total).toBe(0);
  });
});
