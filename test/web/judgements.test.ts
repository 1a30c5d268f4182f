// 人工评定 in Chromium against the real server: on the indicator view of a manual target, the
// responsible department opens 评定, is stopped without a note, records 基本完成 with a note and
// evidence, and sees the status and note in the table; a department not responsible gets no
// 评定 action; axe finds nothing serious, with the dialog open and after.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { MANUAL_PLAN } from '../manual-plan.js';
import { as, login } from '../server/setup.js';
import { apiJson, axe, chineseUiText, expectClean, open, settled, useWebApp } from './browser.js';

const TABLE = '[data-testid="indicator-table"]';
const SHANGZHI = '230183';
const url = (code: string) => `/indicators/${code}?plan=manual-test&period=2026`;

const row = (page: Page, region: string) =>
  page.locator(`${TABLE} [data-row-key="${region}"]`).first();

describe('manual judgement (人工评定) in the browser', () => {
  const ctx = useWebApp();
  beforeAll(async () => {
    const r = await ctx.app.inject({
      method: 'PUT',
      url: '/api/plans/manual-test',
      headers: as(await login(ctx.app, 'province')),
      payload: MANUAL_PLAN,
    });
    expect(r.statusCode, r.body).toBe(200);
  });

  it('the responsible department records a judgement with a note; it shows in the table', async () => {
    const { page, problems, close } = await open(
      ctx,
      'finance',
      url('general_budget_revenue'),
      'zh',
      { ready: TABLE },
    );
    try {
      // 尚志市 is the plan's first county in code order among the first rows shown.
      const shangzhi = row(page, SHANGZHI);
      await expect.poll(() => shangzhi.innerText()).toContain('尚未评定');
      await shangzhi.getByRole('button', { name: '评定尚志市' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      await expect.poll(() => dialog.innerText()).toContain('人工评定 · 尚志市');
      expect(await axe(page)).toEqual([]);

      // No note: refused here, nothing sent.
      await dialog.getByRole('button', { name: /保存评定/ }).click();
      await expect.poll(() => dialog.getByRole('alert').innerText()).toContain('请填写评定说明');

      await dialog.getByText('基本完成', { exact: true }).click();
      expect(await dialog.getByRole('radio', { name: '基本完成' }).isChecked()).toBe(true);
      await dialog.getByLabel('评定说明').fill('主要任务已完成,个别事项延期');
      await dialog.getByLabel('佐证材料').fill('黑财预〔2026〕8号');
      await dialog.getByRole('button', { name: /保存评定/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await settled(page);

      await expect.poll(() => row(page, SHANGZHI).innerText()).toContain('基本完成');
      expect(await row(page, SHANGZHI).innerText()).toContain('主要任务已完成,个别事项延期');
      await expectClean(page, problems, 'judgement-finance');

      // A second judgement (完成) is the next revision; the record lists both.
      await row(page, SHANGZHI).getByRole('button', { name: '评定尚志市' }).click();
      await dialog.waitFor();
      await dialog.getByText('完成', { exact: true }).click();
      await expect
        .poll(() => dialog.getByRole('radio', { name: '完成', exact: true }).isChecked())
        .toBe(true);
      await dialog.getByLabel('评定说明').fill('补充材料后改为完成');
      await dialog.getByRole('button', { name: /保存评定/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      await settled(page);
      await expect.poll(() => row(page, SHANGZHI).innerText()).toContain('补充材料后改为完成');
      await row(page, SHANGZHI).getByRole('button', { name: '尚志市的评定记录' }).click();
      const record = page.getByTestId('judgement-history');
      await expect.poll(() => record.locator('tbody tr').count()).toBe(2);
      const lines = (await record.locator('tbody tr').allInnerTexts()).map((x) =>
        x.replace(/\s+/g, ' '),
      );
      expect(lines[0]).toContain('基本完成 主要任务已完成,个别事项延期 黑财预〔2026〕8号');
      expect(lines[1]).toContain('基本完成 → 完成 补充材料后改为完成');
      expect(await axe(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await record.waitFor({ state: 'hidden' });

      // The server kept them as audited revisions, the evidence with the first.
      const h = await apiJson<{
        revisions: { newValue: number; reason: string; evidence: string }[];
      }>(
        page,
        ctx,
        `/api/review/history?region=${SHANGZHI}&indicator=general_budget_revenue.judgement&period=2026`,
      );
      // 基本完成 is stored as 1, 完成 as 2.
      expect(h.revisions.map((v) => [v.newValue, v.reason, v.evidence])).toEqual([
        [1, '主要任务已完成,个别事项延期', '黑财预〔2026〕8号'],
        [2, '补充材料后改为完成', null],
      ]);
      expect(problems).toEqual({ console: [], failed: [] });
    } finally {
      await close();
    }
  }, 90_000);

  it('in English: the judgement column and dialog show no Chinese UI text, axe clean', async () => {
    const { page, problems, close } = await open(
      ctx,
      'province',
      url('general_budget_revenue'),
      'en',
      { ready: TABLE },
    );
    try {
      await expect.poll(() => row(page, SHANGZHI).innerText()).toContain('Record');
      await row(page, SHANGZHI).getByRole('button', { name: 'Judge 尚志市' }).click();
      await page.getByRole('dialog').waitFor();
      // The page's own unit headers (数值/差距 with 亿元) are the indicator view's, not this form's.
      const chinese = (await chineseUiText(page)).filter((x) => !/^(Value|Gap) \(/.test(x));
      expect(chinese).toEqual([]);
      await expectClean(page, problems, 'judgement-en');
    } finally {
      await close();
    }
  }, 60_000);

  it('a department not responsible for the target sees the judgement but no 评定 action', async () => {
    const { page, problems, close } = await open(
      ctx,
      'finance',
      url('new_projects_over_10m'),
      'zh',
      {
        ready: TABLE,
      },
    );
    try {
      await expect.poll(() => row(page, SHANGZHI).innerText()).toContain('尚未评定');
      expect(await page.getByRole('button', { name: /^评定/ }).count()).toBe(0);
      await expectClean(page, problems);
    } finally {
      await close();
    }
  }, 60_000);
});
