// 一县一档 (/counties/:code) in the browser: the numbers equal the API's, the categories say why,
// the rank carries its interval; a county sees its own profile and is refused another's
// unpublished period without a number of it; unknown codes and empty periods say so.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatSigned, formatValue } from '../../src/core/numeric/index.js';
import { as, login } from '../server/setup.js';
import {
  axe,
  chineseUiText,
  exported,
  open,
  screenshot,
  settled,
  signIn,
  start,
  STATUS_WORDS,
  useWebApp,
} from './browser.js';

const SHANGZHI = '230183';
const WUCHANG = '230184';
const SEL = 'plan=hlj-2026&period=2026-09';

interface Answer {
  results: {
    region: string;
    value: number | null;
    status: string;
    gap: number | null;
    target: number;
    progress?: { projection: number; done?: number | null; share: number };
  }[];
  targets: { name: string; unit: string; phrase: string }[];
  categories: Record<string, string[]>;
  categoryReasons: Record<string, { category: string; name: string; reason: string }[]>;
}

interface RankingAnswer {
  counties: { region: string; rank: number }[];
  stability: { counties: { region: string; p05: number; p95: number }[] };
}

/** Waits for the targets table, then for each further part named by its test id. */
const ready =
  (...more: string[]) =>
  async (page: Page) => {
    for (const id of ['county-targets', ...more]) await page.getByTestId(id).waitFor();
  };

describe('county profile /counties/:code', () => {
  const ctx = useWebApp();

  async function api<T>(user: string, url: string): Promise<T> {
    const r = await ctx.app.inject({ method: 'GET', url, headers: as(await login(ctx.app, user)) });
    expect(r.statusCode, `${url}: ${r.body}`).toBe(200);
    return r.json() as T;
  }

  const text = async (page: Page, testId: string) =>
    (await page.getByTestId(testId).first().innerText()).trim();

  /** Every row of the targets table against the API's own answer, formatted by the core's rules. */
  async function expectTable(page: Page, ev: Answer, code: string, lang: 'zh' | 'en') {
    const rows = ev.results.map((r, i) => ({ r, i })).filter(({ r }) => r.region === code);
    expect(rows.length).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=county-targets] tbody tr.ant-table-row').count()).toBe(
      rows.length,
    );
    for (const { r, i } of rows) {
      const unit = ev.targets[r.target]!.unit;
      expect(await text(page, `value-${i}`)).toBe(formatValue(r.value, unit));
      expect(await text(page, `gap-${i}`)).toBe(formatSigned(r.gap, unit));
      expect(await text(page, `status-${i}`)).toBe(STATUS_WORDS[lang][r.status]);
      expect(await page.getByTestId(`status-${i}`).getAttribute('data-status')).toBe(r.status);
      expect(await text(page, `projection-${i}`)).toBe(
        r.progress ? formatValue(r.progress.projection, unit) : '—',
      );
    }
  }

  for (const lang of ['zh', 'en'] as const) {
    it(`shows the province 尚志市's targets, categories with reasons and rank band (${lang})`, async () => {
      const { page, problems, close } = await open(
        ctx,
        'province',
        `/counties/${SHANGZHI}?${SEL}`,
        lang,
        { ready: ready('rank-band') },
      );

      const ev = await api<Answer>(
        'province',
        `/api/evaluation?${SEL}&region=${SHANGZHI}&limit=5000`,
      );
      await expectTable(page, ev, SHANGZHI, lang);

      // Categories, each with the reason the API gives for it.
      const reasons = ev.categoryReasons[SHANGZHI]!;
      expect(reasons.map((r) => r.category)).toEqual(ev.categories[SHANGZHI]);
      expect(reasons.length).toBeGreaterThan(0);
      for (const r of reasons) {
        expect(await text(page, `reason-${r.category}`)).toBe(r.reason);
        expect(await text(page, `category-${r.category}`)).toContain(r.name);
      }
      expect(reasons[0]!.reason).toMatch(/工业增加值 \d+\.\d亿元 > 10亿元/);

      // Rank and its 5–95% interval, as text.
      const ranking = await api<RankingAnswer>('province', `/api/ranking?${SEL}&stability=200`);
      const rank = ranking.counties.find((c) => c.region === SHANGZHI)!.rank;
      const band = ranking.stability.counties.find((c) => c.region === SHANGZHI)!;
      expect(await text(page, 'rank-band')).toBe(
        lang === 'zh'
          ? `第${rank}名(90%区间 ${band.p05}–${band.p95})`
          : `Rank ${rank} (90% interval ${band.p05}–${band.p95})`,
      );
      await expect(page.getByTestId('synthetic-banner').isVisible()).resolves.toBe(true);
      const crumbs = await page.locator('.ant-breadcrumb').innerText();
      expect(crumbs.replace(/\s+/g, ' ')).toBe(
        lang === 'zh' ? '擂台 / 尚志市' : 'County contest / 尚志市',
      );

      // What a 1366×768 screen shows first: header, rank, the first targets.
      await screenshot(page, `county-${lang}`);

      // Warnings below, and the history charts once scrolled to.
      await page.getByTestId('history').scrollIntoViewIfNeeded();
      await page.locator('[data-testid^=chart-] canvas').first().waitFor();
      await page
        .getByText(lang === 'zh' ? '预警' : 'Warnings', { exact: true })
        .first()
        .waitFor();
      await settled(page);
      expect(await page.locator('[data-testid=county-warnings] tbody tr').count()).toBeGreaterThan(
        0,
      );

      expect(await axe(page)).toEqual([]);
      if (lang === 'en') expect(await chineseUiText(page)).toEqual([]);

      if (lang === 'zh') {
        // The targets table exports as shown: one row per target, the API's values.
        const { fileName, head, body } = await exported(page, '指标');
        expect(fileName).toMatch(/\.xlsx$/);
        const mine = ev.results.filter((r) => r.region === SHANGZHI);
        expect(body).toHaveLength(mine.length);
        const col = (name: string) => head.indexOf(name);
        body.forEach((row, k) => {
          expect(row[col('指标')]).toBe(ev.targets[mine[k]!.target]!.name);
          expect(row[col('数值')] ?? null).toBe(mine[k]!.value);
          expect(row[col('差距')] ?? null).toBe(mine[k]!.gap);
        });
      }

      expect(problems).toEqual({ console: [], failed: [] });
      await close();
    });
  }

  it('the province chooses another county by name; a prefecture only among its own', async () => {
    const { page, problems, close } = await open(
      ctx,
      'province',
      `/counties/${SHANGZHI}?${SEL}`,
      'zh',
      {
        ready: ready(),
      },
    );
    const picker = page.getByTestId('county-picker');
    expect(await picker.innerText()).toContain('尚志市');
    await picker.click();
    await page.keyboard.type('五常');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '五常市' })
      .click();
    await page.waitForURL((u) => u.pathname === `/counties/${WUCHANG}` && u.search === `?${SEL}`);
    await expect.poll(() => page.locator('main h3').first().innerText()).toContain('五常市');
    await page.getByTestId('county-targets').waitFor();
    await settled(page);
    expect(await axe(page)).toEqual([]);
    expect(problems).toEqual({ console: [], failed: [] });
    await close();

    // 哈尔滨市's picker lists its own counties only (the register's, by hand: 230100's counties).
    const h = await open(ctx, 'harbin', `/counties/${SHANGZHI}?${SEL}`, 'zh', { ready: ready() });
    await h.page.getByTestId('county-picker').click();
    await h.page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().waitFor();
    const shown = await h.page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .allInnerTexts();
    expect(shown.length).toBeGreaterThan(0);
    expect(
      shown.every((o) => o.endsWith('· 哈尔滨市')),
      shown.join(','),
    ).toBe(true);
    await h.close();

    // A county user reads its own profile: no picker.
    const c = await open(ctx, 'shangzhi', `/counties/${SHANGZHI}?${SEL}`, 'zh', { ready: ready() });
    expect(await c.page.getByTestId('county-picker').count()).toBe(0);
    await c.close();
  });

  it('a county user sees its own profile, with its data-quality findings', async () => {
    const { page, problems, close } = await open(
      ctx,
      'shangzhi',
      `/counties/${SHANGZHI}?${SEL}`,
      'zh',
      { ready: ready() },
    );
    const ev = await api<Answer>(
      'shangzhi',
      `/api/evaluation?${SEL}&region=${SHANGZHI}&limit=5000`,
    );
    await expectTable(page, ev, SHANGZHI, 'zh');
    await page.getByText('数据质量', { exact: true }).last().waitFor();
    expect(await axe(page)).toEqual([]);
    expect(problems).toEqual({ console: [], failed: [] });
    await close();
  });

  it('refuses a county user another county’s unpublished period, without a number of it', async () => {
    const refused = (url: string, status: number) =>
      status === 403 && new URL(url).pathname === '/api/observations';
    const { page, problems, close } = await start(ctx, 'zh', refused);
    const asked: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/') && u.search.includes(WUCHANG)) asked.push(u.pathname);
    });
    await signIn(page, ctx.base, 'shangzhi', `/counties/${WUCHANG}?${SEL}`);
    await page.getByTestId('county-refused').waitFor();
    await settled(page);
    expect(await text(page, 'county-refused')).toContain('您无权查看该县2026年1-9月未公布的数据');
    await expect(page.getByTestId('county-targets').count()).resolves.toBe(0);

    // The page asked only whether it may look, and showed none of 五常市's values.
    expect(asked).toEqual(['/api/observations']);
    const theirs = await api<Answer>(
      'province',
      `/api/evaluation?${SEL}&region=${WUCHANG}&limit=5000`,
    );
    const shown = await page.locator('body').innerText();
    const numbers = theirs.results
      .filter((r) => r.region === WUCHANG && r.value !== null)
      .map((r) => formatValue(r.value, theirs.targets[r.target]!.unit))
      .filter((v) => v.includes('.'));
    expect(numbers.length).toBeGreaterThan(0);
    for (const v of numbers) expect(shown).not.toContain(v);

    // The browser reports the refused probe in its console; nothing else went wrong.
    expect(problems.failed).toEqual([]);
    expect(problems.console.filter((c) => !/status of 403/.test(c))).toEqual([]);
    expect(await axe(page)).toEqual([]);
    await close();
  });

  it('an unknown county code says so and leads back to the contest', async () => {
    for (const lang of ['zh', 'en'] as const) {
      const { page, problems, close } = await open(
        ctx,
        'province',
        `/counties/999999?${SEL}`,
        lang,
        {
          ready: '[data-testid="county-unknown"]',
        },
      );
      const msg = await text(page, 'county-unknown');
      expect(msg).toContain('999999');
      expect(msg).toContain(lang === 'zh' ? '没有这个县' : 'No such county');
      const back = page.getByRole('link', {
        name: lang === 'zh' ? '返回擂台' : 'Back to the contest',
      });
      expect(new URL((await back.getAttribute('href'))!, ctx.base).pathname).toBe('/ranking');
      if (lang === 'en') expect(await chineseUiText(page)).toEqual([]);
      expect(problems).toEqual({ console: [], failed: [] });
      await close();
    }
  });

  it('a period without targets or without data says why it is empty', async () => {
    const { page, problems, close } = await open(
      ctx,
      'province',
      `/counties/${SHANGZHI}?plan=hlj-2026&period=2027-03`,
      'zh',
      { ready: (p) => p.getByText('2027年1-3月本计划对该县没有目标').waitFor() },
    );
    await page.goto(`${ctx.base}/counties/${SHANGZHI}?plan=hlj-2026&period=2026-12`);
    await page.getByTestId('all-no-data').waitFor();
    await settled(page);
    expect(await text(page, 'all-no-data')).toContain('2026年1-12月该县还没有可评价的数值');
    expect(problems).toEqual({ console: [], failed: [] });
    await close();
  });
});
