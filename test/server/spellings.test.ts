import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { login, useDemoApp } from './setup.js';

/** One request with the path sent exactly as written (no client-side normalisation). */
function raw(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method, path, headers: { ...headers, connection: 'close' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A small seeded generator, so every run tries the same spellings. */
function random(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return s % n;
  };
}

const SAMPLE: Record<string, string> = {
  region: '230183',
  indicator: 'gdp',
  period: '2026-09',
  id: 'hlj-2026',
  action: 'submit',
};

const pct = (c: string) => `%${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`;

/** Other spellings of a path: percent-encoded characters (slashes too), dot segments, case… */
function spellings(path: string, pick: (n: number) => number): string[] {
  const out = new Set<string>([
    path,
    path.replace('/api/', '/%61pi/'),
    path.replace('/api/', '/%61%70%69/'),
    path.replace('/api/', '/api/./'),
    path.replace('/api/', '/api/x/../'),
    path.replace('/api/', '/api/x/%2e%2e/'),
    path.replace('/api/', '/api/x/%2E%2E/'),
    path.replace('/api/', '//api/'),
    path.replace('/api/', '/api//'),
    path.replace('/api/', '/API/'),
    path.replace('/api/', '/api%2F'),
    path.replace('/api/', '/api%2f'),
    `${path}/`,
    `${path}/.`,
    `${path}?`,
    `${path.toUpperCase()}`,
  ]);
  for (let i = 0; i < 12; i++) {
    // Percent-encode one to three random characters (any of them, `/` included).
    const chars = [...path];
    for (let k = 0; k <= pick(3); k++) {
      const at = 1 + pick(chars.length - 1);
      if (!chars[at]!.startsWith('%')) chars[at] = pct(chars[at]!);
    }
    out.add(chars.join(''));
  }
  return [...out];
}

const BODIES: Record<string, string> = {
  PUT: '{"value": "0x10", "junk": [1, 2, 3]}',
  POST: '{"keys": "not a list", "rows": 7',
  DELETE: '',
};

describe('every spelling of every route meets the same sign-in, CSRF and role checks', () => {
  const ctx = useDemoApp();

  it("the issue's example: an anonymous PUT to /%61pi/plans/hlj-2026 is refused, and the plan is unchanged", async () => {
    await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (ctx.app.server.address() as AddressInfo).port;
    const before = await ctx.store.db.selectFrom('plan').selectAll().execute();
    const r = await raw(
      port,
      'PUT',
      '/%61pi/plans/hlj-2026',
      { 'content-type': 'application/json' },
      JSON.stringify({ id: 'hlj-2026', title: 'x' }),
    );
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await ctx.store.db.selectFrom('plan').selectAll().execute()).toEqual(before);
  });

  it('anonymous → 401 or 404; signed in without the CSRF token → 403 or 404; never 2xx, 400 or 5xx', async () => {
    const port = (ctx.app.server.address() as AddressInfo).port;
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    const s = await login(ctx.app, 'province');
    const pick = random(2026);
    const seen: string[] = [];
    let tried = 0;
    for (const [template, ops] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(ops)) {
        if (op.security?.length === 0) continue; // the public routes (login, health)
        const method = m.toUpperCase();
        const path = template.replace(/\{(\w+)\}/g, (_, name: string) => SAMPLE[name]!);
        const changing = method !== 'GET';
        for (const spelling of spellings(path, pick)) {
          const headers: Record<string, string> = changing
            ? { 'content-type': 'application/json' }
            : {};
          const body = BODIES[method];
          const anon = await raw(port, method, spelling, headers, body);
          tried++;
          if (![401, 404].includes(anon.status))
            seen.push(`anonymous ${method} ${spelling} → ${anon.status}`);
          else
            expect(Object.keys(JSON.parse(anon.body)).sort()).toEqual([
              'code',
              'details',
              'message',
            ]);
          if (changing) {
            const noCsrf = await raw(
              port,
              method,
              spelling,
              { ...headers, cookie: s.cookie },
              body,
            );
            const wrong = await raw(
              port,
              method,
              spelling,
              { ...headers, cookie: s.cookie, 'x-csrf-token': `${s.csrf.slice(1)}x` },
              body,
            );
            for (const [what, r] of [
              ['no CSRF', noCsrf],
              ['wrong CSRF', wrong],
            ] as const)
              if (![403, 404].includes(r.status))
                seen.push(`${what} ${method} ${spelling} → ${r.status}`);
          }
        }
      }
    }
    expect(seen).toEqual([]);
    expect(tried).toBeGreaterThan(300);
  }, 120_000);
});
