// The 擂台 view (/ranking) in Chromium against the demo server: the table's rows, ranks, scores
// and rank intervals equal the API's answer (read here from the API, not from the UI's code), the
// tabs, sorting and export work, each role sees what the API gives it, and the page states say why.
import { readFileSync } from 'node:fs';
import { Decimal } from 'decimal.js';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addOtherProvince } from '../server/setup.js';
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

interface County {
  region: string;
  regionName: string;
  prefecture: string | null;
  categories: string[];
  score: number | null;
  rank: number | null;
  prefectureRank: number | null;
  categoryRanks: Record<string, number>;
  change: number | null;
  advanced: boolean;
  improved: boolean;
}

interface RankingAnswer {
  counties: County[];
  complete: boolean;
  categoryNames: Record<string, string>;
  notes: string[];
  stability: {
    draws: number;
    counties: { region: string; median: number; p05: number; p95: number }[];
  } | null;
}

const SEL = '?plan=hlj-2026&period=2026-09';
const TABLE = '[data-testid="ranking-table"]';

/** A score as the plan's one-decimal display rounds it (half up), worked out here. */
const oneDecimal = (v: number | null) =>
  v === null ? '—' : new Decimal(v).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toFixed(1);

async function apiRanking(page: Page, base: string, query: string): Promise<RankingAnswer> {
  const r = await page.request.get(`${base}/api/ranking${query}`);
  expect(r.status()).toBe(200);
  return (await r.json()) as RankingAnswer;
}

interface ShownRow {
  region: string | null;
  rank: string;
  score: string;
  change: string;
  href: string | null;
  p05: string | null;
  p95: string | null;
  label: string | null;
}

/** The rows the virtualised table has drawn, top to bottom. */
async function shownRows(page: Page): Promise<ShownRow[]> {
  return page.$$eval(`${TABLE} .ant-table-row`, (rows) =>
    rows.map((r) => {
      const bar = r.querySelector('[data-testid="stability"]');
      return {
        region: r.getAttribute('data-region'),
        rank: r.querySelector('[data-testid="rank"]')?.textContent ?? '',
        score: r.querySelector('[data-testid="score"]')?.textContent ?? '',
        change: r.querySelector('[data-testid="change"]')?.textContent ?? '',
        href: r.querySelector('a[data-testid="county"]')?.getAttribute('href') ?? null,
        p05: bar?.getAttribute('data-p05') ?? null,
        p95: bar?.getAttribute('data-p95') ?? null,
        label: bar?.getAttribute('aria-label') ?? null,
      };
    }),
  );
}

/** Opens the ranking and waits for its rows and their rank intervals. */
async function openRanking(page: Page, ctx: WebCtx, user: string, query = SEL) {
  const stability = page.waitForResponse(
    (r) => r.url().includes('/api/ranking?') && r.url().includes('stability='),
  );
  await signIn(page, ctx.base, user, `/ranking${query}`);
  const answer = (await (await stability).json()) as RankingAnswer;
  await page.locator(`${TABLE} [data-testid="stability"]`).first().waitFor();
  await settled(page);
  return answer;
}

describe('擂台 view /ranking', () => {
  const ctx = useWebApp();

  it('shows the province the API order, ranks, scores and rank intervals (zh), axe-clean', async () => {
    const { context, page } = await newPage(ctx, 'zh');
    const problems = watch(page);
    const withStability = await openRanking(page, ctx, 'province');
    const api = await apiRanking(page, ctx.base, SEL);
    expect(api.complete).toBe(true);
    expect(api.counties.length).toBe(67);
    // The register holds no county with data outside the plan's: no choice of counties offered.
    expect((api as RankingAnswer & { scope: { others: number } }).scope.others).toBe(0);
    expect(await page.getByTestId('county-scope').count()).toBe(0);

    const rows = await shownRows(page);
    expect(rows.length).toBeGreaterThanOrEqual(8);
    const stab = new Map(withStability.stability!.counties.map((c) => [c.region, c]));
    rows.slice(0, 8).forEach((row, i) => {
      const c = api.counties[i]!;
      expect(row.region).toBe(c.region);
      expect(row.rank).toBe(String(c.rank));
      expect(row.score).toBe(oneDecimal(c.score));
      expect(row.href).toBe(`/counties/${c.region}${SEL}`);
      const s = stab.get(c.region)!;
      expect([row.p05, row.p95]).toEqual([String(s.p05), String(s.p95)]);
      expect(row.label).toContain(`${s.p05}–${s.p95}`);
      expect(row.label).toContain('90%的权重抽样下名次在');
      const change =
        c.change === null || c.change === 0
          ? '—'
          : `${c.change > 0 ? '↑' : '↓'}${Math.abs(c.change)}`;
      expect(row.change).toBe(change);
    });
    // 先进县 marked on the rows the API marks (the first rows are the top ten).
    const advancedShown = await page
      .locator(`${TABLE} .ant-table-row`, { hasText: '先进县' })
      .count();
    expect(advancedShown).toBe(api.counties.slice(0, rows.length).filter((c) => c.advanced).length);

    await screenshot(page, 'ranking-zh');

    // The method's basis, sections and weights, and the API's notes, in the collapsible note.
    await page.getByRole('button', { name: /评价方法与说明/ }).click();
    const method = page.getByTestId('method');
    await expect.poll(() => method.textContent()).toContain('以目标为锚');
    for (const note of api.notes) expect(await method.textContent()).toContain(note);

    expect(await axe(page)).toEqual([]);
    expect(problems).toEqual({ console: [], failed: [] });
    await context.close();
  });

  it('shows the table before the rank intervals, with a loading sign for them', async () => {
    const { context, page } = await newPage(ctx, 'zh');
    const problems = watch(page);
    // Hold the request with the weight draws until the table has been seen without them.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route(/\/api\/ranking\?.*stability=/, async (route) => {
      await held;
      await route.continue();
    });
    await signIn(page, ctx.base, 'province', `/ranking${SEL}`);
    await page.locator(`${TABLE} [data-testid="score"]`).first().waitFor();
    await expect.poll(() => page.getByLabel('正在计算名次区间…').count()).toBe(1);
    expect(await page.locator(`${TABLE} [data-testid="stability"]`).count()).toBe(0);
    release();
    await page.locator(`${TABLE} [data-testid="stability"]`).first().waitFor();
    expect(await page.getByLabel('正在计算名次区间…').count()).toBe(0);
    expect(problems).toEqual({ console: [], failed: [] });
    await context.close();
  });

  it('ranks within a prefecture and within a category, sorts, and exports the tab as shown', async () => {
    const { context, page } = await newPage(ctx, 'zh');
    const problems = watch(page);
    await openRanking(page, ctx, 'province');
    const api = await apiRanking(page, ctx.base, SEL);

    // 市内: the first prefecture (by code) opens; ranks are the API's prefectureRank.
    await page.getByRole('tab', { name: '市内' }).click();
    const prefectures = [...new Set(api.counties.map((c) => c.prefecture!))].sort();
    const pref = prefectures[0]!;
    const inPref = api.counties
      .filter((c) => c.prefecture === pref)
      .sort((a, b) => a.prefectureRank! - b.prefectureRank!);
    await expect
      .poll(async () => (await shownRows(page)).map((r) => r.region))
      .toEqual(inPref.map((c) => c.region).slice(0, (await shownRows(page)).length));
    const prefRows = await shownRows(page);
    expect(prefRows.map((r) => r.rank)).toEqual(
      inPref.slice(0, prefRows.length).map((c) => String(c.prefectureRank)),
    );
    expect(page.url()).toContain('within=prefecture');

    // 类别内: choose 农业县; ranks are the API's categoryRanks.agricultural.
    await page.getByRole('tab', { name: '类别内' }).click();
    await page.getByTestId('group').click();
    await page
      .locator('.ant-select-item-option', { hasText: api.categoryNames.agricultural! })
      .click();
    const inCat = api.counties
      .filter((c) => c.categories.includes('agricultural'))
      .sort((a, b) => a.categoryRanks.agricultural! - b.categoryRanks.agricultural!);
    await expect.poll(async () => (await shownRows(page))[0]?.region).toBe(inCat[0]!.region);
    const catRows = await shownRows(page);
    expect(catRows.map((r) => [r.region, r.rank])).toEqual(
      inCat.slice(0, catRows.length).map((c) => [c.region, String(c.categoryRanks.agricultural)]),
    );

    // Sorting by rank change, largest rise first (two clicks: ascending, then descending).
    await page.getByRole('tab', { name: '全省' }).click();
    const header = page.locator(`${TABLE} .ant-table-thead th`, { hasText: '较上期' });
    await header.click();
    await header.click();
    const top = Math.max(...api.counties.map((c) => c.change ?? -Infinity));
    await expect.poll(async () => (await shownRows(page))[0]?.change).toBe(`↑${top}`);
    await header.click(); // back to the default order

    // Export of the 类别内 tab: its rows in the order shown, with the rank interval columns.
    await page.getByRole('tab', { name: '类别内' }).click();
    await page.locator(`${TABLE} [data-testid="stability"]`).first().waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /导出 Excel/ }).click(),
    ]);
    const file = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const values = ws.getSheetValues() as unknown[][];
    const headerAt = values.findIndex((r) => Array.isArray(r) && r.includes('类别内名次'));
    expect(headerAt).toBeGreaterThan(0);
    const head = values[headerAt]!;
    for (const title of ['名次区间下限(5%)', '名次区间上限(95%)', '县(市)', '综合得分', '达标'])
      expect(head).toContain(title);
    const body = values.slice(headerAt + 1).filter(Boolean);
    expect(body.length).toBe(inCat.length);
    const col = (t: string) => head.indexOf(t);
    expect(body.map((r) => r[col('县(市)')])).toEqual(inCat.map((c) => c.regionName));
    expect(body.map((r) => r[col('综合得分')])).toEqual(inCat.map((c) => c.score));
    expect(problems).toEqual({ console: [], failed: [] });
    await context.close();
  });

  it('in English leaves no Chinese UI text and is axe-clean', async () => {
    const { context, page } = await newPage(ctx, 'en');
    const problems = watch(page);
    await openRanking(page, ctx, 'province');
    await screenshot(page, 'ranking-en');
    expect(await chineseUiText(page)).toEqual([]);
    expect(await page.getByRole('tab', { name: 'Within prefecture' }).count()).toBe(1);
    expect(
      await page.locator(`${TABLE} [data-testid="stability"]`).first().getAttribute('aria-label'),
    ).toMatch(/^In 90% of the weight draws the rank is between \d+ and \d+/);
    await page.getByRole('button', { name: 'Method and notes' }).click();
    await page.getByTestId('method').getByText('Sections and weights').waitFor();
    expect(await chineseUiText(page)).toEqual([]);
    expect(await axe(page)).toEqual([]);
    expect(problems).toEqual({ console: [], failed: [] });
    await context.close();
  });

  it('shows a county user only what the API returns for it', async () => {
    const { context, page } = await newPage(ctx, 'zh');
    const problems = watch(page);
    await openRanking(page, ctx, 'shangzhi');
    const api = await apiRanking(page, ctx.base, SEL);
    expect(api.complete).toBe(false);
    const rows = await shownRows(page);
    expect(rows.map((r) => [r.region, r.rank, r.score])).toEqual(
      api.counties.map((c) => [c.region, String(c.rank), oneDecimal(c.score)]),
    );
    expect(rows.map((r) => r.region)).toEqual(['230183']);
    await page.getByText('本期尚未公布:只显示您范围内的县').waitFor();
    // Its interval is drawn on the scale of every county the plan ranks, not of the one it sees.
    const ev = await page.request.get(`${ctx.base}/api/evaluation${SEL}&limit=1`);
    const scale = ((await ev.json()) as { counties: number }).counties;
    expect(scale).toBe(67);
    expect(
      await page.locator(`${TABLE} [data-testid="stability"]`).first().getAttribute('data-scale'),
    ).toBe(String(scale));
    // Within its prefecture, the county's own prefecture opens.
    await page.getByRole('tab', { name: '市内' }).click();
    await expect
      .poll(async () => (await shownRows(page)).map((r) => r.rank))
      .toEqual([String(api.counties[0]!.prefectureRank)]);
    expect(problems).toEqual({ console: [], failed: [] });
    await context.close();
  });

  it('shows an observer a published period in full, and says why an unpublished one is empty', async () => {
    const { context, page } = await newPage(ctx, 'zh');
    const problems = watch(page);
    const published = '?plan=hlj-2025&period=2025';
    const answer = await openRanking(page, ctx, 'observer', published);
    const api = await apiRanking(page, ctx.base, published);
    expect(api.complete).toBe(true);
    expect(answer.stability!.counties.length).toBe(api.counties.length);
    const rows = await shownRows(page);
    rows.slice(0, 8).forEach((row, i) => {
      expect([row.region, row.rank, row.score]).toEqual([
        api.counties[i]!.region,
        String(api.counties[i]!.rank),
        oneDecimal(api.counties[i]!.score),
      ]);
    });
    expect(await axe(page)).toEqual([]);

    // The unpublished 2026-09: the API gives the observer no county, and the page says why.
    const unpublished = await apiRanking(page, ctx.base, SEL);
    expect(unpublished.counties).toEqual([]);
    await page.goto(`${ctx.base}/ranking${SEL}`);
    await page.getByText('排名尚未公布').waitFor();
    expect(await page.locator(TABLE).count()).toBe(0);
    expect(problems).toEqual({ console: [], failed: [] });
    await context.close();
  });

  it('says why a period has no ranking: no county targets that year, or nothing reported yet', async () => {
    const { context, page } = await newPage(ctx, 'zh');
    // The API refuses a year without county targets (400): expected here, and shown as a message.
    const problems = watch(page, (url, status) => status === 400 && url.includes('period=2025'));
    await signIn(page, ctx.base, 'province', '/ranking?plan=hlj-2026&period=2025');
    await page.getByText('所选计划没有 2025 年的县级目标,无法排名').waitFor();
    await page.goto(`${ctx.base}/ranking?plan=hlj-2026&period=2026-12`);
    await page.getByText('2026年1-12月还没有可评价的数据').waitFor();
    expect(await page.locator(TABLE).count()).toBe(0);
    // Chromium logs every 4xx answer to the console; the one expected 400 is allowed above.
    expect({
      ...problems,
      console: problems.console.filter((m) => !m.includes('status of 400')),
    }).toEqual({ console: [], failed: [] });
    await context.close();
  });
});

describe('擂台 view /ranking with counties outside the plan (counties=all)', () => {
  const ctx = useWebApp();
  let others: string[] = [];
  beforeAll(async () => {
    others = await addOtherProvince(ctx.store, ['230183', '230184', '230123']);
    ctx.app.invalidateReference();
  });
  const ALL = `${SEL}&counties=all`;

  it('offers 本计划的县 / 库中全部县, ranks every county with data on choosing it, kept in the URL', async () => {
    const { context, page } = await newPage(ctx, 'zh');
    const problems = watch(page);
    await openRanking(page, ctx, 'province');
    const plan = (await apiRanking(page, ctx.base, SEL)) as RankingAnswer & {
      scope: { counties: string; plan: number; others: number };
    };
    expect(plan.scope).toEqual({ counties: 'plan', plan: 67, others: 3 });
    const scope = page.getByTestId('county-scope');
    await scope.getByText('范围:').waitFor();
    expect(await page.getByTestId('summary').textContent()).toContain('67 个县参与排名');

    const stability = page.waitForResponse(
      (r) => r.url().includes('stability=') && r.url().includes('counties=all'),
    );
    await scope.getByText('库中全部县').click();
    const withStability = (await (await stability).json()) as RankingAnswer;
    await page.locator(`${TABLE} [data-testid="stability"]`).first().waitFor();
    await settled(page);
    expect(new URL(page.url()).searchParams.get('counties')).toBe('all');
    const all = await apiRanking(page, ctx.base, ALL);
    expect(all.counties.length).toBe(70);
    expect(all.counties.map((c) => c.region)).toEqual(expect.arrayContaining(others));
    expect(await page.getByTestId('summary').textContent()).toContain('70 个县参与排名');
    expect(await page.getByRole('tab', { name: '全部县' }).count()).toBe(1);
    await screenshot(page, 'ranking-all-zh');
    const rows = await shownRows(page);
    const stab = new Map(withStability.stability!.counties.map((c) => [c.region, c]));
    expect(rows.length).toBeGreaterThanOrEqual(8);
    rows.slice(0, 8).forEach((row, i) => {
      const c = all.counties[i]!;
      expect([row.region, row.rank, row.score]).toEqual([
        c.region,
        String(c.rank),
        oneDecimal(c.score),
      ]);
      expect([row.p05, row.p95]).toEqual([
        String(stab.get(c.region)!.p05),
        String(stab.get(c.region)!.p95),
      ]);
    });
    expect(await axe(page)).toEqual([]);

    // The other province's counties are in the table: within their prefecture, found by typing
    // a part of its name among the prefectures of every county.
    await page.getByRole('tab', { name: '市内' }).click();
    await page.getByTestId('group').click();
    await page.keyboard.type('合成市');
    await page.locator('.ant-select-item-option', { hasText: '合成市01-01' }).click();
    await expect
      .poll(async () => (await shownRows(page)).map((r) => r.region).sort())
      .toEqual([...others].sort());
    expect(new URL(page.url()).searchParams.get('prefecture')).toBe('910100');

    // Back to the plan's counties: out of the URL, 67 rows again.
    await scope.getByText('本计划的县').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('counties')).toBeNull();
    await expect
      .poll(async () => page.getByTestId('summary').textContent())
      .toContain('67 个县参与排名');
    expect(problems).toEqual({ console: [], failed: [] });
    await context.close();
  });

  it('opens on counties=all from the URL; a county user sees only itself, on the scale of all', async () => {
    const { context, page } = await newPage(ctx, 'zh');
    const problems = watch(page);
    await openRanking(page, ctx, 'shangzhi', ALL);
    const api = await apiRanking(page, ctx.base, ALL);
    expect(api.complete).toBe(false);
    expect(api.counties.map((c) => c.region)).toEqual(['230183']);
    const rows = await shownRows(page);
    expect(rows.map((r) => [r.region, r.rank])).toEqual([
      ['230183', String(api.counties[0]!.rank)],
    ]);
    await page.getByText('名次是在库中全部县中的名次').waitFor();
    const ev = await page.request.get(`${ctx.base}/api/evaluation${ALL}&limit=1`);
    expect(((await ev.json()) as { counties: number }).counties).toBe(70);
    expect(
      await page.locator(`${TABLE} [data-testid="stability"]`).first().getAttribute('data-scale'),
    ).toBe('70');
    expect(problems).toEqual({ console: [], failed: [] });
    await context.close();
  });

  it('in English names the choice and leaves no Chinese UI text', async () => {
    const { context, page } = await newPage(ctx, 'en');
    const problems = watch(page);
    await openRanking(page, ctx, 'province', ALL);
    const scope = page.getByTestId('county-scope');
    await scope.getByText('Counties:').waitFor();
    expect(await scope.getByText("This plan's counties").count()).toBe(1);
    expect(await scope.getByText('All counties in the database').count()).toBe(1);
    expect(await page.getByRole('tab', { name: 'All counties' }).count()).toBe(1);
    await screenshot(page, 'ranking-all-en');
    expect(await chineseUiText(page)).toEqual([]);
    expect(await axe(page)).toEqual([]);
    expect(problems).toEqual({ console: [], failed: [] });
    await context.close();
  });
});
