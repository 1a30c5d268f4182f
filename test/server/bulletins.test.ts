// The bulletin API: who may read which bulletin (the evaluation's visibility rule), what the
// document says against the evaluation the API shows, bad input, and the bulletins stored when
// a period is published — each a version that never changes.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { SYNTHETIC_NOTE } from '../../src/core/demo/index.js';
import { formatValue } from '../../src/core/numeric/index.js';
import { tempDir } from '../helpers.js';
import { as, login, useDemoApp } from './setup.js';

/** The paragraphs of a .docx, each its runs' text joined, read from word/document.xml. */
async function docxParagraphs(bytes: Buffer): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map((t) => t[1]!)
      .join('')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'"),
  );
}

const HARBIN = '230100';
const QIQIHAR = '230200';

interface EvalAnswer {
  results: { region: string; value: number | null; gap: number | null; target: number }[];
  targets: { indicator: string; unit: string; scope: string; name: string }[];
  regionNames: Record<string, string>;
}

describe('bulletins', () => {
  const ctx = useDemoApp();
  const get = async (user: string, url: string) =>
    ctx.app.inject({ url, headers: as(await login(ctx.app, user)) });
  const post = async (user: string, url: string, payload: Record<string, unknown>) =>
    ctx.app.inject({ method: 'POST', url, payload, headers: as(await login(ctx.app, user)) });
  const Q = '/api/bulletins?plan=hlj-2026&period=2026-09';

  it('province: a Word document whose analysis states the province values the API shows', async () => {
    const r = await get('province', Q);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('wordprocessingml');
    expect(decodeURIComponent(String(r.headers['content-disposition']))).toContain(
      '全省县域经济运行情况通报',
    );
    const paras = await docxParagraphs(r.rawPayload);
    const text = paras.join('\n');
    expect(paras).toContain('全省县域经济运行情况通报');
    expect(text).toContain('2026年1-9月');
    expect(text).toContain(SYNTHETIC_NOTE);
    const headings = paras.filter((p) => /^[一二三四五六七八九十]、/.test(p));
    expect(headings.map((h) => h.replace(/^.、/, ''))).toEqual([
      '总体情况',
      '擂台赛排名',
      '预警与问题',
      '下一步工作',
    ]);
    expect(text).not.toMatch(/NaN|undefined|null|Infinity/);
    // Each province value the API shows appears as the API's consumers print it.
    const ev = (
      await get('province', `/api/evaluation?plan=hlj-2026&period=2026-09&region=230000&limit=500`)
    ).json() as EvalAnswer;
    const province = ev.results.filter(
      (x) => ev.targets[x.target]!.scope === 'province' && x.value !== null,
    );
    expect(province.length).toBeGreaterThan(3);
    for (const x of province)
      expect(text).toContain(formatValue(x.value, ev.targets[x.target]!.unit));
  });

  it('is refused outside one’s scope before publication, and given after it', async () => {
    for (const u of ['observer', 'shangzhi']) expect((await get(u, Q)).statusCode).toBe(403);
    const refused = await get('harbin', `${Q}&scope=${QIQIHAR}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toMatch(/尚未公布.*齐齐哈尔市\(230200\)/);
    expect((await get('finance', Q)).statusCode).toBe(200);
    // The demo's 2025 months are published: anyone may read that year's bulletins.
    const past = '/api/bulletins?plan=hlj-2025&period=2025-12&format=xlsx';
    for (const u of ['observer', 'shangzhi', 'harbin'])
      expect((await get(u, past)).statusCode).toBe(200);
  });

  it('a prefecture gets its own bulletin, which names none of the other counties', async () => {
    const r = await get('harbin', `${Q}&format=docx`);
    expect(r.statusCode).toBe(200);
    const text = (await docxParagraphs(r.rawPayload)).join('\n');
    expect(text).toContain('哈尔滨市县域经济运行情况通报');
    const regions = (await get('province', '/api/regions')).json() as {
      code: string;
      name: string;
      level: string;
      parent: string | null;
    }[];
    const counties = regions.filter((x) => x.level === 'county');
    const mine = counties.filter((x) => x.parent === HARBIN);
    const others = counties.filter((x) => x.parent !== HARBIN && x.parent?.startsWith('23'));
    expect(mine.some((c) => text.includes(c.name))).toBe(true);
    // Names that are not also part of a Harbin county's name (none are, in Heilongjiang).
    for (const c of others) expect(text, c.name).not.toContain(c.name);
  });

  it('answers bad input with a clear error and a period without data with a plain document', async () => {
    const cases: [string, number, RegExp][] = [
      ['/api/bulletins?plan=nope&period=2026-09', 404, /nope/],
      ['/api/bulletins?plan=hlj-2026&period=2030-01', 400, /不在计划/],
      ['/api/bulletins?plan=hlj-2026&period=2026-09&format=doc', 400, /format/],
      ['/api/bulletins?plan=hlj-2026&period=2026-09&scope=999999', 400, /通报范围/],
      ['/api/bulletins?plan=hlj-2026&period=2026-09&x=1', 400, /additional properties: x/],
    ];
    for (const [url, status, message] of cases) {
      const r = await get('province', url);
      expect([url, r.statusCode]).toEqual([url, status]);
      expect(r.json().message).toMatch(message);
    }
    const empty = await get('province', '/api/bulletins?plan=hlj-2026&period=2026-11');
    expect(empty.statusCode).toBe(200);
    const paras = await docxParagraphs(empty.rawPayload);
    expect(paras.join('\n')).toMatch(/尚无/);
    expect(paras.filter((p) => /^[一二三四]、/.test(p))).toEqual([]);
    expect(paras.join('\n')).not.toMatch(/无数据/);
  });

  it('xlsx: every table of the bulletin on its own sheet; pdf: the same text', async () => {
    const x = await get('province', `${Q}&format=xlsx`);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names[0]).toBe('说明');
    expect(names.length).toBeGreaterThanOrEqual(4);
    expect(names.some((n) => n.includes('排名'))).toBe(true);
    const p = await get('province', `${Q}&format=pdf`);
    expect(p.headers['content-type']).toBe('application/pdf');
    const file = join(tempDir('bulletin-pdf'), 'b.pdf');
    writeFileSync(file, p.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('全省县域经济运行情况通报');
    expect(text).toContain('总体情况');
  });

  it('publishing stores the province bulletin; regenerating adds a version and keeps the first', async () => {
    const before = (await get('province', '/api/bulletins/stored?plan=hlj-2026')).json();
    expect(before.items).toEqual([]);
    // Not yet published: nothing to store.
    const early = await post('province', '/api/bulletins/stored', {
      plan: 'hlj-2026',
      period: '2026-08',
    });
    expect(early.statusCode).toBe(409);
    const pub = await post('province', '/api/publications', { period: '2026-08' });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().bulletins).toEqual([
      expect.objectContaining({ plan: 'hlj-2026', version: 1 }),
    ]);
    const list = (await get('observer', '/api/bulletins/stored?plan=hlj-2026')).json();
    expect(list.items).toEqual([
      expect.objectContaining({
        plan: 'hlj-2026',
        period: '2026-08',
        periodLabel: '2026年1-8月',
        scope: 'province',
        scopeName: '黑龙江省',
        version: 1,
        reason: 'publish',
        createdBy: 'province',
        synthetic: true,
      }),
    ]);
    const id = list.items[0].id as number;
    const first = await docxParagraphs(
      (await get('observer', `/api/bulletins/stored/${id}`)).rawPayload,
    );
    expect(first.join('\n')).toContain('2026年1-8月');
    const again = await post('province', '/api/bulletins/stored', {
      plan: 'hlj-2026',
      period: '2026-08',
    });
    expect(again.statusCode).toBe(201);
    expect(again.json().item).toMatchObject({ version: 2, reason: 'regenerate' });
    expect(
      (await post('observer', '/api/bulletins/stored', { plan: 'hlj-2026', period: '2026-08' }))
        .statusCode,
    ).toBe(403);
    const after = await docxParagraphs(
      (await get('province', `/api/bulletins/stored/${id}`)).rawPayload,
    );
    expect(after).toEqual(first);
    const versions = (await get('province', '/api/bulletins/stored?plan=hlj-2026')).json().items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    // Publishing again stores nothing new.
    expect(
      (await post('province', '/api/publications', { period: '2026-08' })).json().bulletins,
    ).toEqual([]);
  });

  it('the demo comes with the bulletin of its newest published month; unseen ones are not found', async () => {
    const items = (await get('shangzhi', '/api/bulletins/stored?plan=hlj-2025')).json().items;
    expect(items).toEqual([
      expect.objectContaining({ period: '2025-12', reason: 'publish', version: 1 }),
    ]);
    expect((await get('shangzhi', '/api/bulletins/stored/999999')).statusCode).toBe(404);
  });
});
