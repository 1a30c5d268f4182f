import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { json, leitai, ROOT, tempDir } from '../helpers.js';

// `leitai evaluate` shows each target's 属性 (约束性 / 预期性) when the plan prints it.

interface Row {
  indicator: string;
  scope: string;
  status: string;
  attribute?: string;
}

/** hlj-2025 under another id: GDP growth binding, tax revenue expected, the rest unmarked. */
function planFile(dir: string): string {
  const plan = JSON.parse(readFileSync(join(ROOT, 'plans/hlj-2025.json'), 'utf8')) as {
    id: string;
    targets: { indicator: string; attribute?: string }[];
  };
  plan.id = 'hlj-2025-attr';
  for (const t of plan.targets) {
    if (t.indicator === 'gdp_growth') t.attribute = 'binding';
    if (t.indicator === 'tax_revenue') t.attribute = 'expected';
  }
  const file = join(dir, 'plan.json');
  writeFileSync(file, JSON.stringify(plan));
  return file;
}

describe('leitai evaluate with 约束性 / 预期性 targets', () => {
  let file: string;
  const run = (format: string) =>
    leitai(
      'evaluate',
      '--plan',
      'hlj-2025-attr',
      '--plan-file',
      file,
      '--period',
      '2025',
      '--region',
      '230000',
      '--format',
      format,
    );
  beforeAll(() => {
    file = planFile(tempDir());
  });

  it('prints a 属性 column: 约束性 beside the province GDP growth target (4.5 < 5.5左右: 未完成)', () => {
    const r = run('table');
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[1]).toContain('属性');
    const gdp = lines.find((l) => l.includes('县域地区生产总值增速'))!;
    expect(gdp).toContain('约束性');
    expect(gdp).toContain('未完成');
    expect(lines.find((l) => l.includes('县域税收收入'))).toContain('预期性');
  });

  it('carries the attribute in JSON and in the CSV’s last column', () => {
    const rows = json<{ results: Row[] }>(run('json')).results;
    expect(rows.find((x) => x.indicator === 'gdp_growth')).toMatchObject({
      attribute: 'binding',
      status: 'not_met',
    });
    expect(rows.find((x) => x.indicator === 'tax_revenue')?.attribute).toBe('expected');
    expect(rows.find((x) => x.indicator === 'gdp')?.attribute).toBeUndefined();
    const csv = run('csv').stdout.trim().split('\n');
    expect(csv[0]!.split(',').at(-1)).toBe('attribute');
    expect(
      csv
        .find((l) => l.startsWith('230000,黑龙江省,gdp_growth,'))!
        .split(',')
        .at(-1),
    ).toBe('binding');
  });

  it('prints no 属性 column for a plan without attributes', () => {
    const r = leitai('evaluate', '--plan', 'hlj-2025', '--period', '2025', '--region', '230000');
    expect(r.stdout.split('\n')[1]).not.toContain('属性');
  });
});
