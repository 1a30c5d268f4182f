import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { open, screenshot, signIn, start, useWebApp } from './browser.js';

describe('signing in and out', () => {
  const ctx = useWebApp();

  it('sends a visitor to /login and, after signing in, back to the page asked for', async () => {
    const { page, close } = await start(ctx);
    await page.goto(`${ctx.base}/ranking?plan=hlj-2026&period=2026-09`);
    await page.waitForURL((u) => u.pathname === '/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe(
      '/ranking?plan=hlj-2026&period=2026-09',
    );
    await page.getByLabel('用户名').fill('province');
    await page.getByLabel('密码').fill('leitai-demo');
    await screenshot(page, 'session-login-zh');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((u) => u.pathname === '/ranking');
    expect(new URL(page.url()).search).toBe('?plan=hlj-2026&period=2026-09');
    await close();
  });

  it('says so when the password is wrong, and stays on the form', async () => {
    const { page, problems, close } = await start(
      ctx,
      'zh',
      (url, status) => url.endsWith('/api/session') && status === 401,
    );
    await page.goto(`${ctx.base}/login`);
    await page.getByLabel('用户名').fill('province');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByRole('alert').filter({ hasText: '用户名或密码不正确' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(problems.console.filter((c) => !c.includes('401'))).toEqual([]);
    await close();
  });

  it('never follows a next= that leaves the site', async () => {
    const { context, page, close } = await start(ctx);
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      await signIn(page, ctx.base, 'observer', next);
      const u = new URL(page.url());
      expect(u.origin).toBe(ctx.base);
      expect(u.pathname).toBe('/');
      await context.clearCookies();
    }
    await close();
  });

  it('when the session has expired, goes to /login and then back to the page', async () => {
    const { page, close } = await open(ctx, 'province', '/warnings?plan=hlj-2026&period=2026-09');
    // The server forgets every session, as when they expire.
    await sql`delete from app_session`.execute(ctx.store.db);
    await page.goto(`${ctx.base}/quality?plan=hlj-2026&period=2026-09`);
    await page.waitForURL((u) => u.pathname === '/login');
    await page.getByLabel('用户名').fill('province');
    await page.getByLabel('密码').fill('leitai-demo');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL((u) => u.pathname === '/quality');
    await close();
  });

  it('signs out: the session ends on the server and the pages ask for a login again', async () => {
    const { page, close } = await open(ctx, 'observer', '/');
    await page.getByRole('button', { name: /退\s*出/ }).click();
    await page.waitForURL((u) => u.pathname === '/login');
    const r = await page.request.get(`${ctx.base}/api/session`);
    expect(r.status()).toBe(401);
    await close();
  });

  it('shows the server’s failure as a message, not a blank page', async () => {
    const { page, close } = await open(ctx, 'province', '/');
    // A real failure: the table the warnings read is gone.
    await sql`alter table observation rename to observation_gone`.execute(ctx.store.db);
    try {
      await page.goto(`${ctx.base}/warnings?plan=hlj-2026&period=2026-07`);
      await page.getByRole('alert').filter({ hasText: '服务器出错' }).waitFor();
    } finally {
      await sql`alter table observation_gone rename to observation`.execute(ctx.store.db);
    }
    await close();
  });
});
