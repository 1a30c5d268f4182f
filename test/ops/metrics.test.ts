import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { IMPORT_ROUTES } from '../../src/server/metrics.js';
import type { Store } from '../../src/store/db.js';
import { as, demoApp, login } from '../server/setup.js';
import { cleanUp, DIALECTS, testDb, type TestDb } from '../store/dialects.js';

const TOKEN = 'scrape-token-0123456789abcdef';

/**
 * Prometheus text as samples: `name{a="x",b="y"}` (labels sorted by name) → value. Comment lines
 * (# HELP, # TYPE) are skipped; every other line must be one sample.
 */
function parse(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not a sample: ${line}`);
    const labels = [...(m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)]
      .map(([, k, v]) => `${k}="${v}"`)
      .sort();
    samples.set(labels.length ? `${m[1]}{${labels.join(',')}}` : m[1]!, Number(m[3]));
  }
  return samples;
}

/** The sample key of `name` with `labels`, as `parse` makes it. */
const key = (name: string, labels: Record<string, string> = {}) => {
  const l = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .sort();
  return l.length ? `${name}{${l.join(',')}}` : name;
};

function upload(name: string, content: string, fields: Record<string, string> = {}) {
  const b = 'leitaiboundary';
  const parts = Object.entries(fields)
    .map(([k, v]) => `--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join('');
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${b}` },
    payload: `${parts}--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${b}--\r\n`,
  };
}

describe.each(DIALECTS)('GET /api/metrics on %s', (dialect) => {
  let t: TestDb;
  let store: Store;
  let app: FastifyInstance;
  let samples: Map<string, number>;
  let scrape: Awaited<ReturnType<FastifyInstance['inject']>>;

  beforeAll(async () => {
    t = testDb(dialect);
    store = await t.open();
    app = await demoApp(store, { metricsToken: TOKEN });
    // What a user does before the scrape: each counted below.
    const s = await login(app, 'province'); // POST /api/session
    const get = (url: string) => app.inject({ method: 'GET', url, headers: as(s) });
    expect((await get('/api/projects?period=2026-09')).statusCode).toBe(200);
    // Refused (its id is not a project id's shape): counted under the route, not the URL.
    expect((await get('/api/projects/no-such-project-4711?period=2026-09')).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/no-such-route-4711' })).statusCode).toBe(
      404,
    );
    const dryRun = upload(
      'a.csv',
      'region,indicator,period,value\n230183,tax_revenue,2027-04,2.5\n',
      { dryRun: 'true' },
    );
    const ok = await app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...as(s), ...dryRun.headers },
      payload: dryRun.payload,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as { dryRun: boolean }).dryRun).toBe(true);
    const pdf = upload('report.pdf', 'not a table');
    const refused = await app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...as(s), ...pdf.headers },
      payload: pdf.payload,
    });
    expect(refused.statusCode).toBe(422);
    // The same evaluation twice: computed once, then served from the cache.
    for (let i = 0; i < 2; i++)
      expect((await get('/api/evaluation?plan=hlj-2026&period=2026-09')).statusCode).toBe(200);
    scrape = await app.inject({
      method: 'GET',
      url: '/api/metrics',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    samples = parse(scrape.body);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await cleanUp(t, store);
  });

  const value = (name: string, labels: Record<string, string> = {}) =>
    samples.get(key(name, labels));

  it('answers in Prometheus text format, never cached', () => {
    expect(scrape.statusCode).toBe(200);
    expect(scrape.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(scrape.headers['cache-control']).toBe('no-store');
    expect(scrape.body).toContain('# TYPE leitai_http_requests_total counter');
    // The process's own metrics are there too.
    expect(value('process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });

  it('counts requests per route pattern, method and status class, with their latencies', () => {
    const projects = { route: '/api/projects', method: 'GET', status: '2xx' };
    expect(value('leitai_http_requests_total', projects)).toBe(1);
    expect(value('leitai_http_request_duration_seconds_count', projects)).toBe(1);
    expect(value('leitai_http_request_duration_seconds_bucket', { ...projects, le: '+Inf' })).toBe(
      1,
    );
    expect(value('leitai_http_request_duration_seconds_sum', projects)).toBeGreaterThan(0);
    // The project asked for: its route's pattern, never its URL.
    expect(
      value('leitai_http_requests_total', {
        route: '/api/projects/:id',
        method: 'GET',
        status: '4xx',
      }),
    ).toBe(1);
    expect(scrape.body).not.toContain('no-such-project-4711');
    expect(scrape.body).not.toContain('no-such-route-4711');
    expect(
      value('leitai_http_requests_total', { route: 'unmatched', method: 'GET', status: '4xx' }),
    ).toBe(1);
    expect(
      value('leitai_http_requests_total', { route: '/api/session', method: 'POST', status: '2xx' }),
    ).toBe(1);
    const evaluation = { route: '/api/evaluation', method: 'GET', status: '2xx' };
    expect(value('leitai_http_requests_total', evaluation)).toBe(2);
    // Two imports: the dry run checked, the PDF refused (422).
    expect(
      value('leitai_http_requests_total', { route: '/api/imports', method: 'POST', status: '2xx' }),
    ).toBe(1);
    expect(
      value('leitai_http_requests_total', { route: '/api/imports', method: 'POST', status: '4xx' }),
    ).toBe(1);
  });

  it('counts imports per kind and outcome, with their durations', () => {
    expect(value('leitai_imports_total', { kind: 'observations', outcome: 'ok' })).toBe(1);
    expect(value('leitai_imports_total', { kind: 'observations', outcome: 'rejected' })).toBe(1);
    expect(
      value('leitai_import_duration_seconds_count', { kind: 'observations', outcome: 'ok' }),
    ).toBe(1);
    expect(value('leitai_imports_total', { kind: 'projects', outcome: 'ok' })).toBeUndefined();
  });

  it('names only import routes that exist', () => {
    for (const route of Object.keys(IMPORT_ROUTES)) {
      const [method, url] = route.split(' ') as ['POST', string];
      expect(app.hasRoute({ method, url }), route).toBe(true);
    }
  });

  it('counts the evaluation cache: one miss, then one hit', () => {
    expect(value('leitai_cache_requests_total', { cache: 'evaluation', result: 'miss' })).toBe(1);
    expect(value('leitai_cache_requests_total', { cache: 'evaluation', result: 'hit' })).toBe(1);
    // Its serialised answer: made once, then sent again.
    expect(value('leitai_cache_requests_total', { cache: 'answer', result: 'hit' })).toBe(1);
    expect(value('leitai_cache_entries')).toBeGreaterThan(0);
    expect(value('leitai_cache_bytes')).toBeGreaterThan(0);
  });

  it('shows the database connections', () => {
    if (dialect === 'sqlite') {
      expect(value('leitai_db_connections', { dialect, state: 'total' })).toBe(1);
    } else {
      const total = value('leitai_db_connections', { dialect, state: 'total' })!;
      expect(total).toBeGreaterThanOrEqual(1);
      expect(total).toBeLessThanOrEqual(10); // the pool's max
      expect(value('leitai_db_connections', { dialect, state: 'idle' })).toBeLessThanOrEqual(total);
      expect(value('leitai_db_connections', { dialect, state: 'waiting' })).toBe(0);
    }
  });

  it('is for the province role or the token: anonymous 401, wrong token 401, other roles 403', async () => {
    const metrics = (headers: Record<string, string>) =>
      app.inject({ method: 'GET', url: '/api/metrics', headers });
    const anonymous = await metrics({});
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['cache-control']).toBe('no-store');
    const wrong = await metrics({ authorization: `Bearer ${TOKEN}x` });
    expect(wrong.statusCode).toBe(401);
    expect((wrong.json() as { message: string }).message).toContain('指标令牌错误');
    expect((await metrics({ authorization: 'Bearer short' })).statusCode).toBe(401);
    for (const who of ['shangzhi', 'harbin', 'finance', 'observer']) {
      const r = await metrics(as(await login(app, who)));
      expect(r.statusCode, who).toBe(403);
    }
    const province = await metrics(as(await login(app, 'province')));
    expect(province.statusCode).toBe(200);
    expect(province.headers['cache-control']).toBe('no-store');
    // The scrape before this one is counted now, under the route's pattern.
    const seen = parse(province.body);
    expect(
      seen.get(
        key('leitai_http_requests_total', { route: '/api/metrics', method: 'GET', status: '4xx' }),
      ),
    ).toBe(7);
  });

  it('keeps each app its own registry; without a token configured, only sessions', async () => {
    const other = await buildApp({ store });
    try {
      const r = await other.inject({
        method: 'GET',
        url: '/api/metrics',
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(r.statusCode).toBe(401);
      expect((r.json() as { message: string }).message).toContain('未配置指标令牌');
      const s = await login(other, 'province');
      const mine = parse(
        (await other.inject({ method: 'GET', url: '/api/metrics', headers: as(s) })).body,
      );
      // Only this app's requests: the refused scrape and the login, none of the other app's.
      expect(
        mine.get(
          key('leitai_http_requests_total', {
            route: '/api/projects',
            method: 'GET',
            status: '2xx',
          }),
        ),
      ).toBeUndefined();
      expect(
        mine.get(
          key('leitai_http_requests_total', {
            route: '/api/session',
            method: 'POST',
            status: '2xx',
          }),
        ),
      ).toBe(1);
      expect(
        mine.get(key('leitai_cache_requests_total', { cache: 'evaluation', result: 'miss' })),
      ).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('refuses to start with a token too short to be secret', async () => {
    await expect(buildApp({ store, metricsToken: 'short' })).rejects.toThrow(
      /LEITAI_METRICS_TOKEN\) 过短:至少 16 个字符/,
    );
  });
});
