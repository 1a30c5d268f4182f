import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SYNTHETIC_NOTE } from '../../core/demo/index.js';
import { publicationStatus, publishPeriod, PUBLISH_STATES } from '../../services/publishing.js';
import { completenessFor } from '../../services/reports.js';
import { auditLog } from '../../store/observations.js';
import { findUser } from '../../store/users.js';
import { HttpError } from '../errors.js';
import { sumTallies } from '../../core/completeness/index.js';
import { todayIn } from '../../core/periods/index.js';
import { actorOf } from '../scope.js';
import { visibilityFor, visibilityOf } from '../visibility.js';
import { answers, Code, PeriodText, PlanId, ValueIndicator } from '../schemas.js';

const StateCounts = Type.Object(
  Object.fromEntries(PUBLISH_STATES.map((k) => [k, Type.Integer()])) as Record<
    (typeof PUBLISH_STATES)[number],
    ReturnType<typeof Type.Integer>
  >,
);

const Counts = Type.Record(Type.String(), Type.Unknown());

const AuditEntry = Type.Object({
  at: Type.String(),
  actor: Type.String(),
  action: Type.String(),
  region: Type.String(),
  indicator: Type.String(),
  period: Type.String(),
  revision: Type.Integer(),
  oldValue: Type.Union([Type.Number(), Type.Null()]),
  newValue: Type.Union([Type.Number(), Type.Null()]),
  oldStatus: Type.Union([Type.String(), Type.Null()]),
  newStatus: Type.String(),
  reason: Type.Union([Type.String(), Type.Null()]),
  evidence: Type.Union([Type.String(), Type.Null()]),
  source: Type.String(),
});

/** Completeness of reporting, the audit log and publishing a period. */
export const reportingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/completeness',
    {
      config: { access: ['province', 'department', 'prefecture'] },
      schema: {
        tags: ['reporting'],
        summary: '报送完整性与及时性',
        querystring: Type.Object({ period: PeriodText, plan: Type.Optional(PlanId) }),
        response: answers({
          200: Type.Object({
            due: Type.Unknown(),
            overdue: Type.Unknown(),
            total: Type.Unknown(),
            byCounty: Counts,
            byPrefecture: Counts,
            byDepartment: Counts,
            synthetic: Type.Boolean(),
            note: Type.Optional(Type.String()),
          }),
        }),
      },
    },
    async (request) => {
      const q = request.query;
      const ref = await app.reference();
      const actor = actorOf(request);
      const plan = q.plan ?? 'hlj-2026';
      // Overdue is a matter of the calendar day in the province: one answer per data state and day.
      const today = todayIn(new Date());
      const c = await app.computed(`completeness|${plan}|${q.period}|${today}`, async () =>
        completenessFor({ store: app.store, ...ref }, { period: q.period, plan, now: today }),
      );
      // A prefecture sees its own counties and totals made of them alone.
      const vis = visibilityOf(ref, actor, new Set());
      const mine = (region: string) => vis.sight(region, q.period) === 'working';
      const byCounty = [...c.byCounty].filter(([k]) => mine(k));
      return {
        due: c.due,
        overdue: c.overdue,
        total: vis.whole ? c.total : sumTallies(byCounty.map(([, t]) => t)),
        byCounty: Object.fromEntries(byCounty),
        byPrefecture: Object.fromEntries([...c.byPrefecture].filter(([k]) => mine(k))),
        byDepartment: vis.whole ? Object.fromEntries(c.byDepartment) : {},
        synthetic: c.synthetic,
        ...(c.synthetic ? { note: SYNTHETIC_NOTE } : {}),
      };
    },
  );

  app.get(
    '/audit',
    {
      config: { access: ['province', 'department', 'prefecture', 'county'] },
      schema: {
        tags: ['reporting'],
        summary: '审计日志 (谁、何时、旧值、新值、原因)',
        querystring: Type.Object({
          region: Code,
          indicator: Type.Optional(ValueIndicator),
          period: Type.Optional(PeriodText),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
        }),
        response: answers({ 200: Type.Array(AuditEntry) }),
      },
    },
    async (request) => {
      const q = request.query;
      // The audit shows every revision, pending ones included: the working data, so only in scope.
      const vis = await visibilityFor(app, request);
      if (vis.sight(q.region, '') !== 'working')
        throw new HttpError('SCOPE_DENIED', `无权查看 ${q.region} 的审计日志`);
      return auditLog(app.store, q);
    },
  );

  app.post(
    '/publications',
    {
      config: { access: ['province'] },
      schema: {
        tags: ['reporting'],
        summary: '公布一个期别的已核定数值;首次公布时为涵盖该期的每个计划生成并保存全省通报',
        body: Type.Object({ period: PeriodText }, { additionalProperties: false }),
        response: answers({
          200: Type.Object({
            period: Type.String(),
            published: Type.Boolean(),
            new: Type.Boolean(),
            bulletins: Type.Array(
              Type.Object({ id: Type.Integer(), plan: Type.String(), version: Type.Integer() }),
              { description: '公布时自动生成并保存的全省通报 (每个涵盖该期的计划一份)' },
            ),
          }),
        }),
      },
    },
    async (request) => {
      const { period } = request.body;
      // A first publication stores each plan's province bulletin of the period; one that cannot
      // be written is logged, and the publication stands.
      const done = await publishPeriod(
        { store: app.store, ...(await app.reference()) },
        { period, by: actorOf(request).name, now: app.now() },
      );
      app.forgetPublished();
      for (const f of done.failed) request.log.warn({ period, ...f }, 'bulletin not stored');
      const { created } = done;
      const bulletins = done.bulletins.map(({ id, plan, version }) => ({ id, plan, version }));
      return { period, published: true, new: created, bulletins };
    },
  );

  app.get(
    '/publications',
    {
      config: { access: ['province'] },
      schema: {
        tags: ['reporting'],
        summary: '期别是否已公布(何人、何时),及本计划各县数值按审核状态的计数和尚未核定的县与指标',
        querystring: Type.Object(
          { period: PeriodText, plan: Type.Optional(PlanId) },
          { additionalProperties: false },
        ),
        response: answers({
          200: Type.Object({
            plan: Type.String(),
            period: Type.String(),
            label: Type.String(),
            published: Type.Boolean(),
            publishedAt: Type.Union([Type.String(), Type.Null()]),
            publishedBy: Type.Union([Type.String(), Type.Null()]),
            publisherName: Type.Union([Type.String(), Type.Null()]),
            counts: StateCounts,
            unapproved: Type.Array(
              Type.Object({
                region: Type.String(),
                name: Type.String(),
                prefectureName: Type.Union([Type.String(), Type.Null()]),
                counts: StateCounts,
                values: Type.Array(
                  Type.Object({
                    indicator: Type.String(),
                    name: Type.String(),
                    unit: Type.String(),
                    state: Type.String(),
                  }),
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
      const plan = q.plan ?? 'hlj-2026';
      if (!ref.plans.some((p) => p.id === plan))
        throw new HttpError('NOT_FOUND', `没有计划「${plan}」,请从计划列表中选择 (no such plan)`, {
          field: 'plan',
          value: plan,
        });
      const s = await publicationStatus({ store: app.store, ...ref }, { plan, period: q.period });
      const publisher = s.publishedBy ? await findUser(app.store, s.publishedBy) : undefined;
      return { ...s, publisherName: publisher?.displayName ?? s.publishedBy };
    },
  );
};
