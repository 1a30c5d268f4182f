// 催报 and 公布 in Chromium against the demo server (its own database; the tests below run in
// order and build on each other): the province reminds the late counties of 2026-10 from
// /completeness with a note; 尚志市 signs in and sees the notice and the header badge, opens the
// list (who, when, period, due date, note) and so marks it read; 哈尔滨市 downloads the 催报单 of
// its own counties; the province sees what is unapproved in 2026-09, publishes it, and the
// observer then finds the period in the selector. axe-clean, English clean, screenshots.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  apiJson,
  axe,
  chineseUiText,
  expectClean,
  loaded,
  open,
  screenshot,
  settled,
  useWebApp,
  type WebCtx,
} from './browser.js';

const LATE = '?plan=hlj-2026&period=2026-10';
const SEPT = '?plan=hlj-2026&period=2026-09';
const NOTE = '请于本周五前补报';

interface LateAnswer {
  due: string;
  overdue: boolean;
  counties: { region: string; name: string; missing: { name: string; unit: string }[] }[];
}

const openCompleteness = (ctx: WebCtx, user: string, query: string, lang: 'zh' | 'en' = 'zh') =>
  open(ctx, user, `/completeness${query}`, lang, { ready: loaded('[data-testid^="table-"]') });

async function unread(page: Page, ctx: WebCtx): Promise<number> {
  return (await apiJson<{ unread: number }>(page, ctx, '/api/reminders?limit=1')).unread;
}

// Slow under load (each test signs in several users): a generous bound per test.
describe('催报 and 公布 in the browser', { timeout: 180_000 }, () => {
  const ctx = useWebApp();

  it('the province reminds every late county of 2026-10 with a note', async () => {
    const { page, problems, close } = await openCompleteness(ctx, 'province', LATE);
    const late = await apiJson<LateAnswer>(page, ctx, `/api/reminders/late${LATE}`);
    expect(late.counties.length).toBe(67);
    const button = page.getByTestId('remind-open');
    expect(await button.textContent()).toContain('催报逾期县 (67)');
    await button.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('报送截止日期 2026-11-10 已过').waitFor();
    await page.getByTestId('remind-note').fill(NOTE);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'reminders-dialog-zh');
    await dialog.getByRole('button', { name: /发送催报 \(67\)/ }).click();
    await page.getByText('已向 67 个县(市)发送催报').waitFor();
    const sent = await apiJson<{ total: number; items: { note: string; sentBy: string }[] }>(
      page,
      ctx,
      `/api/reminders${LATE}&limit=200`,
    );
    expect(sent.total).toBe(67);
    expect(sent.items.every((r) => r.note === NOTE && r.sentBy === 'province')).toBe(true);
    await expectClean(page, problems, 'reminders-completeness-zh');
    await close();
  });

  it('says beside a 催报 it cannot send why not, as the API answers (2026-11)', async () => {
    const NEXT = '?plan=hlj-2026&period=2026-11';
    const { page, problems, close } = await openCompleteness(ctx, 'province', NEXT);
    const late = await apiJson<LateAnswer>(page, ctx, `/api/reminders/late${NEXT}`);
    const why = !late.overdue
      ? `报送截止日期 ${late.due} 未过,尚无逾期县`
      : late.counties.length === 0
        ? '没有逾期缺报的县'
        : null;
    const button = page.getByTestId('remind-open');
    expect(await button.isDisabled()).toBe(why !== null);
    if (why) expect(await page.getByTestId('remind-why').innerText()).toBe(why);
    else expect(await page.getByTestId('remind-why').count()).toBe(0);
    await expectClean(page, problems);
    await close();
  });

  it('尚志市 sees the notice and the badge at sign-in; opening the list shows who, when, due date and note, and marks it read', async () => {
    const { page, problems, close } = await open(ctx, 'shangzhi', `/ranking${SEPT}`, 'zh', {
      ready: '[data-testid="reminder-badge"]',
    });
    const badge = page.getByTestId('reminder-badge');
    expect(await badge.getAttribute('aria-label')).toBe('催报提醒,1 条未读');
    await page.getByText('您有 1 条未读的催报').waitFor();
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'reminders-badge-zh');
    await badge.click();
    const item = page.getByTestId('reminder-item');
    await item.waitFor();
    const text = await item.textContent();
    expect(text).toContain('2026年1-10月的数据:截止日期 2026-11-10,缺报 16 项');
    expect(text).toContain('催报人:省专班(管理员)');
    expect(text).toContain(`备注:${NOTE}`);
    await expect.poll(() => unread(page, ctx)).toBe(0);
    await expect.poll(() => badge.getAttribute('aria-label')).toBe('催报提醒,0 条未读');
    await expectClean(page, problems, 'reminders-drawer-zh');
    await close();
  });

  it('in English the badge, notice and list leave no Chinese UI text', async () => {
    const { page, problems, close } = await open(ctx, 'shangzhi', `/ranking${SEPT}`, 'en', {
      ready: '[data-testid="reminder-badge"]',
    });
    await page.getByTestId('reminder-badge').click();
    await page.getByTestId('reminder-item').waitFor();
    await settled(page);
    await expectClean(page, problems, 'reminders-drawer-en', 'en');
    await close();
  });

  it('哈尔滨市 downloads the 催报单 of its own late counties', async () => {
    const { page, problems, close } = await openCompleteness(ctx, 'harbin', LATE);
    const late = await apiJson<LateAnswer>(page, ctx, `/api/reminders/late${LATE}`);
    expect(late.counties.length).toBe(9);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('reminder-sheet').click(),
    ]);
    expect(download.suggestedFilename()).toBe('催报单-hlj-2026-2026-10.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('催报单')!;
    expect(String(ws.getCell('A1').value)).toContain('催报单');
    expect(String(ws.getCell('A2').value)).toContain('制表人:哈尔滨市');
    const rows: unknown[][] = [];
    for (let r = 4; r <= ws.rowCount; r++) rows.push((ws.getRow(r).values as unknown[]).slice(1));
    // Every county of Harbin in the plan, with all 16 monthly values missing.
    expect(rows.map((r) => r[2])).toEqual(late.counties.map((c) => c.region));
    expect(rows.every((r) => r[3] === '哈尔滨市' && r[4] === 16 && r[6] === '2026-11-10')).toBe(
      true,
    );
    expect(rows[0]![5]).toBe(
      late.counties[0]!.missing.map((d) => `${d.name}(${d.unit})`).join('、'),
    );
    expect(ws.pageSetup.printTitlesRow).toBe('3:3');
    expect(problems).toEqual({ console: [], failed: [] });
    await close();
  });

  it('the province sees what is unapproved in 2026-09, publishes it, and the observer then finds the period', async () => {
    const observer = await open(ctx, 'observer', '/', 'zh', { ready: '[aria-label="期别"]' });
    const before = await apiJson<{ periods: { period: string }[] }>(
      observer.page,
      ctx,
      '/api/periods?plan=hlj-2026',
    );
    expect(before.periods.map((p) => p.period)).not.toContain('2026-09');
    await observer.close();

    const { page, problems, close } = await openCompleteness(ctx, 'province', SEPT);
    const status = await apiJson<{
      published: boolean;
      counts: Record<string, number>;
      unapproved: { region: string }[];
    }>(page, ctx, `/api/publications${SEPT}`);
    expect(status.published).toBe(false);
    expect(status.unapproved.length).toBeGreaterThan(0);
    await page.getByTestId('publish-open').click();
    const counts = page.getByTestId('publish-counts');
    await counts.waitFor();
    const words: Record<string, string> = {
      approved: '已核定',
      reviewed: '已审核',
      submitted: '已报送',
      draft: '草稿',
      returned: '已退回',
      missing: '缺报',
    };
    const shown = await counts.textContent();
    for (const [k, w] of Object.entries(words)) expect(shown).toContain(`${w} ${status.counts[k]}`);
    await expect
      .poll(() =>
        page
          .locator('[data-testid="publish-unapproved"] tr.ant-table-row')
          .evaluateAll((rs) => rs.map((r) => r.getAttribute('data-row-key'))),
      )
      .toEqual(status.unapproved.map((u) => u.region));
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'publish-dialog-zh');
    await page.getByRole('dialog').getByRole('button', { name: '确认公布' }).click();
    await page.getByTestId('published-tag').waitFor();
    expect(await page.getByTestId('published-tag').textContent()).toContain('省专班(管理员)');
    await expectClean(page, problems, 'publish-done-zh');
    await close();

    const after = await open(ctx, 'observer', `/${SEPT}`, 'zh', { ready: '[aria-label="期别"]' });
    await after.page.locator('[aria-label="期别"]').click();
    await after.page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '2026年1-9月' })
      .first()
      .waitFor();
    expect(after.problems).toEqual({ console: [], failed: [] });
    await after.close();
  });

  it('in English /completeness with its dialogs leaves no Chinese UI text', async () => {
    const { page, problems, close } = await openCompleteness(ctx, 'province', LATE, 'en');
    await page.getByTestId('remind-open').click();
    await page.getByRole('dialog').waitFor();
    await settled(page);
    expect(await chineseUiText(page)).toEqual([]);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'reminders-dialog-en');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByTestId('publish-open').click();
    await page.getByTestId('publish-counts').waitFor();
    await expectClean(page, problems, 'publish-dialog-en', 'en');
    await close();
  });
});
