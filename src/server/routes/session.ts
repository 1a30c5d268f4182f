import { randomBytes } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  createSession,
  deleteSession,
  findUser,
  LOGIN_LIMITS,
  loginSucceeded,
  recordLogin,
  reserveLogin,
  type User,
} from '../../store/users.js';
import { SESSION_COOKIE } from '../constants.js';
import { HttpError } from '../errors.js';
import { verifyPassword } from '../../services/password.js';
import { answers, Text } from '../schemas.js';

const SESSION_HOURS = 12;

export const UserSchema = Type.Object({
  username: Type.String(),
  role: Type.String(),
  region: Type.Union([Type.String(), Type.Null()]),
  department: Type.Union([Type.String(), Type.Null()]),
  displayName: Type.String(),
  demo: Type.Boolean(),
});
const SessionReply = Type.Object({ user: UserSchema, csrfToken: Type.String() });

function setCookie(app: FastifyInstance, reply: FastifyReply, value: string, maxAge: number): void {
  void reply.setCookie(SESSION_COOKIE, value, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: app.secureCookies,
    maxAge,
  });
}

export const sessionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/session',
    {
      config: { access: 'public' },
      schema: {
        tags: ['session'],
        summary: '登录:返回 CSRF 令牌,设置会话 Cookie',
        body: Type.Object(
          {
            username: Text({ minLength: 1, maxLength: 64 }),
            password: Type.String({ minLength: 1, maxLength: 256 }),
          },
          { additionalProperties: false },
        ),
        security: [],
        response: answers({ 200: SessionReply }),
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const now = new Date();
      const attempt = { username, address: request.ip, at: now.toISOString() };
      // Reserved before the password is checked, so simultaneous guesses cannot all be tried.
      if (!(await reserveLogin(app.store, attempt)).allowed) {
        throw new HttpError(
          'RATE_LIMITED',
          `登录失败次数过多,请 ${LOGIN_LIMITS.windowMinutes} 分钟后再试`,
        );
      }
      const found = await findUser(app.store, username);
      // Verify even for an unknown user, so timing does not reveal which names exist.
      const ok = await verifyPassword(
        password,
        found?.passwordHash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA',
      );
      await recordLogin(app.store, {
        username,
        address: request.ip,
        at: now.toISOString(),
        ok: ok && !!found && !found.disabled,
      });
      if (!found || !ok) throw new HttpError('UNAUTHENTICATED', '用户名或密码错误');
      if (found.disabled) throw new HttpError('UNAUTHENTICATED', '该用户已停用 (user disabled)');
      await loginSucceeded(app.store, attempt);
      // A new session id at every login (no fixation); an old one in the request is ended.
      const old = request.cookies[SESSION_COOKIE];
      if (old) {
        await deleteSession(app.store, old);
        app.forgetSession(old);
      }
      const id = randomBytes(32).toString('base64url');
      const csrf = randomBytes(32).toString('base64url');
      await createSession(app.store, {
        id,
        username,
        csrf,
        at: now.toISOString(),
        expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString(),
      });
      setCookie(app, reply, id, SESSION_HOURS * 3600);
      const { passwordHash: _hash, disabled: _disabled, ...user } = found;
      return { user: user as User, csrfToken: csrf };
    },
  );

  app.get(
    '/session',
    {
      schema: {
        tags: ['session'],
        summary: '当前用户与 CSRF 令牌',
        response: answers({ 200: SessionReply }),
      },
    },
    async (request) => ({ user: request.user!, csrfToken: request.csrf! }),
  );

  app.delete(
    '/session',
    {
      schema: {
        tags: ['session'],
        summary: '退出登录:结束服务器端会话',
        response: answers({ 204: Type.Null() }),
      },
    },
    async (request, reply) => {
      if (request.sessionId) {
        await deleteSession(app.store, request.sessionId);
        app.forgetSession(request.sessionId);
      }
      setCookie(app, reply, '', 0);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['operations'],
        summary:
          '健康检查:数据库可达;secureCookies:是否按 HTTPS 运行 (Secure Cookie、HSTS);trustProxy:是否采信反向代理的 X-Forwarded-For',
        security: [],
        response: {
          200: Type.Object({
            status: Type.String(),
            database: Type.String(),
            secureCookies: Type.Boolean(),
            trustProxy: Type.Boolean(),
          }),
        },
      },
    },
    async () => {
      await app.store.db.selectFrom('meta').select('key').limit(1).execute();
      return {
        status: 'ok',
        database: app.store.dialect,
        secureCookies: app.secureCookies,
        trustProxy: app.trustsProxy,
      };
    },
  );
};
