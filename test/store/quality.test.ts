import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/quality/index.js';
import { responsibility, type Actor } from '../../src/core/review/index.js';
import { loadBuiltinPlans, loadIndicators } from '../../src/io/plans.js';
import { loadRegister } from '../../src/io/regions.js';
import { qualityFor } from '../../src/services/quality.js';
import type { Store } from '../../src/store/db.js';
import { initialise } from '../../src/store/init.js';
import { act, applyValues, currentValues, editValue } from '../../src/store/observations.js';
import { loadPlans } from '../../src/store/plans.js';
import { loadRegisterFrom } from '../../src/store/regions.js';
import { revisionsAfterApproval } from '../../src/store/revisions.js';
import { as, demoApp, login } from '../server/setup.js';
import { cleanUp, DIALECTS, testDb, type TestDb } from './dialects.js';

const register = loadRegister();
const plans = loadBuiltinPlans();
const indicators = loadIndicators();
const responsible = responsibility(plans, indicators);
const prefectureOf = (c: string) => register.get(c)?.parent ?? null;
const AT = '2026-10-12T08:00:00.000Z';
const LATER = '2026-10-20T09:30:00.000Z';

describe.each(DIALECTS)('revisions after approval on %s', (dialect) => {
  let t: TestDb;
  let store: Store;
  beforeAll(async () => {
    t = testDb(dialect);
    store = await t.open();
    await initialise(store, { regions: [...register.regions.values()], plans, at: AT });
  });
  afterAll(() => cleanUp(t, store));

  it('lists each approved value changed since, with the approved and current values, who and why', async () => {
    const v = (region: string, indicator: string, period: string, value: number) => ({
      region,
      indicator,
      period,
      value,
    });
    await applyValues(
      store,
      [
        v('230183', 'gdp', '2026-09', 100),
        v('230183', 'tax_revenue', '2026-09', 3),
        v('230183', 'new_projects_over_10m', '2026-09', 10),
        v('230183', 'gdp', '2026-08', 90),
      ],
      { actor: 'finance', source: 'file:approved.csv', at: AT, status: 'approved' },
    );
    await applyValues(store, [v('230184', 'gdp', '2026-09', 80)], {
      actor: 'wuchang',
      source: 'file:w.csv',
      at: AT,
    });
    const key = { region: '230183', indicator: 'gdp', period: '2026-09' };
    // Revised with a reason, then reviewed and approved again: still a revision after approval,
    // told by the change that moved the value, not by the review steps after it.
    await editValue(store, key, 112.5, { actor: 'shangzhi', at: LATER, reason: '核实后更正' });
    const harbin: Actor = { name: 'harbin', role: 'prefecture', region: '230100' };
    const province: Actor = { name: 'zhuanban', role: 'province' };
    const step = { at: LATER, responsible, prefectureOf };
    await act(store, [key], { ...step, actor: harbin, action: 'review' });
    await act(store, [key], { ...step, actor: province, action: 'approve' });
    // Changed and changed back: nothing to report.
    const taxKey = { region: '230183', indicator: 'tax_revenue', period: '2026-09' };
    await editValue(store, taxKey, 3.1, { actor: 'shangzhi', at: LATER, reason: '笔误' });
    await editValue(store, taxKey, 3, { actor: 'shangzhi', at: LATER, reason: '改回' });
    // A count changed by an import with a reason.
    await applyValues(store, [v('230183', 'new_projects_over_10m', '2026-09', 11)], {
      actor: 'shangzhi',
      source: 'file:fix.csv',
      at: LATER,
      reason: '漏报一个项目',
    });
    // Never approved: edits are not revisions after approval.
    await editValue(store, { region: '230184', indicator: 'gdp', period: '2026-09' }, 85, {
      actor: 'wuchang',
      at: LATER,
    });
    // Another period.
    await editValue(store, { region: '230183', indicator: 'gdp', period: '2026-08' }, 95, {
      actor: 'shangzhi',
      at: LATER,
      reason: '其他月份',
    });

    const list = await revisionsAfterApproval(store, { periods: ['2026-09'] });
    expect(list).toEqual([
      {
        region: '230183',
        indicator: 'gdp',
        period: '2026-09',
        approvedValue: 100,
        approvedRevision: 1,
        approvedAt: AT,
        approvedBy: 'finance',
        value: 112.5,
        revision: 4,
        status: 'approved',
        revisedBy: 'shangzhi',
        revisedAt: LATER,
        reason: '核实后更正',
      },
      {
        region: '230183',
        indicator: 'new_projects_over_10m',
        period: '2026-09',
        approvedValue: 10,
        approvedRevision: 1,
        approvedAt: AT,
        approvedBy: 'finance',
        value: 11,
        revision: 2,
        status: 'submitted',
        revisedBy: 'shangzhi',
        revisedAt: LATER,
        reason: '漏报一个项目',
      },
    ]);
    expect(
      (await revisionsAfterApproval(store, { periods: ['2026-08'] })).map((r) => r.value),
    ).toEqual([95]);
    expect(await revisionsAfterApproval(store, { periods: ['2027-01'] })).toEqual([]);
  });

  it('feeds revision_after_approval through the quality service', async () => {
    const ctx = {
      store,
      register: await loadRegisterFrom(store),
      plans: await loadPlans(store),
      indicators,
      responsible,
    };
    const q = await qualityFor(ctx, {
      period: '2026-09',
      plan: 'hlj-2026',
      checks: ['revision_after_approval'],
    });
    expect(
      q.findings.map((f) => [f.region, f.indicator, f.severity, f.evidence.relativeChange]),
    ).toEqual([
      ['230183', 'gdp', 'warning', 0.125],
      ['230183', 'new_projects_over_10m', 'warning', 0.1],
    ]);
    expect(q.findings[0]!.message).toContain('原因:核实后更正');
  });
});

interface QueueRow {
  region: string;
  indicator: string;
  period: string;
  value: number | null;
  status: string;
  revision: number;
  findings: Finding[];
}

describe.each(DIALECTS)('the review queue shows quality findings on %s', (dialect) => {
  let t: TestDb;
  let store: Store;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = testDb(dialect);
    store = await t.open();
    app = await demoApp(store);
  });
  afterAll(() => cleanUp(t, app, store));

  const queue = async (user: string): Promise<QueueRow[]> => {
    const s = await login(app, user);
    const r = await app.inject({ url: '/api/review/queue?period=2026-09', headers: as(s) });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as QueueRow[];
  };
  const value = async (indicator: string) =>
    (
      await currentValues(store, {
        regions: ['230183'],
        indicators: [indicator],
        periods: ['2026-09'],
      })
    )[0]!.value!;

  it('lists the findings of each value beside it, without other counties’ values for a county', async () => {
    const before = await queue('shangzhi');
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((r) => r.region === '230183' && Array.isArray(r.findings))).toBe(true);
    expect(before.flatMap((r) => r.findings).filter((f) => f.check === 'tax_le_budget')).toEqual(
      [],
    );

    const budget = await value('general_budget_revenue');
    const gdp = await value('gdp');
    const tax = Math.round((budget + 0.09) * 100) / 100;
    const tenfold = Math.round(gdp * 1000) / 100;
    await applyValues(
      store,
      [
        { region: '230183', indicator: 'tax_revenue', period: '2026-09', value: tax },
        { region: '230183', indicator: 'gdp', period: '2026-09', value: tenfold },
      ],
      { actor: 'shangzhi', source: 'user:shangzhi', at: LATER, status: 'draft' },
    );

    const rows = await queue('shangzhi');
    expect(rows.every((r) => Array.isArray(r.findings))).toBe(true);
    const row = (ind: string) => rows.find((r) => r.indicator === ind)!;
    expect(row('tax_revenue')).toMatchObject({ value: tax, status: 'draft', period: '2026-09' });
    const taxChecks = row('tax_revenue').findings.map((f) => f.check);
    expect(taxChecks).toContain('tax_le_budget');
    expect(
      row('tax_revenue').findings.find((f) => f.check === 'tax_le_budget')!.evidence,
    ).toMatchObject({
      value: tax,
      general_budget_revenue: budget,
      difference: 0.09,
    });
    const gdpFindings = row('gdp').findings;
    expect(gdpFindings.map((f) => f.check).sort()).toEqual(['outlier_cross', 'outlier_history']);
    for (const f of gdpFindings) {
      expect(f.evidence).not.toHaveProperty('median');
      expect(f.evidence).not.toHaveProperty('typicalChange');
      expect(f.message).not.toContain('中位数');
      expect(f.message).toContain('稳健z=');
    }
    // The same findings as the province reads them carry the peers' median.
    const full = await qualityFor(
      {
        store,
        register: await loadRegisterFrom(store),
        plans: await loadPlans(store),
        indicators,
        responsible,
      },
      { period: '2026-09' },
    );
    const cross = full.findings.find(
      (f) => f.region === '230183' && f.indicator === 'gdp' && f.check === 'outlier_cross',
    )!;
    expect(cross.evidence.median).toEqual(expect.any(Number));
    expect(cross.message).toContain('中位数');
  });

  it('gives every row of a department’s queue a findings array', async () => {
    const rows = await queue('finance');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => Array.isArray(r.findings))).toBe(true);
  });
});
