import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { acceptedCodings, BUILT_WEB_ROOT, ENTRY_POINTS } from '../../src/server/web.js';
import type { Store } from '../../src/store/db.js';
import { ROOT, tempDir } from '../helpers.js';
import { testDb, type TestDb } from '../store/dialects.js';

/** One request with the path sent exactly as written (no client-side normalisation). */
function raw(
  port: number,
  method: string,
  path: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method, path, headers: { connection: 'close' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** The same, with an Accept-Encoding header and the body as bytes (as they came over the wire). */
function rawBytes(
  port: number,
  method: string,
  path: string,
  acceptEncoding?: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { connection: 'close' };
    if (acceptEncoding !== undefined) headers['accept-encoding'] = acceptEncoding;
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** The body as the browser reads it, whatever its Content-Encoding. */
function decoded(r: { headers: Record<string, unknown>; body: Buffer }): string {
  const coding = r.headers['content-encoding'];
  const bytes =
    coding === 'br'
      ? brotliDecompressSync(r.body)
      : coding === 'gzip'
        ? gunzipSync(r.body)
        : r.body;
  return bytes.toString('utf8');
}

// Long enough that its compressed copies are smaller (the build writes only those).
const INDEX = `<!doctype html><html lang="zh-CN"><head><title>擂台</title></head><body>${'<p>县域经济</p>'.repeat(40)}</body></html>`;
const SCRIPT = 'console.log("leitai");\n';
/** A script large enough to be worth compressing, like every built chunk. */
const BIG = `export const names = [${Array.from({ length: 400 }, (_, i) => `"county-${i}"`).join(', ')}];\n`;
const SECRET = 'do-not-serve-me-7d1f';

const urlOf = (entry: string) =>
  entry.replace(':code', entry.startsWith('/counties') ? '230183' : 'gdp');

describe('the web UI from the same server', () => {
  let dir: string;
  let t: TestDb;
  let store: Store;
  let app: FastifyInstance;
  let bare: FastifyInstance;
  let port: number;

  beforeAll(async () => {
    // base/web is the web root; base/secret.txt and base/web/assets/../../ lie outside it.
    dir = tempDir('leitai-web-');
    const web = join(dir, 'web');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), INDEX);
    writeFileSync(join(web, 'assets', 'index-3f9a1c.js'), SCRIPT);
    writeFileSync(join(web, 'assets', 'big-5e1d0a.js'), BIG);
    writeFileSync(join(web, 'assets', 'index-77b2e0.css'), 'body{margin:0}\n');
    writeFileSync(join(web, 'assets', '.hidden'), SECRET);
    writeFileSync(join(dir, 'secret.txt'), SECRET);
    // As `npm run build` does after vite: compressed copies beside the files.
    const made = spawnSync(process.execPath, [join(ROOT, 'scripts/compress-web.mjs'), web], {
      encoding: 'utf8',
    });
    if (made.status !== 0) throw new Error(`compress-web: ${made.stderr}`);
    t = testDb('sqlite');
    store = await t.open();
    app = await buildApp({ store, webRoot: web });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
    bare = await buildApp({ store, webRoot: join(dir, 'not-built') });
  });
  afterAll(async () => {
    await app?.close();
    await bare?.close();
    await store?.close();
    await t?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the built UI in dist/web of the package by default', () => {
    expect(BUILT_WEB_ROOT).toBe(join(ROOT, 'dist/web/'));
  });

  it('answers every entry point with index.html, no-cache and the security headers, without a session', async () => {
    expect(ENTRY_POINTS).toEqual(
      expect.arrayContaining(['/login', '/', '/map', '/ranking', '/counties/:code', '/review']),
    );
    for (const entry of ENTRY_POINTS) {
      const r = await raw(port, 'GET', urlOf(entry));
      expect(r.status, entry).toBe(200);
      expect(r.body, entry).toBe(INDEX);
      expect(r.headers['content-type'], entry).toBe('text/html; charset=utf-8');
      expect(r.headers['cache-control'], entry).toBe('no-cache');
      expect(r.headers['content-security-policy'], entry).toContain("script-src 'self'");
      expect(r.headers['content-security-policy'], entry).toContain("frame-ancestors 'none'");
      expect(r.headers['x-frame-options'], entry).toBe('DENY');
      expect(r.headers['x-content-type-options'], entry).toBe('nosniff');
      expect(r.headers['set-cookie'], entry).toBeUndefined();
    }
  });

  it('serves hashed assets as immutable for a year, with the same security headers', async () => {
    const r = await raw(port, 'GET', '/assets/index-3f9a1c.js');
    expect(r.status).toBe(200);
    expect(r.body).toBe(SCRIPT);
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(r.headers['content-type']).toMatch(/^(application|text)\/javascript/);
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    const css = await raw(port, 'GET', '/assets/index-77b2e0.css');
    expect(css.headers['content-type']).toMatch(/^text\/css/);
  });

  it('answers HEAD like GET, without a body', async () => {
    for (const path of ['/', '/counties/230183', '/assets/index-3f9a1c.js']) {
      const get = await raw(port, 'GET', path);
      const head = await raw(port, 'HEAD', path);
      expect(head.status, path).toBe(200);
      expect(head.body, path).toBe('');
      expect(head.headers['content-type'], path).toBe(get.headers['content-type']);
      expect(head.headers['cache-control'], path).toBe(get.headers['cache-control']);
    }
  });

  it('keeps unknown paths a JSON 404, and the API signed-in only', async () => {
    for (const path of [
      '/api/nope',
      '/nope',
      '/assets/missing.js',
      '/assets/',
      '/map/x',
      '/index.html',
    ]) {
      const r = await raw(port, 'GET', path);
      expect(r.status, path).toBe(404);
      expect(JSON.parse(r.body), path).toMatchObject({ code: 'NOT_FOUND' });
    }
    const post = await raw(port, 'POST', '/map');
    expect(post.status).toBe(404);
    const api = await raw(port, 'GET', '/api/plans');
    expect(api.status).toBe(401);
  });

  it('never serves a file outside the web root, however the path is spelled', async () => {
    const attempts = [
      '/assets/../../package.json',
      '/assets/../../secret.txt',
      '/assets/../index.html',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/assets/%2E%2E/%2E%2E/package.json',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/..%2F..%2Fpackage.json',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/assets/..%5c..%5csecret.txt',
      '/assets/..\\..\\secret.txt',
      '/assets/%252e%252e/%252e%252e/secret.txt',
      '/assets/....//....//secret.txt',
      '/assets//../../secret.txt',
      '/assets/./../../secret.txt',
      `/assets/${'../'.repeat(12)}etc/passwd`,
      '/assets/%2fetc%2fpasswd',
      '/assets/.hidden',
      '/assets/%2ehidden',
      '/assets/index-3f9a1c.js%00.txt',
      '/%2e%2e/secret.txt',
      '/assets%2f..%2f..%2fsecret.txt',
    ];
    for (const path of attempts) {
      const r = await raw(port, 'GET', path);
      // Answered as any unknown path: a probe learns nothing.
      expect(r.status, path).toBe(404);
      expect(JSON.parse(r.body), path).toMatchObject({ code: 'NOT_FOUND' });
      expect(r.body, path).not.toContain(SECRET);
      expect(r.body, path).not.toContain('"name": "leitai"');
      expect(r.body, path).not.toContain('root:');
      expect(r.body, path).not.toContain('<!doctype');
    }
  });

  it('keeps the entry points out of the OpenAPI document', async () => {
    const doc = (await raw(port, 'GET', '/api/openapi.json')).body;
    const paths = Object.keys((JSON.parse(doc) as { paths: Record<string, unknown> }).paths);
    expect(paths.length).toBeGreaterThan(10);
    expect(paths.filter((p) => !p.startsWith('/api/'))).toEqual([]);
  });

  it('builds compressed copies after vite: .gz and .br beside index.html and each asset, only where smaller', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.build).toMatch(/vite build [^&]*&& node scripts\/compress-web\.mjs/);
    const web = join(dir, 'web');
    for (const [file, text] of [
      [join(web, 'index.html'), INDEX],
      [join(web, 'assets', 'big-5e1d0a.js'), BIG],
    ] as const) {
      const size = statSync(file).size;
      expect(gunzipSync(readFileSync(`${file}.gz`)).toString('utf8')).toBe(text);
      expect(brotliDecompressSync(readFileSync(`${file}.br`)).toString('utf8')).toBe(text);
      expect(statSync(`${file}.gz`).size).toBeLessThan(size);
      expect(statSync(`${file}.br`).size).toBeLessThan(size);
    }
    // A 24-byte script compresses to more than it is: no copy. Hidden files are left alone.
    expect(existsSync(join(web, 'assets', 'index-3f9a1c.js.gz'))).toBe(false);
    expect(existsSync(join(web, 'assets', 'index-3f9a1c.js.br'))).toBe(false);
    expect(existsSync(join(web, 'assets', '.hidden.gz'))).toBe(false);
  });

  it('reads Accept-Encoding as HTTP says: q=0 refuses, * accepts any', () => {
    expect([...acceptedCodings('gzip, deflate, br, zstd')].sort()).toEqual([
      'br',
      'deflate',
      'gzip',
      'zstd',
    ]);
    expect([...acceptedCodings('br;q=0, gzip;q=0.5')]).toEqual(['gzip']);
    expect([...acceptedCodings('GZIP ; q=1.0')]).toEqual(['gzip']);
    expect([...acceptedCodings('*')].sort()).toEqual(['br', 'gzip']);
    expect([...acceptedCodings('identity')]).toEqual(['identity']);
    expect([...acceptedCodings(undefined)]).toEqual([]);
    expect([...acceptedCodings('')]).toEqual([]);
  });

  it('sends an asset compressed to a browser accepting it (br before gzip), with Content-Encoding and Vary', async () => {
    const path = '/assets/big-5e1d0a.js';
    const cases: [string | undefined, string | undefined][] = [
      ['gzip, deflate, br, zstd', 'br'],
      ['gzip, deflate', 'gzip'],
      ['br;q=0, gzip', 'gzip'],
      ['identity', undefined],
      [undefined, undefined],
    ];
    for (const [accept, coding] of cases) {
      const r = await rawBytes(port, 'GET', path, accept);
      const what = `${accept}`;
      expect(r.status, what).toBe(200);
      expect(r.headers['content-encoding'], what).toBe(coding);
      expect(String(r.headers.vary), what).toMatch(/accept-encoding/i);
      expect(r.headers['content-type'], what).toMatch(/^(application|text)\/javascript/);
      expect(r.headers['cache-control'], what).toBe('public, max-age=31536000, immutable');
      expect(r.headers['content-security-policy'], what).toContain("default-src 'self'");
      expect(Number(r.headers['content-length'] ?? r.body.length), what).toBe(r.body.length);
      expect(decoded(r), what).toBe(BIG);
      if (coding) expect(r.body.length, what).toBeLessThan(BIG.length / 2);
    }
    // A file without copies is sent as it is, whatever the browser accepts.
    const small = await rawBytes(port, 'GET', '/assets/index-3f9a1c.js', 'gzip, br');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.body.toString('utf8')).toBe(SCRIPT);
    // HEAD names the same encoding and sends no body.
    const head = await rawBytes(port, 'HEAD', path, 'gzip');
    expect(head.headers['content-encoding']).toBe('gzip');
    expect(head.body.length).toBe(0);
  });

  it('sends index.html compressed at every entry point to a browser accepting it, with Vary', async () => {
    for (const entry of ENTRY_POINTS) {
      for (const [accept, coding] of [
        ['gzip, deflate, br', 'br'],
        ['gzip', 'gzip'],
        [undefined, undefined],
      ] as const) {
        const r = await rawBytes(port, 'GET', urlOf(entry), accept);
        const what = `${entry} ${accept}`;
        expect(r.status, what).toBe(200);
        expect(r.headers['content-encoding'], what).toBe(coding);
        expect(String(r.headers.vary), what).toMatch(/accept-encoding/i);
        expect(r.headers['content-type'], what).toBe('text/html; charset=utf-8');
        expect(r.headers['cache-control'], what).toBe('no-cache');
        expect(decoded(r), what).toBe(INDEX);
      }
    }
  });

  it('never sends a compressed copy older than its file (index.html rebuilt without the copies)', async () => {
    const web = join(dir, 'web-rebuilt');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), INDEX);
    expect(spawnSync(process.execPath, [join(ROOT, 'scripts/compress-web.mjs'), web]).status).toBe(
      0,
    );
    const newer = INDEX.replace('擂台', '擂台 (new build)');
    writeFileSync(join(web, 'index.html'), newer);
    const later = new Date(statSync(join(web, 'index.html.gz')).mtimeMs + 5000);
    utimesSync(join(web, 'index.html'), later, later);
    const other = await buildApp({ store, webRoot: web });
    try {
      const r = await other.inject({
        method: 'GET',
        url: '/',
        headers: { 'accept-encoding': 'gzip, br' },
      });
      expect(r.headers['content-encoding']).toBeUndefined();
      expect(r.body).toBe(newer);
    } finally {
      await other.close();
    }
  });

  it('says the UI is not built (503, in Chinese and English) when index.html is missing; the API still answers', async () => {
    for (const entry of ENTRY_POINTS) {
      const r = await bare.inject({ method: 'GET', url: urlOf(entry) });
      expect(r.statusCode, entry).toBe(503);
      expect(r.body, entry).toContain('网页界面尚未构建');
      expect(r.body, entry).toContain('not built');
      expect(r.headers['content-security-policy'], entry).toBeDefined();
    }
    const asset = await bare.inject({ method: 'GET', url: '/assets/index-3f9a1c.js' });
    expect(asset.statusCode).toBe(404);
    const health = await bare.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
  });
});
