import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SYNTHETIC_NOTE } from '../../core/demo/index.js';
import { todayIn } from '../../core/periods/index.js';
import { MAX_REPORT_TEXT } from '../../core/tasks/report.js';
import { TASK_STATUSES } from '../../core/tasks/types.js';
import { listTasks, reportTask, showTask } from '../../services/tasks.js';
import { actorOf } from '../scope.js';
import { answers, Open, PlanId, Text } from '../schemas.js';

const TaskNo = Type.Integer({ minimum: 1, maximum: 10_000 });
const DateText = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const Department = Text({ maxLength: 100 });

/** The task ledger (任务台账): every signed-in user reads it; the lead unit or the province reports. */
export const taskRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/tasks',
    {
      config: { access: 'any' },
      schema: {
        tags: ['tasks'],
        summary:
          '任务台账:计划的重点任务及牵头、配合单位、期限、量化目标与状态(未开始/推进中/已完成/逾期,按服务器今日判断),逾期在前;可按牵头或配合单位、状态筛选;不指定 plan 时为含任务的最新计划',
        querystring: Type.Object(
          {
            plan: Type.Optional(PlanId),
            department: Type.Optional(Department),
            status: Type.Optional(Type.Union(TASK_STATUSES.map((s) => Type.Literal(s)))),
          },
          { additionalProperties: false },
        ),
        response: answers({
          200: Open(
            {
              plan: Type.String(),
              today: Type.String(),
              departments: Type.Array(Type.String()),
              items: Type.Array(Open({ no: Type.Integer(), status: Type.String() })),
            },
            '任务列表',
          ),
        }),
      },
    },
    async (request) => {
      const ref = await app.reference();
      const res = await listTasks({ store: app.store, plans: ref.plans }, actorOf(request), {
        ...request.query,
        today: todayIn(new Date()),
      });
      return { ...res, ...(res.synthetic ? { note: SYNTHETIC_NOTE } : {}) };
    },
  );

  app.get(
    '/tasks/:plan/:no',
    {
      config: { access: 'any' },
      schema: {
        tags: ['tasks'],
        summary: '一项任务及其全部进展报告(时间先后)',
        params: Type.Object({ plan: PlanId, no: TaskNo }),
        response: answers({
          200: Open({ task: Open({ no: Type.Integer() }), reports: Type.Array(Open({})) }, '任务'),
        }),
      },
    },
    async (request) => {
      const ref = await app.reference();
      return showTask({ store: app.store, plans: ref.plans }, actorOf(request), {
        ...request.params,
        today: todayIn(new Date()),
      });
    },
  );

  app.post(
    '/tasks/:plan/:no/reports',
    {
      config: { access: ['province', 'department'] },
      schema: {
        tags: ['tasks'],
        summary:
          '报告任务进展:仅任务的牵头单位(部门用户,名称经部门别名表归一)或省级管理员;他单位牵头的任务被拒绝并说明牵头单位。日期不得晚于今天;done=true 表示完成(周期性任务为完成本次)',
        params: Type.Object({ plan: PlanId, no: TaskNo }),
        body: Type.Object(
          {
            date: DateText,
            text: Text({ minLength: 1, maxLength: MAX_REPORT_TEXT }),
            percent: Type.Optional(
              Type.Union([Type.Integer({ minimum: 0, maximum: 100 }), Type.Null()]),
            ),
            evidence: Type.Optional(Type.Union([Text({ maxLength: 500 }), Type.Null()])),
            done: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: answers({
          200: Open({ plan: Type.String(), task: Type.Integer() }, '已记录的进展'),
        }),
      },
    },
    async (request) => {
      const ref = await app.reference();
      const now = new Date();
      return reportTask({ store: app.store, plans: ref.plans }, actorOf(request), {
        ...request.params,
        ...request.body,
        today: todayIn(now),
        at: now.toISOString(),
      });
    },
  );
};
