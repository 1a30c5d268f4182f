import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ATTRIBUTE_NAMES,
  REGION_ATTRIBUTES,
  regionHistory,
  setRegionAttributes,
} from '../../services/regions.js';
import { actorOf } from '../scope.js';
import { answers, Code, Reason } from '../schemas.js';

const Region = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.String(),
  parent: Type.Union([Type.String(), Type.Null()]),
  kind: Type.String(),
  attributes: Type.Record(Type.String(), Type.Union([Type.Boolean(), Type.Null()])),
  synthetic: Type.Optional(Type.Boolean()),
});

const Tri = Type.Union([Type.Boolean(), Type.Null()]);

/** One record of the admin log, as the history answers show it. */
export const AdminEntrySchema = Type.Object({
  at: Type.String(),
  actor: Type.String(),
  action: Type.String(),
  target: Type.String(),
  old: Type.Unknown(),
  new: Type.Unknown(),
  reason: Type.Union([Type.String(), Type.Null()]),
});

export const regionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/regions',
    {
      schema: {
        tags: ['regions'],
        summary: '区划名录',
        querystring: Type.Object({
          parent: Type.Optional(Code),
          kind: Type.Optional(Type.String({ maxLength: 20 })),
          level: Type.Optional(
            Type.Union([
              Type.Literal('province'),
              Type.Literal('prefecture'),
              Type.Literal('county'),
            ]),
          ),
        }),
        response: answers({ 200: Type.Array(Region) }),
      },
    },
    async (request) => {
      const q = request.query;
      const { register } = await app.reference();
      return [...register.regions.values()]
        .filter(
          (r) =>
            (q.parent === undefined || r.parent === q.parent) &&
            (q.kind === undefined || r.kind === q.kind) &&
            (q.level === undefined || r.level === q.level),
        )
        .sort((a, b) => a.code.localeCompare(b.code));
    },
  );

  app.put(
    '/regions/:code/attributes',
    {
      config: { access: ['province'] },
      schema: {
        tags: ['regions'],
        summary: `设定一个县的区域属性 (类别规则所用: ${REGION_ATTRIBUTES.map((a) => `${a} ${ATTRIBUTE_NAMES[a]}`).join(', ')});true 是、false 否、null 未知;未列出的属性不变;每项改动记入管理日志,评价随即按新属性判定类别`,
        params: Type.Object({ code: Code }),
        body: Type.Object(
          {
            attributes: Type.Object(
              Object.fromEntries(REGION_ATTRIBUTES.map((a) => [a, Type.Optional(Tri)])),
              { additionalProperties: false, minProperties: 1 },
            ),
            reason: Type.Optional(Reason),
          },
          { additionalProperties: false },
        ),
        response: answers({
          200: Type.Object({
            code: Type.String(),
            name: Type.String(),
            attributes: Type.Record(Type.String(), Tri),
            changed: Type.Array(Type.String()),
          }),
        }),
      },
    },
    async (request) => {
      const { attributes, reason } = request.body;
      const result = await setRegionAttributes(app.store, {
        code: request.params.code,
        attributes: attributes as Record<string, boolean | null>,
        reason: reason?.trim() || null,
        actor: actorOf(request).name,
        at: new Date().toISOString(),
      });
      if (result.changed.length > 0) app.invalidateReference();
      return result;
    },
  );

  app.get(
    '/regions/:code/history',
    {
      config: { access: ['province'] },
      schema: {
        tags: ['regions'],
        summary: '一个区划的区域属性改动记录(管理日志),新的在前,最多 limit 条',
        params: Type.Object({ code: Code }),
        querystring: Type.Object(
          { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) },
          { additionalProperties: false },
        ),
        response: answers({ 200: Type.Array(AdminEntrySchema) }),
      },
    },
    async (request) => regionHistory(app.store, request.params.code, request.query.limit ?? 100),
  );
};
