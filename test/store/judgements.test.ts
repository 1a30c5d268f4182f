import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responsibility } from '../../src/core/review/index.js';
import { loadIndicators } from '../../src/io/plans.js';
import { loadRegister } from '../../src/io/regions.js';
import { judge } from '../../src/services/judgements.js';
import { evaluationFor } from '../../src/services/reports.js';
import type { Store } from '../../src/store/db.js';
import { judgementNotes } from '../../src/store/judgements.js';
import { auditLog, history } from '../../src/store/observations.js';
import { errorCode } from '../helpers.js';
import { MANUAL_PLAN } from '../manual-plan.js';
import { DIALECTS, testDb, type TestDb } from './dialects.js';

// 人工评定 kept like a value: each judgement a revision of `<code>.judgement`, note and evidence
// with its change set, every earlier one in the history.
const register = loadRegister();
const indicators = loadIndicators();
const plans = [MANUAL_PLAN];
const SHANGZHI = '230183';
const WUCHANG = '230184';
const finance = { name: 'finance', role: 'department' as const, department: '省财政厅' };
const province = { name: 'boss', role: 'province' as const };
const KEY = { region: SHANGZHI, indicator: 'general_budget_revenue.judgement', period: '2026' };

describe.each(DIALECTS)('manual judgements on %s', (dialect) => {
  let t: TestDb;
  let store: Store;
  const ctx = () => ({ store, register, plans, indicators });
  beforeAll(async () => {
    t = testDb(dialect);
    store = await t.open();
  });
  afterAll(async () => {
    await store.close();
    await t.drop();
  });

  it('a judgement and its revision are kept with who, when, old, new, why and evidence', async () => {
    const base = { plan: 'manual-test', indicator: 'general_budget_revenue', period: '2026' };
    const first = await judge(ctx(), finance, {
      ...base,
      region: SHANGZHI,
      status: 'met',
      note: '税源培育目标全部完成',
      evidence: '黑财预〔2026〕8号',
      at: '2026-12-20T08:00:00.000Z',
    });
    expect(first).toMatchObject({ status: 'met', statusLabel: '完成', revision: 1 });
    const second = await judge(ctx(), province, {
      ...base,
      region: SHANGZHI,
      status: 'nearly_met',
      note: '复核后改为基本完成',
      expectedRevision: 1,
      at: '2026-12-21T08:00:00.000Z',
    });
    expect(second.revision).toBe(2);
    const rows = await history(store, KEY);
    expect(
      rows.map((r) => [r.revision, r.old_value && Number(r.old_value), Number(r.value), r.status]),
    ).toEqual([
      [1, null, 2, 'approved'], // 完成 is stored as 2
      [2, 2, 1, 'approved'], // 完成 → 基本完成 (1)
    ]);
    expect(rows.map((r) => [r.actor, r.action, r.reason, r.evidence])).toEqual([
      ['finance', 'judge', '税源培育目标全部完成', '黑财预〔2026〕8号'],
      ['boss', 'judge', '复核后改为基本完成', null],
    ]);
    const audit = await auditLog(store, { region: SHANGZHI, indicator: KEY.indicator });
    expect(audit.map((a) => [a.revision, a.oldValue, a.newValue, a.reason, a.evidence])).toEqual([
      [2, 2, 1, '复核后改为基本完成', null],
      [1, null, 2, '税源培育目标全部完成', '黑财预〔2026〕8号'],
    ]);
  });

  it('a judgement on a revision no longer current is a conflict, and writes nothing', async () => {
    const p = judge(ctx(), finance, {
      plan: 'manual-test',
      indicator: 'general_budget_revenue',
      region: SHANGZHI,
      period: '2026',
      status: 'not_met',
      note: '过时的评定',
      expectedRevision: 1,
      at: '2026-12-22T08:00:00.000Z',
    });
    expect(await errorCode(p)).toBe('CONFLICT');
    expect(await history(store, KEY)).toHaveLength(2);
  });

  it('refuses without a note, a department not responsible, or a target the plan lacks', async () => {
    const base = {
      plan: 'manual-test',
      indicator: 'general_budget_revenue',
      region: WUCHANG,
      period: '2026',
      status: 'met',
      at: '2026-12-20T08:00:00.000Z',
    };
    expect(await errorCode(judge(ctx(), finance, { ...base, note: '  ' }))).toBe('INPUT_INVALID');
    const other = { ...base, indicator: 'new_projects_over_10m', note: '已完成' };
    expect(await errorCode(judge(ctx(), finance, other))).toBe('SCOPE_DENIED');
    const unknown = { ...base, indicator: 'gdp', note: '已完成' };
    expect(await errorCode(judge(ctx(), finance, unknown))).toBe('INPUT_INVALID');
    const county = { ...base, region: '230000', note: '已完成' };
    expect(await errorCode(judge(ctx(), finance, county))).toBe('INPUT_INVALID');
    const wrongYear = { ...base, period: '2027', note: '已完成' };
    expect(await errorCode(judge(ctx(), finance, wrongYear))).toBe('INPUT_INVALID');
    expect(await history(store, { ...KEY, region: WUCHANG })).toEqual([]);
  });

  it('the evaluation counts the recorded status and shows its note; none recorded is 无数据', async () => {
    const notes = await judgementNotes(store, { periods: ['2026'] });
    expect(notes).toEqual([
      expect.objectContaining({ ...KEY, note: '复核后改为基本完成', evidence: null, by: 'boss' }),
    ]);
    const ev = await evaluationFor(
      { store, register, plans, indicators, responsible: responsibility(plans, indicators) },
      { plan: 'manual-test', period: '2026' },
    );
    const row = (region: string, indicator: string) =>
      ev.results.find((r) => r.region === region && r.indicator === indicator)!;
    expect(row(SHANGZHI, 'general_budget_revenue').status).toBe('nearly_met');
    expect(row(SHANGZHI, 'general_budget_revenue').reading).toBe('由责任部门评定(人工评价)');
    expect(row(SHANGZHI, 'general_budget_revenue').judgement).toEqual({
      note: '复核后改为基本完成',
      evidence: null,
      by: 'boss',
      at: '2026-12-21T08:00:00.000Z',
    });
    expect(row(WUCHANG, 'general_budget_revenue').status).toBe('no_data');
    expect(row(SHANGZHI, 'new_projects_over_10m').status).toBe('no_data');
    expect(row('230000', 'tech_transfers').status).toBe('no_data');
  });
});
