import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { LeitaiError } from '../core/errors/index.js';
import type { Indicator } from '../core/indicators/index.js';
import { mayWrite, type Actor } from '../core/review/index.js';
import type { Register } from '../core/regions/index.js';
import { readWorkbook, type ImportProblem } from '../io/excel/read.js';
import { parseObservations } from '../io/observations.js';
import type { Store } from '../store/db.js';
import { applyValues, type ApplyResult, type Change } from '../store/observations.js';

/** Largest upload an import accepts: a province's year of monthly data is a few MB. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export interface ImportContext {
  store: Store;
  register: Register;
  indicators: readonly Indicator[];
  actor: Actor;
  prefectureOf: (region: string) => string | null;
}

export interface ImportReport {
  file: string;
  problems: ImportProblem[];
  /** Regions the actor may not write (also among the problems). */
  denied: string[];
  result?: ApplyResult;
}

/** An xlsx (zip), an old .xls (refused with a clear message by the reader), or CSV text. */
function isWorkbook(bytes: Uint8Array, file: string): boolean {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ole2 = b.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
  return b.subarray(0, 2).toString('latin1') === 'PK' || ole2 || /\.xlsx?$/i.test(file);
}

/**
 * Checks a whole file — format, every row, and the actor's right to write each region — and
 * returns the values with every problem found. Nothing is written here.
 */
export async function checkImport(
  ctx: ImportContext,
  bytes: Uint8Array,
  file: string,
  period?: string,
): Promise<{ changes: Change[]; problems: ImportProblem[]; denied: string[] }> {
  if (bytes.byteLength === 0)
    throw new LeitaiError('IMPORT_INVALID', `${file}: 文件为空`, { file, reason: 'empty file' });
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    throw new LeitaiError(
      'IMPORT_INVALID',
      `${file}: 文件过大 (${bytes.byteLength} 字节,上限 ${MAX_IMPORT_BYTES})`,
      {
        file,
        reason: 'file too large',
      },
    );
  }
  const problems: ImportProblem[] = [];
  const changes: Change[] = [];
  // Regions outside the actor's scope: a 403 to the API, a listed problem to the CLI.
  const deniedRegions = new Set<string>();
  const denied = (region: string) => {
    if (mayWrite(ctx.actor, region, ctx.prefectureOf(region))) return null;
    deniedRegions.add(region);
    return `${ctx.actor.name} 无权写入 ${region} 的数据`;
  };
  if (isWorkbook(bytes, file)) {
    const read = await readWorkbook(bytes, {
      file,
      period,
      register: ctx.register,
      indicators: ctx.indicators,
    });
    problems.push(...read.problems);
    for (const r of read.rows) {
      const reason = denied(r.region);
      if (reason) problems.push({ ...r.at, value: r.region, reason });
      changes.push({ region: r.region, indicator: r.indicator, period: r.period, value: r.value });
    }
  } else {
    const errors: LeitaiError[] = [];
    const catalogue = new Map(ctx.indicators.map((i) => [i.code, i]));
    const rows = parseObservations(Buffer.from(bytes).toString('utf8'), file, {
      register: ctx.register,
      indicators: catalogue,
      problems: errors,
      checkRanges: true,
    });
    for (const e of errors) {
      problems.push({
        row: e.details.line,
        column: String(e.details.column ?? ''),
        value: e.details.value,
        reason: e.details.reason ?? e.message,
      });
    }
    for (const o of rows) {
      const reason = denied(o.region);
      if (reason) problems.push({ row: o.line, column: 'region', value: o.region, reason });
      if (period !== undefined && o.period !== period) {
        problems.push({
          row: o.line,
          column: 'period',
          value: o.period,
          reason: `期别与所选期别 ${period} 不一致`,
        });
      }
      changes.push({ region: o.region, indicator: o.indicator, period: o.period, value: o.value });
    }
  }
  return { changes, problems, denied: [...deniedRegions] };
}

/** Checks and, when there is no problem, applies a file in one transaction. */
export async function importFile(
  ctx: ImportContext,
  bytes: Uint8Array,
  file: string,
  opts: {
    period?: string;
    reason?: string;
    at: string;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<ImportReport> {
  const name = basename(file);
  const { changes, problems, denied } = await checkImport(ctx, bytes, name, opts.period);
  if (problems.length > 0) return { file: name, problems, denied };
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const result = await applyValues(ctx.store, changes, {
    actor: ctx.actor.name,
    source: `file:${name}#${sha256.slice(0, 12)}`,
    action: 'import',
    at: opts.at,
    reason: opts.reason,
    onProgress: opts.onProgress,
  });
  return { file: name, problems, denied, result };
}
