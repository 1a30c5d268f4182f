// The indicator view (/indicators/:code) in Chromium against the real server and demo database:
// the table's values, gaps, statuses and order are the API's (formatted by the core's
// formatValue/formatSigned); outliers are exactly the quality check's findings, and a role that
// may not see quality gets none and is told why; unknown codes; both languages; axe; xlsx.
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { formatSigned, formatValue } from '../../src/core/numeric/index.js';
import { evaluationAll } from '../../web/src/api/queries.js';
import { addOtherProvince } from '../server/setup.js';
import type {
  Evaluation,
  PlanDetail,
  PlanTarget,
  Quality,
  ResultRow,
} from '../../web/src/api/types.js';
import { histogram } from '../../web/src/pages/indicators/distribution.js';
import {
  countyIndicators,
  ranked,
  targetLine,
  type CountyRow,
} from '../../web/src/pages/indicators/targets.js';
import {
  apiJson,
  expectClean,
  exported,
  open,
  settled,
  signIn,
  start,
  STATUS_WORDS,
  useWebApp,
  type WebCtx,
} from './browser.js';

const SHANGZHI = '230183';

const SEL = 'plan=hlj-2026&period=2026-09';
/** Every county's results of the 2026 plan at 2026-09, as the page's user gets them. */
const evaluation = (page: Page, ctx: WebCtx, sel = SEL) =>
  apiJson<Evaluation>(page, ctx, `/api/evaluation?${sel}&limit=5000`);
const TABLE = '[data-testid="indicator-table"]';

/** The county rows of one indicator's targets for everyone (scope `all`). */
function rowsFor(ev: Evaluation, indicator: string, scope = 'all'): ResultRow[] {
  return ev.results.filter(
    (r) => r.indicator === indicator && ev.targets[r.target]!.scope === scope,
  );
}

const nextFrame = (page: Page) =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** A row of the virtualised table, scrolled into the rendered window. */
async function rowOf(page: Page, region: string): Promise<Locator> {
  const row = page.locator(`[data-testid=indicator-table] [data-row-key="${region}"]`).first();
  const holder = page.locator('[data-testid=indicator-table] .ant-table-tbody-virtual-holder');
  const height = await holder.evaluate((el) => el.scrollHeight);
  for (let top = 0; top <= height; top += 200) {
    await holder.evaluate((el, t) => (el.scrollTop = t), top);
    await nextFrame(page);
    if ((await row.count()) > 0) return row;
  }
  throw new Error(`row ${region} not found`);
}

async function cells(row: Locator): Promise<string[]> {
  return (await row.locator('.ant-table-cell').allInnerTexts()).map((s) => s.trim());
}

async function openView(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('indicator-table').waitFor();
  await settled(page);
}

describe('indicator view', () => {
  const ctx = useWebApp();

  it('province, Chinese: order, values, gaps and statuses are the API’s; target line; outliers from the quality check', async () => {
    const { page, problems, close } = await open(ctx, 'province', '/');
    await openView(page, `${ctx.base}/indicators/gdp_growth?${SEL}`);

    const ev = await evaluation(page, ctx);
    const rows = rowsFor(ev, 'gdp_growth');
    expect(rows.length).toBe(67);
    const n = (s: string) => rows.filter((r) => r.status === s).length;
    expect(await page.getByTestId('indicator-summary').innerText()).toBe(
      `67 个县:完成 ${n('met')},基本完成 ${n('nearly_met')},未完成 ${n('not_met')},无数据 ${n('no_data')}`,
    );
    // The target line: the plan's one number for every county, said in words beside the chart.
    expect(await page.getByTestId('indicator-notes').innerText()).toContain('虚线为目标(5以上)');
    expect(await page.locator('thead').first().innerText()).toMatch(/数值 \(%\)[\s\S]*差距 \(%\)/);

    // Rank 1 is the county with the best gap (then the higher value, then the code).
    const best = [...rows].sort(
      (a, b) =>
        (b.gap ?? -Infinity) - (a.gap ?? -Infinity) ||
        (b.value ?? -Infinity) - (a.value ?? -Infinity) ||
        a.region.localeCompare(b.region),
    );
    const first = page.locator('[data-testid=indicator-table] [data-row-key]').first();
    expect(await first.getAttribute('data-row-key')).toBe(best[0]!.region);
    expect((await cells(first))[0]).toBe('1');

    // 尚志市: value, target phrase, status, gap as the API says, formatted by the core.
    const sz = rows.find((r) => r.region === SHANGZHI)!;
    const c = await cells(await rowOf(page, SHANGZHI));
    expect(c.slice(1, 7)).toEqual([
      '尚志市',
      '哈尔滨市',
      formatValue(sz.value, '%'),
      '5以上',
      STATUS_WORDS.zh[sz.status],
      formatSigned(sz.gap, '%'),
    ]);
    expect(c[0]).toBe(String(best.findIndex((r) => r.region === SHANGZHI) + 1));

    // Outliers: exactly the quality check's findings for the indicator.
    await openView(page, `${ctx.base}/indicators/industry_va_growth?${SEL}`);
    const q = await apiJson<Quality>(page, ctx, `/api/quality?${SEL}&check=outlier_cross`);
    const flagged = q.findings.filter((f) => f.indicator === 'industry_va_growth');
    expect(flagged.length).toBeGreaterThan(0);
    for (const f of flagged)
      expect(await (await rowOf(page, f.region)).getByTestId(`outlier-${f.region}`).count()).toBe(
        1,
      );
    expect(await page.getByTestId('indicator-quality-note').innerText()).toContain(
      '数据质量检查(跨县稳健离群值)',
    );
    // No other row carries the mark.
    const holder = page.locator('[data-testid=indicator-table] .ant-table-tbody-virtual-holder');
    const seen = new Set<string>();
    const height = await holder.evaluate((el) => el.scrollHeight);
    for (let top = 0; top <= height; top += 200) {
      await holder.evaluate((el, t) => (el.scrollTop = t), top);
      await nextFrame(page);
      for (const id of await page
        .locator('[data-testid^=outlier-]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!)))
        seen.add(id.slice('outlier-'.length));
    }
    expect([...seen].sort()).toEqual(flagged.map((f) => f.region).sort());

    await openView(page, `${ctx.base}/indicators/gdp_growth?${SEL}`);
    await expectClean(page, problems, 'indicator-zh');
    await close();
  });

  it('category targets: the scope switch shows the category’s counties and its target', async () => {
    const { page, problems, close } = await open(ctx, 'province', '/');
    await openView(page, `${ctx.base}/indicators/new_above_scale_enterprises?${SEL}`);
    const ev = await evaluation(page, ctx);
    const industrial = rowsFor(ev, 'new_above_scale_enterprises', 'category:industrial');
    expect(industrial.length).toBe(30);
    await page.getByTestId('indicator-scope').getByText('工业县').click();
    await page.waitForURL(/scope=category%3Aindustrial|scope=category:industrial/);
    await page.getByTestId('indicator-summary').filter({ hasText: '30 个县' }).waitFor();
    const r = industrial[0]!;
    const c = await cells(await rowOf(page, r.region));
    expect(c[3]).toBe(formatValue(r.value, '户'));
    expect(c[4]).toBe('至少新增3户');
    expect(c[6]).toBe(formatSigned(r.gap, '户'));
    expect(problems).toEqual({ console: [], failed: [] });
    await close();
  });

  it('province, English: no Chinese UI text, axe clean; the export has the table’s columns', async () => {
    const { page, problems, close } = await open(
      ctx,
      'province',
      `/indicators/gdp_growth?${SEL}`,
      'en',
      { ready: TABLE },
    );
    expect(await page.locator('thead').first().innerText()).toMatch(/Value \(%\)[\s\S]*Gap \(%\)/);
    await expectClean(page, problems, 'indicator-en', 'en');

    const { rows: table } = await exported(page, 'Rank');
    expect(table.find((r) => r[0] === 'Rank')).toEqual([
      'Rank',
      'County',
      'Code',
      'Prefecture',
      'Value (%)',
      'Target',
      'Status',
      'Gap (%)',
      'Data quality',
    ]);
    const ev = await evaluation(page, ctx);
    const sz = rowsFor(ev, 'gdp_growth').find((r) => r.region === SHANGZHI)!;
    const line = table.find((r) => r[2] === SHANGZHI)!;
    expect(line.slice(1, 8)).toEqual([
      '尚志市',
      SHANGZHI,
      '哈尔滨市',
      sz.value,
      '5以上',
      'not met',
      sz.gap,
    ]);
    expect(problems).toEqual({ console: [], failed: [] });
    await close();
  });

  it('observer on a published period: the API’s values, no quality request, and a note why no outliers', async () => {
    const { page, problems, close } = await start(ctx);
    const quality: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/quality')) quality.push(r.url());
    });
    await signIn(page, ctx.base, 'observer', '/indicators/gdp_growth?plan=hlj-2025&period=2025');
    await page.getByTestId('indicator-table').waitFor();
    await settled(page);
    const ev = await evaluation(page, ctx, 'plan=hlj-2025&period=2025');
    const sz = rowsFor(ev, 'gdp_growth').find((r) => r.region === SHANGZHI)!;
    const c = await cells(await rowOf(page, SHANGZHI));
    expect(c.slice(3, 7)).toEqual([
      formatValue(sz.value, '%'),
      '5.5左右',
      STATUS_WORDS.zh[sz.status],
      formatSigned(sz.gap, '%'),
    ]);
    expect(await page.getByTestId('indicator-quality-note').innerText()).toContain(
      '您的角色无权查看数据质量',
    );
    expect(quality).toEqual([]);
    expect(problems).toEqual({ console: [], failed: [] });
    await close();
  });

  it('a county user sees its own row only', async () => {
    const { page, problems, close } = await open(
      ctx,
      'shangzhi',
      `/indicators/gdp_growth?${SEL}`,
      'zh',
      {
        ready: TABLE,
      },
    );
    expect(
      await page
        .locator('[data-testid=indicator-table] [data-row-key]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-row-key'))),
    ).toEqual([SHANGZHI]);
    expect(problems).toEqual({ console: [], failed: [] });
    await close();
  });

  for (const lang of ['zh', 'en'] as const)
    it(`an unknown indicator code says so (${lang}) and links to the first indicator`, async () => {
      const { page, problems, close } = await open(
        ctx,
        'province',
        `/indicators/no_such_thing?${SEL}`,
        lang,
        { ready: '[data-testid="indicator-unknown"]' },
      );
      const alert = page.getByTestId('indicator-unknown');
      const text = await alert.innerText();
      expect(text).toContain(lang === 'zh' ? '没有这个指标' : 'No such indicator');
      expect(text).toContain('no_such_thing');
      await expectClean(page, problems, undefined, lang);
      await Promise.all([
        page.waitForURL((u) => u.pathname === '/indicators/gdp_growth'),
        alert.getByRole('button').click(),
      ]);
      expect(new URL(page.url()).searchParams.get('period')).toBe('2026-09');
      await page.getByTestId('indicator-table').waitFor();
      expect(problems).toEqual({ console: [], failed: [] });
      await close();
    });
});

// The view's arrangement of API answers, without a browser.
describe('indicator view over every county of the database', () => {
  const ctx = useWebApp();
  let others: string[] = [];
  beforeAll(async () => {
    others = await addOtherProvince(ctx.store, [SHANGZHI, '230184', '230123']);
    ctx.app.invalidateReference();
  });

  it('offers 库中全部县 when other counties hold data, and then shows theirs too', async () => {
    const { page, problems, close } = await open(
      ctx,
      'province',
      `/indicators/gdp_growth?${SEL}`,
      'zh',
      {
        ready: '[data-testid="county-scope"]',
      },
    );
    const all = await apiJson<Evaluation>(
      page,
      ctx,
      `/api/evaluation?${SEL}&indicator=gdp_growth&counties=all&limit=5000`,
    );
    expect(all.scope?.others).toBe(3);
    const answered = page.waitForResponse(
      (r) => r.url().includes('counties=all') && r.url().includes('indicator=gdp_growth'),
    );
    await page.getByTestId('county-scope').getByText('库中全部县').click();
    expect((await answered).status()).toBe(200);
    expect(new URL(page.url()).searchParams.get('counties')).toBe('all');
    await settled(page);
    const names = all.results
      .filter((r) => others.includes(r.region))
      .map((r) => all.regionNames[r.region]);
    expect(names.length).toBe(3);
    const sheet = JSON.stringify((await exported(page, '名次')).rows);
    for (const n of names) expect(sheet).toContain(n);
    await expectClean(page, problems);
    await close();
  });
});

describe('indicator view: arranging the API answers', () => {
  const target = (over: Partial<PlanTarget>): PlanTarget => ({
    table: 'county',
    no: 1,
    indicator: 'gdp_growth',
    name: '地区生产总值增速',
    unit: '%',
    scope: 'all',
    year: 2026,
    phrase: '5以上',
    reading: '',
    spec: { type: 'bound', op: 'ge', value: '5', measure: 'value' },
    ...over,
  });
  const plan = (targets: PlanTarget[]): PlanDetail => ({ id: 'p', title: 'p', targets });

  it('groups the county targets of the period’s year by indicator, then by whom they apply to', () => {
    const choices = countyIndicators(
      plan([
        target({ scope: 'province' }),
        target({}),
        target({ indicator: 'x', scope: { category: 'industrial' }, phrase: '3' }),
        target({ indicator: 'x', scope: 'all', phrase: '2' }),
        target({ indicator: 'y', scope: { region: '230183' }, phrase: '1' }),
        target({ indicator: 'y', scope: { region: '230184' }, phrase: '2' }),
        target({ indicator: 'z', year: 2030 }),
      ]),
      '2026-09',
    );
    expect(choices.map((c) => [c.indicator, c.groups.map((g) => g.key)])).toEqual([
      ['gdp_growth', ['gdp_growth|all']],
      ['x', ['x|category:industrial', 'x|all']],
      ['y', ['y|region']],
    ]);
  });

  it('draws the target line only where every county has the same number', () => {
    const [gdp, , y] = countyIndicators(
      plan([
        target({}),
        target({ indicator: 'x', spec: { type: 'range', value: '1' } }),
        target({ indicator: 'y', scope: { region: '230183' }, phrase: '1' }),
        target({ indicator: 'y', scope: { region: '230184' }, phrase: '2' }),
      ]),
      '2026',
    );
    expect(targetLine(gdp!.groups[0]!, [])).toEqual({ kind: 'line', value: 5, text: '5以上' });
    expect(targetLine(y!.groups[0]!, [])).toEqual({ kind: 'differs' });
    const rel = countyIndicators(
      plan([target({ phrase: '高于全省', spec: { type: 'relative', op: 'gt' } })]),
      '2026',
    )[0]!.groups[0]!;
    const row = (ref: number | null) => ({ result: { ref } }) as unknown as CountyRow;
    expect(targetLine(rel, [row(4.8), row(4.8), row(null)])).toMatchObject({ value: 4.8 });
    expect(targetLine(rel, [row(4.8), row(5)])).toEqual({ kind: 'differs' });
  });

  it('ranks by the API’s gap, ties sharing a rank, counties without a gap unranked', () => {
    const r = (region: string, gap: number | null, shown: number | null) =>
      ({ region, gap, shown }) as CountyRow;
    expect(
      ranked([r('a', 1, 6), r('b', 2, 7), r('c', 1, 6), r('d', null, null), r('e', 0.5, 5.5)]).map(
        (x) => [x.region, x.rank],
      ),
    ).toEqual([
      ['b', 1],
      ['a', 2],
      ['c', 2],
      ['e', 4],
      ['d', null],
    ]);
  });

  it('bins the distribution at nice widths, whole counts one bar each', () => {
    const fmt = (v: number) => formatValue(v, '%');
    const bins = histogram([0.2, 1.9, 2.5, 4.1, 9.8], fmt);
    expect(bins.map((b) => [b.label, b.count])).toEqual([
      ['0.0–2.0', 2],
      ['2.0–4.0', 1],
      ['4.0–6.0', 1],
      ['6.0–8.0', 0],
      ['8.0–10.0', 1],
    ]);
    expect(
      histogram([0, 2, 2, 3], (v) => formatValue(v, '户')).map((b) => [b.label, b.count]),
    ).toEqual([
      ['0', 1],
      ['1', 0],
      ['2', 2],
      ['3', 1],
    ]);
    expect(histogram([], fmt)).toEqual([]);
  });

  it('reads an evaluation of more than one page and re-points each page’s rows to its targets', async () => {
    // An API of 12,000 rows (each page lists its own targets, as GET /api/evaluation does).
    const all = Array.from({ length: 12_000 }, (_, i) => ({
      region: String(100000 + i),
      indicator: `ind${i % 7}`,
    }));
    const asked: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      asked.push(url);
      const q = new URL(url, 'http://x').searchParams;
      const offset = Number(q.get('offset') ?? 0);
      const rows = all.slice(offset, offset + Number(q.get('limit')));
      const targets: { indicator: string }[] = [];
      const results = rows.map((r) => {
        let t = targets.findIndex((x) => x.indicator === r.indicator);
        if (t < 0) t = targets.push({ indicator: r.indicator }) - 1;
        return { region: r.region, indicator: r.indicator, target: t };
      });
      const regionNames = Object.fromEntries(rows.map((r) => [r.region, `县${r.region}`]));
      const body = { targets, results, regionNames, total: all.length, offset, limit: 5000 };
      return new Response(JSON.stringify(body), { status: 200 });
    });
    try {
      const ev = await evaluationAll({ plan: 'p', period: '2026-09' });
      expect(asked.map((u) => new URL(u, 'http://x').searchParams.get('offset'))).toEqual([
        null,
        '5000',
        '10000',
      ]);
      expect(ev.results.length).toBe(12_000);
      for (const [i, r] of ev.results.entries()) {
        expect(r.region).toBe(all[i]!.region);
        expect(ev.targets[r.target]!.indicator).toBe(all[i]!.indicator);
      }
      expect(Object.keys(ev.regionNames).length).toBe(12_000);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
