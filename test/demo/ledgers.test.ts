// `leitai db init --demo` on a real SQLite file: the synthetic ledgers are there, in range, their
// sums agree with the counties' 产业项目投资 except the one county broken on purpose, and the
// warnings board finds the deliberate late projects and overdue task — all labelled synthetic.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNTHETIC_NOTE } from '../../src/core/demo/note.js';
import { dec } from '../../src/core/numeric/index.js';
import { openStore, type Store } from '../../src/store/db.js';
import { reportsAt } from '../../src/store/projects.js';
import { json, leitai, tempDir } from '../helpers.js';

const MONTHS_2026 = ['01', '02', '03', '04', '05', '06', '07', '08', '09'].map((m) => `2026-${m}`);
const MONTHS_2025 = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map(
  (m) => `2025-${m}`,
);

interface Board {
  synthetic: boolean;
  warnings: { type: string; region: string; message: string; evidence: Record<string, unknown> }[];
}

let dir: string;
let file: string;
let store: Store;
let init: ReturnType<typeof leitai>;

beforeAll(async () => {
  dir = tempDir('leitai-demo-ledgers-');
  file = join(dir, 'demo.db');
  init = leitai('db', 'init', '--db', file, '--demo');
  store = await openStore(file);
}, 120_000);

afterAll(async () => {
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Counties whose Σ completedYtd (万元 → 亿元) is more than 5% off their reported value. */
async function disagreeing(period: string): Promise<string[]> {
  const reports = await reportsAt(store, period);
  const values = await store.db
    .selectFrom('observation')
    .select(['region', 'value'])
    .where('indicator', '=', 'industrial_project_investment')
    .where('period', '=', period)
    .execute();
  const sums = new Map<string, ReturnType<typeof dec>>();
  for (const r of reports) {
    sums.set(r.county, (sums.get(r.county) ?? dec(0)).plus(r.report.completedYtd ?? 0));
  }
  return values
    .filter((v) => sums.has(v.region))
    .filter((v) => {
      const sum = sums.get(v.region)!.div(10000);
      return sum.minus(v.value!).abs().gt(dec(v.value!).times('0.05'));
    })
    .map((v) => v.region);
}

describe('db init --demo: the ledgers', () => {
  it('says what it stored', () => {
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toMatch(/项目月报 \d+ 条、任务进展 \d+ 条、主导工业 67 个县/);
  });

  it('gives each of the 67 counties 10–30 projects, every one synthetic', async () => {
    const sep = await reportsAt(store, '2026-09');
    const per = new Map<string, number>();
    for (const r of sep) per.set(r.county, (per.get(r.county) ?? 0) + 1);
    expect(per.size).toBe(67);
    for (const n of per.values()) {
      expect(n).toBeGreaterThanOrEqual(10);
      expect(n).toBeLessThanOrEqual(30);
    }
    expect(sep.every((r) => r.synthetic)).toBe(true);
    // Last year's months are published, so their reports are approved.
    expect((await reportsAt(store, '2025-12')).every((r) => r.status === 'approved')).toBe(true);
  });

  it('agrees with every county’s 产业项目投资 within 5%, but for one county all through 2026', async () => {
    for (const m of MONTHS_2025) expect(await disagreeing(m), m).toEqual([]);
    const off = await Promise.all(MONTHS_2026.map(disagreeing));
    expect(off[0]).toHaveLength(1);
    for (const o of off) expect(o).toEqual(off[0]);
  });

  it('has 1–2 leading industries per county and task reports, labelled synthetic', async () => {
    const rows = await store.db.selectFrom('leading_industry').selectAll().execute();
    const per = new Map<string, number>();
    for (const r of rows) per.set(r.county, (per.get(r.county) ?? 0) + 1);
    expect(per.size).toBe(67);
    expect([...per.values()].every((n) => n === 1 || n === 2)).toBe(true);
    expect(rows.every((r) => r.synthetic === 1)).toBe(true);
    const tasks = await store.db
      .selectFrom('task_report as t')
      .innerJoin('change_set as c', 'c.id', 't.change_set')
      .select(['t.plan', 'c.synthetic', 'c.source'])
      .execute();
    expect(new Set(tasks.map((t) => t.plan))).toEqual(new Set(['hlj-2011', 'hlj-2026']));
    expect(tasks.every((t) => t.synthetic === 1 && t.source === 'synthetic-demo:seed=2026')).toBe(
      true,
    );
  });

  it('shows the deliberate late projects on the warnings board, naming them', () => {
    const board = json<Board>(
      leitai(
        'warnings',
        '--db',
        file,
        '--plan',
        'hlj-2026',
        '--period',
        '2026-09',
        '--now',
        '2026-09-30',
        '--format',
        'json',
      ),
    );
    expect(board.synthetic).toBe(true);
    const late = board.warnings.filter((w) => w.type === 'project_behind_milestone');
    // Five counties, one project each, 投产 planned 2026-03..06: 3 to 6 whole months late.
    expect(late).toHaveLength(5);
    expect(new Set(late.map((w) => w.region)).size).toBe(5);
    for (const w of late) {
      expect(w.message).toContain(`项目「${String(w.evidence.projectName)}」`);
      expect(w.evidence.milestone).toBe('operate');
      expect(w.evidence.monthsLate).toBeGreaterThanOrEqual(3);
      expect(w.evidence.monthsLate).toBeLessThanOrEqual(6);
    }
  });

  it('shows the deliberately overdue task of the 2011 plan', () => {
    const board = json<Board>(
      leitai(
        'warnings',
        '--db',
        file,
        '--plan',
        'hlj-2011',
        '--period',
        '2026-09',
        '--now',
        '2026-09-30',
        '--format',
        'json',
      ),
    );
    // Its deadline is a month of 2011 and it has no done report (the others of 2011 are done).
    const overdue = board.warnings.filter(
      (w) => w.type === 'task_overdue' && String(w.evidence.dueDate).startsWith('2011-'),
    );
    expect(overdue).toHaveLength(1);
    expect(overdue[0]!.region).toBe('230000');
    expect(overdue[0]!.message).toContain('牵头单位');
  });

  it('puts 项目建设 and 重点任务 in the Word bulletin, under the synthetic label', async () => {
    const out = join(dir, 'bulletin.docx');
    const run = leitai(
      'bulletin',
      '--db',
      file,
      '--plan',
      'hlj-2026',
      '--period',
      '2026-09',
      '--out',
      out,
    );
    expect(run.code, run.stderr).toBe(0);
    const text = (await mammoth.extractRawText({ path: out })).value;
    expect(text).toContain(SYNTHETIC_NOTE);
    const sep = await reportsAt(store, '2026-09');
    const started = sep.filter((r) => 'start' in r.report.actual).length;
    expect(text).toContain('四、项目建设');
    expect(text).toContain(`全省67个县(市)报送重点产业项目${sep.length}个,其中已开工${started}个`);
    // The deliberate ones: 投产 planned before September and not reached.
    const late = sep.filter(
      (r) => r.report.planned.operate! < '2026-09' && !('operate' in r.report.actual),
    );
    expect(late).toHaveLength(5);
    for (const r of late) expect(text).toContain(`${r.report.name}(`);
    expect(text).toContain('五、重点任务');
    expect(text).toContain('计划列出的33项重点任务中');
  }, 120_000);
});
