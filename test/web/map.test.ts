// The map view (/map) in Chromium against the real server and demo database: the numbers in
// the table and the tooltip are the API's, formatted by the core's formatValue; a click opens
// the county profile; both languages; axe; the xlsx export.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatValue } from '../../src/core/numeric/index.js';
import type { Evaluation, Ranking } from '../../web/src/api/types.js';
import { statusPieces, statusValue, valuePieces } from '../../web/src/pages/map/legend.js';
import { ROOT } from '../helpers.js';
import {
  apiJson,
  expectClean,
  exported,
  open,
  settled,
  STATUS_WORDS,
  useWebApp,
  type WebCtx,
} from './browser.js';

const STATUS_ZH = STATUS_WORDS.zh;
const SEL = 'plan=hlj-2026&period=2026-09';

/** Every county's results at the selection (`plan=…&period=…`), as the page's user gets them. */
const evaluation = (page: Page, ctx: WebCtx, sel = SEL) =>
  apiJson<Evaluation>(page, ctx, `/api/evaluation?${sel}&limit=5000`);

/** A page signed in as `user` on `path`, once the map is drawn. */
const openMap = (ctx: WebCtx, user: string, path: string, lang: 'zh' | 'en' = 'zh') =>
  open(ctx, user, path, lang, { ready: drawnMs });

const SHANGZHI = '230183';
const DAOLI = '230102'; // a district of Harbin: not one of the plan's counties, so no data

// Where a county lies on the chart, worked out from the GeoJSON file and ECharts' documented geo
// layout (layoutCenter 50%/50%, layoutSize 98%, aspectScale cos of the middle latitude); the
// test confirms each point by the tooltip naming the county before it clicks.
const GEO = JSON.parse(
  readFileSync(join(ROOT, 'data/regions/heilongjiang-counties.geojson'), 'utf8'),
) as { features: { properties: { adcode: string }; geometry: { coordinates: number[][][] } }[] };

function inside([x, y]: number[], ring: number[][]): boolean {
  let c = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi! > y! !== yj! > y! && x! < ((xj! - xi!) * (y! - yi!)) / (yj! - yi!) + xi!) c = !c;
  }
  return c;
}

function interiorPoint(code: string): number[] {
  const ring = GEO.features.find((f) => f.properties.adcode === code)!.geometry.coordinates[0]!;
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i]!;
    const [x1, y1] = ring[i + 1]!;
    const k = x0! * y1! - x1! * y0!;
    a += k;
    cx += (x0! + x1!) * k;
    cy += (y0! + y1!) * k;
  }
  const centroid = [cx / (3 * a), cy / (3 * a)];
  expect(inside(centroid, ring)).toBe(true);
  return centroid;
}

async function pointOf(page: Page, code: string): Promise<{ x: number; y: number }> {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const f of GEO.features)
    for (const ring of f.geometry.coordinates)
      for (const [x, y] of ring) {
        minX = Math.min(minX, x!);
        maxX = Math.max(maxX, x!);
        minY = Math.min(minY, y!);
        maxY = Math.max(maxY, y!);
      }
  const box = (await page.locator('[data-testid=map-chart]').boundingBox())!;
  const w = maxX - minX;
  const h = maxY - minY;
  const aspect = (w / h) * Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
  const size = 0.98 * Math.min(box.width, box.height);
  const vw = aspect > 1 ? size : size * aspect;
  const vh = aspect > 1 ? size / aspect : size;
  const [lon, lat] = interiorPoint(code);
  return {
    x: box.x + box.width / 2 - vw / 2 + ((lon! - minX) / w) * vw,
    y: box.y + box.height / 2 - vh / 2 + ((maxY - lat!) / h) * vh,
  };
}

/** Hovers a county and returns the tooltip's text once it names the county. */
async function hover(page: Page, code: string, name: string): Promise<string> {
  const p = await pointOf(page, code);
  await page.mouse.move(p.x, p.y);
  const tip = page.locator('[data-testid=map-chart] div[style*="z-index: 9999999"]');
  await tip.filter({ hasText: name }).waitFor({ state: 'visible' });
  return (await tip.innerText()).replace(/\s+/g, ' ');
}

async function drawnMs(page: Page): Promise<number> {
  const el = page.locator('[data-testid=map-chart][data-drawn-ms]');
  await el.waitFor();
  return Number(await el.getAttribute('data-drawn-ms'));
}

const cell = async (page: Page, code: string) =>
  (await page.getByTestId(`map-value-${code}`).innerText()).trim();

const GDP = 'gdp_growth|all';

/** The rows of the GDP growth target every county has (scope `all`). */
const gdpRows = (ev: Evaluation) =>
  ev.results.filter((r) => r.indicator === 'gdp_growth' && ev.targets[r.target]!.scope === 'all');

describe('map view', () => {
  const ctx = useWebApp();

  it('province, Chinese: values, statuses and scores equal the API, tooltip, click to the profile', async () => {
    const { page, problems, close } = await open(ctx, 'province', '/');
    const url = `${ctx.base}/map?${SEL}&by=value&target=${encodeURIComponent(GDP)}`;

    await page.goto(url);
    await drawnMs(page);
    await settled(page);

    const ev = await evaluation(page, ctx);
    const rows = gdpRows(ev);
    expect(rows.length).toBe(67);
    // Every county's value in the table is the API's, as formatValue shows it.
    for (const r of rows)
      expect(await cell(page, r.region)).toBe(formatValue(r.value, ev.targets[r.target]!.unit));
    const sz = rows.find((r) => r.region === SHANGZHI)!;
    const szText = formatValue(sz.value, ev.targets[sz.target]!.unit);
    expect(await page.locator('thead').innerText()).toContain('数值 (%)');
    // A district outside the plan's counties is listed with no value.
    expect(await cell(page, DAOLI)).toBe('—');

    // Tooltip: name, prefecture, value with unit, status word; grey "无数据" elsewhere.
    const tip = await hover(page, SHANGZHI, '尚志市');
    expect(tip).toContain('哈尔滨市');
    expect(tip).toContain(`数值: ${szText}%`);
    expect(tip).toContain(STATUS_ZH[sz.status]!);
    expect(await hover(page, DAOLI, '道里区')).toContain('无数据');

    // Status colouring: the table's status words are the API's.
    await page.getByTestId('map-by').getByText('完成状态').click();
    await page.waitForURL(/by=status/);
    await drawnMs(page);
    for (const r of rows.slice(0, 10))
      expect(await page.locator(`tr[data-row-key="${r.region}"] .ant-tag`).innerText()).toContain(
        STATUS_ZH[r.status],
      );

    // 擂台 score colouring: scores and ranks are GET /api/ranking's.
    const ranking = await apiJson<Ranking>(page, ctx, `/api/ranking?${SEL}`);
    await page.getByTestId('map-by').getByText('擂台综合得分').click();
    await page.waitForURL(/by=score/);
    // Wait for the table to show the ranking (the first county's score), then read them all.
    const top = ranking.counties[0]!;
    await page
      .getByTestId(`map-value-${top.region}`)
      .filter({ hasText: formatValue(top.score, '分') })
      .waitFor();
    await drawnMs(page);
    await settled(page);
    for (const c of ranking.counties)
      expect(await cell(page, c.region)).toBe(formatValue(c.score, '分'));
    const szRank = ranking.counties.find((c) => c.region === SHANGZHI)!;
    expect(await hover(page, SHANGZHI, '尚志市')).toContain(`全省名次: ${szRank.rank}`);
    await page.mouse.move(0, 0);

    // Back to values; screenshot and checks of the default view.
    await page.goto(url);
    await drawnMs(page);
    await settled(page);
    await expectClean(page, problems, 'map-zh');

    // Click on 尚志市 → its profile, keeping plan and period.
    await hover(page, SHANGZHI, '尚志市');
    const p = await pointOf(page, SHANGZHI);
    await Promise.all([
      page.waitForURL((u) => u.pathname === `/counties/${SHANGZHI}`),
      page.mouse.click(p.x, p.y),
    ]);
    const to = new URL(page.url());
    expect(to.searchParams.get('plan')).toBe('hlj-2026');
    expect(to.searchParams.get('period')).toBe('2026-09');

    expect(problems).toEqual({ console: [], failed: [] });
    await close();
  });

  it('province, English: no Chinese UI text, units in the legend column, axe clean', async () => {
    const { page, problems, close } = await openMap(ctx, 'province', `/map?${SEL}`, 'en');
    expect(await page.locator('thead').innerText()).toContain('Value (%)');
    const tip = await hover(page, SHANGZHI, '尚志市');
    expect(tip).toMatch(/Value: [\d.−-]+%/);
    expect(tip).toMatch(/Status: .*(met|nearly met|not met)/);
    await page.mouse.move(0, 0);
    await expectClean(page, problems, 'map-en', 'en');
    await close();
  });

  it('observer on a published period sees the published values; the export has the table', async () => {
    const published = 'plan=hlj-2025&period=2025';
    const { page, problems, close } = await openMap(ctx, 'observer', `/map?${published}`);
    const ev = await evaluation(page, ctx, published);
    const rows = gdpRows(ev);
    expect(rows.length).toBe(67);
    for (const r of rows)
      expect(await cell(page, r.region)).toBe(formatValue(r.value, ev.targets[r.target]!.unit));

    const { rows: table } = await exported(page, '地区');
    const header = table.find((r) => r[0] === '地区')!;
    expect(header).toEqual(['地区', '代码', '市(地)', '数值 (%)', '状态']);
    const sz = rows.find((r) => r.region === SHANGZHI)!;
    expect(table.find((r) => r[1] === SHANGZHI)).toEqual([
      '尚志市',
      SHANGZHI,
      '哈尔滨市',
      sz.value,
      STATUS_ZH[sz.status],
    ]);
    expect(table.length).toBeGreaterThan(121);
    expect(problems).toEqual({ console: [], failed: [] });
    await close();
  });

  it('a county user in an unpublished period sees only its own county; the others are no data', async () => {
    const { page, problems, close } = await openMap(ctx, 'shangzhi', `/map?${SEL}`);
    const ev = await evaluation(page, ctx);
    expect(new Set(ev.results.map((r) => r.region))).toEqual(new Set([SHANGZHI]));
    const sz = ev.results.find((r) => r.indicator === 'gdp_growth')!;
    expect(await cell(page, SHANGZHI)).toBe(formatValue(sz.value, '%'));
    expect(await cell(page, '230184')).toBe('—'); // 五常市: another county, not visible
    expect(await hover(page, '230184', '五常市')).toContain('无数据');
    expect(problems).toEqual({ console: [], failed: [] });
    await close();
  });

  it('a province without boundary data says so instead of drawing a blank', async () => {
    const { page, problems, close } = await open(ctx, 'province', '/');
    // The plan answer as if its province were one with no boundary file.
    await page.route('**/api/plans/hlj-2026', async (route) => {
      const res = await route.fetch();
      const body = (await res.json()) as Record<string, unknown>;
      await route.fulfill({ response: res, json: { ...body, province: '650000' } });
    });
    await page.goto(`${ctx.base}/map?${SEL}`);
    await page.getByTestId('map-no-geometry').waitFor();
    expect(await page.getByTestId('map-no-geometry').innerText()).toContain(
      '暂无该省的县级边界数据',
    );
    await settled(page);
    // The table still lists the counties with the API's values.
    expect(await page.locator('[data-testid=map-table] tbody tr').count()).toBeGreaterThanOrEqual(
      67,
    );
    expect(problems).toEqual({ console: [], failed: [] });
    await close();
  });
});

// The legend's classes, without a browser.
describe('map legend classes', () => {
  const pct = (v: number) => formatValue(v, '%');

  it('five classes at the rounded quintiles, each labelled with the unit, then no data', () => {
    const values = Array.from({ length: 67 }, (_, i) => i / 7);
    const pieces = valuePieces(values, pct, '%', '无数据');
    expect(pieces.map((p) => p.label)).toEqual([
      '< 1.9%',
      '1.9 – 3.8%',
      '3.8 – 5.7%',
      '5.7 – 7.5%',
      '≥ 7.5%',
      '无数据',
    ]);
    // Every value falls in exactly one class; the no-data class catches none.
    for (const v of values) {
      const hits = pieces.filter(
        (p) => (p.lt === undefined || v < p.lt) && (p.gte === undefined || v >= p.gte),
      );
      expect(hits.length).toBe(1);
      expect(hits[0]!.label).not.toBe('无数据');
    }
  });

  it('few distinct values (counts) are classes of their own; an English unit is spaced', () => {
    expect(valuePieces([0, 1, 1, 2], (v) => formatValue(v, '个'), '个', '无数据')).toMatchObject([
      { value: 0, label: '0个' },
      { value: 1, label: '1个' },
      { value: 2, label: '2个' },
      { label: '无数据' },
    ]);
    expect(
      valuePieces([1.2, 3.4], (v) => formatValue(v, '分'), 'points', 'no data')[0]!.label,
    ).toBe('1.2 points');
    expect(valuePieces([], pct, '%', '无数据').map((p) => p.label)).toEqual(['无数据']);
  });

  it('statuses in legend order with their colours and words', () => {
    const word = (s: string) => STATUS_ZH[s]!;
    // UI.md's status colours, as StatusTag defines them.
    const STATUS_COLOUR = {
      met: '#237804',
      nearly_met: '#faad14',
      not_met: '#cf1322',
      no_data: '#595959',
      not_applicable: '#d9d9d9',
    };
    const pieces = statusPieces(word, STATUS_COLOUR);
    expect(pieces.map((p) => p.label)).toEqual(['完成', '基本完成', '未完成', '不适用', '无数据']);
    expect(pieces.map((p) => p.color)).toEqual([
      STATUS_COLOUR.met,
      STATUS_COLOUR.nearly_met,
      STATUS_COLOUR.not_met,
      STATUS_COLOUR.not_applicable,
      STATUS_COLOUR.no_data,
    ]);
    expect(pieces.slice(0, 4).map((p) => p.value)).toEqual(
      (['met', 'nearly_met', 'not_met', 'not_applicable'] as const).map(statusValue),
    );
  });
});
