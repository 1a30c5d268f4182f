import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyError, FastifyInstance } from 'fastify';
import { errorHandler, notFound } from './errors.js';

/**
 * The web UI's entry points: every URL a user may open or bookmark, each answered with the SPA's
 * index.html (the router in the browser draws the view). One list, so the next views are one
 * line each. Paths are Fastify route paths (`:code` is any one segment).
 */
export const ENTRY_POINTS: readonly string[] = [
  '/login',
  '/',
  '/map',
  '/ranking',
  '/counties/:code',
  '/indicators/:code',
  '/warnings',
  '/quality',
  '/completeness',
  '/entry',
  '/review',
  '/plans',
  '/plans/:id',
  '/projects',
  '/projects/:id',
  '/tasks',
  '/industries',
  '/admin/regions',
  '/admin/users',
  '/bulletins',
];

/**
 * Where Vite leaves the built UI: `dist/web` at the root of the package. This module is
 * src/server/web.ts under test and dist/server/web.js when built: two levels below the root
 * either way.
 */
export const BUILT_WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

/** Hashed file names: a file under /assets/ never changes, so it may be kept for a year. */
const ASSET_MAX_AGE_MS = 365 * 24 * 3600 * 1000;

/**
 * The compressed copies the build writes beside each file (scripts/compress-web.mjs), in the
 * order they are preferred: Brotli is smaller than gzip.
 */
const COPIES = [
  { coding: 'br', ext: '.br' },
  { coding: 'gzip', ext: '.gz' },
] as const;

/** The content codings an Accept-Encoding header accepts (a q of 0 refuses; `*` accepts any). */
export function acceptedCodings(header: string | string[] | undefined): Set<string> {
  const out = new Set<string>();
  for (const part of [header ?? ''].flat().join(',').toLowerCase().split(',')) {
    const [name = '', ...params] = part.split(';').map((x) => x.trim());
    const q = params.find((p) => p.startsWith('q='));
    if (!name || (q !== undefined && !(Number(q.slice(2)) > 0))) continue;
    if (name === '*') for (const c of COPIES) out.add(c.coding);
    else out.add(name);
  }
  return out;
}

const NOT_BUILT =
  '网页界面尚未构建,请先运行 npm run build (the web UI is not built: run npm run build)';

/**
 * The web UI from the same server: `/assets/*` (immutable, cached a year) and index.html for
 * every entry point (`no-cache`: always revalidated, so a new build is seen at once). Both are
 * public — the HTML shell and the scripts hold no data; every number comes from the API, which
 * stays signed-in only — and hidden from the OpenAPI document. Missing files answer the usual
 * JSON 404; a path leaving the web root is refused the same way. Without a built UI the entry
 * points answer 503 with a message saying so; the API is unaffected.
 */
export async function webPlugin(app: FastifyInstance, opts: { root: string }): Promise<void> {
  const root = opts.root;
  // Every route of this scope, the static plugin's own included, is public.
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, access: 'public' };
  });
  // The static plugin refuses a path outside its root (or spelled oddly) with 403: answered as
  // any unknown path is, so a probe learns nothing.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.code === 'FST_STATIC_FORBIDDEN_PATH' || error.statusCode === 403)
      return errorHandler(notFound(request), request, reply);
    return errorHandler(error, request, reply);
  });
  await app.register(fastifyStatic, {
    root: join(root, 'assets'),
    prefix: '/assets/',
    wildcard: true,
    index: false,
    list: false,
    dotfiles: 'deny',
    decorateReply: false,
    // The .br / .gz copy beside a file goes to a browser accepting it, with Content-Encoding and
    // Vary: Accept-Encoding; the file itself to any other.
    preCompressed: true,
    cacheControl: true,
    maxAge: ASSET_MAX_AGE_MS,
    immutable: true,
    // The root may not exist yet (UI not built): missing files then answer 404.
    suppressWarning: true,
  });

  const indexFile = join(root, 'index.html');
  /**
   * index.html, or its compressed copy when the request accepts it and the copy is not older
   * than the file (a `vite build` run without the compression step leaves no stale copy in use).
   */
  const indexHtml = async (accepts: Set<string>) => {
    const { mtimeMs } = await stat(indexFile);
    for (const c of COPIES) {
      if (!accepts.has(c.coding)) continue;
      try {
        const copy = indexFile + c.ext;
        if ((await stat(copy)).mtimeMs >= mtimeMs)
          return { body: await readFile(copy), coding: c.coding };
      } catch {
        // No such copy: the next one, or the file itself.
      }
    }
    return { body: await readFile(indexFile), coding: null };
  };
  for (const url of ENTRY_POINTS) {
    app.get(url, { schema: { hide: true } }, async (request, reply) => {
      let html: { body: Buffer; coding: string | null };
      try {
        html = await indexHtml(acceptedCodings(request.headers['accept-encoding']));
      } catch {
        // Said to a person at a browser: plain text, not an API error body.
        return reply.status(503).type('text/plain; charset=utf-8').send(NOT_BUILT);
      }
      if (html.coding) reply.header('content-encoding', html.coding);
      return reply
        .header('cache-control', 'no-cache')
        .header('vary', 'Accept-Encoding')
        .type('text/html; charset=utf-8')
        .send(html.body);
    });
  }
}
