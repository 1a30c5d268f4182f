// The 数据质量 view (/quality) in Chromium against the demo server: the summary by check and the
// findings equal the API's answer (read here from the API, not from the UI's code); filters by
// check, prefecture and severity change the rows as the API's filtered answer does and stay in
// the URL; a prefecture sees only its counties; an observer is refused; the export is the table.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CHECK_LABELS } from '../../src/core/quality/types.js';
import {
  axe,
  chineseUiText,
  newPage,
  screenshot,
  settled,
  signIn,
  useWebApp,
  watch,
  type WebCtx,
} from './browser.js';

interface Finding {
  region: string;
  regionName: string;
  check: string;
  indicator: string;
  severity: string;
  message: string;
}
interface Answer {
  findings: Finding[];
  checked: number | null;
  counties: number | null;
  synthetic: boolean;
}
interface Region {
  code: string;
  name: string;
  parent: string | null;
}

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

async function getJson<T>(page: Page, base: string, path: string): Promise<T> {
  const r = await page.request.get(`${base}${path}`);
  expect(r.status(), path).toBe(200);
  return (await r.json()) as T;
}

const apiQuality = (page: Page, base: string, query = '') =>
  getJson<Answer>(page, base, `/api/quality${SEL}${query}`);

async function parents(page: Page, base: string): Promise<Map<string, string | null>> {
  const regions = await getJson<Region[]>(page, base, '/api/regions');
  return new Map(regions.map((r) => [r.code, r.parent]));
}

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

async function openQuality(page: Page, ctx: WebCtx, user: string, query = SEL) {
  await signIn(page, ctx.base, user, `/quality${query}`);
  await page.locator(`${TABLE}, .ant-empty, [role=alert]`).first().waitFor();
  await settled(page);
}

async function choose(page: Page, testId: string, option: string | RegExp) {
  await page.getByTestId(testId).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
    .first()
    .click();
  await settled(page);
}

describe('数据质量 view /quality', () => {
  const ctx = useWebApp();

  it('shows the province the findings by check and county as the API does (zh), axe-clean', async () => {
    const { context, page } = await newPage(ctx, 'zh');
    const problems = watch(page);
    await openQuality(page, ctx, 'province');
    const api = await apiQuality(page, ctx.base);
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
    const up = await parents(page, ctx.base);
    const regions = await getJson<Region[]>(page, ctx.base, '/api/regions');
    const name = new Map(regions.map((r) => [r.code, r.name]));
    const rows = await shownRows(page);
    expect(rows.map((r) => `${r.region}|${r.cells[5]}`)).toEqual(api.findings.map(key));
    rows.forEach((row, i) => {
      const f = api.findings[i]!;
      expect(row.cells[0]).toBe(`${f.regionName} ${f.region}`);
      expect(row.cells[1]).toBe(name.get(up.get(f.region)!));
      expect(row.cells[3]).toBe(CHECK_LABELS[f.check]);
      expect(row.cells[4]).toBe(SEVERITY_ZH[f.severity]);
      // The indicator's name, never its code.
      expect(row.cells[2]).not.toMatch(/[a-z_]{4,}/);
      expect(f.message.startsWith(row.cells[2]!)).toBe(true);
    });

    expect(api.synthetic).toBe(true);
    await page.getByTestId('synthetic-banner').waitFor();
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'quality-zh');
    expect(problems).toEqual({ console: [], failed: [] });
    await context.close();
  });

  it('in English leaves no Chinese UI text and is axe-clean', async () => {
    const { context, page } = await newPage(ctx, 'en');
    const problems = watch(page);
    await openQuality(page, ctx, 'province');
    const api = await apiQuality(page, ctx.base);
    expect((await shownRows(page)).length).toBe(api.findings.length);
    expect(await page.getByTestId('summary-outlier_cross').textContent()).toContain(
      'Outlier among counties',
    );
    expect(await chineseUiText(page)).toEqual([]);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'quality-en');
    expect(problems).toEqual({ console: [], failed: [] });
    await context.close();
  });

  it('filters by check, prefecture and severity as the API does, in the URL, and exports the rows', async () => {
    const { context, page } = await newPage(ctx, 'zh');
    const problems = watch(page);
    await openQuality(page, ctx, 'province');
    const up = await parents(page, ctx.base);

    // Check: the API's own filter, from the summary.
    await page.getByTestId('summary-outlier_cross').click();
    await settled(page);
    expect(new URL(page.url()).searchParams.get('check')).toBe('outlier_cross');
    const cross = await apiQuality(page, ctx.base, '&check=outlier_cross');
    await expect.poll(() => shownKeys(page)).toEqual(cross.findings.map(key));

    // A check with no findings: the table is empty, and says so.
    await choose(page, 'filter-check', '核定后修改');
    const none = await apiQuality(page, ctx.base, '&check=revision_after_approval');
    expect(none.findings).toEqual([]);
    await page.getByText('没有符合筛选条件的问题').waitFor();
    expect(await page.getByTestId('count-revision_after_approval').textContent()).toBe('0');

    // Prefecture: the findings of 齐齐哈尔市's counties.
    await choose(page, 'filter-check', '全部检查项');
    await choose(page, 'filter-prefecture', '齐齐哈尔市');
    expect(new URL(page.url()).searchParams.get('prefecture')).toBe('230200');
    const all = await apiQuality(page, ctx.base);
    const qiqihar = all.findings.filter((f) => up.get(f.region) === '230200');
    expect(qiqihar.length).toBeGreaterThan(0);
    await expect.poll(() => shownKeys(page)).toEqual(qiqihar.map(key));

    // Severity.
    await choose(page, 'filter-severity', '存疑');
    expect(new URL(page.url()).searchParams.get('severity')).toBe('warning');
    await expect
      .poll(() => shownKeys(page))
      .toEqual(qiqihar.filter((f) => f.severity === 'warning').map(key));

    // The export: the rows shown, with the columns seen.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /导出 Excel/ }).click(),
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
    const values = wb.worksheets[0]!.getSheetValues() as unknown[][];
    const at = values.findIndex((r) => Array.isArray(r) && r.includes('说明'));
    const head = values[at]!;
    for (const title of ['县(市)', '市(地)', '指标', '检查项', '严重程度', '说明'])
      expect(head).toContain(title);
    const body = values.slice(at + 1).filter(Boolean);
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
    await context.close();
  });

  it('shows a prefecture only its own counties, as the API does', async () => {
    const { context, page } = await newPage(ctx, 'zh');
    const problems = watch(page);
    await openQuality(page, ctx, 'harbin');
    const api = await apiQuality(page, ctx.base);
    const up = await parents(page, ctx.base);
    expect(api.checked).toBeNull();
    expect(api.findings.every((f) => up.get(f.region) === '230100')).toBe(true);
    if (api.findings.length === 0) await page.getByText('没有发现数据质量问题').waitFor();
    else expect(await shownKeys(page)).toEqual(api.findings.map(key));
    const hrefs = await page
      .locator('a[href^="/counties/"]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')!.slice(10, 16)));
    expect(hrefs.every((c) => up.get(c) === '230100')).toBe(true);
    expect(await axe(page)).toEqual([]);
    // Only 哈尔滨市 to choose among prefectures.
    await page.getByTestId('filter-prefecture').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().waitFor();
    const options = await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .allTextContents();
    expect(options.filter((o) => o !== '全部市(地)')).toEqual(
      api.findings.length > 0 ? ['哈尔滨市'] : [],
    );
    await page.keyboard.press('Escape');
    expect(problems).toEqual({ console: [], failed: [] });
    await context.close();
  });

  it('refuses an observer without asking the API, and says which filters it ignores', async () => {
    const { context, page } = await newPage(ctx, 'zh');
    const problems = watch(page);
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/quality')) asked.push(r.url());
    });
    await signIn(page, ctx.base, 'observer', `/quality${SEL}`);
    await page.getByText('无权查看').waitFor();
    expect(await page.locator(TABLE).count()).toBe(0);
    expect(asked).toEqual([]);
    expect(await page.locator('.ant-menu').getByText('数据质量').count()).toBe(0);
    await context.close();

    const second = await newPage(ctx, 'zh');
    const p2 = watch(second.page);
    await openQuality(second.page, ctx, 'province', `${SEL}&check=nope&severity=grave`);
    await second.page.getByText('地址中的筛选条件无效,已忽略').waitFor();
    const alert = await second.page.getByRole('alert').filter({ hasText: '已忽略' }).textContent();
    expect(alert).toContain('check=nope');
    expect(alert).toContain('severity=grave');
    const api = await apiQuality(second.page, ctx.base);
    expect((await shownRows(second.page)).length).toBe(api.findings.length);
    expect(problems).toEqual({ console: [], failed: [] });
    expect(p2).toEqual({ console: [], failed: [] });
    await second.context.close();
  });
});
