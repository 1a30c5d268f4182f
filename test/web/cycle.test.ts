// One month's whole cycle in Chromium on a fresh demo database (issue 13 item 8), each step by the
// role that does it, through the pages it uses: the province reminds the late counties and the
// reminder reaches 尚志市's header; 尚志市 fills three values by form, uploads the template with
// one bad cell, sees the report, fixes it, confirms and submits; 哈尔滨市 returns one value with a
// reason and passes the rest; the county corrects it and resubmits; the prefecture passes it;
// 省财政厅 approves its indicator, reads the whole chain in the drawer, and cannot act on others;
// the province approves the rest and publishes the month; the observer then sees the month, the
// county's values and its place in the 擂台. Expected values are the ones typed in here.
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { currentValues } from '../../src/store/observations.js';
import type { EntryAnswer } from '../../web/src/pages/entry/types.js';
import { as, login } from '../server/setup.js';
import {
  apiJson,
  axe,
  expectClean,
  loaded,
  open,
  screenshot,
  settled,
  useWebApp,
  type WebCtx,
} from './browser.js';

const SHANGZHI = '230183';
const PERIOD = '2026-10';
const Q = `?plan=hlj-2026&period=${PERIOD}`;
const ENTRY = `/entry?plan=hlj-2026&region=${SHANGZHI}&period=${PERIOD}`;
/** Typed into the form. */
const BY_FORM: Record<string, string> = {
  gdp: '92.5',
  gdp_growth: '5.6',
  new_projects_over_10m: '9',
};
const RETURN_REASON = '一般公共预算收入与财政快报不符,请核实';

/** The 4xx answers a step provokes on purpose (the browser logs each to its console). */
const expected4xx = (url: string, status: number) =>
  (status === 422 && url.endsWith('/api/imports')) ||
  (status === 403 && url.includes('/api/review/'));

const openEntry = (ctx: WebCtx, user: string) =>
  open(ctx, user, ENTRY, 'zh', { ready: loaded('[data-testid="entry-form"]'), allow: expected4xx });
const openReview = (ctx: WebCtx, user: string) =>
  open(ctx, user, `/review${Q}`, 'zh', { ready: loaded('[data-testid="review-table"]') });

const reviewRows = (page: Page) =>
  page.$$eval('[data-testid="review-table"] tr.ant-table-row', (rows) =>
    rows.map((r) => r.textContent ?? ''),
  );

/** The browser's own log lines for the 4xx answers a step provoked on purpose. */
const dropExpected = (console: string[]) => console.filter((c) => !/status of (422|403)/.test(c));

describe('a month from reminder to publication, role by role', { timeout: 240_000 }, () => {
  const ctx = useWebApp();
  const statuses = async () =>
    new Map(
      (await currentValues(ctx.store, { regions: [SHANGZHI], periods: [PERIOD] })).map((v) => [
        v.indicator,
        { status: v.status, value: v.value },
      ]),
    );
  let entered: Record<string, number> = {};

  it('the province reminds the late counties; the reminder reaches 尚志市’s header', async () => {
    const p = await open(ctx, 'province', `/completeness${Q}`, 'zh', {
      ready: loaded('[data-testid^="table-"]'),
    });
    await p.page.getByTestId('remind-open').click();
    const dialog = p.page.getByRole('dialog');
    await dialog.getByRole('button', { name: /发送催报/ }).click();
    await p.page.getByText(/已向 \d+ 个县\(市\)发送催报/).waitFor();
    await expectClean(p.page, p.problems, 'cycle-1-remind');
    await p.close();

    const c = await openEntry(ctx, 'shangzhi');
    const badge = c.page.getByTestId('reminder-badge');
    await badge.waitFor();
    expect(await badge.getAttribute('aria-label')).toBe('催报提醒,1 条未读');
    await screenshot(c.page, 'cycle-2-county-reminded');
    await c.close();
  });

  it('尚志市 fills three values by form, uploads the rest (one bad cell, then fixed) and submits', async () => {
    const { page, problems, close } = await openEntry(ctx, 'shangzhi');
    for (const [code, v] of Object.entries(BY_FORM))
      await page.getByTestId(`input-${code}`).fill(v);
    await page.getByTestId('entry-save').click();
    await page.locator('.ant-message').getByText('已保存 3 个数值').waitFor();
    await settled(page);

    // The rest from the template: last month's figure, a year-to-date level a tenth higher.
    const a = await apiJson<EntryAnswer>(page, ctx, `/api/entry${ENTRY.slice('/entry'.length)}`);
    const rest = a.rows.filter((r) => !(r.indicator in BY_FORM) && r.previous !== null);
    expect(rest.length).toBeGreaterThan(5);
    entered = Object.fromEntries(
      rest.map((r) => [
        r.indicator,
        r.ytd && r.kind === 'level' ? Math.round(r.previous! * 110) / 100 : r.previous!,
      ]),
    );
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('entry-template').click(),
    ]);
    const template = readFileSync((await download.path())!);
    const workbook = async (values: Record<string, string | number>) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(template as unknown as ArrayBuffer);
      const ws = wb.getWorksheet('填报表')!;
      const codes = ws.getRow(1);
      for (let c = 3; c <= codes.cellCount; c += 2) {
        const code = String(codes.getCell(c).value);
        if (code in values) ws.getRow(6).getCell(c).value = values[code]!;
      }
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const upload = async (buffer: Buffer, shown: string) => {
      await page.getByTestId('entry-file').setInputFiles({
        name: '尚志市-2026-10.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer,
      });
      await page.getByTestId(shown).waitFor();
      await settled(page);
    };
    const bad = Object.keys(entered)[0]!;
    await upload(await workbook({ ...entered, [bad]: '4..5' }), 'upload-problems');
    const report = page.getByTestId('upload-problems');
    await report.getByText('发现 1 个问题,未写入任何数据').waitFor();
    expect(await report.locator('tr.ant-table-row').count()).toBe(1);
    expect(await report.locator('tr.ant-table-row').textContent()).toContain('4..5');
    expect((await statuses()).has(bad)).toBe(false);
    await screenshot(page, 'cycle-3-upload-report');

    await upload(await workbook(entered), 'upload-preview');
    const n = Object.keys(entered).length;
    await page.getByTestId('upload-preview').getByText(`将新增 ${n} 个`).waitFor();
    await page.getByTestId('upload-confirm').click();
    await page.locator('.ant-message').getByText(`已导入:新增 ${n} 个`).waitFor();
    await settled(page);
    await page.getByTestId('entry-submit').click();
    await page
      .locator('.ant-message')
      .getByText(`已报送 ${n + 3} 个数值`)
      .waitFor();
    await settled(page);
    const s = await statuses();
    expect([...s.values()].every((v) => v.status === 'submitted')).toBe(true);
    expect(s.size).toBe(n + 3);
    problems.console = dropExpected(problems.console);
    await expectClean(page, problems, 'cycle-4-submitted');
    await close();
  });

  it('哈尔滨市 returns 一般公共预算收入 with a reason and passes the rest', async () => {
    const { page, problems, close } = await openReview(ctx, 'harbin');
    const row = page.locator('[data-testid="review-table"] tr.ant-table-row', {
      hasText: '一般公共预算收入',
    });
    // The county did not fill 一般公共预算收入 by form: it came from the workbook, or it is absent.
    if ((await row.count()) === 0) throw new Error('一般公共预算收入 was not submitted');
    await row
      .first()
      .getByRole('button', { name: /^退\s*回$/ })
      .click();
    await page.getByTestId('return-reason').fill(RETURN_REASON);
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /退\s*回/ })
      .click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await settled(page);
    await page.locator('[data-testid="review-table"] thead input[type=checkbox]').check();
    await page.getByTestId('act-selected').click();
    await page.locator('.ant-empty').waitFor();
    await settled(page);
    const s = await statuses();
    expect(s.get('general_budget_revenue')?.status).toBe('returned');
    expect(
      [...s]
        .filter(([k]) => k !== 'general_budget_revenue')
        .every(([, v]) => v.status === 'reviewed'),
    ).toBe(true);
    await expectClean(page, problems, 'cycle-5-prefecture-reviewed');
    await close();
  });

  it('尚志市 sees the reason, corrects the value and resubmits; 哈尔滨市 passes it', async () => {
    const { page, problems, close } = await openEntry(ctx, 'shangzhi');
    const status = page.getByTestId('status-general_budget_revenue');
    expect(await status.textContent()).toContain('已退回');
    expect(await page.locator('main').textContent()).toContain(RETURN_REASON);
    await screenshot(page, 'cycle-6-returned');
    const input = page.getByTestId('input-general_budget_revenue');
    if ((await input.count()) === 0)
      await page.getByTestId('change-general_budget_revenue').click();
    await input.fill('4.2');
    await page.getByTestId('entry-save').click();
    await page.locator('.ant-message').getByText('已保存 1 个数值').waitFor();
    await settled(page);
    await page.getByTestId('entry-submit').click();
    await page.locator('.ant-message').getByText('已报送 1 个数值').waitFor();
    await settled(page);
    expect((await statuses()).get('general_budget_revenue')).toEqual({
      status: 'submitted',
      value: 4.2,
    });
    await expectClean(page, problems, 'cycle-6-corrected');
    await close();

    const h = await openReview(ctx, 'harbin');
    expect(await reviewRows(h.page)).toHaveLength(1);
    await h.page
      .locator('[data-testid="review-table"] tr.ant-table-row')
      .getByRole('button', { name: /审核通过|通\s*过/ })
      .click();
    await h.page.locator('.ant-empty').waitFor();
    expect((await statuses()).get('general_budget_revenue')?.status).toBe('reviewed');
    await h.close();
  });

  it('省财政厅 reads the whole chain, approves its indicator and cannot act on others', async () => {
    const { page, problems, close } = await openReview(ctx, 'finance');
    const rows = await reviewRows(page);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.includes('地区生产总值'))).toBe(false);
    await page.getByRole('button', { name: /查看 尚志市 一般公共预算收入 的历史/ }).click();
    const chain = page.getByTestId('history-chain');
    await chain.waitFor();
    await settled(page);
    expect(await chain.textContent()).toMatch(
      /(导入|填报).*尚志市.*报送.*退回.*哈尔滨市.*一般公共预算收入与财政快报不符.*修改.*尚志市.*报送.*审核通过.*哈尔滨市/s,
    );
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'cycle-7-department-history');
    await page.keyboard.press('Escape');
    await page.getByTestId('history').waitFor({ state: 'detached' });
    await page.locator('[data-testid="review-table"] thead input[type=checkbox]').check();
    await page.getByTestId('act-selected').click();
    await page.locator('.ant-empty').waitFor();
    expect((await statuses()).get('general_budget_revenue')?.status).toBe('approved');
    // Another department's indicator is not the finance department's to approve.
    const other = await ctx.app.inject({
      method: 'POST',
      url: '/api/review/approve',
      headers: as(await login(ctx.app, 'finance')),
      payload: { keys: [{ region: SHANGZHI, indicator: 'gdp', period: PERIOD }] },
    });
    expect(other.statusCode).toBe(403);
    expect((await statuses()).get('gdp')?.status).toBe('reviewed');
    await expectClean(page, problems);
    await close();
  });

  it('the province approves the rest, sees what is unapproved and publishes the month', async () => {
    const r = await openReview(ctx, 'province');
    await r.page
      .getByTestId('review-stage')
      .getByText(/待核定/)
      .click();
    await settled(r.page);
    await r.page.locator('[data-testid="review-table"] thead input[type=checkbox]').check();
    await r.page.getByTestId('act-selected').click();
    await r.page.locator('.ant-empty').waitFor();
    expect([...(await statuses()).values()].every((v) => v.status === 'approved')).toBe(true);
    await r.close();

    const { page, problems, close } = await open(ctx, 'province', `/completeness${Q}`, 'zh', {
      ready: loaded('[data-testid^="table-"]'),
    });
    await page.getByTestId('publish-open').click();
    const counts = page.getByTestId('publish-counts');
    await counts.waitFor();
    expect(await counts.textContent()).toContain(`已核定 ${Object.keys(entered).length + 3}`);
    // The unapproved values export to Excel: the other counties' missing values, none of 尚志市.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('dialog')
        .getByRole('button', { name: /导出 Excel/ })
        .click(),
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const rows: string[][] = [];
    wb.worksheets[0]!.eachRow((r) => rows.push((r.values as string[]).slice(1)));
    const head = rows.findIndex((r) => r[0] === '县(市)');
    const body = rows.slice(head + 1);
    expect(body.length).toBeGreaterThan(0);
    expect(body.some((r) => r[0]!.startsWith('尚志市'))).toBe(false);
    expect(new Set(body.map((r) => r[2]))).toEqual(new Set(['缺报']));
    await screenshot(page, 'cycle-8-publish');
    await page.getByRole('dialog').getByRole('button', { name: '确认公布' }).click();
    await page.getByTestId('published-tag').waitFor();
    await expectClean(page, problems, 'cycle-9-published');
    await close();
  });

  it('the observer then sees the month, 尚志市’s values and its place in the 擂台', async () => {
    const { page, problems, close } = await open(
      ctx,
      'observer',
      `/counties/${SHANGZHI}${Q}`,
      'zh',
      { ready: loaded('main table') },
    );
    const periods = await apiJson<{ periods: { period: string }[] }>(
      page,
      ctx,
      '/api/periods?plan=hlj-2026',
    );
    expect(periods.periods.map((p) => p.period)).toContain(PERIOD);
    const obs = await apiJson<{ rows: { indicator: string; value: number }[] }>(
      page,
      ctx,
      `/api/observations?region=${SHANGZHI}&period=${PERIOD}`,
    );
    const seen = new Map(obs.rows.map((o) => [o.indicator, o.value]));
    expect(seen.get('gdp')).toBe(92.5);
    expect(seen.get('gdp_growth')).toBe(5.6);
    expect(seen.get('general_budget_revenue')).toBe(4.2);
    // The profile's targets table: 5.6 against 「5以上」 is met.
    const growth = page.locator('main table tr', { hasText: '地区生产总值增速' }).first();
    expect(await growth.textContent()).toMatch(/5\.6.*完成/);
    await screenshot(page, 'cycle-10-observer-profile');

    await page.goto(`${ctx.base}/ranking${Q}`);
    // The only county with published values of the month is the one ranked, first.
    await page.locator('main').getByText('1 个县参与排名').waitFor();
    await settled(page);
    await screenshot(page, 'cycle-11-observer-ranking');
    const first = page
      .locator('main .ant-table-row, main tr')
      .filter({ hasText: '先进县' })
      .first();
    expect(await first.textContent()).toMatch(/^1.*尚志市/);
    await page.goto(`${ctx.base}/${Q}`);
    await page.locator('main table').waitFor();
    await settled(page);
    // The dashboard's 擂台 tile names the county that now leads.
    expect(await page.locator('main').textContent()).toContain('尚志市');
    expect(await axe(page)).toEqual([]);
    await expectClean(page, problems, 'cycle-12-observer-dashboard');
    await close();
  });
});
