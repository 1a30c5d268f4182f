import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { todayIn } from '../../core/periods/index.js';
import {
  lateCounties,
  reminderSheet,
  sendReminders,
  SYSTEM_SENDER,
} from '../../services/reminders.js';
import { listReminders, markRemindersRead } from '../../store/reminders.js';
import { findUser } from '../../store/users.js';
import type { Reference } from '../context.js';
import { HttpError, sendRaw } from '../errors.js';
import { actorOf } from '../scope.js';
import { visibilityOf } from '../visibility.js';
import { answers, Code, PeriodText, PlanId, Text } from '../schemas.js';
import type { Actor } from '../../core/review/index.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** At most this many counties in one request (a province has ~100). */
const MAX_REGIONS = 500;
const MAX_PAGE = 200;

const ReminderAnswer = Type.Object({
  id: Type.Integer(),
  plan: Type.String(),
  period: Type.String(),
  region: Type.String(),
  regionName: Type.String(),
  due: Type.String(),
  missing: Type.Integer(),
  note: Type.Union([Type.String(), Type.Null()]),
  sentBy: Type.String(),
  /** The sender's display name; 系统 for the automatic job. */
  senderName: Type.String(),
  sentAt: Type.String(),
  auto: Type.Boolean(),
  readBy: Type.Union([Type.String(), Type.Null()]),
  readAt: Type.Union([Type.String(), Type.Null()]),
});

/** Whether a county is within the actor's working scope (province: all; prefecture: its own). */
function scopeOf(ref: Reference, actor: Actor): (region: string) => boolean {
  const vis = visibilityOf(ref, actor, new Set());
  return (region) =>
    ref.register.get(region)?.level === 'county' && vis.sight(region, '') === 'working';
}

/** The counties whose reminders a user lists: a county its own, a prefecture its counties. */
function listedRegions(ref: Reference, actor: Actor): string[] | undefined {
  if (actor.role === 'county') return actor.region ? [actor.region] : [];
  if (actor.role === 'prefecture')
    return [...ref.register.regions.values()]
      .filter((r) => r.parent === actor.region)
      .map((r) => r.code);
  return undefined;
}

const planOf = (ref: Reference, id: string) => {
  if (!ref.plans.some((p) => p.id === id))
    throw new HttpError('NOT_FOUND', `没有计划「${id}」,请从计划列表中选择 (no such plan)`, {
      field: 'plan',
      value: id,
    });
  return id;
};

/** 催报: reminders to late counties, the county's notices, the printable sheet. */
export const reminderRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/reminders',
    {
      config: { access: ['province', 'prefecture'] },
      schema: {
        tags: ['reporting'],
        summary: '催报:向逾期缺报的县发送提醒(不指定 regions 时发给本人范围内全部逾期县)',
        body: Type.Object(
          {
            plan: PlanId,
            period: PeriodText,
            regions: Type.Optional(
              Type.Array(Code, { minItems: 1, maxItems: MAX_REGIONS, uniqueItems: true }),
            ),
            note: Type.Optional(Text({ maxLength: 500 })),
          },
          { additionalProperties: false },
        ),
        response: answers({
          200: Type.Object({
            sent: Type.Integer(),
            regions: Type.Array(Type.String()),
            due: Type.String(),
          }),
        }),
      },
    },
    async (request) => {
      const b = request.body;
      const ref = await app.reference();
      const actor = actorOf(request);
      planOf(ref, b.plan);
      const inScope = scopeOf(ref, actor);
      for (const r of b.regions ?? []) {
        if (!ref.register.get(r))
          throw new HttpError('VALIDATION', `regions 中的区划代码 ${r} 不存在`, {
            field: 'regions',
            value: r,
          });
        if (!inScope(r)) {
          const name = ref.register.get(r)!.name;
          throw new HttpError('SCOPE_DENIED', `无权向 ${name}(${r}) 催报:不在您的管辖范围内`, {
            field: 'regions',
            region: r,
          });
        }
      }
      const note = b.note?.trim() ? b.note.trim() : null;
      const rows = await sendReminders(
        { store: app.store, ...ref },
        { ...b, note, by: actor.name, now: app.now(), inScope },
      );
      return { sent: rows.length, regions: rows.map((r) => r.region), due: rows[0]!.due };
    },
  );

  app.get(
    '/reminders',
    {
      config: { access: ['province', 'prefecture', 'county'] },
      schema: {
        tags: ['reporting'],
        summary: '催报记录(县:本县;市:所辖县;省:全部),新的在前,分页',
        querystring: Type.Object(
          {
            plan: Type.Optional(PlanId),
            period: Type.Optional(PeriodText),
            unread: Type.Optional(Type.Boolean()),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 50 })),
            offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
          },
          { additionalProperties: false },
        ),
        response: answers({
          200: Type.Object({
            total: Type.Integer(),
            unread: Type.Integer(),
            offset: Type.Integer(),
            limit: Type.Integer(),
            items: Type.Array(ReminderAnswer),
          }),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      const ref = await app.reference();
      const actor = actorOf(request);
      const limit = q.limit ?? 50;
      const offset = q.offset ?? 0;
      const page = await listReminders(app.store, {
        regions: listedRegions(ref, actor),
        plan: q.plan,
        period: q.period,
        unread: q.unread,
        limit,
        offset,
      });
      const names = new Map<string, string>([[SYSTEM_SENDER, '系统']]);
      for (const by of new Set(page.items.map((r) => r.sentBy)))
        if (!names.has(by)) names.set(by, (await findUser(app.store, by))?.displayName ?? by);
      return {
        total: page.total,
        unread: page.unread,
        offset,
        limit,
        items: page.items.map((r) => ({
          ...r,
          regionName: ref.register.get(r.region)?.name ?? r.region,
          senderName: names.get(r.sentBy) ?? r.sentBy,
        })),
      };
    },
  );

  app.post(
    '/reminders/read',
    {
      config: { access: ['county'] },
      schema: {
        tags: ['reporting'],
        summary: '县级用户将本县的催报标为已读(不指定 ids 时全部)',
        body: Type.Object(
          {
            ids: Type.Optional(
              Type.Array(Type.Integer({ minimum: 1 }), { maxItems: MAX_PAGE, uniqueItems: true }),
            ),
          },
          { additionalProperties: false },
        ),
        response: answers({ 200: Type.Object({ marked: Type.Integer() }) }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!actor.region) throw new HttpError('SCOPE_DENIED', '该用户没有所属县(市),无法标记催报');
      const marked = await markRemindersRead(app.store, {
        region: actor.region,
        by: actor.name,
        at: app.now().toISOString(),
        ids: request.body.ids,
      });
      return { marked };
    },
  );

  app.get(
    '/reminders/late',
    {
      config: { access: ['province', 'prefecture'] },
      schema: {
        tags: ['reporting'],
        summary: '逾期缺报的县(本人范围内)及各自缺报的指标',
        querystring: Type.Object(
          { plan: PlanId, period: PeriodText },
          { additionalProperties: false },
        ),
        response: answers({
          200: Type.Object({
            plan: Type.String(),
            period: Type.String(),
            due: Type.String(),
            overdue: Type.Boolean(),
            counties: Type.Array(
              Type.Object({
                region: Type.String(),
                name: Type.String(),
                prefecture: Type.Union([Type.String(), Type.Null()]),
                prefectureName: Type.Union([Type.String(), Type.Null()]),
                missing: Type.Array(
                  Type.Object({ code: Type.String(), name: Type.String(), unit: Type.String() }),
                ),
              }),
            ),
          }),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      const ref = await app.reference();
      planOf(ref, q.plan);
      const inScope = scopeOf(ref, actorOf(request));
      const today = todayIn(app.now());
      const late = await app.computed(`late|${q.plan}|${q.period}|${today}`, () =>
        lateCounties({ store: app.store, ...ref }, { ...q, today }),
      );
      return {
        plan: late.plan,
        period: late.period,
        due: late.due,
        overdue: late.overdue,
        counties: late.counties.filter((c) => inScope(c.region)),
      };
    },
  );

  app.get(
    '/reminders/sheet',
    {
      config: { access: ['province', 'prefecture'] },
      schema: {
        tags: ['reporting'],
        summary: '下载催报单 (xlsx):本人范围内逾期缺报的县、缺报指标及截止日期',
        querystring: Type.Object(
          { plan: PlanId, period: PeriodText },
          { additionalProperties: false },
        ),
        produces: [XLSX],
        response: answers({
          200: Type.String({ format: 'binary', description: 'Excel 工作簿 (.xlsx)' }),
        }),
      },
    },
    async (request, reply) => {
      const q = request.query;
      const ref = await app.reference();
      planOf(ref, q.plan);
      const actor = actorOf(request);
      const by = request.user?.displayName ?? actor.name;
      const sheet = await reminderSheet(
        { store: app.store, ...ref },
        { ...q, now: app.now(), inScope: scopeOf(ref, actor), by },
      );
      const name = encodeURIComponent(`催报单-${q.plan}-${q.period}.xlsx`);
      void reply.header('content-disposition', `attachment; filename*=UTF-8''${name}`);
      return sendRaw(reply, XLSX, sheet.buffer);
    },
  );
};
