import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/core/demo/index.js';
import { evaluate, periodsNeeded } from '../../src/core/evaluate/index.js';
import { ObservationSet } from '../../src/core/observations/index.js';
import { officialObservations, preparePlan } from '../../src/core/plans/index.js';
import type { Actor } from '../../src/core/review/index.js';
import { withAttributes } from '../../src/core/regions/index.js';
import { loadBuiltinPlans, loadIndicators, findPlan } from '../../src/io/plans.js';
import { loadRegister } from '../../src/io/regions.js';
import type { Store } from '../../src/store/db.js';
import { initialise } from '../../src/store/init.js';
import {
  act,
  applyValues,
  auditLog,
  currentValues,
  editValue,
  history,
} from '../../src/store/observations.js';
import { loadPlans, planFlags, savePlan } from '../../src/store/plans.js';
import { loadRegisterFrom } from '../../src/store/regions.js';
import { responsibility } from '../../src/core/review/index.js';
import { errorCode } from '../helpers.js';
import { cleanUp, DIALECTS, testDb, type TestDb } from './dialects.js';

const register = loadRegister();
const plans = loadBuiltinPlans();
const indicators = loadIndicators();
const demo = generateDemo({ seed: 11, scale: 'province', register, indicators });
const AT = '2026-10-05T08:00:00.000Z';
const responsible = responsibility(plans, indicators);
const prefectureOf = (c: string) => register.get(c)?.parent ?? null;

const code = errorCode;

describe.each(DIALECTS)('store on %s', (dialect) => {
  let t: TestDb;
  let store: Store;
  beforeAll(async () => {
    t = testDb(dialect);
    store = await t.open();
  });
  afterAll(() => cleanUp(t, store));

  it('initialises from empty, and a second run changes nothing', async () => {
    const first = await initialise(store, {
      regions: [...register.regions.values()],
      plans,
      at: AT,
      demo,
    });
    expect(first.regionsAdded).toBe(135);
    expect(first.plansWritten).toBe(3);
    expect(first.officialValues).toBeGreaterThan(30);
    expect(first.demoValues).toBe(demo.observations.length);
    const again = await initialise(store, {
      regions: [...register.regions.values()],
      plans,
      at: AT,
      demo,
    });
    expect(again).toEqual({
      regionsAdded: 0,
      plansWritten: 0,
      officialValues: 0,
      demoValues: 0,
      attributesChanged: 0,
    });
    expect((await loadPlans(store)).map((p) => p.id).sort()).toEqual([
      'hlj-2011',
      'hlj-2025',
      'hlj-2026',
    ]);
    // Reopening runs no migration twice.
    const reopened = await t.open();
    expect((await loadRegisterFrom(reopened)).regions.size).toBe(135);
    await reopened.close();
  });

  it('keeps a built-in plan a user has edited when the shipped plans are saved again', async () => {
    const shipped = findPlan(plans, 'hlj-2025');
    const edited = { ...shipped, title: `${shipped.title}(省专班修订)` };
    expect(await savePlan(store, edited, { builtin: false, at: AT })).toBe(true);
    const again = await initialise(store, { regions: [], plans, at: AT });
    expect(again.plansWritten).toBe(0);
    const kept = (await loadPlans(store)).find((p) => p.id === 'hlj-2025');
    expect(kept?.title).toBe(edited.title);
    expect((await planFlags(store)).get('hlj-2025')?.builtin).toBe(false);
    // Put back as shipped, for the tests below.
    await store.db
      .updateTable('plan')
      .set({ body: JSON.stringify(shipped), builtin: 1 })
      .where('id', '=', 'hlj-2025')
      .execute();
  });

  it('keeps values exactly as reported and marks synthetic ones', async () => {
    const [v] = await currentValues(store, {
      regions: ['230000'],
      indicators: ['general_budget_revenue'],
      periods: ['2025'],
    });
    expect(v).toMatchObject({
      value: 373.4,
      status: 'approved',
      source: 'plan:hlj-2026',
      synthetic: false,
    });
    const demoRows = await currentValues(store, { regions: ['230183'], periods: ['2026-09'] });
    expect(demoRows.length).toBeGreaterThan(10);
    expect(demoRows.every((r) => r.synthetic)).toBe(true);
  });

  it('evaluates the same from the database as from the observations', async () => {
    const prepared = preparePlan(findPlan(plans, 'hlj-2026'), indicators);
    const periods = [...periodsNeeded(prepared, '2026-09')];
    const fromDb = new ObservationSet();
    for (const v of await currentValues(store, { periods })) {
      fromDb.add({
        region: v.region,
        indicator: v.indicator,
        period: v.period,
        value: v.value,
        official: v.source.startsWith('plan:'),
      });
    }
    const direct = new ObservationSet([...officialObservations(plans), ...demo.observations]);
    const dbRegister = await loadRegisterFrom(store);
    const a = evaluate({ prepared, register: dbRegister, obs: fromDb, period: '2026-09' });
    const b = evaluate({
      prepared,
      register: withAttributes(register, demo.attributes),
      obs: direct,
      period: '2026-09',
    });
    expect(a.results).toEqual(b.results);
    expect(a.categories).toEqual(b.categories);
  });

  it('applies a batch all or nothing, and the same batch again changes nothing', async () => {
    const batch = [
      { region: '230123', indicator: 'gdp', period: '2027-01', value: 12.2 },
      { region: '230124', indicator: 'gdp', period: '2027-01', value: 11.7 },
    ];
    const r1 = await applyValues(store, batch, { actor: 'x', source: 'file:a.csv', at: AT });
    expect(r1).toMatchObject({ inserted: 2, changed: 0, unchanged: 0 });
    const r2 = await applyValues(store, batch, { actor: 'x', source: 'file:a.csv', at: AT });
    expect(r2).toMatchObject({ inserted: 0, changed: 0, unchanged: 2 });
    const dup = await code(
      applyValues(store, [...batch, batch[0]!], { actor: 'x', source: 'f', at: AT }),
    );
    expect(dup).toBe('IMPORT_INVALID');
  });

  it('a batch said to be all new that meets a stored value is a conflict and writes nothing', async () => {
    const stored = { region: '230123', indicator: 'gdp', period: '2027-02', value: 5 };
    await applyValues(store, [stored], { actor: 'x', source: 'f', at: AT });
    const fresh = { region: '230124', indicator: 'gdp', period: '2027-02', value: 6 };
    const clash = await code(
      applyValues(store, [fresh, { ...stored, value: 7 }], {
        actor: 'x',
        source: 'f',
        at: AT,
        allNew: true,
      }),
    );
    expect(clash).toBe('CONFLICT');
    const now = await currentValues(store, { periods: ['2027-02'] });
    expect(now.map((v) => [v.region, v.value, v.revision])).toEqual([['230123', 5, 1]]);
  });

  it('never overwrites an approved value silently: a reason, a new revision, back to review', async () => {
    const key = { region: '230000', indicator: 'tax_revenue', period: '2025' };
    const change = [{ ...key, value: 150 }];
    expect(
      await code(applyValues(store, change, { actor: 'x', source: 'file:b.csv', at: AT })),
    ).toBe('IMPORT_INVALID');
    expect(
      (
        await currentValues(store, {
          regions: ['230000'],
          indicators: ['tax_revenue'],
          periods: ['2025'],
        })
      )[0]!.value,
    ).toBe(148.9);
    const r = await applyValues(store, change, {
      actor: 'x',
      source: 'file:b.csv',
      at: AT,
      reason: '统计局修订',
    });
    expect(r.revised).toBe(1);
    const h = await history(store, key);
    expect(h.map((x) => [x.revision, x.status])).toEqual([
      [1, 'approved'],
      [2, 'submitted'],
    ]);
    const [entry] = await auditLog(store, { ...key, limit: 1 });
    expect(entry).toMatchObject({
      actor: 'x',
      oldValue: 148.9,
      newValue: 150,
      reason: '统计局修订',
      oldStatus: 'approved',
      newStatus: 'submitted',
    });
  });

  it('moves values along the review chain within each role’s scope', async () => {
    const key = { region: '230183', indicator: 'general_budget_revenue', period: '2027-01' };
    await editValue(store, key, 3.25, { actor: 'shangzhi', at: AT });
    const county: Actor = { name: 'shangzhi', role: 'county', region: '230183' };
    const other: Actor = { name: 'wuchang', role: 'county', region: '230184' };
    const harbin: Actor = { name: 'harbin', role: 'prefecture', region: '230100' };
    const qiqihar: Actor = { name: 'qqhr', role: 'prefecture', region: '230200' };
    const finance: Actor = { name: 'finance', role: 'department', department: '省财政厅' };
    const tax: Actor = { name: 'tax', role: 'department', department: '省税务局' };
    const opts = (
      actor: Actor,
      action: 'submit' | 'review' | 'approve' | 'return',
      reason?: string,
    ) => act(store, [key], { actor, action, reason, at: AT, responsible, prefectureOf });
    expect(await code(opts(other, 'submit'))).toBe('SCOPE_DENIED');
    expect(await code(opts(county, 'approve'))).toBe('SCOPE_DENIED');
    expect(await code(opts(county, 'submit'))).toBe('ok');
    expect(await code(opts(qiqihar, 'review'))).toBe('SCOPE_DENIED');
    expect(await code(opts(harbin, 'return'))).toBe('INPUT_INVALID'); // a return needs a reason
    expect(await code(opts(harbin, 'return', '与上月不衔接'))).toBe('ok');
    expect(await code(opts(county, 'submit'))).toBe('ok');
    expect(await code(opts(harbin, 'review'))).toBe('ok');
    expect(await code(opts(tax, 'approve'))).toBe('SCOPE_DENIED');
    expect(await code(opts(finance, 'approve'))).toBe('ok');
    expect(await code(opts(finance, 'approve'))).toBe('CONFLICT'); // already approved
    const h = await history(store, key);
    expect(h.map((x) => x.status)).toEqual([
      'draft',
      'submitted',
      'returned',
      'submitted',
      'reviewed',
      'approved',
    ]);
    expect(h[2]!.reason).toBe('与上月不衔接');
  });

  it('of two concurrent changes to one value, one wins and the other gets a conflict', async () => {
    const key = { region: '230184', indicator: 'tax_revenue', period: '2027-01' };
    const first = await editValue(store, key, 1.5, { actor: 'a', at: AT });
    const results = await Promise.all([
      code(editValue(store, key, 1.6, { actor: 'a', at: AT, expectedRevision: first.revision })),
      code(editValue(store, key, 1.7, { actor: 'b', at: AT, expectedRevision: first.revision })),
    ]);
    expect(results.sort()).toEqual(['CONFLICT', 'ok']);
    const h = await history(store, key);
    expect(h).toHaveLength(2);
    expect([1.6, 1.7]).toContain(Number(h[1]!.value));
  });
});
