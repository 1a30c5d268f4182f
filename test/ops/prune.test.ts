import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import type { Store } from '../../src/store/db.js';
import { pruneExpired } from '../../src/store/prune.js';
import {
  createSession,
  findSession,
  recordLogin,
  reserveLogin,
  saveUser,
} from '../../src/store/users.js';
import { leitai } from '../helpers.js';
import { cleanUp, DIALECTS, testDb, type TestDb } from '../store/dialects.js';

const NOW = new Date('2026-03-01T08:00:00.000Z');
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

async function addUser(store: Store, username: string) {
  await saveUser(store, {
    username,
    role: 'county',
    region: null,
    department: null,
    displayName: username,
    demo: false,
    passwordHash: 'x',
    at: at(-40 * DAY),
  });
}

const session = (store: Store, id: string, expiresIn: number) =>
  createSession(store, {
    id,
    username: 'shangzhi',
    csrf: 'c',
    at: at(-12 * 60 * MIN),
    expiresAt: at(expiresIn),
  });

const attempt = (store: Store, username: string, ago: number) =>
  recordLogin(store, { username, address: '10.0.0.9', at: at(-ago), ok: false });

const reserve = (store: Store, username: string, address: string, ago: number) =>
  reserveLogin(store, { username, address, at: at(-ago) });

/** Every table's rows, as the test sees them. */
async function rows(store: Store) {
  const sessions = await store.db.selectFrom('app_session').select('expires_at').execute();
  const attempts = await store.db.selectFrom('login_attempt').select(['username', 'at']).execute();
  const counters = await store.db
    .selectFrom('login_throttle')
    .select(['username', 'address'])
    .execute();
  return {
    sessions: sessions.map((r) => r.expires_at).sort(),
    attempts: attempts.map((r) => `${r.username} ${r.at}`).sort(),
    counters: counters.map((r) => `${r.username}@${r.address}`).sort(),
  };
}

/**
 * The rows of one test: three sessions (expired a minute ago, expiring exactly now, live for a
 * minute more); four login attempts (31 days old, 30 days and 1 ms, exactly 30 days, an hour);
 * two throttling windows (started 20 minutes ago: run out; 10 minutes ago: running).
 */
async function seed(store: Store) {
  await addUser(store, 'shangzhi');
  await session(store, 'expired', -MIN);
  await session(store, 'ends-now', 0);
  await session(store, 'live', MIN);
  await attempt(store, 'a31d', 31 * DAY);
  await attempt(store, 'a30d+1ms', 30 * DAY + 1);
  await attempt(store, 'a30d', 30 * DAY);
  await attempt(store, 'a1h', 60 * MIN);
  await reserve(store, 'old', '10.0.0.1', 20 * MIN); // rows old@10.0.0.1 and @10.0.0.1
  await reserve(store, 'new', '10.0.0.2', 10 * MIN); // rows new@10.0.0.2 and @10.0.0.2
}

describe.each(DIALECTS)('pruning expired sessions and old login attempts on %s', (dialect) => {
  let t: TestDb;
  let store: Store;
  beforeAll(async () => {
    t = testDb(dialect);
    store = await t.open();
  });
  afterAll(() => cleanUp(t, store));

  const clear = async () => {
    await store.db.deleteFrom('app_session').execute();
    await store.db.deleteFrom('login_attempt').execute();
    await store.db.deleteFrom('login_throttle').execute();
  };

  it('removes expired sessions, attempts older than 30 days and run-out counters, keeping the rest', async () => {
    await clear();
    await seed(store);
    expect(await pruneExpired(store, NOW)).toEqual({
      sessions: 2,
      loginAttempts: 2,
      throttleCounters: 2,
    });
    expect(await rows(store)).toEqual({
      sessions: [at(MIN)],
      attempts: [`a1h ${at(-60 * MIN)}`, `a30d ${at(-30 * DAY)}`],
      counters: ['@10.0.0.2', 'new@10.0.0.2'],
    });
    // The live session still signs its user in.
    expect((await findSession(store, 'live', NOW.toISOString()))?.user.username).toBe('shangzhi');
    // Again: nothing more to remove.
    expect(await pruneExpired(store, NOW)).toEqual({
      sessions: 0,
      loginAttempts: 0,
      throttleCounters: 0,
    });
  });

  it('leaves throttling as it was: a refused user stays refused, a run-out window starts again', async () => {
    await clear();
    // Five failures of "locked" from 10.0.0.3 five minutes ago: the sixth is refused.
    for (let i = 1; i <= 5; i++)
      expect((await reserve(store, 'locked', '10.0.0.3', 5 * MIN)).allowed).toBe(true);
    expect((await reserve(store, 'locked', '10.0.0.3', 5 * MIN)).allowed).toBe(false);
    // Six of "earlier" 20 minutes ago: refused then, its window over now.
    for (let i = 1; i <= 6; i++) await reserve(store, 'earlier', '10.0.0.4', 20 * MIN);
    expect(await pruneExpired(store, NOW)).toEqual({
      sessions: 0,
      loginAttempts: 0,
      throttleCounters: 2, // earlier@10.0.0.4 and @10.0.0.4
    });
    // Still refused within its window: its 7th attempt.
    expect(await reserve(store, 'locked', '10.0.0.3', 0)).toEqual({
      allowed: false,
      byUser: 7,
      byAddress: 0,
    });
    // The run-out one starts a new window, as it would have without pruning.
    expect(await reserve(store, 'earlier', '10.0.0.4', 0)).toEqual({
      allowed: true,
      byUser: 1,
      byAddress: 1,
    });
  });

  it('is safe when two instances prune at once: each row is removed once', async () => {
    await clear();
    await seed(store);
    const other = await t.open(); // a second instance on the same database
    try {
      const [x, y] = await Promise.all([pruneExpired(store, NOW), pruneExpired(other, NOW)]);
      expect({
        sessions: x.sessions + y.sessions,
        loginAttempts: x.loginAttempts + y.loginAttempts,
        throttleCounters: x.throttleCounters + y.throttleCounters,
      }).toEqual({ sessions: 2, loginAttempts: 2, throttleCounters: 2 });
      expect((await rows(store)).sessions).toEqual([at(MIN)]);
    } finally {
      await other.close();
    }
  });

  it('runs in the server by its clock (`runPrune`, and hourly with `pruneJob`)', async () => {
    await clear();
    await seed(store);
    const app = await buildApp({ store, now: () => NOW, pruneJob: {} });
    try {
      // The job's first run starts at once; whichever run removed them, they are gone.
      await app.runPrune();
      expect(await rows(store)).toEqual({
        sessions: [at(MIN)],
        attempts: [`a1h ${at(-60 * MIN)}`, `a30d ${at(-30 * DAY)}`],
        counters: ['@10.0.0.2', 'new@10.0.0.2'],
      });
      expect(await app.runPrune()).toEqual({
        sessions: 0,
        loginAttempts: 0,
        throttleCounters: 0,
      });
    } finally {
      await app.close();
    }
  });

  it('logs a failed run of the job and goes on serving', async () => {
    const broken = testDb(dialect);
    const other = await broken.open();
    let app: FastifyInstance | undefined;
    try {
      // A database the job cannot prune: its session table is gone.
      await other.db.schema.dropTable('app_session').execute();
      let logged!: (line: { msg: string; err?: { message: string } }) => void;
      const failure = new Promise<{ msg: string; err?: { message: string } }>((r) => (logged = r));
      const stream = {
        write: (line: string) => {
          const l = JSON.parse(line) as { msg: string; err?: { message: string } };
          if (l.msg === 'pruning expired sessions failed') logged(l);
        },
      };
      app = await buildApp({ store: other, pruneJob: {}, logger: { level: 'error', stream } });
      const line = await failure; // the job's first run, at start
      expect(line.err?.message).toMatch(/app_session/);
      const health = await app.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(200);
    } finally {
      await app?.close();
      await cleanUp(broken, other);
    }
  });

  it('`leitai db prune --db` prints the counts', async () => {
    await clear();
    await addUser(store, 'shangzhi');
    await session(store, 'long-gone', -DAY); // expired by the real clock too
    await attempt(store, 'a', 400 * DAY);
    const r = leitai('db', 'prune', '--db', t.url);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      '删除过期会话 1 个,30 天前的登录记录 1 条,已过期的登录限制计数 0 个',
    );
    expect(r.stdout).toContain('(pruned 1 expired sessions, 1 login attempts older than 30 days');
    expect((await rows(store)).sessions).toEqual([]);
  });
});
