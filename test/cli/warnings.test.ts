import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WARNING_RULES } from '../../src/core/warnings/index.js';
import { json, leitai, ROOT, tempDir } from '../helpers.js';

interface Warning {
  region: string;
  regionName: string;
  level: 'red' | 'yellow';
  rule: string;
  type: string;
  indicator: string | null;
  message: string;
  evidence: Record<string, unknown>;
}
interface County {
  region: string;
  regionName: string;
  level: 'red' | 'yellow' | 'green';
  red: number;
  yellow: number;
}
interface Result {
  plan: string;
  period: string;
  due: string;
  now: string | null;
  ruleSource: string;
  rules: { id: string }[];
  warnings: Warning[];
  counties: County[];
  notes: string[];
  note?: string;
}

const RANK = { red: 0, yellow: 1, green: 2 };

/** hlj-2026 under another id, with the given settings.warnings. */
function planWith(dir: string, id: string, rules: unknown): string {
  const plan = JSON.parse(readFileSync(join(ROOT, 'plans/hlj-2026.json'), 'utf8')) as {
    id: string;
    settings?: Record<string, unknown>;
  };
  plan.id = id;
  plan.settings = { ...plan.settings, warnings: rules };
  const file = join(dir, `${id}.json`);
  writeFileSync(file, JSON.stringify(plan));
  return file;
}

describe('leitai warnings on the demo data', () => {
  let dir: string;
  let data: string;
  const run = (...args: string[]) =>
    leitai('warnings', '--plan', 'hlj-2026', '--period', '2026-09', '--data', data, ...args);
  beforeAll(() => {
    dir = tempDir();
    data = join(dir, 'demo.csv');
    const r = leitai('demo', '--seed', '7', '--out', data);
    expect(r.code, r.stderr).toBe(0);
  });

  it('gives every county a level, red first, each warning with its rule and numbers', () => {
    const r = json<Result>(run('--now', '2026-10-15', '--format', 'json'));
    expect(r).toMatchObject({ plan: 'hlj-2026', period: '2026-09', due: '2026-10-10' });
    expect(r.ruleSource).toBe('default');
    expect(r.note).toContain('合成');
    expect(r.counties).toHaveLength(67);
    const ranks = r.counties.map((c) => RANK[c.level]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    for (const c of r.counties) {
      const mine = r.warnings.filter((w) => w.region === c.region);
      expect(c.red).toBe(mine.filter((w) => w.level === 'red').length);
      expect(c.yellow).toBe(mine.filter((w) => w.level === 'yellow').length);
    }
    const red = r.counties[0]!;
    expect(red.level).toBe('red');
    // A target warning names the target and the value that missed it.
    const missed = r.warnings.find((w) => w.rule === 'target_not_met')!;
    expect(missed.message).toContain(`目标「${String(missed.evidence.target)}」`);
    expect(missed.message).toMatch(/未完成,差\d/);
    // A county's negative growth is red with the value from the data file.
    const shrink = r.warnings.find((w) => w.rule === 'negative_growth')!;
    const line = readFileSync(data, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${shrink.region},${shrink.indicator},2026-09,`))!;
    expect(Number(line.split(',')[3])).toBeLessThan(0);
    expect(shrink.evidence.value).toBe(Number(line.split(',')[3]));
    expect(shrink.message).toContain('负增长');
    expect(r.notes).toContain('规则「task_overdue」需要任务台账数据,尚未接入,未应用');
  });

  it('prints a board for people, with the synthetic label', () => {
    const r = run('--now', '2026-10-15');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('合成演示数据');
    expect(r.stdout).toMatch(/区划\s+等级\s+规则\s+指标\s+说明/);
    expect(r.stdout).toContain('目标未完成');
    expect(r.stdout).toMatch(/合计: 红色 \d+ 个县/);
  });

  it('filters by level and region, and writes CSV', () => {
    const red = json<Result>(run('--now', '2026-10-15', '--level', 'red', '--format', 'json'));
    expect(red.warnings.length).toBeGreaterThan(0);
    expect(red.warnings.every((w) => w.level === 'red')).toBe(true);
    expect(red.counties.every((c) => c.level === 'red')).toBe(true);
    const one = json<Result>(run('--now', '2026-10-15', '--region', '230183', '--format', 'json'));
    expect(one.counties.map((c) => c.regionName)).toEqual(['尚志市']);
    expect(one.warnings.every((w) => w.region === '230183')).toBe(true);
    const csv = run('--now', '2026-10-15', '--format', 'csv');
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^# /);
    expect(lines[1]).toBe(
      'region,region_name,level,rule,type,indicator,message,value,target,expected,average,due',
    );
  });

  it('lets a plan file set its own rules', () => {
    const file = planWith(dir, 'hlj-2026-w', [
      { id: 'shrinking', name: '负增长', type: 'negative_growth', level: 'yellow' },
    ]);
    const base = json<Result>(run('--now', '2026-10-15', '--format', 'json'));
    const custom = json<Result>(
      leitai(
        'warnings',
        '--plan',
        'hlj-2026-w',
        '--plan-file',
        file,
        '--period',
        '2026-09',
        '--data',
        data,
        '--now',
        '2026-10-15',
        '--format',
        'json',
      ),
    );
    expect(custom.ruleSource).toBe('plan');
    expect(custom.rules.map((x) => x.id)).toEqual(['shrinking']);
    expect(custom.notes).toEqual([]);
    expect(custom.warnings.every((w) => w.rule === 'shrinking' && w.level === 'yellow')).toBe(true);
    expect(custom.counties.some((c) => c.level === 'red')).toBe(false);
    expect(base.counties.filter((c) => c.level === 'red').length).toBeGreaterThan(0);
    // The same negative values fire in both.
    const key = (w: Warning) => `${w.region}|${w.indicator}`;
    expect(custom.warnings.map(key).sort()).toEqual(
      base.warnings
        .filter((w) => w.rule === 'negative_growth')
        .map(key)
        .sort(),
    );
  });

  it('refuses a plan file with a bad rule, naming it (exit 2)', () => {
    const file = planWith(dir, 'hlj-2026-bad', [{ type: 'negative_growth', level: 'orange' }]);
    const r = leitai(
      'warnings',
      '--plan',
      'hlj-2026-bad',
      '--plan-file',
      file,
      '--period',
      '2026-09',
      '--data',
      data,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('PLAN_INVALID');
    expect(r.stderr).toContain('settings.warnings.0.level');
    expect(r.stdout).toBe('');
  });
});

describe('leitai warnings without county data', () => {
  const run = (...args: string[]) =>
    leitai('warnings', '--plan', 'hlj-2026', '--period', '2026-09', '--format', 'json', ...args);

  it('makes every county red for values missing after the due date', () => {
    const r = json<Result>(run('--now', '2026-10-11'));
    expect(r.counties.every((c) => c.level === 'red')).toBe(true);
    const shangzhi = r.warnings.filter(
      (w) => w.region === '230183' && w.rule === 'missing_after_due',
    );
    expect(shangzhi.map((w) => w.indicator)).toContain('gdp_growth');
    expect(shangzhi[0]!.message).toContain('逾期未报(截止 2026-10-10)');
  });

  it('waits for the due date and says so', () => {
    const r = json<Result>(run('--now', '2026-10-10'));
    expect(r.warnings).toEqual([]);
    expect(r.counties.every((c) => c.level === 'green')).toBe(true);
    expect(r.notes.join('\n')).toContain('尚未到期');
  });
});

describe('leitai warnings: bad input exits 2 naming what', () => {
  it.each([
    [['--period', '2026-13', '--now', '2026-10-15'], '2026-13'],
    [['--period', '2026-09', '--now', '2026-02-30'], '--now'],
    [['--period', '2026-09', '--level', 'orange'], '--level'],
    [['--period', '2026-09', '--region', '230100'], '--region'],
    [['--period', '2026-09', '--format', 'xml'], '--format'],
  ])('%#', (args, what) => {
    const r = leitai('warnings', '--plan', 'hlj-2026', ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(what);
    expect(r.stdout).toBe('');
  });

  it('--period is required', () => {
    expect(leitai('warnings', '--plan', 'hlj-2026').code).toBe(2);
  });
});

describe('docs/warnings.md', () => {
  it('shows the default set the program uses', () => {
    const doc = readFileSync(join(ROOT, 'docs/warnings.md'), 'utf8');
    const block = /## The default set[\s\S]*?```json\n([\s\S]*?)```/.exec(doc)![1]!;
    expect(JSON.parse(block)).toEqual(DEFAULT_WARNING_RULES);
  });
});
