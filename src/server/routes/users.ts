import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  addUser,
  knownDepartments,
  MAX_PASSWORD_LENGTH,
  resetPassword,
  setDisabled,
  USERNAME_PATTERN,
  userHistory,
  userListing,
} from '../../services/users.js';
import { HttpError } from '../errors.js';
import { actorOf } from '../scope.js';
import { answers, Code, Text } from '../schemas.js';
import { AdminEntrySchema } from './regions.js';

const Role = Type.Union(
  ['province', 'department', 'prefecture', 'county', 'observer'].map((r) => Type.Literal(r)),
);

const UserRow = Type.Object({
  username: Type.String(),
  role: Type.String(),
  region: Type.Union([Type.String(), Type.Null()]),
  department: Type.Union([Type.String(), Type.Null()]),
  displayName: Type.String(),
  demo: Type.Boolean(),
  disabled: Type.Boolean(),
  createdAt: Type.String(),
  regionName: Type.Union([Type.String(), Type.Null()]),
  prefectureName: Type.Union([Type.String(), Type.Null()]),
  scope: Type.String(),
});

const Username = Type.String({ pattern: USERNAME_PATTERN });
const Password = Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH });

const PasswordAnswer = Type.Object({
  password: Type.Optional(
    Type.String({ description: '生成的密码:只在这一次答复中出现,服务器不保存明文' }),
  ),
  sessionsEnded: Type.Integer(),
});

export const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const by = (request: Parameters<typeof actorOf>[0]) => ({
    actor: actorOf(request).name,
    at: new Date().toISOString(),
  });

  app.get(
    '/users',
    {
      config: { access: ['province'] },
      schema: {
        tags: ['users'],
        summary:
          '用户列表(不含密码):角色、范围(区划名称或部门)、状态、是否演示用户;departments 为可选的责任部门',
        response: answers({
          200: Type.Object({
            users: Type.Array(UserRow),
            departments: Type.Array(Type.String()),
          }),
        }),
      },
    },
    async () => {
      const ref = await app.reference();
      return {
        users: await userListing(app.store, ref.register),
        departments: knownDepartments(ref),
      };
    },
  );

  app.post(
    '/users',
    {
      config: { access: ['province'] },
      schema: {
        tags: ['users'],
        summary:
          '新增用户 (与 leitai user add 同一操作):县、市用户须给区划代码,部门用户须给部门;不给密码则生成一个,只在答复中显示这一次;用户名已存在 → 409,不作任何改动',
        body: Type.Object(
          {
            username: Text({ minLength: 1, maxLength: 64 }),
            displayName: Type.Optional(Text({ maxLength: 64 })),
            role: Role,
            region: Type.Optional(Code),
            department: Type.Optional(Text({ minLength: 1, maxLength: 64 })),
            password: Type.Optional(Password),
          },
          { additionalProperties: false },
        ),
        response: answers({
          201: Type.Object({
            user: UserRow,
            password: Type.Optional(
              Type.String({ description: '生成的密码:只在这一次答复中出现' }),
            ),
          }),
        }),
      },
    },
    async (request, reply) => {
      const b = request.body;
      const needsRegion = b.role === 'county' || b.role === 'prefecture';
      if (needsRegion && !b.region)
        throw new HttpError(
          'VALIDATION',
          `${b.role === 'county' ? '县级' : '市(地)级'}用户须选择所属区划 (region)`,
          { field: 'region' },
        );
      if (b.role === 'department' && !b.department)
        throw new HttpError('VALIDATION', '部门用户须选择所属部门 (department)', {
          field: 'department',
        });
      if (!needsRegion && b.region)
        throw new HttpError('VALIDATION', `角色 ${b.role} 不带区划,请去掉 region`, {
          field: 'region',
        });
      if (b.role !== 'department' && b.department)
        throw new HttpError('VALIDATION', `角色 ${b.role} 不带部门,请去掉 department`, {
          field: 'department',
        });
      const ref = await app.reference();
      const scope = needsRegion
        ? `${b.role}:${b.region}`
        : b.role === 'department'
          ? `department:${b.department}`
          : b.role;
      const r = await addUser(
        app.store,
        {
          username: b.username,
          scope,
          ...(b.displayName ? { displayName: b.displayName } : {}),
          ...(b.password !== undefined ? { password: b.password } : {}),
        },
        { ...by(request), departments: knownDepartments(ref) },
      );
      const listed = (await userListing(app.store, ref.register)).find(
        (u) => u.username === b.username,
      )!;
      return reply
        .status(201)
        .send({ user: listed, ...(r.password ? { password: r.password } : {}) });
    },
  );

  app.put(
    '/users/:username/password',
    {
      config: { access: ['province'] },
      schema: {
        tags: ['users'],
        summary:
          '重设密码 (与 leitai user reset-password 同一操作):给出新密码(至少 10 个字符)或不给而生成一个(只显示这一次);结束该用户的全部会话',
        params: Type.Object({ username: Username }),
        body: Type.Object({ password: Type.Optional(Password) }, { additionalProperties: false }),
        response: answers({ 200: PasswordAnswer }),
      },
    },
    async (request) => {
      const { username } = request.params;
      const r = await resetPassword(app.store, username, by(request), request.body.password);
      app.forgetSessionsOf(username);
      return r;
    },
  );

  app.post(
    '/users/:username/:action',
    {
      config: { access: ['province'] },
      schema: {
        tags: ['users'],
        summary:
          '停用 (disable:结束其全部会话,此后不能登录;不能停用自己) 或重新启用 (enable) 用户,与 leitai user disable / enable 同一操作',
        params: Type.Object({
          username: Username,
          action: Type.Union([Type.Literal('disable'), Type.Literal('enable')]),
        }),
        response: answers({
          200: Type.Object({ changed: Type.Boolean(), sessionsEnded: Type.Integer() }),
        }),
      },
    },
    async (request) => {
      const { username, action } = request.params;
      const r = await setDisabled(app.store, username, action === 'disable', by(request));
      app.forgetSessionsOf(username);
      return r;
    },
  );

  app.get(
    '/users/:username/history',
    {
      config: { access: ['province'] },
      schema: {
        tags: ['users'],
        summary: '一个用户的改动记录(管理日志,从不含密码),新的在前,最多 limit 条',
        params: Type.Object({ username: Username }),
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) },
          { additionalProperties: false },
        ),
        response: answers({ 200: Type.Array(AdminEntrySchema) }),
      },
    },
    async (request) => userHistory(app.store, request.params.username, request.query.limit ?? 100),
  );
};
