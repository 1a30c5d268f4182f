import { describe, expect, it } from 'vitest';
import { formatSigned, formatValue } from '../../src/core/numeric/index.js';
import {
  axe,
  chineseUiText,
  newPage,
  screenshot,
  settled,
  signIn,
  useWebApp,
  watch,
} from './browser.js';

interface Eval {
  province: string;
  synthetic: boolean;
  results: {
    region: string;
    value: number | null;
    gap: number | null;
    status: string;
    target: number;
  }[];
  targets: { name: string; unit: string }[];
}

const SELECT = 'plan=hlj-2026&period=2026-09';

describe('the dashboard', () => {
  const ctx = useWebApp();

  it('shows the province targets with the API’s values, statuses and gaps, and the three tiles', async () => {
    const { context, page } = await newPage(ctx);
    const problems = watch(page);
    await signIn(page, ctx.base, 'province', `/?${SELECT}`);
    await page.getByTestId('province-targets').waitFor();
    await settled(page);

    const api = (await (
      await page.request.get(`${ctx.base}/api/evaluation?${SELECT}&region=230000&limit=5000`)
    ).json()) as Eval;
    const rows = api.results.filter((r) => r.region === api.province);
    expect(rows.length).toBeGreaterThan(5);
    const table = page.getByTestId('province-targets').locator('tbody tr.ant-table-row');
    await expect.poll(() => table.count()).toBe(rows.length);
    const words: Record<string, string> = {
      met: '完成',
      nearly_met: '基本完成',
      not_met: '未完成',
      no_data: '无数据',
      not_applicable: '不适用',
    };
    for (const [i, r] of rows.entries()) {
      const cells = await table.nth(i).locator('td').allInnerTexts();
      const t = api.targets[r.target]!;
      expect(cells[0]).toBe(t.name);
      expect(cells[3]).toBe(formatValue(r.value, t.unit));
      expect(cells[4]).toBe(words[r.status]);
      expect(cells[5]).toBe(formatSigned(r.gap, t.unit));
    }

    const warnings = (await (
      await page.request.get(`${ctx.base}/api/warnings?${SELECT}`)
    ).json()) as {
      counties: { level: string }[];
    };
    for (const level of ['red', 'yellow', 'green']) {
      const n = warnings.counties.filter((c) => c.level === level).length;
      await expect
        .poll(() =>
          page.getByTestId(`warnings-${level}`).locator('.ant-statistic-content').innerText(),
        )
        .toBe(String(n));
    }
    const ranking = (await (
      await page.request.get(`${ctx.base}/api/ranking?${SELECT}`)
    ).json()) as {
      counties: { regionName: string }[];
    };
    const tile = await page.getByTestId('tile-ranking').innerText();
    for (const c of [...ranking.counties.slice(0, 5), ...ranking.counties.slice(-5)])
      expect(tile).toContain(c.regionName);

    expect(api.synthetic).toBe(true);
    await expect.poll(() => page.getByTestId('synthetic-tag').isVisible()).toBe(true);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'dashboard-zh');
    expect(problems).toEqual({ console: [], failed: [] });
    await context.close();
  });

  it('in English, leaves no Chinese UI text and keeps the data names', async () => {
    const { context, page } = await newPage(ctx, 'en');
    const problems = watch(page);
    await signIn(page, ctx.base, 'province', `/?${SELECT}`);
    await page.getByTestId('province-targets').waitFor();
    await settled(page);
    await expect.poll(() => page.getByText('Province targets').count()).toBeGreaterThan(0);
    expect(await chineseUiText(page)).toEqual([]);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'dashboard-en');
    expect(problems).toEqual({ console: [], failed: [] });
    await context.close();
  });

  it('opens on the newest plan and latest period the user can see', async () => {
    const { context, page } = await newPage(ctx);
    // An observer sees only published years: 2026 has none, so the 2025 plan opens.
    await signIn(page, ctx.base, 'observer', '/');
    await page.getByTestId('province-targets').waitFor();
    const plans = (await (
      await page.request.get(`${ctx.base}/api/periods?plan=hlj-2026`)
    ).json()) as {
      latest: string | null;
    };
    expect(plans.latest).toBeNull();
    const older = (await (
      await page.request.get(`${ctx.base}/api/periods?plan=hlj-2025`)
    ).json()) as {
      latest: string;
    };
    expect(older.latest).toBe('2025');
    const header = await page.locator('header').innerText();
    expect(header).toContain('黑龙江省县域经济发展突破年行动方案');
    expect(header).toContain('2025年');
    await context.close();
  });
});
