// The 预警 view (/warnings) in Chromium against the demo server: the summary, the rows, their
// numbers and the rules that fired equal the API's answer (read here from the API, not from the
// UI's code); filters change the rows as the API's filtered answer does and stay in the URL; a
// prefecture sees only its counties; the export holds one row per warning; the states say why.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Warnings } from '../../web/src/api/types.js';
import {
  apiJson,
  chineseUiText,
  choose,
  expectClean,
  expectWithin,
  exported,
  inPrefecture,
  loaded,
  open,
  screenshot,
  settled,
  useWebApp,
  type Lang,
  type WebCtx,
} from './browser.js';

const SEL = '?plan=hlj-2026&period=2026-09';
const TABLE = '[data-testid="warnings-table"]';

const apiWarnings = (page: Page, ctx: WebCtx, query = '') =>
  apiJson<Warnings>(page, ctx, `/api/warnings${SEL}${query}`);

interface ShownRow {
  region: string | null;
  cells: string[];
  rules: string[];
}

async function shownRows(page: Page): Promise<ShownRow[]> {
  return page.$$eval(`${TABLE} tr.ant-table-row-level-0`, (rows) =>
    rows.map((r) => ({
      region: r.getAttribute('data-row-key'),
      cells: [...r.querySelectorAll(':scope > td')].map((td) => td.textContent?.trim() ?? ''),
      rules: [...r.querySelectorAll('[data-rule]')].map(
        (t) => `${t.getAttribute('data-rule')}${t.textContent?.match(/×(\d+)/)?.[0] ?? ''}`,
      ),
    })),
  );
}

/** The rules that fired for a county as the API says: rule id × count, in the API's order. */
function tally(api: Warnings, region: string): string[] {
  const out = new Map<string, number>();
  for (const w of api.warnings.filter((x) => x.region === region))
    out.set(w.rule, (out.get(w.rule) ?? 0) + 1);
  return [...out].map(([rule, n]) => `${rule}×${n}`);
}

/** A page signed in as `user` on the warnings view, once it shows the table, an empty or an alert. */
const openWarnings = (
  ctx: WebCtx,
  user: string,
  lang: Lang = 'zh',
  query = SEL,
  allow?: (url: string, status: number) => boolean,
) => open(ctx, user, `/warnings${query}`, lang, { ready: loaded(TABLE), allow });

describe('预警 view /warnings', () => {
  const ctx = useWebApp();

  it('shows the province each county with its level, counts and rules as the API does (zh), axe-clean', async () => {
    const { page, problems, close } = await openWarnings(ctx, 'province');
    const api = await apiWarnings(page, ctx);
    expect(api.counties.length).toBe(67);

    // The summary: counties per level, as the API gives them (green included).
    for (const level of ['red', 'yellow', 'green'] as const)
      expect(await page.getByTestId(`count-${level}`).textContent()).toBe(
        String(api.counties.filter((c) => c.level === level).length),
      );
    await expect.poll(() => page.getByTestId('level-summary').textContent()).toContain('红色预警');
    expect(await page.getByTestId('shown').textContent()).toBe('显示 67 个县(共 67 个)');

    // The rows: the API's counties in the API's order, with their counts and rules.
    const rows = await shownRows(page);
    expect(rows.length).toBe(Math.min(50, api.counties.length));
    const levelWord = { red: '红色预警', yellow: '黄色预警', green: '正常' };
    rows.forEach((row, i) => {
      const c = api.counties[i]!;
      expect(row.region).toBe(c.region);
      // cells: expand, county, prefecture, level, red, yellow, rules
      expect(row.cells[1]).toContain(c.regionName);
      expect(row.cells[1]).toContain(c.region);
      expect(row.cells[3]).toBe(levelWord[c.level]);
      expect(row.cells[4]).toBe(String(c.red));
      expect(row.cells[5]).toBe(String(c.yellow));
      expect(row.rules).toEqual(tally(api, c.region));
    });
    // Prefecture names beside the counties, from the register.
    expect(rows[0]!.cells[2]).toBe('哈尔滨市');

    // Expanding a county lists each of its warnings' messages.
    const first = api.counties[0]!;
    await page
      .locator(`${TABLE} tr[data-row-key="${first.region}"] .ant-table-row-expand-icon`)
      .click();
    const details = page.getByTestId(`details-${first.region}`);
    await details.waitFor();
    // Polled: the rows fill in while the expansion opens.
    await expect
      .poll(() => details.locator('tbody tr.ant-table-row td:last-child').allTextContents())
      .toEqual(api.warnings.filter((w) => w.region === first.region).map((w) => w.message));

    // The rule in words on hover.
    await page.locator(`${TABLE} [data-rule="negative_growth"]`).first().hover();
    await page.getByRole('tooltip').getByText('增速类指标在本期低于 0').waitFor();

    // The rules not applied, and the synthetic label.
    expect(api.notes.length).toBeGreaterThan(0);
    const notes = await page.getByTestId('rule-notes').textContent();
    for (const n of api.notes) expect(notes).toContain(n);
    expect(api.synthetic).toBe(true);
    await page.getByTestId('synthetic-banner').waitFor();

    await page
      .locator(`${TABLE} tr[data-row-key="${first.region}"] .ant-table-row-expand-icon`)
      .click();
    await page.mouse.move(0, 0);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await expectClean(page, problems, 'warnings-zh');
    await close();
  });

  it('in English leaves no Chinese UI text and is axe-clean', async () => {
    const { page, problems, close } = await openWarnings(ctx, 'province', 'en');
    const api = await apiWarnings(page, ctx);
    expect(await page.getByTestId('count-red').textContent()).toBe(
      String(api.counties.filter((c) => c.level === 'red').length),
    );
    await page.getByText('Rules not applied').waitFor();
    expect(
      await page.locator(`${TABLE} [data-rule="target_not_met"]`).first().textContent(),
    ).toMatch(/^Target not met ×\d+$/);
    expect(await chineseUiText(page)).toEqual([]);
    await screenshot(page, 'warnings-en');
    const first = api.counties[0]!;
    await page
      .locator(`${TABLE} tr[data-row-key="${first.region}"] .ant-table-row-expand-icon`)
      .click();
    await page.getByTestId(`details-${first.region}`).waitFor();
    await expectClean(page, problems, undefined, 'en');
    await close();
  });

  it('filters by level, prefecture and rule as the API does, keeps them in the URL, exports the rows', async () => {
    const { context, page, problems, close } = await openWarnings(ctx, 'province');
    const inHarbin = await inPrefecture(page, ctx, '230100');

    // Level: the API's own filter.
    await choose(page, 'filter-level', '红色预警');
    expect(new URL(page.url()).searchParams.get('level')).toBe('red');
    const red = await apiWarnings(page, ctx, '&level=red');
    await expect
      .poll(async () => (await shownRows(page)).map((r) => r.region))
      .toEqual(red.counties.map((c) => c.region).slice(0, 50));
    for (const row of await shownRows(page)) expect(row.rules).toEqual(tally(red, row.region!));

    // Prefecture: the red counties of 哈尔滨市.
    await choose(page, 'filter-prefecture', '哈尔滨市');
    expect(new URL(page.url()).searchParams.get('prefecture')).toBe('230100');
    const redHarbin = red.counties.filter((c) => inHarbin(c.region));
    expect(redHarbin.length).toBeGreaterThan(0);
    await expect
      .poll(async () => (await shownRows(page)).map((r) => r.region))
      .toEqual(redHarbin.map((c) => c.region));

    // Rule: only counties where it fired, only its warnings.
    await choose(page, 'filter-level', '全部等级');
    await choose(page, 'filter-rule', '低于全省县域平均');
    const all = await apiWarnings(page, ctx);
    const fired = new Set(
      all.warnings.filter((w) => w.rule === 'below_province_average').map((w) => w.region),
    );
    const expected = all.counties.filter((c) => fired.has(c.region) && inHarbin(c.region));
    await expect
      .poll(async () => (await shownRows(page)).map((r) => r.region))
      .toEqual(expected.map((c) => c.region));
    const url = new URL(page.url());
    expect(url.searchParams.get('rule')).toBe('below_province_average');
    expect(url.searchParams.get('level')).toBeNull();

    // The export: one row per warning of the rows shown, with the columns seen.
    const { head, body } = await exported(page, '说明');
    for (const title of ['县(市)', '市(地)', '等级', '规则', '指标', '说明'])
      expect(head).toContain(title);
    const warnings = all.warnings.filter(
      (w) => w.rule === 'below_province_average' && inHarbin(w.region),
    );
    expect(body.map((r) => r[head.indexOf('说明')])).toEqual(warnings.map((w) => w.message));
    expect(new Set(body.map((r) => r[head.indexOf('市(地)')]))).toEqual(new Set(['哈尔滨市']));
    expect(new Set(body.map((r) => r[head.indexOf('规则')]))).toEqual(
      new Set(['低于全省县域平均']),
    );

    // The link reproduces the view.
    const link = page.url();
    const again = await context.newPage();
    await again.goto(link);
    await again.locator(TABLE).waitFor();
    await settled(again);
    expect((await shownRows(again)).map((r) => r.region)).toEqual(expected.map((c) => c.region));
    await again.close();

    // Green (no warnings): the counties the API calls green; here none, and the page says so.
    await page.getByRole('button', { name: '清除筛选' }).first().click();
    await page.getByTestId('summary-green').click();
    const greens = all.counties.filter((c) => c.level === 'green');
    if (greens.length === 0) await page.getByText('没有符合筛选条件的县').waitFor();
    else expect((await shownRows(page)).map((r) => r.region)).toEqual(greens.map((c) => c.region));
    expect(problems).toEqual({ console: [], failed: [] });
    await close();
  });

  it('shows a prefecture only its own counties, as the API does', async () => {
    const { page, problems, close } = await openWarnings(ctx, 'harbin');
    const api = await apiWarnings(page, ctx);
    expect(api.counties.length).toBeGreaterThan(0);
    const rows = await shownRows(page);
    expect(rows.map((r) => r.region)).toEqual(api.counties.map((c) => c.region));
    // No county outside 230100 anywhere on the page (links to profiles included).
    const inHarbin = await expectWithin(
      page,
      ctx,
      '230100',
      api.counties.map((c) => c.region),
    );
    expect(rows.every((r) => inHarbin(r.region!))).toBe(true);
    for (const level of ['red', 'yellow', 'green'] as const)
      expect(await page.getByTestId(`count-${level}`).textContent()).toBe(
        String(api.counties.filter((c) => c.level === level).length),
      );
    await expectClean(page, problems);
    await close();
  });

  it('says which filters of the address it ignores, and shows a bad period as an error', async () => {
    const { page, problems, close } = await openWarnings(
      ctx,
      'province',
      'zh',
      `${SEL}&level=blue&rule=nope&prefecture=999999`,
      (url, status) => status === 400 && url.includes('2026-13'),
    );
    await page.getByText('地址中的筛选条件无效,已忽略').waitFor();
    const alert = await page.getByRole('alert').filter({ hasText: '已忽略' }).textContent();
    for (const bad of ['level=blue', 'rule=nope', 'prefecture=999999'])
      expect(alert).toContain(bad);
    expect((await shownRows(page)).length).toBe(50);
    await page.getByRole('alert').getByRole('button', { name: '清除筛选' }).click();
    await expect.poll(() => page.url()).not.toContain('level=');
    await expect.poll(() => page.getByText('地址中的筛选条件无效').count()).toBe(0);

    await page.goto(`${ctx.base}/warnings?plan=hlj-2026&period=2026-13`);
    await page.getByText('无法显示').waitFor();
    expect(await page.locator(TABLE).count()).toBe(0);
    // The browser logs the refused request it was told to expect; nothing else.
    expect(problems.console.filter((c) => !c.includes('status of 400'))).toEqual([]);
    expect(problems.failed).toEqual([]);
    await close();
  });
});
