import { accessSync, constants } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Bulletin } from '../../core/bulletin/model.js';
import { LeitaiError } from '../../core/errors/index.js';
import { renderHtml } from './html.js';
import { PAGE } from './style.js';

// The PDF is the HTML rendering printed by headless Chromium, not the docx converted by
// LibreOffice: Chromium is already what the UI tests run, the PDF then comes from the same HTML
// as the page a browser shows, and LibreOffice is a ~600 MB install that is not present here.

/** Flags for a headless, offline Chromium, also as root in a container. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** "— 1 —" centred under the text, 4号 宋体 as in the Word document. */
const FOOTER =
  '<div style="width:100%;text-align:center;font-size:14pt;' +
  "font-family:'宋体','SimSun','Noto Serif CJK SC',serif;color:#000\">" +
  '— <span class="pageNumber"></span> —</div>';

function missing(executable: string, reason: string): LeitaiError {
  return new LeitaiError(
    'UNAVAILABLE',
    `生成 PDF 需要 Chromium (${executable}): ${reason}`,
    { path: executable, reason },
    false,
  );
}

async function launch(executable: string) {
  try {
    accessSync(executable, constants.X_OK);
  } catch {
    throw missing(executable, '找不到可执行文件,请安装 Chromium 或设置 LEITAI_CHROMIUM');
  }
  try {
    return await chromium.launch({ executablePath: executable, headless: true, args: ARGS });
  } catch (e) {
    throw missing(executable, `无法启动: ${(e as Error).message.split('\n')[0]}`);
  }
}

export async function renderPdf(b: Bulletin, o: { chromium: string }): Promise<Buffer> {
  const html = renderHtml(b);
  const browser = await launch(o.chromium);
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const m = PAGE.margin;
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: {
        top: `${m.top}mm`,
        bottom: `${m.bottom}mm`,
        left: `${m.left}mm`,
        right: `${m.right}mm`,
      },
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: FOOTER,
      outline: true,
      tagged: true,
    });
  } finally {
    await browser.close();
  }
}
