import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { hashPassword } from '../../src/services/password.js';
import type { Store } from '../../src/store/db.js';
import { saveUser } from '../../src/store/users.js';
import { cleanUp, DIALECTS, testDb, type TestDb } from '../store/dialects.js';

const PASSWORD = 'the owner knows this one';

describe.each(DIALECTS)('login throttling through the API on %s', (dialect) => {
  let t: TestDb;
  let store: Store;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = testDb(dialect);
    store = await t.open();
    await saveUser(store, {
      username: 'owner',
      role: 'province',
      region: null,
      department: null,
      displayName: '省专班',
      demo: false,
      passwordHash: await hashPassword(PASSWORD),
      at: new Date().toISOString(),
    });
    app = await buildApp({ store });
  });
  afterAll(() => cleanUp(t, app, store));

  const attempt = (password: string, remoteAddress: string) =>
    app.inject({
      method: 'POST',
      url: '/api/session',
      remoteAddress,
      payload: { username: 'owner', password },
    });

  it('checks at most 5 of 30 simultaneous wrong passwords; the rest are refused unchecked', async () => {
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, i) => attempt(`guess number ${i}`, '203.0.113.9')),
    );
    const codes = replies.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(25);
    const refused = replies.find((r) => r.statusCode === 429)!.json();
    expect(refused.code).toBe('RATE_LIMITED');
    expect(refused.message).toContain('15 分钟');
    // Even the right password is not tried from that address now.
    expect((await attempt(PASSWORD, '203.0.113.9')).statusCode).toBe(429);
  });

  it('the owner still signs in from their own address', async () => {
    const r = await attempt(PASSWORD, '198.51.100.7');
    expect(r.statusCode).toBe(200);
    expect(r.json().user.username).toBe('owner');
  });
});
