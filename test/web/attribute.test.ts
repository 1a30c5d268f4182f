// 约束性 / 预期性 in the browser: a plan whose GDP growth targets are binding shows the tag beside
// each of them on the county page (English: binding), and no tag beside the other targets.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { as, login } from '../server/setup.js';
import { axe, chineseUiText, open, useWebApp } from './browser.js';

const SHANGZHI = '230183';
const SEL = 'plan=hlj-2026-attr&period=2026-09';

interface Answer {
  results: { region: string; target: number; status: string }[];
  targets: { indicator: string; attribute?: string }[];
}

/** hlj-2026 as hlj-2026-attr: gdp_growth binding wherever it is a target, gdp expected. */
function plan(): unknown {
  const p = JSON.parse(readFileSync(join(ROOT, 'plans/hlj-2026.json'), 'utf8')) as {
    id: string;
    targets: { indicator: string; attribute?: string }[];
  };
  p.id = 'hlj-2026-attr';
  for (const t of p.targets) {
    if (t.indicator === 'gdp_growth') t.attribute = 'binding';
    if (t.indicator === 'gdp') t.attribute = 'expected';
  }
  return p;
}

describe('the 属性 tag on the county page', () => {
  const ctx = useWebApp();

  async function put(): Promise<void> {
    const r = await ctx.app.inject({
      method: 'PUT',
      url: '/api/plans/hlj-2026-attr',
      headers: as(await login(ctx.app, 'province')),
      payload: plan() as Record<string, unknown>,
    });
    expect(r.statusCode, r.body).toBe(200);
  }

  const rows = (page: Page) => page.locator('[data-testid=county-targets] tbody tr.ant-table-row');

  for (const lang of ['zh', 'en'] as const) {
    it(`tags 尚志市's binding GDP growth target and only it (${lang})`, async () => {
      if (lang === 'zh') await put();
      const { page, problems, close } = await open(
        ctx,
        'province',
        `/counties/${SHANGZHI}?${SEL}`,
        lang,
        { ready: (p) => p.getByTestId('county-targets').waitFor() },
      );
      const ev = (
        await ctx.app.inject({
          method: 'GET',
          url: `/api/evaluation?${SEL}&region=${SHANGZHI}&limit=5000`,
          headers: as(await login(ctx.app, 'province')),
        })
      ).json<Answer>();
      const binding = ev.results.filter((r) => ev.targets[r.target]!.attribute === 'binding');
      expect(binding.length).toBeGreaterThan(0);
      expect(ev.targets.filter((t) => t.attribute === 'binding').map((t) => t.indicator)).toEqual(
        binding.map(() => 'gdp_growth'),
      );

      const word = lang === 'zh' ? '约束性' : 'binding';
      const all = rows(page);
      expect(await all.count()).toBe(ev.results.length);
      const tagged = all.filter({ has: page.getByTestId('attribute-tag') });
      expect(await tagged.count()).toBe(binding.length);
      const tags = await page.getByTestId('attribute-tag').allInnerTexts();
      expect(tags.map((x) => x.trim())).toEqual(binding.map(() => word));
      // A binding target not met is drawn red (UI.md's 未完成 colour), else in a neutral outline.
      const colour = await page
        .getByTestId('attribute-tag')
        .first()
        .evaluate((e) => getComputedStyle(e).color);
      expect(colour).toBe(
        binding[0]!.status === 'not_met' ? 'rgb(207, 19, 34)' : 'rgb(38, 38, 38)',
      );

      expect(await axe(page)).toEqual([]);
      if (lang === 'en') expect(await chineseUiText(page)).toEqual([]);
      expect(problems).toEqual({ console: [], failed: [] });
      await close();
    });
  }
});
