// The 规划 views (/plans, /plans/:id) in Chromium against the demo server: the observer reads the
// plan list and hlj-2026 with each phrase beside its reading, the category rules in words, the
// tasks and the settings, in Chinese and English, and exports the targets; the province pastes the
// seed's 附件2 table with one unreadable phrase, sees the reason on that line, fixes the cell in
// place, reads again, sees what the save changes in the evaluation and saves.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Evaluation } from '../../web/src/api/types.js';
import { ROOT } from '../helpers.js';
import {
  apiJson,
  axe,
  expectClean,
  exported,
  loaded,
  open,
  screenshot,
  settled,
  useWebApp,
  type Lang,
  type WebCtx,
} from './browser.js';

/** Seed 000 附件1 and 附件2 as the repository keeps it (test/fixtures/tables). */
const COUNTY_TABLE = readFileSync(join(ROOT, 'test/fixtures/tables/hlj-2026-county.tsv'), 'utf8');
const PROVINCE_TABLE = readFileSync(
  join(ROOT, 'test/fixtures/tables/hlj-2026-province.tsv'),
  'utf8',
);

const openPlan = (ctx: WebCtx, user: string, path: string, lang: Lang = 'zh') =>
  open(ctx, user, path, lang, { ready: loaded('[data-testid="plan-targets"]') });

/** The cells of the targets table's rows, as shown. */
const targetRows = (page: import('playwright-core').Page) =>
  page.$$eval('[data-testid="plan-targets"] tr.ant-table-row', (rows) =>
    rows.map((r) =>
      [...r.querySelectorAll(':scope > td')].map((td) => td.textContent?.trim() ?? ''),
    ),
  );

describe('规划 views, reading', () => {
  const ctx = useWebApp();

  it('lists the plans for the observer with their counts and a link to each, no 新建', async () => {
    const { page, problems, close } = await open(ctx, 'observer', '/plans', 'zh', {
      ready: loaded('[data-testid="plans"]'),
    });
    const rows = await page.$$eval('[data-testid="plans"] tr.ant-table-row', (rs) =>
      rs.map((r) => [...r.querySelectorAll(':scope > td')].map((td) => td.textContent?.trim())),
    );
    // The three built-in plans: hlj-2011, hlj-2025, hlj-2026 (ids in order), 31 targets in hlj-2026.
    expect(rows.map((r) => r[1])).toEqual(['hlj-2011', 'hlj-2025', 'hlj-2026']);
    const y2026 = rows.find((r) => r[1] === 'hlj-2026')!;
    expect(y2026[0]).toBe('黑龙江省深化县域经济发展突破年行动方案');
    expect(y2026.slice(3)).toEqual(['2026-05-03', '2026年', '31', '33', '内置']);
    expect(await page.getByRole('button', { name: '新建计划' }).count()).toBe(0);
    await expectClean(page, problems, 'plans-list');
    await page.getByRole('link', { name: '黑龙江省深化县域经济发展突破年行动方案' }).click();
    await page.locator('[data-testid="plan-targets"]').waitFor();
    expect(new URL(page.url()).pathname).toBe('/plans/hlj-2026');
    await close();
  });

  it('shows hlj-2026 to the observer: each phrase beside its reading, scope and department', async () => {
    const { page, problems, close } = await openPlan(ctx, 'observer', '/plans/hlj-2026');
    const rows = await targetRows(page);
    // Columns: 表, 序号, 指标, 范围, 年份, 目标(原文), 程序解读, 属性, 评价部门 (first page of 50).
    expect(rows).toHaveLength(31);
    expect(rows[0]).toEqual([
      '附件1 全省',
      '1',
      '超100亿元县(个)',
      '全省',
      '2026',
      '38',
      '数值不低于38个即为完成',
      '未注明',
      '省发展改革委',
    ]);
    expect(rows[1]!.slice(4, 7)).toEqual(['2030', '50', '数值不低于50个即为完成']);
    const county = rows.find((r) => r[0] === '附件2 各县' && r[2] === '地区生产总值增速(%)')!;
    expect(county.slice(3, 7)).toEqual(['各县', '2026', '5以上', '数值不低于5%即为完成']);
    // The personalised row of 工业县: the phrase cut from the printed sentence, the sentence below.
    const industrial = rows.find((r) => r[3] === '类别:工业县')!;
    expect(industrial[5]).toContain('至少新增3户');
    expect(industrial[5]).toContain('①工业县。至少新增3户规模以上工业企业');
    expect(await page.getByTestId('edit-plan').count()).toBe(0);
    await expectClean(page, problems, 'plan-hlj-2026');

    const sheet = await exported(page, '程序解读');
    expect(sheet.fileName).toBe('计划目标-hlj-2026.xlsx');
    expect(sheet.body).toHaveLength(31);
    expect(sheet.body[0]!.slice(0, 8)).toEqual([
      '附件1 全省',
      1,
      '超100亿元县',
      '个',
      '全省',
      2026,
      '38',
      '数值不低于38个即为完成',
    ]);

    await page.getByRole('tab', { name: /县的类别/ }).click();
    const categories = await page.$$eval('[data-testid="plan-categories"] tr.ant-table-row', (rs) =>
      rs.map((r) => [...r.querySelectorAll(':scope > td')].map((td) => td.textContent?.trim())),
    );
    expect(categories).toEqual([
      ['工业县', '2025年县域工业增加值超过10亿元的县为工业县', '工业县:2025年工业增加值 > 10亿元'],
      ['农业县', '2025年粮食产量20亿斤以上的县为农业县', '农业县:2025年粮食产量 ≥ 20亿斤'],
      [
        '旅游县',
        '有历史文化资源富集区或4A级景区的县为旅游县',
        '旅游县:(有历史文化资源富集区 或 有4A级景区)',
      ],
      ['生态县', '国家级重点生态功能区县为生态县', '生态县:属国家级重点生态功能区'],
    ]);
    await page.getByRole('tab', { name: /重点任务/ }).click();
    await page.locator('[data-testid="plan-tasks"]').waitFor();
    const first = await page
      .locator('[data-testid="plan-tasks"] tr.ant-table-row')
      .first()
      .textContent();
    expect(first).toContain('进一步明确发展方向');
    expect(first).toContain('文件未列明');
    await screenshot(page, 'plan-hlj-2026-tasks');
    await page.getByRole('tab', { name: '评价设置' }).click();
    const settings = await page.getByTestId('plan-settings').textContent();
    expect(settings).toContain('每月数据于次月 10 日前报送');
    expect(settings).toContain('标准化:以目标为准(距目标)');
    expect(await axe(page)).toEqual([]);
    await close();
  });

  it('reads the same in English, with no Chinese UI text outside the data', async () => {
    const { page, problems, close } = await openPlan(ctx, 'observer', '/plans/hlj-2026', 'en');
    const rows = await targetRows(page);
    expect(rows[0]!.slice(0, 8)).toEqual([
      'Annex 1 province',
      '1',
      '超100亿元县(个)',
      'Province',
      '2026',
      '38',
      '数值不低于38个即为完成',
      'not stated',
    ]);
    await expectClean(page, problems, 'plan-hlj-2026-en', 'en');
    for (const tab of [/County categories/, /Key tasks/, 'Evaluation settings']) {
      await page.getByRole('tab', { name: tab }).click();
      await settled(page);
      await expectClean(page, problems, undefined, 'en');
    }
    await close();
  });

  it('offers the province a new plan in English: fields checked in place, a pasted 附件1 read', async () => {
    const { page, problems, close } = await open(ctx, 'province', '/plans?new=1', 'en', {
      ready: '[data-testid="plan-editor"]',
    });
    // Taken id and no title: each field says what is wrong, and nothing is sent.
    await page.getByTestId('meta-id').fill('hlj-2026');
    // The id is checked as it is typed; its message moves the form, so the click waits for it.
    await page.getByText('A plan hlj-2026 exists; open it to change it').waitFor();
    await page.getByTestId('save-plan').click();
    await page.getByText('Enter the Title').waitFor();
    await page.getByTestId('paste-province').fill(PROVINCE_TABLE);
    await page.getByTestId('read-province').click();
    await page.getByTestId('lines-province').waitFor();
    await settled(page);
    // 15 rows, 超100亿元县 with its 2030 goal too: 16 targets.
    expect(await page.getByTestId('summary-province').textContent()).toBe(
      'All read: 16 targets, replacing this table of the plan on saving',
    );
    await expectClean(page, problems, 'plan-new-en', 'en');
    await close();
  });
});

describe('规划 editing by the province', () => {
  const ctx = useWebApp();

  it('offers a phrase without a number to the department: judged by hand, the table reads clean', async () => {
    const pasted = COUNTY_TABLE.replace(/^(2\t第一产业增加值增速\(%\)\t)4以上/m, '$1达到上级要求');
    expect(pasted).toContain('达到上级要求');
    const badLine = pasted.split('\n').findIndex((l) => l.includes('达到上级要求')) + 1;
    const { page, problems, close } = await openPlan(ctx, 'province', '/plans/hlj-2026');
    await page.getByTestId('edit-plan').click();
    await page.getByTestId('plan-editor').waitFor();
    await page.getByTestId('tab-county').click();
    await page.getByTestId('paste-county').fill(pasted);
    await page.getByTestId('read-county').click();
    await page.getByTestId('lines-county').waitFor();
    await settled(page);
    expect(await page.getByTestId('summary-county').textContent()).toBe(
      '读出 15 项目标;1 行无法读取',
    );
    await page.getByTestId(`manual-county-${badLine}`).click();
    await page.getByTestId('summary-county').getByText('全部读出').waitFor();
    const line = await page
      .locator('[data-testid="lines-county"] tr.ant-table-row', {
        has: page.locator(`td:first-child:text-is("${badLine}")`),
      })
      .textContent();
    expect(line).toContain('达到上级要求 → 由责任部门评定(人工评价)');
    await expectClean(page, problems, 'plan-editor-manual');
    await close();
  });

  it('reads a pasted 附件2, names the unreadable phrase, takes the fix in place, previews and saves', async () => {
    // 地区生产总值增速 raised from 5以上 to 6以上; 第一产业增加值增速 made unreadable.
    const pasted = COUNTY_TABLE.replace(
      /^(1\t地区生产总值增速\(%\)\t)5以上/m,
      (_, head: string) => `${head}6以上`,
    ).replace(/^(2\t第一产业增加值增速\(%\)\t)4以上/m, '$1达到上级要求');
    expect(pasted).toContain('6以上');
    expect(pasted).toContain('达到上级要求');
    const badLine = pasted.split('\n').findIndex((l) => l.includes('达到上级要求')) + 1;

    const { page, problems, close } = await openPlan(ctx, 'province', '/plans/hlj-2026');
    await page.getByTestId('edit-plan').click();
    await page.getByTestId('plan-editor').waitFor();
    await page.getByTestId('tab-county').click();
    await page.getByTestId('paste-county').fill(pasted);
    await page.getByTestId('read-county').click();
    await page.getByTestId('lines-county').waitFor();
    await settled(page);
    expect(await page.getByTestId('summary-county').textContent()).toBe(
      '读出 15 项目标;1 行无法读取',
    );
    const bad = page.locator('[data-testid="lines-county"] tr.ant-table-row', {
      has: page.locator(`td:first-child:text-is("${badLine}")`),
    });
    expect(await bad.textContent()).toContain('「达到上级要求」无法解读');
    await bad.scrollIntoViewIfNeeded();
    await expectClean(page, problems, 'plan-editor-problem');

    // Saving now is refused, and says so.
    await page.getByTestId('save-plan').click();
    await page.getByText('还有无法读取的行,修改后才能保存;什么都没有保存。').waitFor();

    // The phrase cell of that line (序号, 主要指标, 2026年目标 …: the third) corrected in place.
    await page.getByTestId(`cell-county-${badLine}-2`).fill('4以上');
    expect(await page.getByTestId('stale-county').textContent()).toContain('请重新读取');
    await page.getByTestId('read-county').click();
    await page.getByTestId('summary-county').getByText('全部读出').waitFor();
    expect(await page.getByTestId('summary-county').textContent()).toBe(
      '全部读出:15 项目标,保存时替换计划中原有的这张表',
    );
    const fixed = await page
      .locator('[data-testid="lines-county"] tr.ant-table-row', {
        has: page.locator(`td:first-child:text-is("${badLine}")`),
      })
      .textContent();
    expect(fixed).toContain('2026 · 4以上 → 数值不低于4%即为完成');

    // What the save changes: every county's 地区生产总值增速 target; the status of those met
    // at 5% or more but below 6% (worked out here from the evaluation the API answers).
    const { latest } = await apiJson<{ latest: string }>(page, ctx, '/api/periods?plan=hlj-2026');
    const ev = await apiJson<Evaluation>(
      page,
      ctx,
      `/api/evaluation?plan=hlj-2026&period=${latest}&indicator=gdp_growth&limit=5000`,
    );
    const countyRows = ev.results.filter((r) => ev.targets[r.target]!.scope === 'all');
    const moved = countyRows.filter(
      (r) => r.status === 'met' && r.value !== null && r.value < 6,
    ).length;
    expect(countyRows.length).toBeGreaterThan(0);
    expect(moved).toBeGreaterThan(0);

    await page.getByTestId('save-plan').click();
    await page.getByTestId('preview').waitFor();
    await settled(page);
    // 不变: every other (county, target) of the period, as many as the evaluation has.
    const countsText = await page.getByTestId('preview-counts').textContent();
    expect(countsText!.replace(/不变 \d+ 处$/, '不变 … 处')).toBe(
      `目标或状态有变化 ${countyRows.length} 处(其中状态变化 ${moved} 处),新增 0 处,不再评价 0 处,不变 … 处`,
    );
    const firstChange = await page
      .locator('[data-testid="preview-changes"] tr.ant-table-row')
      .first()
      .textContent();
    // Those whose status moves come first: 完成 at 5以上, 未完成 at 6以上.
    expect(firstChange).toContain('地区生产总值增速');
    expect(firstChange).toMatch(/5以上\s*完成.*6以上\s*未完成/);
    expect(await axe(page)).toEqual([]);
    await screenshot(page, 'plan-editor-preview');

    await page.getByTestId('confirm-save').click();
    await page.getByText('已保存计划 hlj-2026').waitFor();
    await page.getByTestId('plan-editor').waitFor({ state: 'detached' });
    await settled(page);
    const rows = await targetRows(page);
    const gdp = rows.find((r) => r[0] === '附件2 各县' && r[2] === '地区生产总值增速(%)')!;
    expect(gdp.slice(5, 7)).toEqual(['6以上', '数值不低于6%即为完成']);
    await expectClean(page, problems, 'plan-saved');
    await close();
  }, 180_000);
});
