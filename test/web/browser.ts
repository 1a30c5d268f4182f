// Browser tests: the real server (demo database on its own SQLite file, port 0) and Debian's
// Chromium driven by playwright-core. Each test file gets its own server, browser and temp dir.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Store } from '../../src/store/db.js';
import type { Region } from '../../web/src/api/types.js';
import { ROOT } from '../helpers.js';
import { buildApp } from '../../src/server/app.js';
import { demoDb } from '../server/setup.js';
import type { TestDb } from '../store/dialects.js';

export const CHROMIUM = process.env.LEITAI_CHROMIUM ?? '/usr/bin/chromium';
/** Where pictures go: `npm run screenshots` points this at a fresh folder of its own. */
export const SCREENSHOTS =
  process.env.LEITAI_SCREENSHOTS ?? join(ROOT, 'test-artifacts/screenshots');
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
    db = demoDb();
    ctx.store = await db.open();
    // No session cache: a session ended on the server is gone at the next request (no waiting).
    ctx.app = await buildApp({ store: ctx.store, cacheMs: 0 });
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
export function watch(page: Page, allow: Allow = () => false): Problems {
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

export type Lang = 'zh' | 'en';

/** Which refused requests a test expects (not counted as failures). */
export type Allow = (url: string, status: number) => boolean;

export async function newPage(
  ctx: WebCtx,
  lang: Lang = 'zh',
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

/**
 * Signs in through the login form, as a user would, and waits for the app to leave /login.
 * `next` null: the login page without ?next=, so the user lands on their role's first screen.
 */
export async function signIn(
  page: Page,
  base: string,
  username: string,
  next: string | null = '/',
): Promise<void> {
  await page.goto(`${base}/login${next === null ? '' : `?next=${encodeURIComponent(next)}`}`);
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill('leitai-demo');
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/login')),
    page.getByRole('button', { name: /登\s*录|Sign in/ }).click(),
  ]);
}

/**
 * Signs the context in through the API (the cookie the login form would get), without loading the
 * login page: most tests are about the page behind it, and the form has tests of its own
 * (session.test.ts). Half a second of every test on a 2-core CI machine.
 */
export async function signInByApi(
  context: BrowserContext,
  base: string,
  username: string,
): Promise<void> {
  const r = await context.request.post(`${base}/api/session`, {
    data: { username, password: 'leitai-demo' },
  });
  if (r.status() !== 200) throw new Error(`sign-in ${username}: ${r.status()} ${await r.text()}`);
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

/** Waits until no finite CSS animation or transition is running (a fade, a closing list). */
export async function animationsDone(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(
          () =>
            document
              .getAnimations()
              .filter(
                (a) =>
                  a.playState === 'running' &&
                  a.effect?.getComputedTiming().iterations !== Infinity,
              ).length,
        ),
      { timeout: 10_000 },
    )
    .toBe(0);
}

/**
 * axe-core's serious and critical violations of the page at rest: no select's option list still
 * closing, no dialog or message mid-fade (half-transparent text is no part of the page a user
 * reads, and failed the contrast rule at random) (WCAG 2 A/AA rules).
 */
export async function axe(page: Page): Promise<AxeViolation[]> {
  await dropdownsClosed(page);
  await animationsDone(page);
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
  // The manuals show these pictures: wait for dialogs and messages to finish fading in. Endless
  // animations (spinners) do not count; the wait is bounded, a picture is not worth a failure.
  await page
    .waitForFunction(
      () =>
        document
          .getAnimations()
          .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
      undefined,
      { timeout: 3_000 },
    )
    .catch(() => undefined);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/** A page of its own browser context, watched for problems from the start. */
export interface Opened {
  context: BrowserContext;
  page: Page;
  problems: Problems;
  /** Closes the page's browser context. */
  close: () => Promise<void>;
}

/** A new page in `lang`, watched (`allow`: the refusals the test expects), not yet signed in. */
export async function start(ctx: WebCtx, lang: Lang = 'zh', allow?: Allow): Promise<Opened> {
  const { context, page } = await newPage(ctx, lang);
  return { context, page, problems: watch(page, allow), close: () => closeContext(context) };
}

/**
 * Closes a browser context, waiting at most 15 s: Chromium once never answered a context's close
 * on a loaded CI machine and the test hung to its timeout after its checks had passed. A context
 * left open is closed with the browser after the file.
 */
async function closeContext(context: BrowserContext): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, 15_000);
  });
  await Promise.race([context.close(), late]);
  clearTimeout(timer);
}

/** A `ready` wait: until the view shows `table` (a selector), an empty state or an alert. */
export const loaded = (table: string) => (page: Page) =>
  page.locator(`${table}, .ant-empty, [role=alert]`).first().waitFor();

/**
 * A new watched page in `lang`, signed in as `user` and landed on `path`; waits for `ready` (a
 * selector, or a wait of the test's own) and then until the page has settled.
 */
export async function open(
  ctx: WebCtx,
  user: string,
  path: string,
  lang: Lang = 'zh',
  { ready, allow }: { ready?: string | ((page: Page) => Promise<unknown>); allow?: Allow } = {},
): Promise<Opened> {
  const opened = await start(ctx, lang, allow);
  await signInByApi(opened.context, ctx.base, user);
  await opened.page.goto(`${ctx.base}${path}`);
  if (typeof ready === 'string') await opened.page.locator(ready).waitFor();
  else if (ready) await ready(opened.page);
  await settled(opened.page);
  return opened;
}

/**
 * The page as it stands passes the checks every view owes: in English no Chinese UI text, axe
 * finds nothing serious, and no console error or failed request so far; the screenshot, if named,
 * taken before the last check.
 */
export async function expectClean(
  page: Page,
  problems: Problems,
  screenshotName?: string,
  lang: Lang = 'zh',
): Promise<void> {
  if (lang === 'en') expect(await chineseUiText(page)).toEqual([]);
  expect(await axe(page)).toEqual([]);
  if (screenshotName) await screenshot(page, screenshotName);
  expect(problems).toEqual({ console: [], failed: [] });
}

/** An API answer as the signed-in page's user gets it (its cookies); it must be a 200. */
export async function apiJson<T>(page: Page, ctx: WebCtx, path: string): Promise<T> {
  const r = await page.request.get(`${ctx.base}${path}`);
  expect(r.status(), path).toBe(200);
  return (await r.json()) as T;
}

/** The region register (GET /api/regions) by code. */
export async function regionsByCode(page: Page, ctx: WebCtx): Promise<Map<string, Region>> {
  const regions = await apiJson<Region[]>(page, ctx, '/api/regions');
  return new Map(regions.map((r) => [r.code, r]));
}

/** Whether a region lies in the prefecture `code`, by the region register. */
export async function inPrefecture(
  page: Page,
  ctx: WebCtx,
  code: string,
): Promise<(region: string) => boolean> {
  const regions = await regionsByCode(page, ctx);
  return (region) => regions.get(region)?.parent === code;
}

/**
 * Every one of `regions` (what the API answered) and every county the page links to lies in the
 * prefecture `code`; returns the test, for more.
 */
export async function expectWithin(
  page: Page,
  ctx: WebCtx,
  code: string,
  regions: string[],
): Promise<(region: string) => boolean> {
  const inside = await inPrefecture(page, ctx, code);
  expect(regions.every(inside), `the API's regions in ${code}`).toBe(true);
  expect((await countyLinks(page)).every(inside), `the linked counties in ${code}`).toBe(true);
  return inside;
}

/** The codes of the county profiles the page links to. */
export async function countyLinks(page: Page): Promise<string[]> {
  return page
    .locator('a[href^="/counties/"]')
    .evaluateAll((as) =>
      as.map((a) => a.getAttribute('href')!.slice('/counties/'.length, '/counties/'.length + 6)),
    );
}

/** Waits until no select's option list is showing (antd closes it with an animation). */
export async function dropdownsClosed(page: Page): Promise<void> {
  await expect
    .poll(() => page.locator('.ant-select-dropdown:visible').count(), { timeout: 10_000 })
    .toBe(0);
}

/** Chooses the first option matching `option` in the select with that test id, then settles. */
export async function choose(page: Page, testId: string, option: string | RegExp): Promise<void> {
  await page.getByTestId(testId).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
    .first()
    .click();
  await dropdownsClosed(page);
  await settled(page);
}

/** An exported sheet: its rows (cells from 0, empty rows left out), the header and the rows below. */
export interface Exported {
  fileName: string;
  rows: unknown[][];
  head: unknown[];
  body: unknown[][];
}

/**
 * Clicks the page's Excel export and reads the first sheet of the file it downloads; the header is
 * the first row with a cell equal to `header`.
 */
export async function exported(page: Page, header: string): Promise<Exported> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /导出 Excel|Export Excel/ }).click(),
  ]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  const at = rows.findIndex((r) => r.includes(header));
  return {
    fileName: download.suggestedFilename(),
    rows,
    head: rows[at]!,
    body: rows.slice(at + 1),
  };
}

/** The status words of UI.md, written out here rather than read from the UI's dictionary. */
export const STATUS_WORDS: Record<Lang, Record<string, string>> = {
  zh: {
    met: '完成',
    nearly_met: '基本完成',
    not_met: '未完成',
    no_data: '无数据',
    not_applicable: '不适用',
  },
  en: {
    met: 'met',
    nearly_met: 'nearly met',
    not_met: 'not met',
    no_data: 'no data',
    not_applicable: 'not applicable',
  },
};
