// The bulletin's three files read back as a user's tools read them: the docx unzipped and through
// mammoth, the PDF through poppler (pdftotext, pdfinfo, pdffonts), the xlsx through ExcelJS.
// Expected values come from the hand-made fixture, never from the renderers.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Block, Bulletin, BulletinTable, Cell } from '../../src/core/bulletin/model.js';
import { renderBulletin } from '../../src/io/bulletin/index.js';
import { renderHtml } from '../../src/io/bulletin/html.js';
import { errorCode, tempDir } from '../helpers.js';
import {
  EMPTY_SENTENCE,
  emptyBulletin,
  fixtureBulletin,
  levelOf,
  registerCounties,
  scoreOf,
} from './fixture.js';

const SYNTHETIC_WORDS = '合成演示数据';

const blocks = (b: Bulletin): Block[] => b.sections.flatMap((s) => s.blocks);
const tablesOf = (b: Bulletin): BulletinTable[] =>
  blocks(b).flatMap((k) => (k.kind === 'table' ? [k.table] : []));
const paragraphsOf = (b: Bulletin): string[] =>
  blocks(b).flatMap((k) => (k.kind === 'paragraph' ? [k.text] : []));
const subHeadingsOf = (b: Bulletin): string[] =>
  blocks(b).flatMap((k) => (k.kind === 'heading' ? [k.text] : []));

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** A paragraph's text, tabs included. */
function pText(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)]
    .map((m) => (m[1] === undefined ? '\t' : unescapeXml(m[1])))
    .join('');
}

type Part =
  | { kind: 'p'; style: string | null; text: string; image: boolean }
  | { kind: 'table'; rows: { text: string; fill: string | null }[][] };

/** The body's paragraphs and tables, in order. */
function bodyParts(documentXml: string): Part[] {
  const parts: Part[] = [];
  for (const m of documentXml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>|<w:p[ >][\s\S]*?<\/w:p>/g)) {
    const x = m[0];
    if (x.startsWith('<w:tbl>')) {
      const rows = [...x.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) =>
        [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => ({
          text: pText(c[0]),
          fill: /<w:shd [^>]*w:fill="([0-9A-Fa-f]{6})"/.exec(c[0])?.[1]?.toUpperCase() ?? null,
        })),
      );
      parts.push({ kind: 'table', rows });
    } else {
      parts.push({
        kind: 'p',
        style: /<w:pStyle w:val="([^"]+)"/.exec(x)?.[1] ?? null,
        text: pText(x),
        image: x.includes('<w:drawing>'),
      });
    }
  }
  return parts;
}

/** UI.md's colours (web StatusTag), as Word writes a fill. */
const FILL: Record<NonNullable<Cell['status']>, string> = {
  met: '237804',
  nearly_met: 'FAAD14',
  not_met: 'CF1322',
  no_data: '595959',
  not_applicable: 'D9D9D9',
  red: 'CF1322',
  yellow: 'FAAD14',
  green: '237804',
};

/** What the document should hold, in order, worked out from the bulletin by the rules of the brief. */
function expectedParts(b: Bulletin): Part[] {
  const p = (text: string, style: string | null = null, image = false): Part => ({
    kind: 'p',
    style,
    text,
    image,
  });
  const out: Part[] = [p(b.title, 'Title'), p(b.subtitle), p(`${b.issuer}\t${b.dateWords}`)];
  if (b.syntheticNote) out.push(p(b.syntheticNote));
  if (b.empty) return [...out, p(b.empty)];
  for (const s of b.sections) {
    out.push(p(s.heading, 'Heading1'));
    for (const k of s.blocks) {
      if (k.kind === 'paragraph') out.push(p(k.text));
      if (k.kind === 'heading') out.push(p(k.text, k.level === 2 ? 'Heading2' : 'Heading3'));
      if (k.kind === 'chart') out.push(p('', null, true), p(k.chart.caption));
      if (k.kind === 'table') {
        const t = k.table;
        out.push(p(t.caption), {
          kind: 'table',
          rows: [
            t.columns.map((text) => ({ text, fill: 'F0F0F0' })),
            ...t.rows.map((r) =>
              r.map((c) => ({ text: c.text, fill: c.status ? FILL[c.status] : null })),
            ),
          ],
        });
        if (t.note) out.push(p(t.note));
      }
    }
  }
  return out;
}

async function unzip(buf: Buffer): Promise<JSZip> {
  return JSZip.loadAsync(buf);
}

async function entry(zip: JSZip, name: string): Promise<string> {
  const f = zip.file(name);
  if (!f) throw new Error(`no ${name} in the docx`);
  return f.async('string');
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Hundredths rounded half up to one decimal, by integer arithmetic: 9135 → "91.4". */
function tenths(hundredths: number): string {
  const t = Math.floor((hundredths + 5) / 10);
  return `${Math.floor(t / 10)}.${t % 10}`;
}

describe('docx', () => {
  const b = fixtureBulletin({ n: 20 });
  let zip: JSZip;
  let doc: string;
  let raw: string;
  beforeAll(async () => {
    const buf = await renderBulletin(b, 'docx');
    zip = await unzip(buf);
    doc = await entry(zip, 'word/document.xml');
    raw = (await mammoth.extractRawText({ buffer: buf })).value;
  });

  it('has the title, subtitle, issuer and date, headings, paragraphs and tables in order', () => {
    expect(bodyParts(doc)).toEqual(expectedParts(b));
  });

  it('reads as text (mammoth) with every heading and paragraph of the bulletin', () => {
    const lines = raw.split('\n').map((l) => l.trim());
    for (const text of [
      b.title,
      b.subtitle,
      ...b.sections.map((s) => s.heading),
      ...subHeadingsOf(b),
      ...paragraphsOf(b),
      ...tablesOf(b).map((t) => t.caption),
    ])
      expect(lines).toContain(text);
    expect(raw).toContain(b.issuer);
    expect(raw).toContain(b.dateWords);
  });

  it('has both tables with a header row and every row of the fixture, status cells coloured and worded', () => {
    const tables = bodyParts(doc).filter((p) => p.kind === 'table');
    expect(tables).toHaveLength(2);
    const [headline, ranking] = tables as Extract<Part, { kind: 'table' }>[];
    expect(headline!.rows).toHaveLength(1 + 5);
    expect(ranking!.rows).toHaveLength(1 + 20);
    // Table 1, row 3 (县域税收收入): 未完成 on the status red, the word kept.
    expect(headline!.rows[3]![4]).toEqual({ text: '未完成', fill: 'CF1322' });
    expect(headline!.rows[1]![4]).toEqual({ text: '基本完成', fill: 'FAAD14' });
    // Table 2: the first county (red) and the 4th (index 3: 无数据).
    const names = registerCounties().map((c) => c.name);
    expect(ranking!.rows[1]!.map((c) => c.text)).toEqual([
      '1',
      names[0],
      '哈尔滨市',
      '91.35',
      '红色',
    ]);
    expect(ranking!.rows[1]![4]!.fill).toBe('CF1322');
    expect(ranking!.rows[4]![4]).toEqual({ text: '无数据', fill: '595959' });
  });

  it('is A4 with the 公文 margins, 仿宋 body text at 3号 on a fixed 28 pt line', async () => {
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const twips = (mm: number) => Math.floor((mm / 25.4) * 1440);
    const mar = /<w:pgMar ([^>]*)\/>/.exec(doc)![1]!;
    const attr = (n: string) => Number(new RegExp(`w:${n}="(\\d+)"`).exec(mar)![1]);
    expect(attr('top')).toBe(twips(37));
    expect(attr('bottom')).toBe(twips(35));
    expect(attr('left')).toBe(twips(28));
    expect(attr('right')).toBe(twips(26));
    const styles = await entry(zip, 'word/styles.xml');
    const defaults = /<w:docDefaults>[\s\S]*?<\/w:docDefaults>/.exec(styles)![0];
    expect(defaults).toMatch(/w:eastAsia="仿宋"/);
    expect(defaults).toMatch(/<w:sz w:val="32"\/>/); // 16 pt
    expect(defaults).toMatch(/<w:spacing w:line="560" w:lineRule="exact"\/>/);
    expect(styles).toMatch(/w:eastAsia="方正小标宋简体"/);
    expect(styles).toMatch(/w:eastAsia="黑体"/);
    expect(styles).toMatch(/w:eastAsia="楷体"/);
  });

  it('numbers the pages "— n —" in the footer', async () => {
    const footers = Object.keys(zip.files).filter((n) => /^word\/footer\d+\.xml$/.test(n));
    expect(footers.length).toBeGreaterThan(0);
    for (const f of footers) {
      const xml = await entry(zip, f);
      expect(xml).toMatch(/PAGE/);
      expect(pText(xml)).toBe('—  —'); // the number is a field between the dashes
    }
  });

  it('has the two charts as PNG images of some size', async () => {
    const media = Object.keys(zip.files).filter((n) => n.startsWith('word/media/'));
    expect(media).toHaveLength(2);
    for (const m of media) {
      const bytes = await zip.file(m)!.async('nodebuffer');
      expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(bytes.length).toBeGreaterThan(20_000);
    }
  });

  it('carries the synthetic note when synthetic, and no such note otherwise', async () => {
    expect(raw).toContain(b.syntheticNote!);
    const real = await renderBulletin(fixtureBulletin({ n: 20, synthetic: false }), 'docx');
    const text = (await mammoth.extractRawText({ buffer: real })).value;
    expect(text).not.toContain(SYNTHETIC_WORDS);
    expect(text).toContain(b.title);
  });

  it('says so in a line where the province has no county boundaries for the map', async () => {
    const other = fixtureBulletin({ n: 10 });
    const map = blocks(other).find((k) => k.kind === 'chart' && k.chart.kind === 'map');
    if (map?.kind !== 'chart' || map.chart.kind !== 'map') throw new Error('fixture has no map');
    map.chart.province = '650000';
    const z = await unzip(await renderBulletin(other, 'docx'));
    const texts = bodyParts(await entry(z, 'word/document.xml')).map((p) =>
      p.kind === 'p' ? p.text : '',
    );
    expect(texts).toContain('未绘制图2 各县预警等级:本省暂无县级边界数据。');
    expect(Object.keys(z.files).filter((n) => n.startsWith('word/media/'))).toHaveLength(1);
  });
});

describe('charts (in the HTML the PDF prints)', () => {
  const n = 30;
  const b = fixtureBulletin({ n });
  const html = renderHtml(b);
  const counties = registerCounties().slice(0, n);

  it('draws the ranking with every county and its score to one decimal', () => {
    const svg = /<figure class="chart"><svg[\s\S]*?<\/svg>/.exec(html)![0];
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    counties.forEach((c, i) => {
      expect(texts).toContain(c.name);
      expect(texts).toContain(tenths(9135 - 73 * i));
    });
    expect(scoreOf(0)).toBe(91.35);
  });

  it('draws the map with the legend in words, naming the counties in red and yellow', () => {
    const svgs = [...html.matchAll(/<figure class="chart"><svg[\s\S]*?<\/svg>/g)].map((m) => m[0]);
    expect(svgs).toHaveLength(2);
    const texts = [...svgs[1]!.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    for (const w of ['红色预警', '黄色预警', '无预警', '无数据']) expect(texts).toContain(w);
    // The county fills: the status red and amber, one region each at least.
    expect(svgs[1]).toMatch(/fill="#cf1322"/i);
    expect(svgs[1]).toMatch(/fill="#faad14"/i);
    const flagged = counties.filter((_, i) => ['red', 'yellow'].includes(levelOf(i)));
    // Overlapping labels are hidden, so most (not necessarily all) flagged counties are named.
    const named = flagged.filter((c) => texts.includes(c.name));
    expect(named.length).toBeGreaterThanOrEqual(Math.ceil(flagged.length / 2));
    const green = counties.filter((_, i) => levelOf(i) === 'green');
    expect(green.some((c) => texts.includes(c.name))).toBe(false);
  });
});

describe('pdf', () => {
  const b = fixtureBulletin({ n: 20 });
  let dir: string;
  let text: string;
  let flat: string;
  let info: string;
  let fonts: string;
  beforeAll(async () => {
    dir = tempDir('leitai-bulletin-');
    const file = join(dir, 'b.pdf');
    writeFileSync(file, await renderBulletin(b, 'pdf'));
    text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    // Whitespace, line and page breaks and the page numbers out: a paragraph reads whole.
    flat = text.replace(/\s+/g, '').replace(/—\d+—/g, '');
    info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is A4', () => {
    expect(info).toMatch(/Page size:\s+595(\.\d+)? x 842(\.\d+)? pts \(A4\)/);
  });

  it('has the title, headings, paragraphs and table cells in Chinese', () => {
    const strip = (s: string) => s.replace(/\s+/g, '');
    for (const s of [
      b.title,
      b.subtitle,
      b.issuer,
      b.dateWords,
      b.syntheticNote!,
      ...b.sections.map((x) => x.heading),
      ...subHeadingsOf(b),
      ...paragraphsOf(b),
      ...tablesOf(b).map((t) => t.caption),
    ])
      expect(flat).toContain(strip(s));
    // Every row of both tables on one line of the layout, cells in order.
    for (const t of tablesOf(b)) {
      expect(text.split('\n').map(strip)).toContain(t.columns.join(''));
      for (const r of t.rows) {
        const cells = r.map((c) => c.text);
        const line = text.split('\n').find((l) => strip(l) === strip(cells.join('')));
        expect(line, cells.join(' ')).toBeDefined();
      }
    }
  });

  it('embeds its fonts with the text mapped back to Unicode, and numbers the pages', () => {
    // pdffonts: every font embedded, with a ToUnicode map (columns emb, sub, uni). Chromium
    // embeds the CFF-based Noto CJK faces as Type 3 glyph programs, so no names to check.
    const rows = fonts
      .split('\n')
      .slice(2)
      .filter((l) => l.trim() !== '');
    expect(rows.length).toBeGreaterThan(0);
    for (const l of rows) expect(l).toMatch(/\byes\s+(yes|no)\s+yes\s+\d+\s+\d+\s*$/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThan(1);
    const numbers = [...text.replace(/[ \t]+/g, '').matchAll(/^—(\d+)—$/gm)].map((m) =>
      Number(m[1]),
    );
    expect(numbers).toEqual(Array.from({ length: pages }, (_, i) => i + 1));
    expect(flat).not.toMatch(/undefined|NaN/);
  });
});

describe('xlsx', () => {
  const b = fixtureBulletin({ n: 20 });
  const wb = new ExcelJS.Workbook();
  beforeAll(async () => {
    await wb.xlsx.load((await renderBulletin(b, 'xlsx')) as unknown as ArrayBuffer);
  });

  it('has the sheet 说明 and one sheet per table, named as the bulletin says', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明', '主要指标', '擂台赛排名']);
  });

  it('says what it is on 说明: title, period, issuer, date and the synthetic note', () => {
    const ws = wb.getWorksheet('说明')!;
    const values: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => values.push(String(c.value))));
    const all = values.join('\n');
    for (const s of [b.title, b.periodWords, b.issuer, b.dateWords, b.syntheticNote!])
      expect(all).toContain(s);
  });

  it('has the caption, the header row, numbers as numbers with the bulletin decimals, text as text', () => {
    for (const t of tablesOf(b)) {
      const ws = wb.getWorksheet(t.sheet)!;
      expect(ws.getCell(1, 1).value).toBe(t.caption);
      expect(t.columns.map((_, i) => ws.getCell(2, i + 1).value)).toEqual(t.columns);
      t.rows.forEach((r, ri) =>
        r.forEach((c, ci) => {
          const cell = ws.getCell(3 + ri, ci + 1);
          if (c.value === undefined) {
            expect(cell.value).toBe(c.text);
          } else {
            expect(typeof cell.value).toBe('number');
            expect(cell.value).toBe(c.value);
            const places = c.places ?? 0;
            expect(cell.numFmt).toBe(places === 0 ? '0' : `0.${'0'.repeat(places)}`);
          }
        }),
      );
      if (t.note) expect(ws.getCell(3 + t.rows.length, 1).value).toBe(t.note);
    }
    // Spot check against the fixture as typed: 373.4 亿元, a negative gap, a rank.
    const head = wb.getWorksheet('主要指标')!;
    expect(head.getCell(4, 4).value).toBe(373.4);
    expect(head.getCell(5, 6).value).toBe(-11.1);
    expect(wb.getWorksheet('擂台赛排名')!.getCell(22, 1).value).toBe(20);
  });

  it('has no synthetic note for real data', async () => {
    const real = new ExcelJS.Workbook();
    await real.xlsx.load(
      (await renderBulletin(
        fixtureBulletin({ n: 10, synthetic: false }),
        'xlsx',
      )) as unknown as ArrayBuffer,
    );
    const values: string[] = [];
    real.getWorksheet('说明')!.eachRow((row) => row.eachCell((c) => values.push(String(c.value))));
    expect(values.join('')).not.toContain(SYNTHETIC_WORDS);
  });
});

describe('an empty bulletin', () => {
  const b = emptyBulletin();

  it('renders as docx with the title, subtitle, issuer, date and the sentence only', async () => {
    const buf = await renderBulletin(b, 'docx');
    const z = await unzip(buf);
    expect(bodyParts(await entry(z, 'word/document.xml'))).toEqual([
      { kind: 'p', style: 'Title', text: '全省县域经济运行情况通报', image: false },
      { kind: 'p', style: null, text: '(2026年1-9月)', image: false },
      {
        kind: 'p',
        style: null,
        text: '黑龙江省县域经济发展工作专班\t2026年11月30日',
        image: false,
      },
      { kind: 'p', style: null, text: EMPTY_SENTENCE, image: false },
    ]);
    expect(Object.keys(z.files).some((n) => n.startsWith('word/media/'))).toBe(false);
  });

  it('renders as PDF with the sentence', async () => {
    const dir = tempDir('leitai-bulletin-');
    try {
      const file = join(dir, 'e.pdf');
      writeFileSync(file, await renderBulletin(b, 'pdf'));
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text.replace(/\s+/g, '')).toContain(EMPTY_SENTENCE);
      expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('renders as xlsx with 说明 alone, holding the sentence', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderBulletin(b, 'xlsx')) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['说明']);
    const values: string[] = [];
    wb.getWorksheet('说明')!.eachRow((row) => row.eachCell((c) => values.push(String(c.value))));
    expect(values).toContain(EMPTY_SENTENCE);
  });
});

describe('without Chromium', () => {
  it('a PDF fails with a clear error naming the missing program', async () => {
    const p = renderBulletin(fixtureBulletin({ n: 10 }), 'pdf', {
      chromium: '/nonexistent/chromium',
    });
    await expect(p).rejects.toThrow(/生成 PDF 需要 Chromium \(\/nonexistent\/chromium\)/);
    expect(
      await errorCode(
        renderBulletin(emptyBulletin(), 'pdf', { chromium: '/nonexistent/chromium' }),
      ),
    ).toBe('UNAVAILABLE');
  });
});

describe('time', () => {
  it('renders the 67-county docx in about a second or less', async () => {
    const b = fixtureBulletin({ n: 67 });
    const cold = performance.now();
    await renderBulletin(b, 'docx');
    const first = performance.now() - cold;
    const start = performance.now();
    const buf = await renderBulletin(b, 'docx');
    const ms = performance.now() - start;
    console.log(
      `docx, 67 counties: ${ms.toFixed(0)} ms (first in the process ${first.toFixed(0)} ms)`,
    );
    expect(buf.length).toBeGreaterThan(100_000);
    // Generous: the machine's two cores are shared with other test runs.
    expect(ms).toBeLessThan(5_000);
  });
});
