import { describe, expect, it } from 'vitest';
import { formatSigned, formatValue } from '../../src/core/numeric/index.js';
import type { Evaluation, Periods, Ranking, Warnings } from '../../web/src/api/types.js';
import { apiJson, expectClean, open, signIn, start, STATUS_WORDS, useWebApp } from './browser.js';

const SELECT = 'plan=hlj-2026&period=2026-09';

describe('the dashboard', () => {
  const ctx = useWebApp();

  it('shows the province targets with the API’s values, statuses and gaps, and the three tiles', async () => {
    const { page, problems, close } = await open(ctx, 'province', `/?${SELECT}`, 'zh', {
      ready: '[data-testid="province-targets"]',
    });

    const api = await apiJson<Evaluation>(
      page,
      ctx,
      `/api/evaluation?${SELECT}&region=230000&limit=5000`,
    );
    const rows = api.results.filter((r) => r.region === api.province);
    expect(rows.length).toBeGreaterThan(5);
    const table = page.getByTestId('province-targets').locator('tbody tr.ant-table-row');
    await expect.poll(() => table.count()).toBe(rows.length);
    for (const [i, r] of rows.entries()) {
      const cells = await table.nth(i).locator('td').allInnerTexts();
      const t = api.targets[r.target]!;
      expect(cells[0]).toBe(t.name);
      expect(cells[3]).toBe(formatValue(r.value, t.unit));
      expect(cells[4]).toBe(STATUS_WORDS.zh[r.status]);
      expect(cells[5]).toBe(formatSigned(r.gap, t.unit));
    }

    const warnings = await apiJson<Warnings>(page, ctx, `/api/warnings?${SELECT}`);
    for (const level of ['red', 'yellow', 'green']) {
      const n = warnings.counties.filter((c) => c.level === level).length;
      await expect
        .poll(() =>
          page.getByTestId(`warnings-${level}`).locator('.ant-statistic-content').innerText(),
        )
        .toBe(String(n));
    }
    const ranking = await apiJson<Ranking>(page, ctx, `/api/ranking?${SELECT}`);
    const tile = await page.getByTestId('tile-ranking').innerText();
    for (const c of [...ranking.counties.slice(0, 5), ...ranking.counties.slice(-5)])
      expect(tile).toContain(c.regionName);

    expect(api.synthetic).toBe(true);
    await expect.poll(() => page.getByTestId('synthetic-tag').isVisible()).toBe(true);
    await expectClean(page, problems, 'dashboard-zh');
    await close();
  });

  it('in English, leaves no Chinese UI text and keeps the data names', async () => {
    const { page, problems, close } = await open(ctx, 'province', `/?${SELECT}`, 'en', {
      ready: '[data-testid="province-targets"]',
    });
    await expect.poll(() => page.getByText('Province targets').count()).toBeGreaterThan(0);
    await expectClean(page, problems, 'dashboard-en', 'en');
    await close();
  });

  it('opens on the newest plan and latest period the user can see', async () => {
    const { page, close } = await start(ctx);
    // An observer sees only published periods: 2026 has none, so the 2025 plan opens, on the
    // newest published month (the demo publishes 2025 and its months).
    await signIn(page, ctx.base, 'observer', '/');
    await page.getByTestId('province-targets').waitFor();
    const plans = await apiJson<Periods>(page, ctx, '/api/periods?plan=hlj-2026');
    expect(plans.latest).toBeNull();
    const older = await apiJson<Periods>(page, ctx, '/api/periods?plan=hlj-2025');
    expect(older.latest).toBe('2025-12');
    const header = await page.locator('header').innerText();
    expect(header).toContain('黑龙江省县域经济发展突破年行动方案');
    expect(header).toContain('2025年1-12月');
    await close();
  });
});
