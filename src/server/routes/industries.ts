import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { SYNTHETIC_NOTE } from '../../core/demo/index.js';
import {
  importIndustries,
  industriesSummary,
  listIndustries,
  putIndustries,
} from '../../services/industries.js';
import { HttpError } from '../errors.js';
import { actorOf } from '../scope.js';
import { answers, Code, ErrorBody, Open, Text } from '../schemas.js';

const Decimal = Type.String({ pattern: '^-?\\d{1,12}(\\.\\d{1,6})?$' });
const Row = Type.Object(
  {
    position: Type.Union([Type.Literal(1), Type.Literal(2)]),
    industry: Text({ minLength: 1, maxLength: 50 }),
    policy: Type.Optional(Type.Union([Text({ maxLength: 2000 }), Type.Null()])),
    enterprises: Type.Optional(
      Type.Array(Text({ minLength: 1, maxLength: 100 }), { maxItems: 50 }),
    ),
    figures: Type.Optional(
      Type.Array(
        Type.Object(
          {
            year: Type.Integer({ minimum: 1949, maximum: 2100 }),
            output: Type.Optional(Type.Union([Decimal, Type.Null()])),
            growth: Type.Optional(Type.Union([Decimal, Type.Null()])),
          },
          { additionalProperties: false },
        ),
        { maxItems: 30 },
      ),
    ),
  },
  { additionalProperties: false },
);

const with_ = (o: { synthetic: boolean }) => (o.synthetic ? { note: SYNTHETIC_NOTE } : {});

/** Leading industries (主导工业清单): all signed-in users read; the province or the county itself writes. */
export const industryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ctx = async () => ({ store: app.store, register: (await app.reference()).register });

  app.get(
    '/industries',
    {
      config: { access: 'any' },
      schema: {
        tags: ['industries'],
        summary:
          '县域主导工业清单:各县1–2个主导工业、一业一策、重点企业、历年产值与增速;region 为县或市(其所辖县),省略为全部',
        querystring: Type.Object({ region: Type.Optional(Code) }, { additionalProperties: false }),
        response: answers({
          200: Open({ items: Type.Array(Open({ county: Type.String() })) }, '清单'),
        }),
      },
    },
    async (request) => {
      const res = await listIndustries(await ctx(), request.query);
      return { ...res, ...with_(res) };
    },
  );

  app.get(
    '/industries/summary',
    {
      config: { access: 'any' },
      schema: {
        tags: ['industries'],
        summary:
          '全省主导工业汇总:每个产业为几个县的主导工业、县名、最新年度总产值(亿元)及其增速(两年均有产值的县)',
        response: answers({
          200: Open({ industries: Type.Array(Open({ industry: Type.String() })) }, '汇总'),
        }),
      },
    },
    async () => {
      const res = await industriesSummary(await ctx());
      return { ...res, ...with_(res) };
    },
  );

  app.put(
    '/industries/:county',
    {
      config: { access: ['province', 'county'] },
      schema: {
        tags: ['industries'],
        summary:
          '替换一个县的主导工业清单(1–2行,位次1、2;产业须在产业名称表中);省级管理员或该县本身,变更记入管理日志',
        params: Type.Object({ county: Code }),
        body: Type.Object(
          { industries: Type.Array(Row, { minItems: 1, maxItems: 2 }) },
          { additionalProperties: false },
        ),
        response: answers({
          200: Open({ changed: Type.Boolean(), items: Type.Array(Open({})) }, '已保存'),
        }),
      },
    },
    async (request) =>
      putIndustries(await ctx(), actorOf(request), {
        county: request.params.county,
        industries: request.body.industries,
        at: new Date().toISOString(),
      }),
  );

  app.post(
    '/industries/import',
    {
      config: { access: ['province', 'county'] },
      schema: {
        tags: ['industries'],
        summary:
          '导入主导工业清单 (multipart: file 为 .xlsx 或 .csv;confirm=true 才写入,否则只校验并列出将变化的县)。列:县(市)、位次、主导工业、一业一策、重点企业、「2025年产值」「2025年增速」;有任何问题则不写入',
        consumes: ['multipart/form-data'],
        response: answers({
          200: Open({ problems: Type.Array(Open({})), written: Type.Boolean() }, '导入结果'),
          422: ErrorBody,
        }),
      },
    },
    async (request) => {
      let bytes: Buffer | undefined;
      let name = 'upload';
      const fields: Record<string, string> = {};
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          if (bytes) {
            part.file.resume();
            throw new HttpError('VALIDATION', '一次只能上传一个文件 (one file per upload)', {
              field: part.fieldname,
            });
          }
          bytes = await part.toBuffer();
          name = (part.filename || 'upload').replace(/^.*[\\/]/, '').slice(0, 200) || 'upload';
        } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      }
      if (!bytes) throw new HttpError('VALIDATION', '缺少上传文件 (字段 file)', { field: 'file' });
      if (!/\.(xlsx|csv)$/i.test(name))
        throw new HttpError('IMPORT_INVALID', `「${name}」不是 .xlsx 或 .csv 文件,未写入任何数据`, {
          field: 'file',
        });
      const confirm = fields.confirm;
      if (confirm !== undefined && confirm !== 'true' && confirm !== 'false')
        throw new HttpError('VALIDATION', 'confirm 应为 true 或 false', { field: 'confirm' });
      const res = await importIndustries(await ctx(), actorOf(request), {
        data: bytes,
        file: name,
        at: new Date().toISOString(),
        confirm: confirm === 'true',
      });
      if (res.problems.length)
        throw new HttpError('IMPORT_INVALID', `发现 ${res.problems.length} 个问题,未写入任何数据`, {
          problems: res.problems,
        });
      return res;
    },
  );
};
