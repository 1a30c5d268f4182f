// The bulletin (通报) in Chromium against the demo server: the 下载通报 button of the dashboard
// and the 擂台 view downloads the files the API makes (read back here: the docx unzipped, the
// xlsx with ExcelJS), the /bulletins page lists the bulletins stored on publishing as the API
// answers them, the province regenerates one as a new version, and the other roles read only.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Periods } from '../../web/src/api/types.js';
import { fileNameOf } from '../../web/src/api/client.js';
import type { StoredBulletin, StoredBulletins } from '../../web/src/pages/bulletins/types.js';
import {
  apiJson,
  chineseUiText,
  expectClean,
  loaded,
  open,
  settled,
  type WebCtx,
  useWebApp,
} from './browser.js';

const SELECT = 'plan=hlj-2026&period=2026-09';
const TABLE = '[data-testid="bulletins"]';
const STORED = '/bulletins?plan=hlj-2025&period=2025-12';

/** Opens the page's 下载通报 menu, chooses the item named `item`, and answers the download. */
async function downloadBulletin(page: Page, item: RegExp): Promise<Download> {
  await page.getByTestId('bulletin-download').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: item }).click(),
  ]);
  return download;
}

/** The text of a downloaded docx: a zip (PK) whose word/document.xml holds the body. */
async function docxText(download: Download): Promise<string> {
  const bytes = readFileSync(await download.path());
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  // Runs split words across elements: the text is what is left between the tags.
  return xml.replace(/<[^>]+>/g, '');
}

/** An instant as Beijing time shows it, 2026-10-10 09:30, worked out with the ICU time zones. */
function beijing(iso: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

const REASON: Record<StoredBulletin['reason'], string> = {
  publish: '公布时自动生成',
  regenerate: '重新生成',
};

const storedList = (page: Page, ctx: WebCtx) =>
  apiJson<StoredBulletins>(page, ctx, '/api/bulletins/stored?plan=hlj-2025');

const rowOf = (page: Page, b: StoredBulletin) =>
  page.locator(`${TABLE} tr.ant-table-row[data-row-key="${b.id}"]`);

describe('the file name of a download', () => {
  it('is the UTF-8 name of Content-Disposition, else the plain one', () => {
    const name = '县域经济运行情况通报-hlj-2026-2026-09.docx';
    const header = `attachment; filename="bulletin.docx"; filename*=UTF-8''${encodeURIComponent(name)}`;
    expect(fileNameOf(header)).toBe(name);
    expect(fileNameOf('attachment; filename="bulletin.docx"')).toBe('bulletin.docx');
    expect(fileNameOf(null)).toBeNull();
  });
});

describe('bulletins in the web UI', () => {
  const ctx = useWebApp();

  it('the dashboard downloads the province Word bulletin of the period on screen', async () => {
    const { page, problems, close } = await open(ctx, 'province', `/?${SELECT}`, 'zh', {
      ready: '[data-testid="province-targets"]',
    });
    // The file is held until the button has been seen saying it is being made.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route(/\/api\/bulletins\?/, async (route) => {
      await held;
      await route.fallback();
    });
    const button = page.getByTestId('bulletin-download');
    await button.click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: /Word/ }).click();
    await expect.poll(() => button.innerText()).toContain('正在生成通报');
    release();
    const download = await downloading;
    await expect.poll(() => button.innerText()).toContain('下载通报');

    expect(download.suggestedFilename()).toMatch(/通报.*\.docx$/);
    const text = await docxText(download);
    expect(text).toContain('全省县域经济运行情况通报');
    expect(text).toContain('2026年1-9月');
    await expectClean(page, problems);
    await close();
  });

  it('the ranking view downloads the Excel bulletin, with the ranking on a sheet of its own', async () => {
    const { page, problems, close } = await open(ctx, 'province', `/ranking?${SELECT}`, 'zh', {
      ready: (p) =>
        p.locator('[data-testid="ranking-table"] [data-testid="stability"]').first().waitFor(),
    });
    const download = await downloadBulletin(page, /Excel/);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name).some((n) => n.includes('排名'))).toBe(true);
    await expectClean(page, problems);
    await close();
  });

  it('lists for the province the bulletins stored on publishing, as the API answers them', async () => {
    const { page, problems, close } = await open(ctx, 'province', STORED, 'zh', {
      ready: loaded(TABLE),
    });
    const { items } = await storedList(page, ctx);
    // The demo's newest published month of 2025 has its bulletin, as publishing stores it.
    const periods = await apiJson<Periods>(page, ctx, '/api/periods?plan=hlj-2025');
    const newest = periods.periods
      .filter((p) => p.published && p.kind === 'month' && p.period.startsWith('2025-'))
      .map((p) => p.period)
      .sort()
      .pop();
    expect(newest).toBe('2025-12');
    expect(
      items.filter((b) => b.period === newest && b.reason === 'publish' && b.plan === 'hlj-2025'),
    ).toHaveLength(1);

    const shown = items.slice(0, 50);
    await expect.poll(() => page.locator(`${TABLE} tr.ant-table-row`).count()).toBe(shown.length);
    for (const b of shown) {
      const row = rowOf(page, b);
      expect(await row.getByTestId('period').innerText()).toBe(b.periodLabel);
      expect(await row.getByTestId('version').innerText()).toBe(`第${b.version}版`);
      expect(await row.getByTestId('created-at').innerText()).toBe(beijing(b.createdAt));
      expect(await row.getByTestId('reason').innerText()).toBe(REASON[b.reason]);
      expect(await row.getByTestId('synthetic').count()).toBe(b.synthetic ? 1 : 0);
      expect(await row.innerText()).toContain(b.scopeName);
    }
    // The demo's bulletins are made from synthetic data, and say so.
    expect(items.filter((b) => b.reason === 'publish').every((b) => b.synthetic)).toBe(true);
    await expect.poll(() => rowOf(page, shown[0]!).getByText('合成演示数据').count()).toBe(1);
    await expectClean(page, problems, 'bulletins-zh');
    await close();
  });

  it('regenerates a period as a new version and keeps the old one, after a confirmation', async () => {
    const { page, problems, close } = await open(ctx, 'province', STORED, 'zh', {
      ready: loaded(TABLE),
    });
    const before = (await storedList(page, ctx)).items;
    const old = before.find((b) => b.reason === 'publish' && b.period.startsWith('2025-'))!;
    expect(before.filter((b) => b.period === old.period && b.scope === old.scope)).toEqual([old]);

    await rowOf(page, old).getByTestId('regenerate').click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.innerText()).toContain('第2版');
    expect(await dialog.innerText()).toContain('已有的各版不会改变');
    const [created] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith('/api/bulletins/stored') && r.request().method() === 'POST',
      ),
      dialog.getByRole('button', { name: '重新生成' }).click(),
    ]);
    expect(created.status()).toBe(201);
    const made = ((await created.json()) as { item: StoredBulletin }).item;
    expect(made).toMatchObject({ plan: 'hlj-2025', period: old.period, version: 2 });
    expect(made.reason).toBe('regenerate');

    // The list refreshes: the new version with its words, the old one as it was.
    const row = rowOf(page, made);
    await row.waitFor();
    expect(await row.getByTestId('period').innerText()).toBe(old.periodLabel);
    expect(await row.getByTestId('version').innerText()).toBe('第2版');
    expect(await row.getByTestId('reason').innerText()).toBe('重新生成');
    expect(await row.getByTestId('created-at').innerText()).toBe(beijing(made.createdAt));
    expect(await rowOf(page, old).getByTestId('version').innerText()).toBe('第1版');
    expect(await rowOf(page, old).getByTestId('reason').innerText()).toBe('公布时自动生成');
    // 重新生成 is offered on the newest version of the period only.
    expect(await rowOf(page, old).getByTestId('regenerate').count()).toBe(0);
    expect(await row.getByTestId('regenerate').count()).toBe(1);
    const after = (await storedList(page, ctx)).items;
    expect(after.find((b) => b.id === old.id)).toEqual(old);
    expect(after.length).toBe(before.length + 1);

    // The stored version downloads as the bulletin of its period.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('button', { name: 'Word' }).click(),
    ]);
    const text = await docxText(download);
    expect(text).toContain('全省县域经济运行情况通报');
    expect(text).toContain(old.periodLabel);
    await settled(page);
    await expectClean(page, problems);
    await close();
  });

  it('lists the bulletins for the observer, with no regenerate', async () => {
    const { page, problems, close } = await open(ctx, 'observer', STORED, 'zh', {
      ready: loaded(TABLE),
    });
    const { items } = await storedList(page, ctx);
    expect(items.length).toBeGreaterThan(0);
    await expect
      .poll(() => page.locator(`${TABLE} tr.ant-table-row`).count())
      .toBe(Math.min(items.length, 50));
    expect(await page.getByTestId('regenerate').count()).toBe(0);
    expect(await page.getByRole('button', { name: '重新生成' }).count()).toBe(0);
    await expectClean(page, problems);
    await close();
  });

  it('gives a county 通报 but no dashboard, and shows the refusal of an unpublished bulletin', async () => {
    const refused = (url: string, status: number) =>
      status === 403 && url.includes('/api/bulletins?');
    const { page, problems, close } = await open(ctx, 'shangzhi', `/ranking?${SELECT}`, 'zh', {
      ready: '[data-testid="ranking-table"]',
      allow: refused,
    });
    const nav = await page.getByRole('navigation').getByRole('menuitem').allInnerTexts();
    expect(nav).toContain('通报');
    expect(nav).not.toContain('首页');

    // 2026-09 is not published: the province's bulletin is outside the county's sight.
    const answer = await page.request.get(`${ctx.base}/api/bulletins?${SELECT}&format=docx`);
    expect(answer.status()).toBe(403);
    const body = (await answer.json()) as { message?: string; error?: { message: string } };
    const reason = body.message ?? body.error!.message;
    expect(reason).toBeTruthy();
    await page.getByTestId('bulletin-download').click();
    await page.getByRole('menuitem', { name: /Word/ }).click();
    await page.locator('.ant-message').getByText(reason).waitFor();
    // The browser logs the one expected 403 to its console.
    expect({
      ...problems,
      console: problems.console.filter((c) => !c.includes('status of 403')),
    }).toEqual({ console: [], failed: [] });
    await close();
  });

  it('in English, leaves no Chinese UI text on the page and in the menu', async () => {
    const list = await open(ctx, 'province', STORED, 'en', { ready: loaded(TABLE) });
    await expect.poll(() => list.page.getByText('Version 1').count()).toBeGreaterThan(0);
    await expectClean(list.page, list.problems, 'bulletins-en', 'en');
    await list.close();

    const { page, problems, close } = await open(ctx, 'province', `/?${SELECT}`, 'en', {
      ready: '[data-testid="province-targets"]',
    });
    await page.getByTestId('bulletin-download').click();
    const word = page.getByRole('menuitem', { name: 'Word document (.docx)' });
    await word.waitFor();
    expect(await chineseUiText(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await word.waitFor({ state: 'hidden' });
    await expectClean(page, problems, undefined, 'en');
    await close();
  });
});
