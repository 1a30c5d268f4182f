// Several installations (or test runs) share one PostgreSQL database, each in its schema. A
// schema dropped by one of them while another starts must not fail the other's migration check:
// Kysely's introspector asked has_schema_privilege of every schema's name and failed with
// "schema … does not exist" (seen in CI).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { cleanUp, DIALECTS, pgAdmin, testDb, type TestDb } from './dialects.js';

describe.runIf(DIALECTS.includes('postgres'))('schemas dropped beside a starting one', () => {
  let t: TestDb;
  let store: Store;
  beforeAll(async () => {
    t = testDb('postgres');
    store = await t.open();
  });
  afterAll(() => cleanUp(t, store));

  it('leave its migration check and its table list alone', async () => {
    const churn = async () => {
      for (let i = 0; i < 40; i++) {
        const name = `race_${randomBytes(6).toString('hex')}`;
        await pgAdmin(`create schema "${name}"; create table "${name}".x (a int)`);
        await pgAdmin(`drop schema "${name}" cascade`);
      }
    };
    const check = async () => {
      for (let i = 0; i < 40; i++) {
        await migrate(store);
        const tables = await store.db.introspection.getTables({ withInternalKyselyTables: true });
        expect(new Set(tables.map((x) => x.schema))).toEqual(new Set([t.schema]));
        expect(tables.map((x) => x.name)).toContain('observation');
      }
    };
    await Promise.all([churn(), churn(), check()]);
  }, 120_000);
});
