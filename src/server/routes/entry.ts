import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { todayIn } from '../../core/periods/index.js';
import { entryFor } from '../../services/entry.js';
import { actorOf } from '../scope.js';
import { answers, Code, PeriodText, PlanId } from '../schemas.js';

const Num = Type.Union([Type.Number(), Type.Null()]);
const Str = Type.Union([Type.String(), Type.Null()]);

const Month = Type.Object({
  period: Type.String(),
  label: Type.String(),
  due: Type.String({ description: '报送截止日期 YYYY-MM-DD' }),
  overdue: Type.Boolean(),
});

const Rule = Type.Object(
  {
    integer: Type.Boolean({ description: '须为整数(计数指标)' }),
    floor: Num,
    ceiling: Num,
    min: Num,
    max: Num,
    cumulative: Type.Boolean({ description: '年内累计值,不得小于上月' }),
  },
  { description: '服务器校验数值所用的规则 (core entryRule),表单在保存前按同一规则校验' },
);

const Row = Type.Object({
  indicator: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  unit: Type.String(),
  kind: Type.String(),
  ytd: Type.Boolean(),
  rule: Rule,
  lastYear: Num,
  previousPeriod: Str,
  previous: Num,
  value: Num,
  status: Str,
  revision: Type.Integer(),
  returnReason: Str,
  actor: Str,
  at: Str,
});

const Named = Type.Object({ code: Type.String(), name: Type.String() });

export const EntryAnswer = Type.Object(
  {
    plan: Type.String(),
    region: Type.Object({
      code: Type.String(),
      name: Type.String(),
      prefecture: Type.Union([Named, Type.Null()]),
    }),
    period: Type.String(),
    label: Type.String(),
    due: Type.String(),
    overdue: Type.Boolean(),
    months: Type.Array(Month),
    current: Str,
    counties: Type.Array(Named),
    rows: Type.Array(Row),
    synthetic: Type.Boolean(),
    maxUploadBytes: Type.Integer(),
  },
  { description: '填报表 (entry form)' },
);

/** The entry form's one answer: what a county reports for a month, with what is there already. */
export const entryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/entry',
    {
      config: { access: ['province', 'prefecture', 'county'] },
      schema: {
        tags: ['observations'],
        summary:
          '数据填报表:某县(市)某月应报的全部指标(按填报模板顺序),含上年同期(已核定)、上月、本期数值、状态、版本与校验规则;可选月份为计划的报送日历至当前应报月份。县只能看本县,市只能看本市所属县',
        querystring: Type.Object(
          {
            plan: Type.Optional(PlanId),
            region: Type.Optional(Code),
            period: Type.Optional(PeriodText),
          },
          { additionalProperties: false },
        ),
        response: answers({ 200: EntryAnswer }),
      },
    },
    async (request) => {
      const q = request.query;
      const ref = await app.reference();
      return entryFor({ store: app.store, ...ref }, actorOf(request), {
        plan: q.plan ?? 'hlj-2026',
        ...(q.region ? { region: q.region } : {}),
        ...(q.period ? { period: q.period } : {}),
        today: todayIn(new Date()),
      });
    },
  );
};
