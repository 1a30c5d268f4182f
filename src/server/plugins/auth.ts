import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Store } from '../../store/db.js';
import { findSession } from '../../store/users.js';
import { CSRF_HEADER, SESSION_COOKIE, STATE_CHANGING } from '../constants.js';
import { HttpError, notFound } from '../errors.js';

type Session = Awaited<ReturnType<typeof findSession>>;

/**
 * Sign-in, CSRF and role checks, decided on the route the router matched (so every spelling of a
 * path that reaches a route meets the same checks) before anything of the request is parsed.
 * A route is for signed-in users unless it says `access: 'public'`. Sessions are read from the
 * database and kept for at most `cacheMs`: a logout elsewhere reaches this instance within that
 * time, here at once.
 */
export const authPlugin = fp(
  async (app: FastifyInstance, opts: { store: Store; cacheMs: number }) => {
    const sessionCache = new Map<string, { at: number; s: Session }>();
    const find = async (sid: string) => {
      const hit = sessionCache.get(sid);
      if (hit && Date.now() - hit.at < opts.cacheMs) return hit.s;
      const s = await findSession(opts.store, sid, new Date().toISOString());
      if (sessionCache.size > 10_000) sessionCache.clear();
      sessionCache.set(sid, { at: Date.now(), s });
      return s;
    };
    app.decorate('forgetSession', (sid: string) => {
      sessionCache.delete(sid);
    });
    // A password reset or a disabled user ends the sessions in the database; this instance
    // forgets them at once too (others within `cacheMs`, as for a logout).
    app.decorate('forgetSessionsOf', (username: string) => {
      for (const [sid, hit] of sessionCache)
        if (hit.s?.user.username === username) sessionCache.delete(sid);
    });

    app.addHook('onRequest', async (request) => {
      // Unknown routes answer 404 at once, before any body is read; others need their rule.
      if (request.is404) throw notFound(request);
      const access = request.routeOptions.config.access ?? 'any';
      if (access === 'public') return;
      const sid = request.cookies[SESSION_COOKIE];
      const session = sid ? await find(sid) : undefined;
      if (!session || !sid) throw new HttpError('UNAUTHENTICATED', '请先登录 (not signed in)');
      request.user = session.user;
      request.csrf = session.csrf;
      request.sessionId = sid;
      if (STATE_CHANGING.has(request.method)) checkCsrf(request, session.csrf);
      if (access !== 'any' && !access.includes(session.user.role)) {
        throw new HttpError('SCOPE_DENIED', `角色「${session.user.role}」无权访问此接口`);
      }
    });
  },
  { name: 'auth', dependencies: ['@fastify/cookie'] },
);

function checkCsrf(request: FastifyRequest, expected: string): void {
  const sent = request.headers[CSRF_HEADER];
  const a = Buffer.from(typeof sent === 'string' ? sent : '');
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new HttpError('CSRF', `缺少或错误的 CSRF 令牌 (${CSRF_HEADER})`);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    forgetSession(sid: string): void;
    /** Forgets the cached sessions of one user (their sessions were ended). */
    forgetSessionsOf(username: string): void;
  }
}
