import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { json, leitai, tempDir } from '../helpers.js';

interface Row {
  region: string;
  indicator: string;
  scope: string;
  phrase: string;
  value: number | null;
  status: string;
  gap: number | null;
  derived: boolean;
  progress?: { projection: number; basis: string; expected: number | null };
}
interface Ev {
  plan: string;
  period: string;
  categories: Record<string, string[]>;
  categoryNotes: { code: string; state: string; note: string }[];
  results: Row[];
  outlook: Row[];
  note?: string;
}

/** `leitai evaluate --plan P --period Q … --format json`, parsed. */
const evaluation = (plan: string, period: string, ...more: string[]) =>
  json<Ev>(leitai('evaluate', '--plan', plan, '--period', period, ...more, '--format', 'json'));

const byIndicator = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.indicator, r]));

describe('leitai evaluate on the published results', () => {
  it('judges the 2025 targets of hlj-2025 against the 2025 results published in hlj-2026', () => {
    const ev = evaluation('hlj-2025', '2025', '--region', '230000');
    expect(ev.results.every((r) => r.region === '230000')).toBe(true);
    const r = byIndicator(ev.results);
    expect(r.counties_gdp_over_100).toMatchObject({
      value: 35,
      status: 'met',
      gap: 0,
      derived: false,
    });
    expect(r.counties_gdp_over_200).toMatchObject({ value: 7, status: 'met' });
    expect(r.gdp_growth).toMatchObject({ value: 4.5, status: 'not_met', gap: -1 });
    expect(r.industry_va_share_of_province).toMatchObject({
      value: 22.6,
      status: 'nearly_met',
      gap: -0.2,
    });
    expect(r.tech_transfers).toMatchObject({ value: 150, status: 'met', gap: 20 });
    expect(r.industrial_project_investment).toMatchObject({ status: 'met', gap: 51.4 });
    expect(r.general_budget_revenue).toMatchObject({ value: 373.4, status: 'not_met', gap: -6.6 });
    expect(r.tax_revenue).toMatchObject({ value: 148.9, status: 'not_met', gap: -6.1 });
    expect(r.loan_growth).toMatchObject({ status: 'not_met' });
    expect(r.gdp).toMatchObject({ value: null, status: 'no_data' });
  });

  it('shows the 2030 goal of 超100亿元县 as progress, not as a 2026 judgement', () => {
    const ev = evaluation('hlj-2026', '2026', '--region', '230000');
    expect(ev.results.find((r) => r.indicator === 'counties_gdp_over_100')?.phrase).toBe('38');
    const goal = ev.outlook.find((r) => r.indicator === 'counties_gdp_over_100');
    expect(goal).toMatchObject({ phrase: '50', value: null });
  });

  it('says category membership is not set while the attributes are unknown', () => {
    const ev = evaluation('hlj-2026', '2026');
    const notes = Object.fromEntries(ev.categoryNotes.map((n) => [n.code, n]));
    expect(notes.tourism?.state).toBe('unset');
    expect(notes.ecological?.state).toBe('unset');
    expect(notes.ecological?.note).toContain('未设定');
    expect(ev.results.some((r) => r.scope === 'category:ecological')).toBe(false);
  });
});

describe('leitai evaluate on the demo data', () => {
  let dir: string;
  let data: string;
  beforeAll(() => {
    dir = tempDir();
    data = join(dir, 'demo.csv');
    const r = leitai('demo', '--seed', '7', '--out', data);
    expect(r.code, r.stderr).toBe(0);
  });

  it('derives the province values and labels the result synthetic', () => {
    const ev = evaluation('hlj-2025', '2025', '--data', data, '--region', '230000');
    expect(ev.note).toContain('合成');
    const r = byIndicator(ev.results);
    expect(r.gdp?.derived).toBe(true);
    expect(r.gdp?.value).not.toBeNull();
    expect(r.industry_va_share_of_gdp?.derived).toBe(true);
    expect(r.general_budget_revenue).toMatchObject({ value: 373.4, derived: false });
  });

  it('computes categories from data and the synthetic attributes, several per county', () => {
    const ev = evaluation('hlj-2026', '2026-09', '--data', data);
    expect(Object.keys(ev.categories)).toHaveLength(67);
    const members = (code: string) =>
      Object.values(ev.categories).filter((c) => c.includes(code)).length;
    for (const code of ['industrial', 'agricultural', 'tourism', 'ecological']) {
      expect(members(code)).toBeGreaterThan(0);
      expect(members(code)).toBeLessThan(67);
    }
    expect(Object.values(ev.categories).some((c) => c.length >= 2)).toBe(true);
    // Personalised targets go to members only.
    for (const row of ev.results.filter((x) => x.scope.startsWith('category:'))) {
      expect(ev.categories[row.region]).toContain(row.scope.slice('category:'.length));
    }
  });

  it('puts named real counties in the categories their own data and attributes call for', () => {
    const ev = evaluation('hlj-2026', '2026', '--data', data);
    const rows = readFileSync(data, 'utf8').split('\n');
    const value = (region: string, indicator: string) => {
      const line = rows.find((l) => l.startsWith(`${region},${indicator},2025,`));
      return Number(line!.split(',')[3]);
    };
    const attrs = readFileSync(join(dir, 'demo.attributes.csv'), 'utf8').split('\n');
    const attr = (region: string) => attrs.find((l) => l.startsWith(`${region},`))!.split(',');
    // 尚志市, 五常市, 漠河市, 依兰县, 杜尔伯特蒙古族自治县
    for (const code of ['230183', '230184', '232701', '230123', '230624']) {
      const [, eco, scenic, heritage] = attr(code);
      const expected = [
        ...(value(code, 'industry_va') > 10 ? ['industrial'] : []),
        ...(value(code, 'grain_output') >= 20 ? ['agricultural'] : []),
        ...(scenic === 'true' || heritage === 'true' ? ['tourism'] : []),
        ...(eco === 'true' ? ['ecological'] : []),
      ];
      expect(ev.categories[code], code).toEqual(expected);
    }
  });

  it('evaluates the whole country with --all-counties', () => {
    const national = join(dir, 'national.csv');
    expect(leitai('demo', '--scale', 'national', '--out', national).code).toBe(0);
    const ev = evaluation('hlj-2026', '2026-09', '--data', national, '--all-counties');
    const counties = Object.keys(ev.categories);
    expect(counties.length).toBeGreaterThan(2700);
    expect(counties.filter((c) => c.startsWith('9')).length).toBeGreaterThan(2700);
    expect(counties).toContain('230183');
  });

  it('judges year-to-date levels by their year-end projection in the year', () => {
    const ev = evaluation('hlj-2026', '2026-09', '--data', data, '--region', '230000');
    const inv = ev.results.find((r) => r.indicator === 'industrial_project_investment');
    expect(inv?.progress?.basis).toBeDefined();
    expect(inv?.progress?.projection).toBeGreaterThan(inv!.value!);
  });

  it('prints a table for people', () => {
    const r = leitai(
      'evaluate',
      '--plan',
      'hlj-2026',
      '--period',
      '2026-09',
      '--data',
      data,
      '--region',
      '230183',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('尚志市');
    expect(r.stdout).toContain('合成演示数据');
  });
});

describe('bad observation files', () => {
  const write = (text: string) => {
    const f = join(tempDir(), 'bad.csv');
    writeFileSync(f, text);
    return f;
  };
  it.each([
    [
      'region,indicator,period,value\n230183,gdp,2025,12.5\n230183,gdp,2025,abc\n',
      '第3行',
      'value',
    ],
    ['region,indicator,period,value\n999999,gdp,2025,1\n', '第2行', 'region'],
    ['region,indicator,period,value\n230183,gpd,2025,1\n', '第2行', 'indicator'],
    ['region,indicator,period,value\n230183,gdp,2025-13,1\n', '第2行', 'period'],
    ['region,indicator,value\n230183,gdp,1\n', '第1行', 'period'],
    [
      '# comment\nregion,indicator,period,value\n230183,gdp,2025,1\n230183,gdp,2025,2\n',
      '第4行',
      'region',
    ],
  ])('%#: names line and column, exit 2', (text, line, column) => {
    const r = leitai('evaluate', '--plan', 'hlj-2026', '--period', '2025', '--data', write(text));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(line);
    expect(r.stderr).toContain(column);
    expect(r.stdout).toBe('');
  });
  it('reads comments, full-width digits and — as missing', () => {
    const f = write(
      '# a note\nregion,indicator,period,value\n230183,gdp_growth,2026,５.２\n230184,gdp_growth,2026,—\n',
    );
    const ev = evaluation('hlj-2026', '2026', '--data', f);
    const rows = ev.results.filter((r) => r.indicator === 'gdp_growth' && r.scope === 'all');
    expect(rows.find((r) => r.region === '230183')).toMatchObject({ value: 5.2, status: 'met' });
    expect(rows.find((r) => r.region === '230184')).toMatchObject({
      value: null,
      status: 'no_data',
    });
  });
  it('an unknown plan or period is bad input', () => {
    expect(leitai('evaluate', '--plan', 'nope', '--period', '2025').code).toBe(2);
    const r = leitai('evaluate', '--plan', 'hlj-2026', '--period', '2025-13');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('2025-13');
  });
});
