import type { FastifyInstance } from 'fastify';
import { copyFileSync } from 'node:fs';
import { afterAll, beforeAll, inject } from 'vitest';
import { generateDemo } from '../../src/core/demo/index.js';
import { loadBuiltinPlans, loadIndicators } from '../../src/io/plans.js';
import { loadRegister } from '../../src/io/regions.js';
import { buildApp, type AppOptions } from '../../src/server/app.js';
import { DEMO_PASSWORD, demoUsers } from '../../src/server/demo-users.js';
import type { Region } from '../../src/core/regions/index.js';
import type { Store } from '../../src/store/db.js';
import { initialise } from '../../src/store/init.js';
import { demoBulletins } from '../../src/services/bulletins.js';
import { loadReference } from '../../src/services/reference.js';
import { applyValues, currentValues } from '../../src/store/observations.js';
import { saveRegions } from '../../src/store/regions.js';
import { testDb, type TestDb } from '../store/dialects.js';

/** A demo database (as `db init --demo` makes it, its bulletins too) behind the real app. */
export async function demoApp(
  store: Store,
  opts: Omit<AppOptions, 'store'> = {},
): Promise<FastifyInstance> {
  await fillDemo(store);
  return buildApp({ store, ...opts });
}

/** Writes the demo database (register, plans, synthetic values, users, bulletins) into `store`. */
export async function fillDemo(store: Store): Promise<void> {
  const register = loadRegister();
  await initialise(store, {
    regions: [...register.regions.values()],
    plans: loadBuiltinPlans(),
    at: new Date().toISOString(),
    demo: generateDemo({ seed: 2026, scale: 'province', register, indicators: loadIndicators() }),
    users: await demoUsers(),
  });
  await demoBulletins({ store, ...(await loadReference(store)) }, new Date());
}

/**
 * A fresh SQLite file of its own holding the demo database: a copy of the one the run's global
 * setup built (test/global-setup.ts), as good as `demoApp` on a new file and seconds cheaper.
 */
export function demoDb(): TestDb {
  const t = testDb('sqlite');
  copyFileSync(inject('demoTemplate'), t.url);
  return t;
}

export interface Session {
  cookie: string;
  csrf: string;
}

export async function login(
  app: FastifyInstance,
  username: string,
  password = DEMO_PASSWORD,
): Promise<Session> {
  const r = await app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { username, password },
  });
  if (r.statusCode !== 200) throw new Error(`login ${username}: ${r.statusCode} ${r.body}`);
  const set = r.cookies.find((c) => c.name === 'leitai_sid')!;
  return { cookie: `leitai_sid=${set.value}`, csrf: (r.json() as { csrfToken: string }).csrfToken };
}

/** Headers of a signed-in request (with the CSRF token, which reads ignore). */
export const as = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });

/**
 * A demo app on a fresh SQLite file for the enclosing `describe`, closed and removed after it.
 * Read `app` and `store` inside tests (they are set in `beforeAll`).
 */
export function useDemoApp(): { app: FastifyInstance; store: Store } {
  const ctx = {} as { app: FastifyInstance; store: Store };
  let t: TestDb;
  beforeAll(async () => {
    t = demoDb();
    ctx.store = await t.open();
    ctx.app = await buildApp({ store: ctx.store });
  });
  afterAll(async () => {
    await ctx.app.close();
    await ctx.store.close();
    await t.drop();
  });
  return ctx;
}

/**
 * A second, synthetic province beside the demo's: 合成省01 (910000) with one prefecture (910100)
 * and one county (91010k) for each demo county named, holding a copy of that county's values.
 * Counties of the register with data outside the plan's own, as on a national database (for
 * `counties=all`). Returns the new counties' codes, in the order of `from`.
 */
export async function addOtherProvince(store: Store, from: readonly string[]): Promise<string[]> {
  const region = (r: Omit<Region, 'attributes' | 'synthetic'>): Region => ({
    ...r,
    attributes: {},
    synthetic: true,
  });
  const codes = from.map((_, i) => `9101${String(i + 1).padStart(2, '0')}`);
  await saveRegions(store, [
    region({ code: '910000', name: '合成省01', level: 'province', parent: null, kind: '省' }),
    region({
      code: '910100',
      name: '合成市01-01',
      level: 'prefecture',
      parent: '910000',
      kind: '地级市',
    }),
    ...codes.map((code, i) =>
      region({
        code,
        name: `合成县01-01-${String(i + 1).padStart(2, '0')}`,
        level: 'county',
        parent: '910100',
        kind: '县',
      }),
    ),
  ]);
  const copyOf = new Map(from.map((code, i) => [code, codes[i]!]));
  const values = await currentValues(store, { regions: from });
  await applyValues(
    store,
    values.map((v) => ({
      region: copyOf.get(v.region)!,
      indicator: v.indicator,
      period: v.period,
      value: v.value,
    })),
    {
      actor: 'test',
      source: 'test:other-province',
      at: new Date().toISOString(),
      synthetic: true,
      status: 'approved',
    },
  );
  return codes;
}
