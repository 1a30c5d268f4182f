import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
});
