// The 数据质量 view (/quality) in Chromium against the demo server: the summary by check and the
// findings equal the API's answer (read here from the API, not from the UI's code); filters by
// check, prefecture and severity change the rows as the API's filtered answer does and stay in
// the URL; a prefecture sees only its counties; an observer is refused; the export is the table.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CHECK_LABELS } from '../../src/core/quality/types.js';
import type { Finding, Quality } from '../../web/src/api/types.js';
import {
  apiJson,
  axe,
  choose,
  expectClean,
  expectWithin,
  exported,
  inPrefecture,
  loaded,
  open,
  regionsByCode,
  settled,
  signIn,
  start,
  useWebApp,
  type Lang,
  type WebCtx,
} from './browser.js';

const SEL = '?plan=hlj-2026&period=2026-09';
const TABLE = '[data-testid="quality-table"]';
// docs/quality.md: the checks and their severities, worked out here from the document.
const CHECKS = [
  'range',
  'share_bounds',
  'outlier_cross',
  'outlier_history',
  'tax_le_budget',
  'industry_le_gdp',
  'ytd_decreasing',
  'growth_vs_levels',
  'revision_after_approval',
];
const SEVERITY_ZH: Record<string, string> = { error: '错误', warning: '存疑', info: '提示' };

const apiQuality = (page: Page, ctx: WebCtx, query = '') =>
  apiJson<Quality>(page, ctx, `/api/quality${SEL}${query}`);

/** The shown rows: region code (from the county link) and the cells' text. */
async function shownRows(page: Page): Promise<{ region: string; cells: string[] }[]> {
  return page.$$eval(`${TABLE} tr.ant-table-row`, (rows) =>
    rows.map((r) => ({
      region: r.querySelector('a[href^="/counties/"]')?.getAttribute('href')?.slice(10, 16) ?? '',
      cells: [...r.querySelectorAll(':scope > td')].map((td) => td.textContent?.trim() ?? ''),
    })),
  );
}

const key = (f: Finding) => `${f.region}|${f.message}`;
const shownKeys = async (page: Page) =>
  (await shownRows(page)).map((r) => `${r.region}|${r.cells[5]}`);

/** A page signed in as `user` on the quality view, once it shows the table, an empty or an alert. */
const openQuality = (ctx: WebCtx, user: string, lang: Lang = 'zh', query = SEL) =>
  open(ctx, user, `/quality${query}`, lang, { ready: loaded(TABLE) });

describe('数据质量 view /quality', () => {
  const ctx = useWebApp();

  it('shows the province the findings by check and county as the API does (zh), axe-clean', async () => {
    const { page, problems, close } = await openQuality(ctx, 'province');
    const api = await apiQuality(page, ctx);
    expect(api.findings.length).toBeGreaterThan(0);

    // The summary: every check with its count of findings.
    for (const c of CHECKS)
      expect(await page.getByTestId(`count-${c}`).textContent(), c).toBe(
        String(api.findings.filter((f) => f.check === c).length),
      );
    expect(await page.getByTestId('summary-outlier_cross').textContent()).toContain('县际异常值');
    const totals = await page.getByTestId('quality-totals').textContent();
    expect(totals).toContain(`已检查 ${api.checked} 个数值(${api.counties} 个县)`);
    expect(totals).toContain(`${api.findings.length} 条问题`);

    // The rows: the API's findings in its order, county beside its prefecture, the check in words.
    const region = await regionsByCode(page, ctx);
    const rows = await shownRows(page);
    expect(rows.map((r) => `${r.region}|${r.cells[5]}`)).toEqual(api.findings.map(key));
    rows.forEach((row, i) => {
      const f = api.findings[i]!;
      expect(row.cells[0]).toBe(`${f.regionName} ${f.region}`);
      expect(row.cells[1]).toBe(region.get(region.get(f.region)!.parent!)?.name);
      expect(row.cells[3]).toBe(CHECK_LABELS[f.check]);
      expect(row.cells[4]).toBe(SEVERITY_ZH[f.severity]);
      // The indicator's name, never its code.
      expect(row.cells[2]).not.toMatch(/[a-z_]{4,}/);
      expect(f.message.startsWith(row.cells[2]!)).toBe(true);
    });

    expect(api.synthetic).toBe(true);
    await page.getByTestId('synthetic-banner').waitFor();
    await expectClean(page, problems, 'quality-zh');
    await close();
  });

  it('in English leaves no Chinese UI text and is axe-clean', async () => {
    const { page, problems, close } = await openQuality(ctx, 'province', 'en');
    const api = await apiQuality(page, ctx);
    expect((await shownRows(page)).length).toBe(api.findings.length);
    expect(await page.getByTestId('summary-outlier_cross').textContent()).toContain(
      'Outlier among counties',
    );
    await expectClean(page, problems, 'quality-en', 'en');
    await close();
  });

  it('filters by check, prefecture and severity as the API does, in the URL, and exports the rows', async () => {
    const { context, page, problems, close } = await openQuality(ctx, 'province');
    const inQiqihar = await inPrefecture(page, ctx, '230200');

    // Check: the API's own filter, from the summary.
    await page.getByTestId('summary-outlier_cross').click();
    await settled(page);
    expect(new URL(page.url()).searchParams.get('check')).toBe('outlier_cross');
    const cross = await apiQuality(page, ctx, '&check=outlier_cross');
    await expect.poll(() => shownKeys(page)).toEqual(cross.findings.map(key));

    // A check with no findings: the table is empty, and says so.
    await choose(page, 'filter-check', '核定后修改');
    const none = await apiQuality(page, ctx, '&check=revision_after_approval');
    expect(none.findings).toEqual([]);
    await page.getByText('没有符合筛选条件的问题').waitFor();
    expect(await page.getByTestId('count-revision_after_approval').textContent()).toBe('0');

    // Prefecture: the findings of 齐齐哈尔市's counties.
    await choose(page, 'filter-check', '全部检查项');
    await choose(page, 'filter-prefecture', '齐齐哈尔市');
    expect(new URL(page.url()).searchParams.get('prefecture')).toBe('230200');
    const all = await apiQuality(page, ctx);
    const qiqihar = all.findings.filter((f) => inQiqihar(f.region));
    expect(qiqihar.length).toBeGreaterThan(0);
    await expect.poll(() => shownKeys(page)).toEqual(qiqihar.map(key));

    // Severity.
    await choose(page, 'filter-severity', '存疑');
    expect(new URL(page.url()).searchParams.get('severity')).toBe('warning');
    await expect
      .poll(() => shownKeys(page))
      .toEqual(qiqihar.filter((f) => f.severity === 'warning').map(key));

    // The export: the rows shown, with the columns seen.
    const { head, body } = await exported(page, '说明');
    for (const title of ['县(市)', '市(地)', '指标', '检查项', '严重程度', '说明'])
      expect(head).toContain(title);
    const expected = qiqihar.filter((f) => f.severity === 'warning');
    expect(body.map((r) => r[head.indexOf('说明')])).toEqual(expected.map((f) => f.message));
    expect(body.map((r) => r[head.indexOf('县(市)')])).toEqual(expected.map((f) => f.regionName));

    // The link reproduces the view.
    const again = await context.newPage();
    await again.goto(page.url());
    await again.locator(TABLE).waitFor();
    await settled(again);
    expect(await shownKeys(again)).toEqual(expected.map(key));
    await again.close();
    expect(problems).toEqual({ console: [], failed: [] });
    await close();
  });

  it('shows a prefecture only its own counties, as the API does', async () => {
    const { page, problems, close } = await openQuality(ctx, 'harbin');
    const api = await apiQuality(page, ctx);
    expect(api.checked).toBeNull();
    if (api.findings.length === 0) await page.getByText('没有发现数据质量问题').waitFor();
    else expect(await shownKeys(page)).toEqual(api.findings.map(key));
    await expectWithin(
      page,
      ctx,
      '230100',
      api.findings.map((f) => f.region),
    );
    expect(await axe(page)).toEqual([]);
    // Only 哈尔滨市 to choose among prefectures.
    await page.getByTestId('filter-prefecture').click();
    // Polled: the list fills in while it opens.
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await expect
      .poll(async () => (await options.allTextContents()).filter((o) => o !== '全部市(地)'))
      .toEqual(api.findings.length > 0 ? ['哈尔滨市'] : []);
    await page.keyboard.press('Escape');
    expect(problems).toEqual({ console: [], failed: [] });
    await close();
  });

  it('refuses an observer without asking the API, and says which filters it ignores', async () => {
    const { page, problems, close } = await start(ctx);
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/quality')) asked.push(r.url());
    });
    await signIn(page, ctx.base, 'observer', `/quality${SEL}`);
    await page.getByText('无权查看').waitFor();
    expect(await page.locator(TABLE).count()).toBe(0);
    expect(asked).toEqual([]);
    expect(await page.locator('.ant-menu').getByText('数据质量').count()).toBe(0);
    await close();

    const second = await openQuality(ctx, 'province', 'zh', `${SEL}&check=nope&severity=grave`);
    await second.page.getByText('地址中的筛选条件无效,已忽略').waitFor();
    const alert = await second.page.getByRole('alert').filter({ hasText: '已忽略' }).textContent();
    expect(alert).toContain('check=nope');
    expect(alert).toContain('severity=grave');
    const api = await apiQuality(second.page, ctx);
    expect((await shownRows(second.page)).length).toBe(api.findings.length);
    expect(problems).toEqual({ console: [], failed: [] });
    expect(second.problems).toEqual({ console: [], failed: [] });
    await second.close();
  });
});
