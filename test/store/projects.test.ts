import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectReport } from '../../src/core/projects/types.js';
import type { Responsibility } from '../../src/core/review/index.js';
import type { Store } from '../../src/store/db.js';
import {
  actOnReports,
  previewReports,
  projectHistory,
  projectId,
  projectMonths,
  reportsAt,
  writeReports,
} from '../../src/store/projects.js';
import { errorCode } from '../helpers.js';
import { DIALECTS, testDb, type TestDb } from './dialects.js';

const SHANGZHI = '230183';
const HARBIN = '230100';
const report = (name: string, ytd: string, over: Partial<ProjectReport> = {}): ProjectReport => ({
  name,
  company: null,
  county: SHANGZHI,
  industry: '绿色食品',
  type: 'new',
  flags: [],
  totalInvestment: '10000',
  plannedThisYear: '5000',
  completedYtd: ytd,
  planned: { start: '2026-03' },
  actual: {},
  progress: null,
  problems: null,
  leader: null,
  ...over,
});
const opts = { actor: 'importer', at: '2026-10-05T08:00:00Z', source: 'file:ledger.xlsx#abc' };
const responsible: Responsibility = Object.assign(
  (code: string) => (code === 'industrial_project_investment' ? ['省发展改革委'] : []),
  {},
);
const prefectureOf = (r: string) => (r === SHANGZHI ? HARBIN : null);
const actOpts = { at: '2026-10-06T08:00:00Z', responsible, prefectureOf };

describe.each(DIALECTS)('the project ledger store on %s', (dialect) => {
  let t: TestDb;
  let store: Store;
  beforeAll(async () => {
    t = testDb(dialect);
    store = await t.open();
  });
  afterAll(async () => {
    await store.close();
    await t.drop();
  });

  it('gives a project the id county-sha256(name without spaces), across spellings', () => {
    const hex = createHash('sha256').update('生物基材料项目').digest('hex').slice(0, 10);
    expect(projectId(SHANGZHI, '生物基 材料\u3000项目')).toBe(`${SHANGZHI}-${hex}`);
  });

  it('writes a batch once: the same batch again is 0 changes; a change is a new revision', async () => {
    const batch = [report('甲项目', '1000'), report('乙项目', '2000')];
    expect(await previewReports(store, '2026-09', batch)).toEqual({
      created: 2,
      changed: 0,
      unchanged: 0,
      needsReason: [],
    });
    expect(await writeReports(store, '2026-09', batch, opts)).toMatchObject({ created: 2 });
    expect(await writeReports(store, '2026-09', batch, opts)).toMatchObject({
      created: 0,
      changed: 0,
      unchanged: 2,
    });
    // 乙 written with spaces is the same project, its amount changed.
    const again = [report('甲项目', '1000'), report('乙 项目', '2500')];
    expect(await writeReports(store, '2026-09', again, opts)).toMatchObject({
      created: 0,
      changed: 1,
      unchanged: 1,
    });
    const now = await reportsAt(store, '2026-09', [SHANGZHI]);
    expect(now.map((r) => [r.report.name, r.revision, r.status, r.report.completedYtd])).toEqual([
      ['乙 项目', 2, 'draft', '2500'],
      ['甲项目', 1, 'draft', '1000'],
    ]);
  });

  it('writes nothing when one report of the batch is a duplicate', async () => {
    const bad = [report('丙项目', '1'), report('丙项目', '2')];
    expect(await errorCode(writeReports(store, '2026-09', bad, opts))).toBe('IMPORT_INVALID');
    expect((await reportsAt(store, '2026-09')).length).toBe(2);
  });

  it('moves a report through the review chain, one revision each, a return needs a reason', async () => {
    const key = { id: projectId(SHANGZHI, '甲项目'), period: '2026-09' };
    const county = { name: 'sz', role: 'county' as const, region: SHANGZHI };
    const city = { name: 'hrb', role: 'prefecture' as const, region: HARBIN };
    const ndrc = { name: 'fgw', role: 'department' as const, department: '省发展改革委' };
    const finance = { name: 'czt', role: 'department' as const, department: '省财政厅' };
    await actOnReports(store, [key], { ...actOpts, actor: county, action: 'submit' });
    expect(
      await errorCode(actOnReports(store, [key], { ...actOpts, actor: city, action: 'return' })),
    ).toBe('INPUT_INVALID');
    await actOnReports(store, [key], { ...actOpts, actor: city, action: 'review' });
    expect(
      await errorCode(
        actOnReports(store, [key], { ...actOpts, actor: finance, action: 'approve' }),
      ),
    ).toBe('SCOPE_DENIED');
    expect(
      await errorCode(
        actOnReports(store, [key], {
          ...actOpts,
          actor: ndrc,
          action: 'approve',
          expectedRevision: 2,
        }),
      ),
    ).toBe('CONFLICT');
    await actOnReports(store, [key], { ...actOpts, actor: ndrc, action: 'approve' });
    const [months] = [await projectMonths(store, key.id)];
    expect(months.map((m) => [m.period, m.revision, m.status])).toEqual([
      ['2026-09', 4, 'approved'],
    ]);
    // Changing an approved report needs a reason, and sends it back to review.
    const changed = [report('甲项目', '1200')];
    expect(await errorCode(writeReports(store, '2026-09', changed, opts))).toBe('IMPORT_INVALID');
    await writeReports(store, '2026-09', changed, { ...opts, reason: '更正' });
    const history = await projectHistory(store, key.id);
    expect(history.map((h) => [h.revision, h.status, h.action, h.reason])).toEqual([
      [5, 'submitted', 'import', '更正'],
      [4, 'approved', 'approve', null],
      [3, 'reviewed', 'review', null],
      [2, 'submitted', 'submit', null],
      [1, 'draft', 'import', null],
    ]);
    expect(history[0]!.oldBody?.completedYtd).toBe('1000');
    expect(history[0]!.body.completedYtd).toBe('1200');
  });
});
