import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, leitai, tempDir } from '../helpers.js';
import { MANUAL_PLAN } from '../manual-plan.js';
import { testDb, type TestDb } from '../store/dialects.js';

// `leitai judge`: the responsible department records a manual target's status (人工评定).
describe('leitai judge', () => {
  let t: TestDb;
  const planFile = join(tempDir(), 'manual.json');
  beforeAll(() => {
    t = testDb('sqlite');
    writeFileSync(planFile, JSON.stringify(MANUAL_PLAN));
    const init = leitai('db', 'init', '--db', t.url);
    expect(init.code, init.stderr).toBe(0);
  });
  afterAll(async () => {
    await t.drop();
  });

  const base = (...extra: string[]) => [
    'judge',
    '--db',
    t.url,
    '--plan',
    'manual-test',
    '--plan-file',
    planFile,
    '--indicator',
    'general_budget_revenue',
    '--region',
    '230183',
    '--period',
    '2026',
    ...extra,
  ];
  const finance = ['--as', 'department:省财政厅', '--user', 'finance'];

  it('records the status with its note and evidence, then a revision', () => {
    const first = leitai(
      ...base(...finance, '--status', 'met', '--note', '已完成', '--evidence', '黑财预〔2026〕8号'),
    );
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('尚志市(230183) 财源建设 2026: 完成(第1版)');
    expect(first.stdout).toContain('佐证: 黑财预〔2026〕8号');
    const second = json<{ status: string; revision: number; note: string }>(
      leitai(...base(...finance, '--status', 'not_met', '--note', '复核未达标', '--json')),
    );
    expect(second).toMatchObject({ status: 'not_met', revision: 2, note: '复核未达标' });
  });

  it('the evaluation from the database counts it', () => {
    const ev = json<{ results: { region: string; indicator: string; status: string }[] }>(
      leitai(
        'evaluate',
        '--db',
        t.url,
        '--plan',
        'manual-test',
        '--plan-file',
        planFile,
        '--period',
        '2026',
        '--region',
        '230183',
        '--format',
        'json',
      ),
    );
    const status = (code: string) => ev.results.find((r) => r.indicator === code)?.status;
    expect(status('general_budget_revenue')).toBe('not_met');
    expect(status('new_projects_over_10m')).toBe('no_data');
  });

  it('refuses without a note (exit 2, naming note), and a department not responsible', () => {
    const noNote = leitai(...base(...finance, '--status', 'met'));
    expect(noNote.code).toBe(2);
    expect(noNote.stderr).toContain('note');
    const other = leitai(...base('--as', 'department:省商务厅', '--status', 'met', '--note', 'x'));
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('无权评定');
    const badStatus = leitai(...base(...finance, '--status', 'done', '--note', 'x'));
    expect(badStatus.code).toBe(2);
    expect(badStatus.stderr).toContain('status');
  });
});
