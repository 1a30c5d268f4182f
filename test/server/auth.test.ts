import { describe, expect, it } from 'vitest';
import { as, login, useDemoApp } from './setup.js';

describe('sessions and security', () => {
  const ctx = useDemoApp();

  it('logs in with an httpOnly SameSite cookie and returns a CSRF token', async () => {
    const r = await ctx.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'shangzhi', password: 'leitai-demo' },
    });
    expect(r.statusCode).toBe(200);
    const c = r.cookies.find((x) => x.name === 'leitai_sid')!;
    expect(c.httpOnly).toBe(true);
    expect(String(c.sameSite).toLowerCase()).toBe('strict');
    expect(r.json()).toMatchObject({
      user: { username: 'shangzhi', role: 'county', region: '230183' },
    });
    expect(r.json().csrfToken.length).toBeGreaterThan(20);
    expect(r.body).not.toContain('password');
  });

  it('stores passwords as salted scrypt hashes', async () => {
    const rows = await ctx.store.db
      .selectFrom('app_user')
      .select(['username', 'password_hash'])
      .execute();
    expect(rows.every((r) => r.password_hash.startsWith('scrypt$'))).toBe(true);
    expect(new Set(rows.map((r) => r.password_hash)).size).toBe(rows.length); // per-user salt
  });

  it('refuses a wrong password, and throttles repeated failures per user', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await ctx.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'observer', password: 'wrong' },
      });
      expect(r.statusCode).toBe(401);
    }
    const r = await ctx.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'observer', password: 'leitai-demo' },
    });
    expect(r.statusCode).toBe(429);
  });

  it('rotates the session id at login and ends the session at logout', async () => {
    const a = await login(ctx.app, 'harbin');
    const r = await ctx.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { cookie: a.cookie },
      payload: { username: 'harbin', password: 'leitai-demo' },
    });
    const b = r.cookies.find((x) => x.name === 'leitai_sid')!.value;
    expect(`leitai_sid=${b}`).not.toBe(a.cookie);
    expect(
      (await ctx.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: a.cookie } }))
        .statusCode,
    ).toBe(401);
    const s = { cookie: `leitai_sid=${b}`, csrf: r.json().csrfToken as string };
    expect(
      (await ctx.app.inject({ method: 'DELETE', url: '/api/session', headers: as(s) })).statusCode,
    ).toBe(204);
    expect(
      (await ctx.app.inject({ method: 'GET', url: '/api/session', headers: { cookie: s.cookie } }))
        .statusCode,
    ).toBe(401);
  });

  it('requires the CSRF token on every state-changing request', async () => {
    const s = await login(ctx.app, 'province');
    const r = await ctx.app.inject({
      method: 'POST',
      url: '/api/publications',
      headers: { cookie: s.cookie },
      payload: { period: '2026-01' },
    });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('CSRF');
    const ok = await ctx.app.inject({
      method: 'POST',
      url: '/api/publications',
      headers: as(s),
      payload: { period: '2026-01' },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('sends security headers', async () => {
    const r = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers bad input with a 4xx naming the problem, and keeps serving', async () => {
    const s = await login(ctx.app, 'province');
    const bad = await ctx.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(bad.statusCode).toBe(400);
    const wrongType = await ctx.app.inject({
      method: 'PUT',
      url: '/api/observations/230183/gdp/2026-09',
      headers: as(s),
      payload: { value: 'lots' },
    });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.body).toContain('value');
    const huge = await ctx.app.inject({
      method: 'POST',
      url: '/api/observations/bulk',
      headers: { ...as(s), 'content-type': 'application/json' },
      payload: JSON.stringify({ csv: 'x'.repeat(3 * 1024 * 1024) }),
    });
    expect(huge.statusCode).toBe(413);
    const unknown = await ctx.app.inject({
      method: 'GET',
      url: '/api/plans/hlj-1999',
      headers: as(s),
    });
    expect(unknown.statusCode).toBe(404);
    const health = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
  });

  it('serves a valid OpenAPI document and a docs page', async () => {
    const r = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(r.statusCode).toBe(200);
    const doc = r.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/observations');
    const docs = await ctx.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
  });
});
