import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.js';
import type { Store } from '../../src/store/db.js';
import { cleanUp, testDb, type TestDb } from '../store/dialects.js';

describe('request log', () => {
  const lines: Record<string, unknown>[] = [];
  let t: TestDb;
  let store: Store;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = testDb('sqlite');
    store = await t.open();
    const stream = { write: (line: string) => void lines.push(JSON.parse(line)) };
    app = await buildApp({ store, logger: { level: 'info', stream } });
  });
  afterAll(async () => {
    await app.close();
    await cleanUp(t, store);
  });

  it('writes one line per answered request: method, url, status, time and id', async () => {
    await app.inject({ url: '/api/health' });
    await app.inject({ url: '/api/observations' });
    expect(lines.map((l) => [l.req, l.res, l.msg])).toEqual([
      [
        expect.objectContaining({ method: 'GET', url: '/api/health' }),
        { statusCode: 200 },
        'request completed',
      ],
      [
        expect.objectContaining({ method: 'GET', url: '/api/observations' }),
        { statusCode: 401 },
        'request completed',
      ],
    ]);
    expect(
      lines.every((l) => typeof l.responseTime === 'number' && typeof l.reqId === 'string'),
    ).toBe(true);
    expect(lines[0]!.reqId).not.toBe(lines[1]!.reqId);
  });
});
