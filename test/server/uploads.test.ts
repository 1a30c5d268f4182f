import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { ROOT } from '../helpers.js';
import { testDb } from '../store/dialects.js';
import { as, login, useDemoApp } from './setup.js';

function multipart(name: string, content: Buffer | string) {
  const boundary = 'leitaiboundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(head),
      Buffer.from(content),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

describe('uploads', () => {
  const ctx = useDemoApp();

  it('refuses non-xlsx bytes behind a path-traversal name, changes nothing, keeps serving', async () => {
    const s = await login(ctx.app, 'province');
    const before = (
      await ctx.app.inject({
        method: 'GET',
        url: '/api/audit?region=230183&limit=5',
        headers: as(s),
      })
    ).body;
    const m = multipart('../../../etc/passwd.xlsx', 'definitely not a workbook');
    const r = await ctx.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...as(s), ...m.headers },
      payload: m.payload,
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe('IMPORT_INVALID');
    expect(r.body).not.toContain('/etc/');
    const after = (
      await ctx.app.inject({
        method: 'GET',
        url: '/api/audit?region=230183&limit=5',
        headers: as(s),
      })
    ).body;
    expect(after).toBe(before);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('reports every problem of a bad CSV with its row, writing nothing', async () => {
    const s = await login(ctx.app, 'shangzhi');
    const m = multipart(
      'bad.csv',
      'region,indicator,period,value\n230183,gdp,2027-07,12\n230183,gdp_growth,2027-07,abc\n230183,tax_revenue,2027-07,999\n',
    );
    const r = await ctx.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...as(s), ...m.headers },
      payload: m.payload,
    });
    expect(r.statusCode).toBe(422);
    const rows = (r.json().details.problems as { row: number }[]).map((p) => p.row);
    expect(rows).toEqual([3, 4]);
    const q = await ctx.app.inject({
      method: 'GET',
      url: '/api/observations?region=230183&period=2027-07',
      headers: as(s),
    });
    expect(q.json()).toEqual({ rows: [], total: 0, offset: 0, limit: 1000 });
  });
});

describe('a production database', () => {
  it('starts with the administrator set by `leitai user add`, and no demo users', async () => {
    const t = testDb('sqlite');
    const init = spawnSync(
      process.execPath,
      [join(ROOT, 'bin/leitai'), 'db', 'init', '--db', t.url],
      { encoding: 'utf8' },
    );
    expect(init.status).toBe(0);
    const add = spawnSync(
      process.execPath,
      [
        join(ROOT, 'bin/leitai'),
        'user',
        'add',
        'admin',
        '--as',
        'province',
        '--password-stdin',
        '--db',
        t.url,
      ],
      {
        input: 'correct horse battery staple\n',
        encoding: 'utf8',
      },
    );
    expect(add.status, add.stderr).toBe(0);
    const short = spawnSync(
      process.execPath,
      [
        join(ROOT, 'bin/leitai'),
        'user',
        'add',
        'x',
        '--as',
        'province',
        '--password-stdin',
        '--db',
        t.url,
      ],
      {
        input: 'short\n',
        encoding: 'utf8',
      },
    );
    expect(short.status).toBe(2);
    const store = await t.open();
    const app = await buildApp({ store });
    try {
      const ok = await app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'admin', password: 'correct horse battery staple' },
      });
      expect(ok.statusCode).toBe(200);
      const demo = await app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'province', password: 'leitai-demo' },
      });
      expect(demo.statusCode).toBe(401);
    } finally {
      await app.close();
      await store.close();
      await t.drop();
    }
  });
});
