import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/db.js';
import { cachingStatements } from '../../src/store/statements.js';
import { cleanUp, testDb, type TestDb } from './dialects.js';

describe('the SQLite statement cache', () => {
  const handle = new Database(':memory:');
  handle.exec('create table t (k integer primary key, v text)');
  handle.prepare('insert into t values (?, ?)').run(1, 'one');
  handle.prepare('insert into t values (?, ?)').run(2, 'two');
  handle.prepare('insert into t values (?, ?)').run(3, 'three');
  afterAll(() => handle.close());

  it('hands out one prepared statement per SQL text, run with each call’s parameters', () => {
    const db = cachingStatements(handle);
    const sql = 'select v from t where k = ?';
    const a = db.prepare(sql);
    expect(db.prepare(sql)).toBe(a);
    expect([a.all([1]), db.prepare(sql).all([3])]).toEqual([[{ v: 'one' }], [{ v: 'three' }]]);
  });

  it('never hands out a statement that is still being iterated', () => {
    const db = cachingStatements(handle);
    const sql = 'select v from t order by k';
    const outer = db.prepare(sql) as unknown as Database.Statement;
    const seen: string[] = [];
    for (const row of outer.iterate() as Iterable<{ v: string }>) {
      // A second reader of the same SQL while the first is mid-way (better-sqlite3 would throw
      // "This statement is busy executing a query" if it got the same statement).
      const inner = db.prepare(sql) as unknown as Database.Statement;
      expect(inner).not.toBe(outer);
      seen.push(`${row.v}:${(inner.all() as unknown[]).length}`);
    }
    expect(seen).toEqual(['one:3', 'two:3', 'three:3']);
    expect(db.prepare(sql)).toBe(outer); // free again once the iteration is done
  });

  it('keeps at most `max` statements, dropping the least recently used', () => {
    const db = cachingStatements(handle, 2);
    const q = (k: number) => `select v from t where k = ${k}`;
    const one = db.prepare(q(1));
    const two = db.prepare(q(2));
    expect(db.prepare(q(1))).toBe(one); // 1 is now the most recently used
    db.prepare(q(3)); // evicts 2
    expect(db.prepare(q(1))).toBe(one);
    expect(db.prepare(q(2))).not.toBe(two);
  });
});

describe('a SQLite store with cached statements', () => {
  let t: TestDb;
  let store: Store;
  beforeAll(async () => {
    t = testDb('sqlite');
    store = await t.open();
    await store.db
      .insertInto('meta')
      .values(Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })))
      .execute();
  });
  afterAll(() => cleanUp(t, store));

  it('answers repeated queries with their own parameters, and streams while others wait', async () => {
    const get = (key: string) =>
      store.db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => get(`k${i}`)));
    expect(answers.map((a) => a?.value)).toEqual(Array.from({ length: 50 }, (_, i) => `v${i}`));
    const streamed: string[] = [];
    const pending: Promise<unknown>[] = [];
    for await (const row of store.db
      .selectFrom('meta')
      .select('key')
      .where('key', 'like', 'k%')
      .orderBy('key')
      .stream()) {
      streamed.push(row.key);
      // Queued behind the stream on the one connection, then run on the cached statements.
      pending.push(get(row.key));
    }
    expect(streamed).toHaveLength(50);
    expect(((await Promise.all(pending)) as { value: string }[]).map((r) => r.value)).toEqual(
      streamed.map((k) => k.replace('k', 'v')),
    );
  });
});
