import { afterAll, describe, expect, it } from 'vitest';
import { loadBuiltinPlans } from '../../src/io/plans.js';
import { loadRegister } from '../../src/io/regions.js';
import type { Store } from '../../src/store/db.js';
import { initialise } from '../../src/store/init.js';
import { DIALECTS, testDb } from './dialects.js';

// Instances started together on one new database each run `db init`: they race to write the
// same first rows, and every one of them must come through, the rows written once between them.
const register = loadRegister();
const plans = loadBuiltinPlans();
const opts = { regions: [...register.regions.values()], plans, at: '2026-10-05T08:00:00.000Z' };
const INSTANCES = 4;

describe.each(DIALECTS)('initialise on %s', (dialect) => {
  const t = testDb(dialect);
  const stores: Store[] = [];
  afterAll(async () => {
    for (const s of stores) await s.close();
    await t.drop();
  });

  it(`${INSTANCES} instances at once on a new database all succeed, writing each row once`, async () => {
    for (let i = 0; i < INSTANCES; i++) stores.push(await t.open());
    const runs = await Promise.all(stores.map((s) => initialise(s, opts)));
    expect(runs.reduce((n, r) => n + r.regionsAdded, 0)).toBe(135);
    expect(runs.reduce((n, r) => n + r.plansWritten, 0)).toBe(3);
    expect(await initialise(stores[0]!, opts)).toEqual({
      regionsAdded: 0,
      plansWritten: 0,
      officialValues: 0,
      demoValues: 0,
      attributesChanged: 0,
    });
  });
});
