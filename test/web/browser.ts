// Browser tests: the real server (demo database on its own SQLite file, port 0) and Debian's
// Chromium driven by playwright-core. Each test file gets its own server, browser and temp dir.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { Store } from '../../src/store/db.js';
import { ROOT } from '../helpers.js';
import { demoApp } from '../server/setup.js';
import { testDb, type TestDb } from '../store/dialects.js';

export const CHROMIUM = process.env.LEITAI_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'test-artifacts/screenshots');
export const VIEWPORT = { width: 1366, height: 768 };

/** Flags for a root, offline, headless Chromium (see the env notes: no background networking). */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

export interface WebCtx {
  app: FastifyInstance;
  store: Store;
  browser: Browser;
  /** http://127.0.0.1:<port> */
  base: string;
}

/** A demo server and a browser for the enclosing describe; closed and removed after it. */
export function useWebApp(): WebCtx {
  const ctx = {} as WebCtx;
  let db: TestDb;
  beforeAll(async () => {
    db = testDb('sqlite');
    ctx.store = await db.open();
    // No session cache: a session ended on the server is gone at the next request (no waiting).
    ctx.app = await demoApp(ctx.store, { cacheMs: 0 });
    await ctx.app.listen({ host: '127.0.0.1', port: 0 });
    ctx.base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
    ctx.browser = await launch();
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.app?.close();
    await ctx.store?.close();
    await db?.drop();
  });
  return ctx;
}

/** What went wrong on a page that a user or the console would show. */
export interface Problems {
  console: string[];
  failed: string[];
}

/** Starts recording console errors, page errors and failed requests (HTTP ≥ 400 or network). */
export function watch(
  page: Page,
  allow: (url: string, status: number) => boolean = () => false,
): Problems {
  const p: Problems = { console: [], failed: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') p.console.push(m.text());
  });
  page.on('pageerror', (e) => p.console.push(String(e)));
  page.on('requestfailed', (r) => {
    // A navigation away cancels what is still loading: not a failure the user sees.
    if (r.failure()?.errorText !== 'net::ERR_ABORTED')
      p.failed.push(`${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !allow(r.url(), r.status())) p.failed.push(`${r.status()} ${r.url()}`);
  });
  return p;
}

export async function newPage(
  ctx: WebCtx,
  lang: 'zh' | 'en' = 'zh',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await ctx.browser.newContext({
    viewport: VIEWPORT,
    locale: lang === 'zh' ? 'zh-CN' : 'en-US',
    acceptDownloads: true,
  });
  if (lang === 'en')
    await context.addInitScript(() => {
      localStorage.setItem('leitai.lang', 'en');
    });
  const page = await context.newPage();
  return { context, page };
}

/** Signs in through the login form, as a user would, and waits for the app to leave /login. */
export async function signIn(
  page: Page,
  base: string,
  username: string,
  next = '/',
): Promise<void> {
  await page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill('leitai-demo');
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/login')),
    page.getByRole('button', { name: /登\s*录|Sign in/ }).click(),
  ]);
}

/** Waits until no loading indicator is left on the page. */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(
    () =>
      !document.querySelector('[role=status] .ant-spin, .ant-skeleton-active, .ant-spin-spinning'),
  );
}

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; summary?: string }[];
}

/** axe-core's serious and critical violations of the page as it is now (WCAG 2 A/AA rules). */
export async function axe(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, so the page's CSP does not block it.
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const w = window as unknown as {
      axe: { run: (ctx: Document, o: unknown) => Promise<{ violations: AxeViolation[] }> };
    };
    const nodeOf = (n: { target: string[]; failureSummary?: string }) => ({
      target: n.target,
      summary: n.failureSummary,
    });
    const r = await w.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map(nodeOf),
    }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Chinese text shown as UI in the English interface: any visible text with CJK characters that
 * is not inside an element marked lang="zh-CN" (data: region and indicator names, the engine's notes).
 */
export async function chineseUiText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? '';
      if (!/[\u3400-\u9fff]/.test(text)) continue;
      const el = n.parentElement;
      if (!el || el.closest('[lang="zh-CN"]:not(html)')) continue;
      const style = getComputedStyle(el);
      if (
        style.display === 'none' ||
        style.visibility === 'hidden' ||
        el.getClientRects().length === 0
      )
        continue;
      out.push(text.trim().slice(0, 60));
    }
    return out;
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}
