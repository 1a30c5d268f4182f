// The 报送进度 view (/completeness) in Chromium against the demo server: the due date, totals and
// the tallies per county, prefecture and department equal the API's answer (read here from the
// API, not from the UI's code), late and missing first and marked in words; the prefecture filter
// and the tabs stay in the URL; a prefecture sees only its counties; observers and counties are
// refused; each tab exports what it shows.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
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

interface Tally {
  expected: number;
  received: number;
  approved: number;
  late: number;
  missing: number;
}
interface Answer {
  due: string;
  overdue: boolean;
  total: Tally;
  byCounty: Record<string, Tally>;
  byPrefecture: Record<string, Tally>;
  byDepartment: Record<string, Tally>;
  synthetic: boolean;
}
interface Region {
  code: string;
  name: string;
  parent: string | null;
}

const SEL = '?plan=hlj-2026&period=2026-09';
const KEYS = ['expected', 'received', 'approved', 'late', 'missing'] as const;

async function getJson<T>(page: Page, base: string, path: string): Promise<T> {
  const r = await page.request.get(`${base}${path}`);
  expect(r.status(), path).toBe(200);
  return (await r.json()) as T;
}

const apiCompleteness = (page: Page, base: string, sel = SEL) =>
  getJson<Answer>(page, base, `/api/completeness${sel}`);

/** Worst first, worked out here: most missing, then most late, then by code. */
function worstFirst(tallies: Record<string, Tally>): [string, Tally][] {
  return Object.entries(tallies).sort(
    ([a, x], [b, y]) => y.missing - x.missing || y.late - x.late || (a < b ? -1 : a > b ? 1 : 0),
  );
}

/** The rows of a tab's table: first cell (name), the five counts, and the state's words. */
async function shownRows(page: Page, kind: string) {
  return page.$$eval(`[data-testid="table-${kind}"] tr.ant-table-row`, (rows) =>
    rows.map((r) => {
      const cells = [...r.querySelectorAll(':scope > td')].map(
        (td) => td.textContent?.trim() ?? '',
      );
      return {
        region: r.querySelector('a[href^="/counties/"]')?.getAttribute('href')?.slice(10, 16),
        cells,
      };
    }),
  );
}

const counts = (t: Tally) => KEYS.map((k) => String(t[k]));

/** The state column in words, worked out here from the counts. */
function stateZh(t: Tally): string {
  const parts = [t.missing > 0 ? `缺报 ${t.missing}` : '', t.late > 0 ? `逾期 ${t.late}` : ''];
  return parts.join('') || (t.expected > 0 ? '按时报齐' : '无应报');
}

async function openCompleteness(page: Page, ctx: WebCtx, user: string, query = SEL) {
  await signIn(page, ctx.base, user, `/completeness${query}`);
  await page.locator('[data-testid^="table-"], .ant-empty, [role=alert]').first().waitFor();
  await settled(page);
}

async function exported(page: Page): Promise<{ head: unknown[]; body: unknown[][] }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /导出 Excel|Export Excel/ }).click(),
  ]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
  const values = wb.worksheets[0]!.getSheetValues() as unknown[][];
  const at = values.findIndex((r) => Array.isArray(r) && r.includes('应报(个)'));
  return { head: values[at]!, body: values.slice(at + 1).filter(Boolean) };
}

describe('报送进度 view /completeness', () => {
  const ctx = useWebApp();

  it('shows the province the due date, totals and counties as the API does, late first (zh), axe-clean', async () => {
    const { context, page } = await newPage(ctx, 'zh');
    const problems = watch(page);
    await openCompleteness(page, ctx, 'province');
    const api = await apiCompleteness(page, ctx.base);
    const regions = await getJson<Region[]>(page, ctx.base, '/api/regions');
    const region = new Map(regions.map((r) => [r.code, r]));

    expect(await page.getByTestId('due').textContent()).toBe(`报送截止 ${api.due}`);
    expect(await page.getByTestId('overdue').textContent()).toBe(
      api.overdue ? '已过截止日期' : '未到截止日期',
    );
    for (const k of KEYS)
      expect(
        (await page
          .getByTestId(`total-${k}`)
          .locator('.ant-statistic-content')
          .textContent())!.replace(/,/g, ''),
      ).toBe(String(api.total[k]));
    expect(api.synthetic).toBe(true);
    await page.getByTestId('synthetic-banner').waitFor();

    const expected = worstFirst(api.byCounty);
    const late = expected.filter(([, t]) => t.late > 0 || t.missing > 0);
    expect(late.length).toBeGreaterThan(0);
    const rows = await shownRows(page, 'county');
    expect(rows.length).toBe(Math.min(50, expected.length));
    rows.forEach((row, i) => {
      const [code, t] = expected[i]!;
      expect(row.region).toBe(code);
      expect(row.cells[0]).toBe(`${region.get(code)!.name} ${code}`);
      expect(row.cells[1]).toBe(region.get(region.get(code)!.parent!)!.name);
      expect(row.cells.slice(2, 7)).toEqual(counts(t));
      expect(row.cells[7]).toBe(stateZh(t));
      expect(row.cells[8]).toBe(`${t.received}/${t.expected}`);
    });

    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'completeness-zh');
    expect(problems).toEqual({ console: [], failed: [] });
    await context.close();
  });

  it('in English leaves no Chinese UI text and is axe-clean, on every tab', async () => {
    const { context, page } = await newPage(ctx, 'en');
    const problems = watch(page);
    await openCompleteness(page, ctx, 'province');
    const api = await apiCompleteness(page, ctx.base);
    expect(await page.getByTestId('due').textContent()).toBe(`Reports due ${api.due}`);
    expect(await chineseUiText(page)).toEqual([]);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'completeness-en');
    for (const tab of ['By prefecture', 'By provincial department']) {
      await page.getByRole('tab', { name: tab }).click();
      await settled(page);
      expect(await chineseUiText(page), tab).toEqual([]);
      expect(await axe(page), tab).toEqual([]);
    }
    expect(problems).toEqual({ console: [], failed: [] });
    await context.close();
  });

  it('has tabs per prefecture and department as the API tallies them, a prefecture filter, and exports each tab', async () => {
    const { context, page } = await newPage(ctx, 'zh');
    const problems = watch(page);
    await openCompleteness(page, ctx, 'province');
    const api = await apiCompleteness(page, ctx.base);
    const regions = await getJson<Region[]>(page, ctx.base, '/api/regions');
    const region = new Map(regions.map((r) => [r.code, r]));

    // Prefecture filter on the county tab.
    await page.getByTestId('filter-prefecture').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '鹤岗市' })
      .click();
    await settled(page);
    expect(new URL(page.url()).searchParams.get('prefecture')).toBe('230400');
    const hegang = worstFirst(
      Object.fromEntries(
        Object.entries(api.byCounty).filter(([c]) => region.get(c)?.parent === '230400'),
      ),
    );
    await expect
      .poll(async () => (await shownRows(page, 'county')).map((r) => r.region))
      .toEqual(hegang.map(([c]) => c));
    const county = await exported(page);
    expect(county.body.map((r) => r[county.head.indexOf('区划代码')])).toEqual(
      hegang.map(([c]) => c),
    );
    expect(county.body.map((r) => r[county.head.indexOf('缺报(个)')])).toEqual(
      hegang.map(([, t]) => t.missing),
    );

    // Per prefecture.
    await page.getByRole('tab', { name: '按市(地)' }).click();
    await settled(page);
    expect(new URL(page.url()).searchParams.get('tab')).toBe('prefecture');
    const prefectures = worstFirst(api.byPrefecture);
    await expect
      .poll(async () => (await shownRows(page, 'prefecture')).length)
      .toBe(prefectures.length);
    const pRows = await shownRows(page, 'prefecture');
    expect(pRows.map((r) => r.cells[0])).toEqual(
      prefectures.map(([c]) => `${region.get(c)!.name} ${c}`),
    );
    expect(pRows.map((r) => r.cells.slice(1, 6))).toEqual(prefectures.map(([, t]) => counts(t)));
    const pExport = await exported(page);
    expect(pExport.body.map((r) => r[pExport.head.indexOf('逾期报送(个)')])).toEqual(
      prefectures.map(([, t]) => t.late),
    );

    // Per department: names as the API gives them.
    await page.getByRole('tab', { name: '按省直部门' }).click();
    await settled(page);
    const departments = worstFirst(api.byDepartment);
    expect(departments.length).toBeGreaterThan(0);
    await expect
      .poll(async () => (await shownRows(page, 'department')).length)
      .toBe(departments.length);
    const dRows = await shownRows(page, 'department');
    expect(dRows.map((r) => [r.cells[0], ...r.cells.slice(1, 6)])).toEqual(
      departments.map(([d, t]) => [d, ...counts(t)]),
    );
    const dExport = await exported(page);
    expect(dExport.body.map((r) => r[dExport.head.indexOf('省直部门')])).toEqual(
      departments.map(([d]) => d),
    );

    // The link reproduces the view.
    const again = await context.newPage();
    await again.goto(page.url());
    await again.locator('[data-testid="table-department"]').waitFor();
    await settled(again);
    expect((await shownRows(again, 'department')).length).toBe(departments.length);
    await again.close();
    expect(problems).toEqual({ console: [], failed: [] });
    await context.close();
  });

  it('marks missing values in colour and words once nothing has come in', async () => {
    const { context, page } = await newPage(ctx, 'zh');
    const problems = watch(page);
    const sel = '?plan=hlj-2026&period=2026-10';
    await openCompleteness(page, ctx, 'province', sel);
    const api = await apiCompleteness(page, ctx.base, sel);
    const missing = Object.values(api.byCounty).filter((t) => t.missing > 0).length;
    expect(missing).toBeGreaterThan(0);
    const rows = await shownRows(page, 'county');
    expect(rows.filter((r) => r.cells[7]!.includes('缺报')).length).toBe(Math.min(50, missing));
    // No synthetic values counted: no synthetic label.
    expect(await page.getByTestId('synthetic-banner').count()).toBe(api.synthetic ? 1 : 0);
    expect(problems).toEqual({ console: [], failed: [] });
    await context.close();
  });

  it('shows a prefecture only its own counties, as the API does', async () => {
    const { context, page } = await newPage(ctx, 'zh');
    const problems = watch(page);
    await openCompleteness(page, ctx, 'harbin');
    const api = await apiCompleteness(page, ctx.base);
    const regions = await getJson<Region[]>(page, ctx.base, '/api/regions');
    const up = new Map(regions.map((r) => [r.code, r.parent]));
    const expected = worstFirst(api.byCounty);
    expect(expected.every(([c]) => up.get(c) === '230100')).toBe(true);
    const rows = await shownRows(page, 'county');
    expect(rows.map((r) => r.region)).toEqual(expected.map(([c]) => c));
    const hrefs = await page
      .locator('a[href^="/counties/"]')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')!.slice(10, 16)));
    expect(hrefs.every((c) => up.get(c) === '230100')).toBe(true);
    for (const k of KEYS)
      expect(
        (await page
          .getByTestId(`total-${k}`)
          .locator('.ant-statistic-content')
          .textContent())!.replace(/,/g, ''),
      ).toBe(String(api.total[k]));
    await page.getByRole('tab', { name: '按省直部门' }).click();
    await page.getByText('按部门的进度只向全省范围的用户显示').waitFor();
    expect(await axe(page)).toEqual([]);
    expect(problems).toEqual({ console: [], failed: [] });
    await context.close();
  });

  it('refuses observers and counties without asking the API, and says which filters it ignores', async () => {
    for (const user of ['observer', 'shangzhi']) {
      const { context, page } = await newPage(ctx, 'zh');
      const problems = watch(page);
      const asked: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/api/completeness')) asked.push(r.url());
      });
      await signIn(page, ctx.base, user, `/completeness${SEL}`);
      await page.getByText('无权查看').waitFor();
      expect(asked, user).toEqual([]);
      expect(problems, user).toEqual({ console: [], failed: [] });
      await context.close();
    }
    const { context, page } = await newPage(ctx, 'zh');
    const problems = watch(page);
    await openCompleteness(page, ctx, 'province', `${SEL}&tab=sideways&prefecture=abc`);
    const alert = await page.getByRole('alert').filter({ hasText: '已忽略' }).textContent();
    expect(alert).toContain('tab=sideways');
    expect(alert).toContain('prefecture=abc');
    expect((await shownRows(page, 'county')).length).toBe(50);
    expect(problems).toEqual({ console: [], failed: [] });
    await context.close();
  });
});
