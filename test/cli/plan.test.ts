import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { json, leitai, ROOT, tempDir } from '../helpers.js';

interface PlanJson {
  id: string;
  targets: { indicator: string; phrase: string; reading: string; year: number; scope: unknown }[];
  tasks: unknown[];
  categories: unknown[];
  problems: unknown[];
}

const builtin = (id: string) =>
  JSON.parse(readFileSync(join(ROOT, 'plans', `${id}.json`), 'utf8')) as Record<string, unknown>;

describe('leitai plan', () => {
  it('lists the three built-in plans', () => {
    const list = json<{ id: string }[]>(leitai('plan', 'list', '--json'));
    expect(list.map((p) => p.id)).toEqual(['hlj-2025', 'hlj-2026', 'hlj-2011']);
  });

  it('shows a plan with the reading of every target', () => {
    const p = json<PlanJson>(leitai('plan', 'show', 'hlj-2026', '--json'));
    expect(p.problems).toEqual([]);
    expect(p.tasks).toHaveLength(33);
    expect(p.categories).toHaveLength(4);
    const income = p.targets.find(
      (t) => t.indicator === 'disposable_income_growth' && t.scope === 'all',
    );
    expect(income?.phrase).toBe('高于全省县域GDP增速');
    expect(income?.reading).toContain('高于');
    expect(p.targets.every((t) => t.reading.length > 0)).toBe(true);
    const human = leitai('plan', 'show', 'hlj-2026');
    expect(human.stdout).toContain('超100亿元县');
  });

  it('checks a plan file and prints the reading of each target', () => {
    const r = leitai('plan', 'check', join(ROOT, 'plans/hlj-2025.json'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('5.5左右');
  });

  it('names the file, path and reason of a schema error', () => {
    const plan = builtin('hlj-2026');
    (plan.targets as Record<string, unknown>[])[2]!.year = 'next year';
    const f = join(tempDir(), 'bad-plan.json');
    writeFileSync(f, JSON.stringify(plan));
    const r = leitai('plan', 'check', f);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad-plan.json');
    expect(r.stderr).toContain('targets.2.year');
  });

  it('names the target whose phrase cannot be read', () => {
    const plan = builtin('hlj-2026');
    (plan.targets as Record<string, unknown>[])[4]!.phrase = '力争翻番';
    const f = join(tempDir(), 'phrase.json');
    writeFileSync(f, JSON.stringify(plan));
    const r = leitai('plan', 'check', f);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('targets.4.phrase');
    expect(r.stderr).toContain('翻番');
  });

  it('checks the evaluation settings: weights and warning rules must name what the plan has', () => {
    const plan = builtin('hlj-2026');
    plan.settings = { dueDay: 10, ranking: { sections: { 经济: 2 } } };
    const f = join(tempDir(), 'weights.json');
    writeFileSync(f, JSON.stringify(plan));
    const r = leitai('plan', 'check', f);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('settings.ranking.sections.经济');
    expect(r.stderr).toContain('不是县级目标表中的板块');
    plan.settings = {
      dueDay: 10,
      ranking: { sections: { 财政实力: 2 } },
      warnings: [{ type: 'negative_growth', level: 'red', indicators: ['gdp_growht'] }],
    };
    writeFileSync(f, JSON.stringify(plan));
    const w = leitai('plan', 'check', f);
    expect(w.code).toBe(2);
    expect(w.stderr).toContain('gdp_growht');
    plan.settings = { dueDay: 10, ranking: { sections: { 财政实力: 2 } } };
    writeFileSync(f, JSON.stringify(plan));
    expect(leitai('plan', 'check', f).code).toBe(0);
  });

  it('names the line of a JSON syntax error', () => {
    const f = join(tempDir(), 'broken.json');
    writeFileSync(f, '{\n  "id": "x",\n  "title": \n}\n');
    const r = leitai('plan', 'check', f);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.json:\d+:\d+/);
  });

  it('an unknown plan id is bad input', () => {
    const r = leitai('plan', 'show', 'hlj-1999');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('hlj-1999');
  });

  it('import-table turns a pasted 附件 table into the built-in targets', () => {
    const out = json<{
      targets: { indicator: string; phrase: string; year: number }[];
      problems: unknown[];
    }>(
      leitai(
        'plan',
        'import-table',
        join(ROOT, 'test/fixtures/tables/hlj-2026-province.tsv'),
        '--scope',
        'province',
      ),
    );
    expect(out.problems).toEqual([]);
    const want = (
      builtin('hlj-2026').targets as {
        table: string;
        indicator: string;
        phrase: string;
        year: number;
      }[]
    )
      .filter((t) => t.table === 'province')
      .map((t) => `${t.indicator}|${t.year}|${t.phrase}`)
      .sort();
    expect(out.targets.map((t) => `${t.indicator}|${t.year}|${t.phrase}`).sort()).toEqual(want);
  });

  it('import-table --scope reads the same 附件 table from an .xlsx and a .csv', async () => {
    const tsv = join(ROOT, 'test/fixtures/tables/hlj-2026-province.tsv');
    const lines = readFileSync(tsv, 'utf8').split('\n');
    const dir = tempDir();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('附件1');
    for (const l of lines) ws.addRow(l.split('\t'));
    const xlsx = join(dir, 'province.xlsx');
    await wb.xlsx.writeFile(xlsx);
    const csv = join(dir, 'province.csv');
    const quote = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
    writeFileSync(csv, lines.map((l) => l.split('\t').map(quote).join(',')).join('\n'));
    type Out = {
      targets: { indicator: string; year: number; phrase: string }[];
      problems: unknown[];
    };
    const key = (o: Out) => o.targets.map((t) => `${t.indicator}|${t.year}|${t.phrase}`);
    const want = json<Out>(leitai('plan', 'import-table', tsv, '--scope', 'province'));
    expect(want.targets.length).toBeGreaterThan(10);
    for (const f of [xlsx, csv]) {
      const got = json<Out>(leitai('plan', 'import-table', f, '--scope', 'province'));
      expect(got.problems).toEqual([]);
      expect(key(got)).toEqual(key(want));
    }
  });

  it('import-table lists every row it cannot read, with exit status 2', () => {
    const f = join(tempDir(), 'table.tsv');
    writeFileSync(
      f,
      '序号\t主要指标\t2026年目标\t评价部门\n1\t地区生产总值增速(%)\t5以上\t省发展改革委\n2\t月球基地数量(个)\t3\t省航天局\n',
    );
    const r = leitai('plan', 'import-table', f, '--scope', 'county');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(':3');
    expect(r.stderr).toContain('月球基地数量');
    expect(JSON.parse(r.stdout).targets).toHaveLength(1);
  });

  it('import-table --region writes a whole five-year plan that plan check reads back', () => {
    const out = join(tempDir(), 'county.json');
    const table = join(ROOT, 'test/fixtures/tables/county-five-year.tsv');
    const r = leitai('plan', 'import-table', table, '--region', '230183', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    // The guessed indicators are shown for confirmation, with the manual judgement's place.
    expect(r.stderr).toContain('local_6');
    expect(r.stderr).toMatch(/local_6\s+城镇调查失业率\s+%\s+share\s+越低越好/);
    expect(r.stderr).toContain('county-five-year.tsv:15:4');
    const plan = JSON.parse(readFileSync(out, 'utf8')) as {
      id: string;
      title: string;
      period: unknown;
      indicators: { code: string; guessed: boolean }[];
      targets: { judgement?: string }[];
      region?: string;
      province?: string;
    };
    // A county's plan names its `region` (尚志市), not a province.
    expect([plan.region, plan.province]).toEqual(['230183', undefined]);
    // The title names the region from the register: 230183 is 尚志市.
    expect([plan.id, plan.title, plan.period]).toEqual([
      'plan-230183-2021-2025',
      '尚志市2021—2025年规划主要指标',
      { start: 2021, end: 2025 },
    ]);
    expect(plan.indicators.every((d) => d.guessed)).toBe(true);
    expect(plan.targets.filter((t) => t.judgement === 'manual')).toHaveLength(1);
    const check = json<{ valid: boolean; targets: { phrase: string; reading: string }[] }>(
      leitai('plan', 'check', out, '--json'),
    );
    expect(check.valid).toBe(true);
    // 15 targets: 10 rows, 居民收入 split into 城镇 / 农村, and 4 年均增长 beside an end-year value.
    expect(check.targets).toHaveLength(15);
    expect(check.targets.find((t) => t.phrase === '[30]')?.reading).toContain('30');
  });

  it('import-table --region without --out prints the plan alone on stdout', () => {
    const table = join(ROOT, 'test/fixtures/tables/county-five-year.tsv');
    const plan = json<{ targets: unknown[]; indicators: unknown[] }>(
      leitai('plan', 'import-table', table, '--region', '230183', '--id', 'shangzhi-14'),
    );
    expect(plan.targets).toHaveLength(15);
    expect(plan.indicators).toHaveLength(8);
  });

  it('import-table --region reads an .xlsx with merged cells', async () => {
    const dir = tempDir();
    const file = join(dir, 'district.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表1');
    ws.addRow(['领域', '指标', '2020年', '2025年', '年均增长', '属性']);
    ws.addRow(['经济 (2个)', '地区生产总值(亿元)', 350, 480, 6.5, '预期性']);
    ws.addRow([null, '税收收入(亿元)', 20, 27, null, '预期性']);
    ws.addRow(['生态 (1个)', '森林覆盖率(%)', 43.5, '实现突破', null, '约束性']);
    ws.mergeCells('A2:A3');
    await wb.xlsx.writeFile(file);
    const out = join(dir, 'plan.json');
    const r = leitai(
      'plan',
      'import-table',
      file,
      '--region',
      '230102',
      '--title',
      '道里区十四五',
      '--out',
      out,
    );
    expect(r.code).toBe(0);
    const plan = JSON.parse(readFileSync(out, 'utf8')) as {
      title: string;
      targets: { indicator: string; section: string; phrase: string; judgement?: string }[];
    };
    expect(plan.title).toBe('道里区十四五');
    expect(plan.targets.map((t) => [t.indicator, t.section, t.phrase, t.judgement])).toEqual([
      ['gdp', '经济', '480', undefined],
      ['gdp', '经济', '年均增长6.5', undefined],
      ['tax_revenue', '经济', '27', undefined],
      ['local_1', '生态', '实现突破', 'manual'],
    ]);
    expect(leitai('plan', 'check', out).code).toBe(0);
  });

  it('import-table --region refuses a bad table, naming row and column, and writes nothing', () => {
    const dir = tempDir();
    const table = join(dir, 'bad.tsv');
    writeFileSync(table, '指标\t2020年\t2025年\t备注\n地区生产总值(亿元)\t100\t120\t\n');
    const out = join(dir, 'plan.json');
    const r = leitai('plan', 'import-table', table, '--region', '230183', '--out', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.tsv:1:4(备注)');
    expect(r.stderr).toContain('未知列');
    expect(existsSync(out)).toBe(false);
    const unit = join(dir, 'unit.tsv');
    writeFileSync(unit, '指标\t2020年\t2025年\n地区生产总值(GDP)\t100\t120\n');
    const u = leitai('plan', 'import-table', unit, '--region', '230183', '--out', out);
    expect(u.code).toBe(2);
    expect(u.stderr).toContain('unit.tsv:2:1');
    expect(existsSync(out)).toBe(false);
    // An --id the plan format does not allow: named as the plan's field, nothing written.
    const good = join(ROOT, 'test/fixtures/tables/county-five-year.tsv');
    const id = leitai(
      'plan',
      'import-table',
      good,
      '--region',
      '230183',
      '--id',
      'Bad ID',
      '--out',
      out,
    );
    expect(id.code).toBe(2);
    expect(id.stderr).toContain('county-five-year.tsv(id)');
    expect(existsSync(out)).toBe(false);
    // Not a workbook, though named .xlsx: refused by the xlsx opener, in Chinese.
    const fake = join(dir, 'fake.xlsx');
    writeFileSync(fake, '指标\t2020年\t2025年\n');
    const x = leitai('plan', 'import-table', fake, '--region', '230183', '--out', out);
    expect(x.code).toBe(2);
    expect(x.stderr).toContain('不是 Excel 工作簿');
    expect(existsSync(out)).toBe(false);
  });
});
