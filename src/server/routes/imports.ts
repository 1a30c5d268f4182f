import type { MultipartFile } from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import {
  importFile,
  previewImport,
  type ImportPreview,
  type ImportReport,
} from '../../services/import.js';
import type { ApplyResult } from '../../store/observations.js';
import { HttpError } from '../errors.js';
import { actorOf } from '../scope.js';
import { isPeriod } from '../../core/periods/index.js';
import { answers, ErrorBody, isPlainText, Open } from '../schemas.js';

/** What a successful import answers: the file, and how many values were new or changed. */
export const ImportAnswer = Open(
  {
    file: Type.String(),
    problems: Type.Array(Open({})),
    denied: Type.Array(Type.String()),
    result: Open({ rows: Type.Integer() }),
  },
  '导入结果 (import result)',
);

/** What a dry run answers when the file is clean: what it would change; nothing is written. */
export const PreviewAnswer = Open(
  {
    file: Type.String(),
    dryRun: Type.Literal(true),
    problems: Type.Array(Open({})),
    denied: Type.Array(Type.String()),
    changes: Type.Array(
      Type.Object({
        region: Type.String(),
        indicator: Type.String(),
        period: Type.String(),
        value: Type.Union([Type.Number(), Type.Null()]),
        oldValue: Type.Union([Type.Number(), Type.Null()]),
        oldStatus: Type.Union([Type.String(), Type.Null()]),
      }),
    ),
    truncated: Type.Boolean(),
    needsReason: Type.Boolean(),
    result: Open({ rows: Type.Integer() }),
  },
  '试导入结果:将写入的变化,未写入任何数据 (dry run)',
);

/** A dry run's answer: the same refusals as the real import, or the changes it would make. */
export function answerPreview(
  preview: ImportPreview,
): ImportPreview & { result: NonNullable<ImportPreview['result']> } {
  if (preview.denied.length > 0) {
    throw new HttpError(
      'SCOPE_DENIED',
      `无权写入 ${preview.denied.join('、')} 的数据,未写入任何数据`,
      { regions: preview.denied },
    );
  }
  if (preview.problems.length > 0) {
    throw new HttpError('IMPORT_INVALID', `发现 ${preview.problems.length} 个问题,未写入任何数据`, {
      problems: preview.problems,
    });
  }
  if (!preview.result) throw new Error('a clean dry run has a result');
  return { ...preview, result: preview.result };
}

/** File names an upload may have: a workbook (.xlsx, or an old .xls the reader refuses by name) or CSV text. */
const ACCEPTED_NAME = /\.(xlsx|xlsm|xls|csv|txt)$/i;

/**
 * Refuses, before reading it, a file that is neither a workbook nor CSV text (a Word document,
 * a PDF, an image), saying what to upload instead.
 */
export function checkKind(name: string, bytes: Buffer): void {
  const zip = bytes.subarray(0, 2).toString('latin1') === 'PK';
  const named = /\.[A-Za-z0-9]{1,8}$/.test(name);
  const binary = !zip && bytes.subarray(0, 8192).includes(0);
  if ((named && !ACCEPTED_NAME.test(name)) || binary) {
    const reason = `「${name}」不是 Excel 工作簿 (.xlsx) 或 CSV 文件,请上传填报模板 (.xlsx) 或 CSV (not an xlsx or CSV file)`;
    throw new HttpError('IMPORT_INVALID', `${reason},未写入任何数据`, {
      field: 'file',
      problems: [{ value: name, reason }],
    });
  }
}

/** An import's answer: 403 for regions outside the actor's scope, 422 with every problem, or the result. */
export function answerImport(report: ImportReport): ImportReport & { result: ApplyResult } {
  if (report.denied.length > 0) {
    throw new HttpError(
      'SCOPE_DENIED',
      `无权写入 ${report.denied.join('、')} 的数据,未写入任何数据`,
      { regions: report.denied },
    );
  }
  if (!report.result) {
    throw new HttpError('IMPORT_INVALID', `发现 ${report.problems.length} 个问题,未写入任何数据`, {
      problems: report.problems,
    });
  }
  return { ...report, result: report.result };
}

interface Upload {
  file: MultipartFile;
  bytes: Buffer;
  fields: Record<string, string>;
}

/** The one uploaded file and the text fields; a second file is refused, not silently dropped. */
export async function readUpload(request: FastifyRequest): Promise<Upload> {
  let upload: { file: MultipartFile; bytes: Buffer } | undefined;
  const fields: Record<string, string> = {};
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (upload) {
        part.file.resume();
        throw new HttpError('VALIDATION', '一次只能上传一个文件 (one file per upload)', {
          field: part.fieldname,
        });
      }
      upload = { file: part, bytes: await part.toBuffer() };
    } else if (typeof part.value === 'string') {
      fields[part.fieldname] = part.value;
    }
  }
  if (!upload) throw new HttpError('VALIDATION', '缺少上传文件 (字段 file)', { field: 'file' });
  return { ...upload, fields };
}

export const importRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/imports',
    {
      config: { access: ['province', 'prefecture', 'county'] },
      schema: {
        tags: ['observations'],
        summary:
          '上传 Excel (.xlsx) 或 CSV 文件 (multipart, 字段 file;可选 period、reason、dryRun),返回校验报告;无问题才写入。dryRun=true 时只校验(与正式导入相同),并列出将写入的变化,不写入任何数据',
        consumes: ['multipart/form-data'],
        response: answers({
          200: Type.Union([ImportAnswer, PreviewAnswer]),
          422: ErrorBody,
        }),
      },
    },
    async (request) => {
      const { file, bytes, fields } = await readUpload(request);
      const period = fields.period;
      if (period !== undefined && !isPeriod(period))
        throw new HttpError('VALIDATION', `period「${period}」不是有效的期别`, { field: 'period' });
      const reason = fields.reason;
      if (reason !== undefined && (reason.length > 500 || !isPlainText(reason)))
        throw new HttpError('VALIDATION', 'reason 过长或含有控制字符 (invalid text)', {
          field: 'reason',
        });
      const dryRun = fields.dryRun;
      if (dryRun !== undefined && dryRun !== 'true' && dryRun !== 'false')
        throw new HttpError('VALIDATION', `dryRun「${dryRun.slice(0, 20)}」应为 true 或 false`, {
          field: 'dryRun',
        });
      // Only the base name is kept: a path in the upload's file name is never used.
      const name = (file.filename || 'upload').replace(/^.*[\\/]/, '').slice(0, 200) || 'upload';
      checkKind(name, bytes);
      const ref = await app.reference();
      if (dryRun === 'true') {
        const preview = await previewImport(
          { store: app.store, ...ref, actor: actorOf(request) },
          bytes,
          name,
          { period },
        );
        return answerPreview(preview);
      }
      const report = await importFile(
        { store: app.store, ...ref, actor: actorOf(request) },
        bytes,
        name,
        { period, reason, at: new Date().toISOString() },
      );
      return answerImport(report);
    },
  );
};
