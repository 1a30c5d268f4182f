import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { Bulletin, BulletinFormat } from '../../core/bulletin/index.js';
import {
  bulletinFile,
  bulletinFor,
  storeBulletin,
  storedBulletin,
  storedBulletins,
  type StoredBulletin,
} from '../../services/bulletins.js';
import { BULLETIN_MEDIA_TYPES } from '../../io/bulletin/index.js';
import { HttpError, sendRaw } from '../errors.js';
import { actorOf } from '../scope.js';
import { answers, Code, PeriodText, PlanId } from '../schemas.js';
import { visibilityFor, type Visibility } from '../visibility.js';

const Format = Type.Optional(
  Type.Union([Type.Literal('docx'), Type.Literal('pdf'), Type.Literal('xlsx')], {
    description: 'docx (默认) Word 文档;pdf;xlsx 各表一页',
  }),
);
const File = Type.String({ format: 'binary', description: '通报文件 (docx / pdf / xlsx)' });

const Stored = Type.Object({
  id: Type.Integer(),
  plan: Type.String(),
  planName: Type.String(),
  period: Type.String(),
  periodLabel: Type.String(),
  scope: Type.String(),
  scopeName: Type.String(),
  version: Type.Integer(),
  reason: Type.Union([Type.Literal('publish'), Type.Literal('regenerate')]),
  createdAt: Type.String(),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  synthetic: Type.Boolean(),
});

/** Files being made at once on this instance: a PDF starts a browser, so they are bounded. */
const MAX_RENDERING = 2;

/**
 * Whether the user may read the bulletin of a scope in a period: the province's when every
 * county is within sight (province, departments; others once published), a prefecture's also
 * for that prefecture's own users.
 */
function mayRead(vis: Visibility, scope: string, period: string): boolean {
  if (vis.seesAll(period)) return true;
  const a = vis.actor;
  return scope !== 'province' && a.role === 'prefecture' && a.region === scope;
}

/** The refusal, naming whose bulletin (a prefecture by its name and code). */
function refuse(scope: string, period: string, name: string | undefined): never {
  const whose = scope === 'province' ? '全省' : `${name ?? ''}(${scope})`;
  throw new HttpError(
    'SCOPE_DENIED',
    `${period} 期尚未公布,无权查看${whose}的通报 (not published)`,
    { scope, period },
  );
}

export const bulletinRoutes: FastifyPluginAsyncTypebox = async (app) => {
  let rendering = 0;
  /** A bulletin as a file, with the name users see; at most MAX_RENDERING at once. */
  async function send(reply: unknown, b: Bulletin, format: BulletinFormat) {
    if (rendering >= MAX_RENDERING) {
      throw new HttpError('RATE_LIMITED', '正在生成其他通报,请稍后再试 (busy, retry shortly)', {
        retryAfter: 5,
      });
    }
    rendering++;
    try {
      const f = await bulletinFile(b, format);
      const r = reply as FastifyReply;
      void r.header(
        'content-disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`,
      );
      return sendRaw(reply, f.type, f.bytes);
    } finally {
      rendering--;
    }
  }

  app.get(
    '/bulletins',
    {
      schema: {
        tags: ['bulletins'],
        summary:
          '通报 (月通报):按当前数据生成 Word、PDF 或 Excel 文件;scope 为 province (默认;市级用户默认本市) 或市(地)代码;本人范围外只能查看已公布期别的通报',
        querystring: Type.Object(
          {
            plan: PlanId,
            period: PeriodText,
            format: Format,
            scope: Type.Optional(Type.Union([Type.Literal('province'), Code])),
          },
          { additionalProperties: false },
        ),
        produces: Object.values(BULLETIN_MEDIA_TYPES),
        response: answers({ 200: File }),
      },
    },
    async (request, reply) => {
      const q = request.query;
      const actor = actorOf(request);
      const scope =
        q.scope ?? (actor.role === 'prefecture' && actor.region ? actor.region : 'province');
      const vis = await visibilityFor(app, request);
      if (!mayRead(vis, scope, q.period))
        refuse(scope, q.period, (await app.reference()).register.get(scope)?.name);
      const view = vis.view(q.period);
      const now = app.now();
      const b = await app.computed(
        `bulletin|${q.plan}|${q.period}|${scope}|${view}|${now.toISOString().slice(0, 10)}`,
        async () =>
          bulletinFor(
            { store: app.store, ...(await app.reference()) },
            { plan: q.plan, period: q.period, scope, view, now },
          ),
      );
      return send(reply, b, q.format ?? 'docx');
    },
  );

  /** Stored bulletins are province bulletins of published periods: others see them once published. */
  const visible = (vis: Visibility, items: StoredBulletin[]) =>
    items.filter((i) => mayRead(vis, i.scope, i.period));

  app.get(
    '/bulletins/stored',
    {
      schema: {
        tags: ['bulletins'],
        summary: '已保存的通报:公布期别时自动生成,或按需重新生成的各版本,新者在前',
        querystring: Type.Object({ plan: Type.Optional(PlanId) }, { additionalProperties: false }),
        response: answers({ 200: Type.Object({ items: Type.Array(Stored) }) }),
      },
    },
    async (request) => {
      const vis = await visibilityFor(app, request);
      const ctx = { store: app.store, ...(await app.reference()) };
      return { items: visible(vis, await storedBulletins(ctx, { plan: request.query.plan })) };
    },
  );

  app.get(
    '/bulletins/stored/:id',
    {
      schema: {
        tags: ['bulletins'],
        summary: '下载一份已保存的通报 (内容不随数据变化)',
        params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 31 }) }),
        querystring: Type.Object({ format: Format }, { additionalProperties: false }),
        produces: Object.values(BULLETIN_MEDIA_TYPES),
        response: answers({ 200: File }),
      },
    },
    async (request, reply) => {
      const vis = await visibilityFor(app, request);
      const ctx = { store: app.store, ...(await app.reference()) };
      const { item, bulletin } = await storedBulletin(ctx, request.params.id);
      // Not one's to see: the same answer as a bulletin that does not exist.
      if (!mayRead(vis, item.scope, item.period))
        throw new HttpError('NOT_FOUND', `没有编号为 ${item.id} 的通报 (no such bulletin)`);
      return send(reply, bulletin, request.query.format ?? 'docx');
    },
  );

  app.post(
    '/bulletins/stored',
    {
      config: { access: ['province'] },
      schema: {
        tags: ['bulletins'],
        summary: '按已公布的数据重新生成全省通报,保存为新版本 (旧版本不变)',
        body: Type.Object({ plan: PlanId, period: PeriodText }, { additionalProperties: false }),
        response: answers({ 201: Type.Object({ item: Stored }) }),
      },
    },
    async (request, reply) => {
      const { plan, period } = request.body;
      if (!(await app.published()).has(period)) {
        throw new HttpError('CONFLICT', `${period} 期尚未公布,公布后才能保存通报 (not published)`, {
          period,
        });
      }
      const item = await storeBulletin(
        { store: app.store, ...(await app.reference()) },
        { plan, period, reason: 'regenerate', by: actorOf(request).name, now: app.now() },
      );
      void reply.status(201);
      return { item };
    },
  );
};
