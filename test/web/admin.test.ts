// 区域属性 (/admin/regions) and 用户 (/admin/users) in Chromium against a fresh demo server: the
// province sets 4A景区 on 尚志市 and sees 旅游县 appear in its categories and on its profile; adds
// a user and signs in as it with the password shown once; resets that password (the old one then
// fails) and disables the user (who then cannot sign in). Both pages are clean in both languages;
// other roles are refused.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  choose,
  dropdownsClosed,
  expectClean,
  loaded,
  open,
  screenshot,
  settled,
  start,
  useWebApp,
  type WebCtx,
} from './browser.js';

const SEL = '?plan=hlj-2026&period=2026-09';
const SHANGZHI = '230183';

/** Signs in through the login form with a password of the test's own; the answer's status. */
async function signInWith(ctx: WebCtx, username: string, password: string) {
  const opened = await start(
    ctx,
    'zh',
    (url, status) => url.endsWith('/api/session') && status === 401,
  );
  const { page } = opened;
  await page.goto(`${ctx.base}/login`);
  await page.getByLabel(/用户名|Username/).fill(username);
  await page.getByLabel(/密码|Password/).fill(password);
  const [answer] = await Promise.all([
    page.waitForResponse(
      (r) => r.url().endsWith('/api/session') && r.request().method() === 'POST',
    ),
    page.getByRole('button', { name: /登\s*录|Sign in/ }).click(),
  ]);
  const status = answer.status();
  if (status === 200) await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return { ...opened, status };
}

const cellText = (page: Page, testId: string) => page.getByTestId(testId).innerText();

describe('admin pages in the browser', () => {
  const ctx = useWebApp();

  it('区域属性: 4A景区 on 尚志市 makes it a 旅游县, here and on its profile; the change is in its history', async () => {
    const { page, problems, close } = await open(ctx, 'province', `/admin/regions${SEL}`, 'zh', {
      ready: loaded('[data-testid=table-regions]'),
    });
    await page.getByTestId('search').locator('input').fill('尚志');
    await settled(page);
    expect(await page.getByTestId('shown').innerText()).toMatch(/显示 1 个县/);
    // The demo draws 尚志市 without a 4A scenic area or a heritage area.
    expect(await cellText(page, `attr-${SHANGZHI}-scenic_4a`)).toBe('否');
    const before = await page.locator('[data-testid=table-regions] tbody tr').first().innerText();
    expect(before).not.toContain('旅游县');
    await expectClean(page, problems, 'admin-regions');

    await choose(page, `attr-${SHANGZHI}-scenic_4a`, '是');
    await page.getByTestId('saved').waitFor();
    await page.getByTestId(`categories-${SHANGZHI}`).getByText('旅游县').waitFor();
    expect(await cellText(page, `attr-${SHANGZHI}-scenic_4a`)).toBe('是');

    await page.getByRole('button', { name: /尚志市 改动记录/ }).click();
    const history = page.getByTestId('history');
    await history.waitFor();
    const row = await history.locator('tbody tr').first().innerText();
    expect(row).toContain('设定区域属性');
    expect(row).toContain('4A景区');
    expect(row).toMatch(/否\s*→\s*是/);
    expect(row).toContain('province');
    await expectClean(page, problems, 'admin-regions-history');

    // The county profile reads the same evaluation: 旅游县 with its reason.
    await page.goto(`${ctx.base}/counties/${SHANGZHI}${SEL}`);
    await page.getByTestId('category-tourism').waitFor();
    expect(await page.getByTestId('reason-tourism').innerText()).toBe('有4A级景区');
    await screenshot(page, 'admin-county-tourism');
    expect(problems).toEqual({ console: [], failed: [] });
    await close();
  }, 240_000);

  it('用户: adds a user who signs in with the password shown once; reset; disable', async () => {
    const { page, problems, close } = await open(ctx, 'province', `/admin/users${SEL}`, 'zh', {
      ready: loaded('[data-testid=table-users]'),
      // The name that exists, below: refused on purpose.
      allow: (url, status) => url.endsWith('/api/users') && status === 409,
    });
    expect(await page.getByTestId('state-shangzhi').innerText()).toContain('正常');
    await expectClean(page, problems, 'admin-users');

    await page.getByTestId('add-user').click();
    await page.getByTestId('username').fill('shangzhi-2');
    await page.getByTestId('display-name').fill('尚志市统计局');
    await choose(page, 'role', '县(市)');
    await page.getByTestId('region').click();
    await page.keyboard.type('尚志');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '尚志市' })
      .first()
      .click();
    await dropdownsClosed(page);
    await expectClean(page, problems, 'admin-users-add');
    await page.getByTestId('add-ok').click();
    const first = await page.getByTestId('password').innerText();
    expect(first).toMatch(/^[A-Za-z2-9]{16}$/);
    expect(await page.getByTestId('password-shown').innerText()).toContain('只显示这一次');
    await screenshot(page, 'admin-users-password');
    await page
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /^关\s*闭$/ })
      .click();
    await page.getByTestId('state-shangzhi-2').waitFor();

    // The new user signs in with it and is a county user of 尚志市.
    const asNew = await signInWith(ctx, 'shangzhi-2', first);
    expect(asNew.status).toBe(200);
    const me = (await (await asNew.page.request.get(`${ctx.base}/api/session`)).json()) as {
      user: { role: string; region: string };
    };
    expect(me.user).toMatchObject({ role: 'county', region: SHANGZHI });

    // A name that exists: the form says so, nothing is added.
    await page.getByTestId('add-user').click();
    await page.getByTestId('username').fill('shangzhi');
    await choose(page, 'role', '观察者');
    await page.getByTestId('add-ok').click();
    await page.getByText('用户名「shangzhi」已存在').first().waitFor();
    // Chromium logs the refused request (409) as a console error: expected here, and only once.
    const refusedLog = problems.console.filter((m) => m.includes('409'));
    expect(refusedLog).toHaveLength(1);
    problems.console.splice(problems.console.indexOf(refusedLog[0]!), 1);
    await page
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /^取\s*消$/ })
      .click();

    // Reset: a new password, shown once; the old one fails, the new user's session is over.
    await page.getByTestId('reset-shangzhi-2').click();
    await page.getByTestId('reset-ok').click();
    const second = await page.getByTestId('password').innerText();
    expect(second).not.toBe(first);
    expect(await page.getByTestId('password-shown').innerText()).toContain('会话已结束(1 个)');
    await page
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /^关\s*闭$/ })
      .click();
    expect((await asNew.page.request.get(`${ctx.base}/api/session`)).status()).toBe(401);
    await asNew.close();
    const old = await signInWith(ctx, 'shangzhi-2', first);
    expect(old.status).toBe(401);
    await old.close();
    const again = await signInWith(ctx, 'shangzhi-2', second);
    expect(again.status).toBe(200);

    // Disable: confirmed, shown in words; the user's session ends and sign-in is refused.
    await page.getByTestId('disable-shangzhi-2').click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /^停\s*用$/ })
      .click();
    await page.getByTestId('state-shangzhi-2').getByText('已停用').waitFor();
    expect((await again.page.request.get(`${ctx.base}/api/session`)).status()).toBe(401);
    await again.close();
    const refused = await signInWith(ctx, 'shangzhi-2', second);
    expect(refused.status).toBe(401);
    await refused.close();
    // The admin cannot disable themself.
    expect(await page.getByTestId('disable-province').isDisabled()).toBe(true);
    await expectClean(page, problems, 'admin-users-disabled');
    await close();
  }, 240_000);

  for (const path of ['/admin/regions', '/admin/users']) {
    it(`${path} in English shows no Chinese UI text`, async () => {
      const table = path.endsWith('regions') ? 'table-regions' : 'table-users';
      const { page, problems, close } = await open(ctx, 'province', `${path}${SEL}`, 'en', {
        ready: loaded(`[data-testid=${table}]`),
      });
      await expectClean(page, problems, `admin-${path.split('/')[2]}-en`, 'en');
      await close();
    }, 120_000);
  }

  it('other roles are refused and do not see the entries', async () => {
    const { page, problems, close } = await open(ctx, 'harbin', `/admin/users${SEL}`, 'zh', {
      ready: '[role=alert]',
    });
    expect(await page.getByRole('alert').innerText()).toContain('无权查看');
    expect(await page.getByRole('menuitem', { name: /区域属性|用户/ }).count()).toBe(0);
    expect(problems).toEqual({ console: [], failed: [] });
    await close();
  });
});
