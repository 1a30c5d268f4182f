// The 审核 view (/review) in Chromium against a fresh demo server. 尚志市 first puts four values of
// 2026-11 (a month the demo leaves empty) into the queue through the API; then 哈尔滨市 returns one
// with a reason (an empty reason is refused in the dialog and nothing changes) and passes the
// others; 省财政厅 sees only its own indicator, reads the value's chain in the drawer and approves
// it; the province acts on a value someone approved meanwhile and is told so, and the list
// refreshes. axe finds nothing serious; the English page shows no Chinese UI text.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { currentValues } from '../../src/store/observations.js';
import { publishedValues } from '../../src/store/visible-values.js';
import { as, login } from '../server/setup.js';
import {
  chineseUiText,
  expectClean,
  exported,
  loaded,
  open,
  screenshot,
  settled,
  useWebApp,
} from './browser.js';

// Building the demo database takes most of useWebApp's 10 s hook on a busy machine.
vi.setConfig({ hookTimeout: 60_000 });

const SHANGZHI = '230183';
const PERIOD = '2026-11';
const PATH = `/review?plan=hlj-2026&period=${PERIOD}`;
const READY = { ready: loaded('[data-testid="review-table"]') };

/** The four values and their indicators' names, as the catalogue prints them. */
const VALUES = [
  { indicator: 'gdp', name: '地区生产总值', value: 250.4 },
  { indicator: 'general_budget_revenue', name: '一般公共预算收入', value: 9.8 },
  { indicator: 'tax_revenue', name: '税收收入', value: 6.1 },
  { indicator: 'industry_va', name: '工业增加值', value: 40.2 },
];

const key = (indicator: string) => ({ region: SHANGZHI, indicator, period: PERIOD });

/** The rows the queue table shows, as text. */
const shownRows = (page: Page) =>
  page.$$eval('[data-testid="review-table"] tr.ant-table-row', (rows) =>
    rows.map((r) => r.textContent ?? ''),
  );

describe('审核 /review', () => {
  const ctx = useWebApp();

  const statusOf = async (indicator: string) =>
    (
      await currentValues(ctx.store, {
        regions: [SHANGZHI],
        indicators: [indicator],
        periods: [PERIOD],
      })
    )[0]?.status;

  const post = async (user: string, url: string, payload: object) => {
    const r = await ctx.app.inject({
      method: 'POST',
      url,
      headers: as(await login(ctx.app, user)),
      payload,
    });
    expect(r.statusCode, r.body).toBe(200);
  };

  beforeAll(async () => {
    const s = as(await login(ctx.app, 'shangzhi'));
    for (const v of VALUES) {
      const r = await ctx.app.inject({
        method: 'PUT',
        url: `/api/observations/${SHANGZHI}/${v.indicator}/${PERIOD}`,
        headers: s,
        payload: { value: v.value },
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    await post('shangzhi', '/api/review/submit', { keys: VALUES.map((v) => key(v.indicator)) });
  });

  it('哈尔滨市 returns one value with a reason (none: refused, nothing changes) and passes the others', async () => {
    const { page, problems, close } = await open(ctx, 'harbin', PATH, 'zh', READY);
    const rows = await shownRows(page);
    expect(rows).toHaveLength(4);
    for (const v of VALUES) expect(rows.some((r) => r.includes(v.name))).toBe(true);
    expect(rows.every((r) => r.includes('已报送'))).toBe(true);
    await expectClean(page, problems, 'review-harbin');

    const row = page.locator('[data-testid="review-table"] tr.ant-table-row', {
      hasText: '工业增加值',
    });
    await row.getByRole('button', { name: /^退\s*回$/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: /退\s*回/ }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('请填写退回原因');
    expect(await statusOf('industry_va')).toBe('submitted');
    await screenshot(page, 'review-return-empty-reason');
    await page.getByTestId('return-reason').fill('与上月累计值不符,请核实');
    await dialog.getByRole('button', { name: /退\s*回/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await settled(page);
    await expect.poll(async () => (await shownRows(page)).length).toBe(3);
    expect(await statusOf('industry_va')).toBe('returned');

    await page.locator('[data-testid="review-table"] thead input[type=checkbox]').check();
    await page.getByTestId('act-selected').click();
    await page.locator('.ant-empty').waitFor();
    await settled(page);
    expect(await page.locator('.ant-empty').textContent()).toContain('没有待您处理的数值');
    for (const v of ['gdp', 'general_budget_revenue', 'tax_revenue'])
      expect(await statusOf(v), v).toBe('reviewed');
    await expectClean(page, problems, 'review-harbin-done');
    await close();
  }, 120_000);

  it('省财政厅 sees only its indicator, reads its chain in the drawer and approves it', async () => {
    const { page, problems, close } = await open(ctx, 'finance', PATH, 'zh', READY);
    const rows = await shownRows(page);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('一般公共预算收入');
    expect(rows.some((r) => r.includes('税收收入') || r.includes('地区生产总值'))).toBe(false);

    await page.getByRole('button', { name: /查看 尚志市 一般公共预算收入 的历史/ }).click();
    const chain = page.getByTestId('history-chain');
    await chain.waitFor();
    await settled(page);
    const text = (await chain.textContent()) ?? '';
    // 填报 and 报送 by 尚志市 (县(市)), 审核通过 by 哈尔滨市 (市(地)), in that order.
    expect(text).toMatch(/填报.*尚志市.*县\(市\).*报送.*尚志市.*审核通过.*哈尔滨市.*市\(地\)/s);
    expect(await page.locator('[data-testid="history-audit"] tr.ant-table-row').count()).toBe(3);
    await expectClean(page, problems, 'review-finance-history');
    await page.keyboard.press('Escape');
    await page.getByTestId('history').waitFor({ state: 'detached' });
    const sheet = await exported(page, '指标');
    expect(sheet.head).toEqual([
      '县(市)',
      '指标',
      '单位',
      '数值',
      '上年同期(核定值)',
      '同比变化',
      '数据质量',
      '状态',
    ]);
    // Last year's value is the demo's published 2025-11; the change is relative, one decimal.
    const [ly] = await publishedValues(ctx.store, {
      regions: [SHANGZHI],
      indicators: ['general_budget_revenue'],
      periods: ['2025-11'],
    });
    const last = ly!.value!;
    const pct = Math.round(((9.8 - last) / last) * 1000) / 10;
    const change = `${pct > 0 ? '+' : pct < 0 ? '\u2212' : ''}${Math.abs(pct).toFixed(1)}%`;
    expect(sheet.body).toEqual([
      ['尚志市', '一般公共预算收入', '亿元', 9.8, last, change, '', '已审核'],
    ]);

    await page
      .locator('[data-testid="review-table"] tr.ant-table-row')
      .getByRole('button', { name: /核\s*定/ })
      .click();
    await page.locator('.ant-empty').waitFor();
    expect(await statusOf('general_budget_revenue')).toBe('approved');
    await expectClean(page, problems);
    await close();
  }, 120_000);

  it('acting on a value someone else handled first says so and refreshes the list', async () => {
    const { page, problems, close } = await open(ctx, 'province', PATH, 'zh', {
      ...READY,
      allow: (url, status) => status === 409 && url.includes('/api/review/approve'),
    });
    // The province's 待核定: gdp and tax_revenue (reviewed by 哈尔滨市).
    await page
      .getByTestId('review-stage')
      .getByText(/待核定/)
      .click();
    await settled(page);
    await expect.poll(async () => (await shownRows(page)).length).toBe(2);
    // Meanwhile the same value is approved elsewhere.
    await post('province', '/api/review/approve', { keys: [key('tax_revenue')] });
    await page
      .locator('[data-testid="review-table"] tr.ant-table-row', { hasText: '税收收入' })
      .getByRole('button', { name: /核\s*定/ })
      .click();
    const notice = page.getByTestId('review-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('已被他人处理,列表已刷新');
    await settled(page);
    await expect.poll(async () => (await shownRows(page)).length).toBe(1);
    expect((await shownRows(page))[0]).toContain('地区生产总值');
    // The browser logs the refused request itself; it is the 409 this test provoked.
    const logged = problems.console.splice(0);
    expect(logged).toEqual([
      'Failed to load resource: the server responded with a status of 409 (Conflict)',
    ]);
    await expectClean(page, problems, 'review-conflict');
    await close();
  }, 120_000);

  it('in English, with the demo queue of 2026-09: no Chinese UI text, axe clean, the drawer too', async () => {
    const { page, problems, close } = await open(
      ctx,
      'harbin',
      '/review?plan=hlj-2026&period=2026-09',
      'en',
      READY,
    );
    expect((await shownRows(page)).length).toBeGreaterThan(0);
    expect(await page.getByTestId('review-elsewhere').textContent()).toMatch(/other periods/);
    await expectClean(page, problems, 'review-en', 'en');
    await page
      .getByRole('button', { name: /^History of/ })
      .first()
      .click();
    await page.getByTestId('history-chain').waitFor();
    await settled(page);
    expect(await chineseUiText(page)).toEqual([]);
    await expectClean(page, problems, 'review-en-history', 'en');
    await close();
  }, 120_000);

  it('in Chinese with the demo queue: the page fits 1366×768', async () => {
    const { page, problems, close } = await open(
      ctx,
      'province',
      '/review?plan=hlj-2026&period=2026-09',
      'zh',
      READY,
    );
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await expectClean(page, problems, 'review-province');
    await close();
  }, 120_000);
});
