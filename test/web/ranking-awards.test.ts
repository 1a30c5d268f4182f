// The 擂台 view's 分类奖项与十强县 section in Chromium, on a stored plan with per-category awards
// and 十强县 areas (test/fixtures/ranking-awards.ts): what it lists is what the plan's numbers
// give, worked out by hand below; zh and en, axe-clean.
import { beforeAll, describe, expect, it } from 'vitest';
import { applyValues } from '../../src/store/observations.js';
import { AWARDS_PLAN, awardValues } from '../fixtures/ranking-awards.js';
import { login, as } from '../server/setup.js';
import { expectClean, open, useWebApp } from './browser.js';

const PATH = `/ranking?plan=${AWARDS_PLAN.id}&period=2026-09`;
const READY = '[data-testid="awards"]';

describe('擂台 view: awards by category and 十强县 lists', () => {
  const ctx = useWebApp();

  beforeAll(async () => {
    const province = await login(ctx.app, 'province');
    const put = await ctx.app.inject({
      method: 'PUT',
      url: `/api/plans/${AWARDS_PLAN.id}`,
      payload: AWARDS_PLAN,
      headers: as(province),
    });
    expect(put.statusCode, put.body).toBe(200);
    ctx.app.invalidateReference();
    await applyValues(ctx.store, awardValues(), {
      actor: 'test',
      source: 'test:awards',
      at: new Date().toISOString(),
      status: 'approved',
    });
  });

  it('lists each category`s 先进县 and 进步县 and each area`s top counties (zh), axe-clean', async () => {
    const { page, problems, close } = await open(ctx, 'province', PATH, 'zh', { ready: READY });
    const section = page.getByTestId('awards');
    expect(await section.getByRole('heading', { level: 4 }).textContent()).toBe('分类奖项与十强县');
    // Scores (min-max, see the fixture): 甲类 依兰县 100, 方正县 70.5, 宾县 1; 乙类 龙江县 85.5,
    // 依安县 65.5, 泰来县 35.5. In August 甲类 ran 方正县, 宾县, 依兰县 (依兰县 up 2) and 乙类
    // 泰来县, 龙江县, 依安县 (龙江县 and 依安县 up 1; 依安县 gained 30 points against 20).
    const row = (code: string) => section.locator(`[data-category="${code}"]`);
    expect(await row('ga').textContent()).toBe(
      '甲类依兰县 (第 1 名)、方正县 (第 2 名)依兰县 (上升 2 位)',
    );
    expect(await row('gb').textContent()).toBe(
      '乙类龙江县 (第 1 名)、依安县 (第 2 名)依安县 (上升 1 位)',
    );
    // 财政 (cost points 100 − v): 依兰县 100, then 方正县 and 龙江县 90 share place 2.
    const fiscal = section.locator('[data-area="财政"]');
    expect(await fiscal.textContent()).toContain('并列名次使名单多于 2 个');
    const fiscalRows = await fiscal
      .locator('.ant-table-row')
      .evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
    expect(fiscalRows).toEqual([
      ['1', '依兰县', '100.0'],
      ['2', '方正县', '90.0'],
      ['2', '龙江县', '90.0'],
    ]);
    // 工业 (output points 1 + v): 依兰县 100, 龙江县 81; exactly two, no tie note.
    const industry = section.locator('[data-area="工业"]');
    expect(await industry.locator('.ant-table-row').count()).toBe(2);
    expect(await industry.textContent()).not.toContain('并列');
    expect(await industry.textContent()).toContain('评比内容:比较产值');
    // The method note marks the compared items: no target, no phrase.
    await page.getByRole('button', { name: /评价方法与说明/ }).click();
    const method = page.getByTestId('method');
    await expect.poll(() => method.textContent()).toContain('比较产值(无目标,横向比较)');
    expect(await method.textContent()).toContain('比较成本率(无目标,横向比较)');
    await section.scrollIntoViewIfNeeded();
    await expectClean(page, problems, 'ranking-awards-zh');
    await close();
  });

  it('reads in English with the county names kept as data, axe-clean', async () => {
    const { page, problems, close } = await open(ctx, 'province', PATH, 'en', { ready: READY });
    const section = page.getByTestId('awards');
    expect(await section.getByRole('heading', { level: 4 }).textContent()).toBe(
      'Awards by category and top lists',
    );
    expect(await section.locator('[data-category="gb"]').textContent()).toBe(
      '乙类龙江县 (no. 1)、依安县 (no. 2)依安县 (up 1)',
    );
    await expectClean(page, problems, undefined, 'en');
    await close();
  });
});
