import type { MultipartFile } from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { importFile, type ImportReport } from '../../services/import.js';
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
async function readUpload(request: FastifyRequest): Promise<Upload> {
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
          '上传 Excel (.xlsx) 或 CSV 文件 (multipart, 字段 file;可选 period、reason),返回校验报告;无问题才写入',
        consumes: ['multipart/form-data'],
        response: answers({ 200: ImportAnswer, 422: ErrorBody }),
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
      // Only the base name is kept: a path in the upload's file name is never used.
      const name = (file.filename || 'upload').replace(/^.*[\\/]/, '').slice(0, 200) || 'upload';
      const ref = await app.reference();
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
