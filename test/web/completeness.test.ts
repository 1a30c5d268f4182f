// The 报送进度 view (/completeness) in Chromium against the demo server: the due date, totals and
// the tallies per county, prefecture and department equal the API's answer (read here from the
// API, not from the UI's code), late and missing first and marked in words; the prefecture filter
// and the tabs stay in the URL; a prefecture sees only its counties; observers and counties are
// refused; each tab exports what it shows.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Completeness, Tally } from '../../web/src/api/types.js';
import {
  apiJson,
  axe,
  chineseUiText,
  choose,
  expectClean,
  expectWithin,
  exported,
  loaded,
  open,
  regionsByCode,
  screenshot,
  settled,
  signIn,
  start,
  useWebApp,
  type Lang,
  type WebCtx,
} from './browser.js';

const SEL = '?plan=hlj-2026&period=2026-09';
const KEYS = ['expected', 'received', 'approved', 'late', 'missing'] as const;

const apiCompleteness = (page: Page, ctx: WebCtx, sel = SEL) =>
  apiJson<Completeness>(page, ctx, `/api/completeness${sel}`);

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

/** A page signed in as `user` on the completeness view, once it shows a table, an empty or an alert. */
const openCompleteness = (ctx: WebCtx, user: string, lang: Lang = 'zh', query = SEL) =>
  open(ctx, user, `/completeness${query}`, lang, { ready: loaded('[data-testid^="table-"]') });

/** A total's number as shown, without thousands separators. */
async function shownTotal(page: Page, k: keyof Tally): Promise<string> {
  const text = await page.getByTestId(`total-${k}`).locator('.ant-statistic-content').textContent();
  return text!.replace(/,/g, '');
}

describe('报送进度 view /completeness', () => {
  const ctx = useWebApp();

  it('shows the province the due date, totals and counties as the API does, late first (zh), axe-clean', async () => {
    const { page, problems, close } = await openCompleteness(ctx, 'province');
    const api = await apiCompleteness(page, ctx);
    const region = await regionsByCode(page, ctx);

    expect(await page.getByTestId('due').textContent()).toBe(`报送截止 ${api.due}`);
    expect(await page.getByTestId('overdue').textContent()).toBe(
      api.overdue ? '已过截止日期' : '未到截止日期',
    );
    for (const k of KEYS) expect(await shownTotal(page, k)).toBe(String(api.total[k]));
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

    await expectClean(page, problems, 'completeness-zh');
    await close();
  });

  it('in English leaves no Chinese UI text and is axe-clean, on every tab', async () => {
    const { page, problems, close } = await openCompleteness(ctx, 'province', 'en');
    const api = await apiCompleteness(page, ctx);
    expect(await page.getByTestId('due').textContent()).toBe(`Reports due ${api.due}`);
    await expectClean(page, problems, 'completeness-en', 'en');
    for (const tab of ['By prefecture', 'By provincial department']) {
      await page.getByRole('tab', { name: tab }).click();
      await settled(page);
      expect(await chineseUiText(page), tab).toEqual([]);
      expect(await axe(page), tab).toEqual([]);
    }
    expect(problems).toEqual({ console: [], failed: [] });
    await close();
  });

  it('has tabs per prefecture and department as the API tallies them, a prefecture filter, and exports each tab', async () => {
    const { context, page, problems, close } = await openCompleteness(ctx, 'province');
    const api = await apiCompleteness(page, ctx);
    const region = await regionsByCode(page, ctx);

    // Prefecture filter on the county tab.
    await choose(page, 'filter-prefecture', '鹤岗市');
    expect(new URL(page.url()).searchParams.get('prefecture')).toBe('230400');
    const hegang = worstFirst(
      Object.fromEntries(
        Object.entries(api.byCounty).filter(([c]) => region.get(c)?.parent === '230400'),
      ),
    );
    await expect
      .poll(async () => (await shownRows(page, 'county')).map((r) => r.region))
      .toEqual(hegang.map(([c]) => c));
    const county = await exported(page, '应报(个)');
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
    const pExport = await exported(page, '应报(个)');
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
    const dExport = await exported(page, '应报(个)');
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
    await close();
  });

  it('marks missing values in colour and words once nothing has come in', async () => {
    const sel = '?plan=hlj-2026&period=2026-10';
    const { page, problems, close } = await openCompleteness(ctx, 'province', 'zh', sel);
    const api = await apiCompleteness(page, ctx, sel);
    const missing = Object.values(api.byCounty).filter((t) => t.missing > 0).length;
    expect(missing).toBeGreaterThan(0);
    const rows = await shownRows(page, 'county');
    expect(rows.filter((r) => r.cells[7]!.includes('缺报')).length).toBe(Math.min(50, missing));
    // No synthetic values counted: no synthetic label.
    expect(await page.getByTestId('synthetic-banner').count()).toBe(api.synthetic ? 1 : 0);
    expect(problems).toEqual({ console: [], failed: [] });
    await close();
  });

  it('shows a prefecture only its own counties, as the API does', async () => {
    const { page, problems, close } = await openCompleteness(ctx, 'harbin');
    const api = await apiCompleteness(page, ctx);
    const expected = worstFirst(api.byCounty);
    const rows = await shownRows(page, 'county');
    expect(rows.map((r) => r.region)).toEqual(expected.map(([c]) => c));
    await expectWithin(
      page,
      ctx,
      '230100',
      expected.map(([c]) => c),
    );
    for (const k of KEYS) expect(await shownTotal(page, k)).toBe(String(api.total[k]));
    await screenshot(page, 'completeness-prefecture-zh');
    await page.getByRole('tab', { name: '按省直部门' }).click();
    await page.getByText('按部门的进度只向全省范围的用户显示').waitFor();
    await expectClean(page, problems);
    await close();
  });

  it('refuses observers and counties without asking the API, and says which filters it ignores', async () => {
    for (const user of ['observer', 'shangzhi']) {
      const { page, problems, close } = await start(ctx);
      const asked: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/api/completeness')) asked.push(r.url());
      });
      await signIn(page, ctx.base, user, `/completeness${SEL}`);
      await page.getByText('无权查看').waitFor();
      expect(asked, user).toEqual([]);
      expect(problems, user).toEqual({ console: [], failed: [] });
      await close();
    }
    const { page, problems, close } = await openCompleteness(
      ctx,
      'province',
      'zh',
      `${SEL}&tab=sideways&prefecture=abc`,
    );
    const alert = await page.getByRole('alert').filter({ hasText: '已忽略' }).textContent();
    expect(alert).toContain('tab=sideways');
    expect(alert).toContain('prefecture=abc');
    expect((await shownRows(page, 'county')).length).toBe(50);
    expect(problems).toEqual({ console: [], failed: [] });
    await close();
  });
});
