import { describe, expect, it } from 'vitest';
import { axe, chineseUiText, open, settled, signIn, start, useWebApp } from './browser.js';

// What each role finds in its navigation (SPEC §1, UI.md), written out here rather than read
// from the app: the test is the second opinion.
const SEE = ['首页', '地图', '擂台', '一县一档', '指标', '预警', '数据质量', '报送进度', '通报'];
const LEDGERS = ['项目台账', '任务台账', '主导工业'];
const NAV: Record<string, string[]> = {
  province: [...SEE, ...LEDGERS, '审核', '规划', '区域属性', '用户'],
  finance: ['审核', ...SEE, ...LEDGERS, '规划'],
  harbin: ['审核', '数据填报', ...SEE, ...LEDGERS, '规划'],
  shangzhi: [
    '数据填报',
    '一县一档',
    '擂台',
    '地图',
    '指标',
    '预警',
    '数据质量',
    '通报',
    '规划',
    ...LEDGERS,
  ],
  observer: ['首页', '地图', '擂台', '一县一档', '指标', '预警', '通报', '规划', ...LEDGERS],
};

const NAV_EN: Record<string, string> = {
  首页: 'Dashboard',
  地图: 'Map',
  擂台: 'County contest',
  一县一档: 'County profile',
  指标: 'Indicators',
  预警: 'Warnings',
  数据质量: 'Data quality',
  报送进度: 'Reporting progress',
  通报: 'Bulletins',
  数据填报: 'Data entry',
  审核: 'Review',
  规划: 'Plans',
  项目台账: 'Projects',
  任务台账: 'Tasks',
  主导工业: 'Leading industries',
  区域属性: 'Region attributes',
  用户: 'Users',
};

/** The roles whose English walk covers every view: the province's and the county's. */
const EN_WALK = new Set(['province', 'shangzhi']);

describe('every role opens every view it is offered', () => {
  const ctx = useWebApp();

  for (const [user, views] of Object.entries(NAV)) {
    it(`${user}: the navigation offers exactly its views, each opens cleanly in Chinese and English`, async () => {
      for (const lang of ['zh', 'en'] as const) {
        const { page, problems, close } = await open(ctx, user, '/', lang);
        const nav = page.getByRole('navigation').getByRole('menuitem');
        const expected = lang === 'zh' ? views : views.map((v) => NAV_EN[v]!);
        await expect.poll(() => nav.allInnerTexts()).toEqual(expected);
        // In English, the menu of every role, and every view through the two roles that between
        // them are offered all of them (each view's own test also checks its English page).
        const walk = lang === 'zh' || EN_WALK.has(user) ? expected : [];
        for (const label of walk) {
          await nav.filter({ hasText: label }).getByRole('link').click();
          await settled(page);
          const main = page.locator('main');
          await expect.poll(() => main.innerText()).not.toBe('');
          // axe once per view and role (the view tests run it in English too).
          if (lang === 'zh') expect(await axe(page), `${user} ${label}`).toEqual([]);
          else expect(await chineseUiText(page), `${user} ${label}`).toEqual([]);
        }
        expect(problems, `${user} ${lang}`).toEqual({ console: [], failed: [] });
        await close();
      }
      // Eleven to seventeen views, each in two languages with axe: longer than the default minute.
    }, 180_000);
  }

  it('after signing in each role lands on the page of the one thing it came for (UI.md)', async () => {
    const { page, close } = await start(ctx);
    const home = {
      province: '/',
      finance: '/review',
      harbin: '/review',
      shangzhi: '/entry',
      observer: '/',
    };
    for (const [user, path] of Object.entries(home)) {
      await page.context().clearCookies();
      await signIn(page, ctx.base, user, null);
      await settled(page);
      expect(new URL(page.url()).pathname, user).toBe(path);
    }
    await close();
  });

  it('a page outside the role shows a refusal, not numbers', async () => {
    const { page, close } = await start(ctx);
    await signIn(page, ctx.base, 'observer', '/quality?plan=hlj-2026&period=2025');
    await page.getByRole('alert').filter({ hasText: '无权' }).waitFor();
    expect(await page.locator('main table').count()).toBe(0);
    await signIn(page, ctx.base, 'shangzhi', '/completeness?plan=hlj-2026&period=2026-09');
    await page.getByRole('alert').filter({ hasText: '无权' }).waitFor();
    expect(await page.locator('main table').count()).toBe(0);
    await close();
  });

  it('an unknown address inside the app says so, in the user’s language', async () => {
    const { page, close } = await open(ctx, 'province', '/', 'en');
    await page.goto(`${ctx.base}/counties/999999?plan=hlj-2026&period=2026-09`);
    await settled(page);
    const text = await page.locator('main').innerText();
    expect(text).toMatch(/not|no /i);
    expect(await chineseUiText(page)).toEqual([]);
    await close();
  });
});
