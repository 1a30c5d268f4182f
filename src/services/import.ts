import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ERROR_CODES, LeitaiError, type ErrorCode } from '../core/errors/index.js';
import type { Indicator } from '../core/indicators/index.js';
import { afterEdit, mayWrite, type Actor, type Status } from '../core/review/index.js';
import type { Register, Region } from '../core/regions/index.js';
import { readWorkbook, type ImportProblem } from '../io/excel/read.js';
import { parseObservations } from '../io/observations.js';
import type { Store } from '../store/db.js';
import {
  applyValues,
  currentValues,
  type ApplyResult,
  type Change,
} from '../store/observations.js';

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

export interface ImportOptions {
  period?: string;
  reason?: string;
  at: string;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Files from this size on are checked and written in a worker thread, so a server keeps
 * answering while a province's year of data goes in (parsing, checking and the synchronous
 * SQLite write take seconds). Below it, starting a worker (about 0.2 s to load the modules and
 * open the store) would cost more than the import itself: a county's month is a few KB.
 */
export const WORKER_FROM_BYTES = 512 * 1024;

/**
 * Checks and, when there is no problem, applies a file in one transaction. Large files go to a
 * worker thread on its own connection to the same database (SQLite WAL lets this thread keep
 * reading meanwhile); its errors come back as the same LeitaiError, and a failed import writes
 * nothing either way.
 */
export async function importFile(
  ctx: ImportContext,
  bytes: Uint8Array,
  file: string,
  opts: ImportOptions,
): Promise<ImportReport> {
  const script = bytes.byteLength >= WORKER_FROM_BYTES && ctx.store.url ? workerScript() : null;
  if (script && ctx.store.url) return importInWorker(script, ctx.store.url, ctx, bytes, file, opts);
  return importHere(ctx, bytes, file, opts);
}

/** importFile on this thread. */
export async function importHere(
  ctx: ImportContext,
  bytes: Uint8Array,
  file: string,
  opts: ImportOptions,
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

/** One value a clean file would write: what is there now and what it would become. */
export interface PreviewChange extends Change {
  oldValue: number | null;
  /** Null for a value not entered before. */
  oldStatus: Status | null;
}

/** Most changes a dry run lists (the counts cover all of them). */
export const MAX_PREVIEW_CHANGES = 2000;

export interface ImportPreview {
  file: string;
  problems: ImportProblem[];
  denied: string[];
  dryRun: true;
  /** New and changed values (at most MAX_PREVIEW_CHANGES), in the file's order. */
  changes: PreviewChange[];
  /** Whether `changes` lists fewer than the file changes. */
  truncated: boolean;
  /** Counts as the real import would report them. */
  result?: ApplyResult;
  /** Reviewed or approved values would change: the real import needs a reason. */
  needsReason: boolean;
}

const sameValue = (a: number | null, b: number | null) => (a === null ? b === null : a === b);

/**
 * The dry run of an import: the same checks as `importHere` (the file, every row, the actor's
 * scope) and, when the file is clean, what it would change against the store now. Nothing is
 * written. A key twice in one file is a problem here as it is for the real import.
 */
export async function previewImport(
  ctx: ImportContext,
  bytes: Uint8Array,
  file: string,
  opts: { period?: string },
): Promise<ImportPreview> {
  const name = basename(file);
  const { changes, problems, denied } = await checkImport(ctx, bytes, name, opts.period);
  const empty = { file: name, denied, dryRun: true as const, truncated: false, needsReason: false };
  if (problems.length > 0) return { ...empty, problems, changes: [] };
  const seen = new Set<string>();
  for (const c of changes) {
    const k = `${c.region}|${c.indicator}|${c.period}`;
    if (seen.has(k))
      return {
        ...empty,
        changes: [],
        problems: [
          { value: k, reason: `同一文件中 ${c.region} ${c.indicator} ${c.period} 出现两次` },
        ],
      };
    seen.add(k);
  }
  const current = await currentValues(ctx.store, {
    regions: [...new Set(changes.map((c) => c.region))],
    indicators: [...new Set(changes.map((c) => c.indicator))],
    periods: [...new Set(changes.map((c) => c.period))],
  });
  const now = new Map(current.map((v) => [`${v.region}|${v.indicator}|${v.period}`, v]));
  const result = { rows: changes.length, inserted: 0, changed: 0, unchanged: 0, revised: 0 };
  const listed: PreviewChange[] = [];
  let needsReason = false;
  for (const c of changes) {
    const cur = now.get(`${c.region}|${c.indicator}|${c.period}`);
    if (cur && sameValue(cur.value, c.value)) {
      result.unchanged++;
      continue;
    }
    if (cur) {
      result.changed++;
      if (cur.status === 'approved') result.revised++;
      if (afterEdit(cur.status).needsReason) needsReason = true;
    } else result.inserted++;
    if (listed.length < MAX_PREVIEW_CHANGES)
      listed.push({ ...c, oldValue: cur?.value ?? null, oldStatus: cur?.status ?? null });
  }
  return {
    ...empty,
    problems,
    changes: listed,
    truncated: listed.length < result.inserted + result.changed,
    result,
    needsReason,
  };
}

/** What the worker needs: everything in the context but the store (it opens its own). */
export interface WorkerJob {
  url: string;
  regions: Region[];
  /** Each known region's prefecture, as the caller's prefectureOf says. */
  parents: [string, string | null][];
  indicators: Indicator[];
  actor: Actor;
  bytes: Uint8Array;
  file: string;
  opts: Omit<ImportOptions, 'onProgress'>;
}

export type WorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; report: ImportReport }
  | { type: 'error'; error: SerialisedError };

interface SerialisedError {
  message: string;
  stack?: string;
  code?: string;
  details?: Record<string, unknown>;
  badInput?: boolean;
}

export function serialiseError(e: unknown): SerialisedError {
  if (e instanceof LeitaiError)
    return { message: e.message, code: e.code, details: e.details, badInput: e.badInput };
  if (e instanceof Error) return { message: e.message, ...(e.stack ? { stack: e.stack } : {}) };
  return { message: String(e) };
}

/** The error the worker met, as the same kind of object this thread would have thrown. */
function reviveError(s: SerialisedError): Error {
  if (s.code !== undefined && s.code in ERROR_CODES)
    return new LeitaiError(s.code as ErrorCode, s.message, s.details ?? {}, s.badInput ?? true);
  const e = new Error(s.message);
  if (s.stack) e.stack = s.stack;
  return e;
}

/**
 * The worker's script: beside this module once built; when running from the sources (the
 * tests), the built one under dist/ (`npm run build`). Null when there is none: then the
 * import runs on this thread.
 */
function workerScript(): string | null {
  const here = fileURLToPath(import.meta.url);
  const script = here.endsWith('.ts')
    ? fileURLToPath(new URL('../../dist/services/import-worker.js', import.meta.url))
    : fileURLToPath(new URL('./import-worker.js', import.meta.url));
  return existsSync(script) ? script : null;
}

function importInWorker(
  script: string,
  url: string,
  ctx: ImportContext,
  bytes: Uint8Array,
  file: string,
  opts: ImportOptions,
): Promise<ImportReport> {
  const regions = [...ctx.register.regions.values()];
  // The file is handed over, not cloned: cloning 12 MB into workerData stops this thread for
  // ~100 ms, a transfer is free. The copy (a memcpy) leaves the caller's bytes usable.
  const own = new Uint8Array(bytes);
  const job: WorkerJob = {
    url,
    regions,
    parents: regions.map((r) => [r.code, ctx.prefectureOf(r.code)]),
    indicators: [...ctx.indicators],
    actor: ctx.actor,
    bytes: own,
    file,
    opts: {
      at: opts.at,
      ...(opts.period === undefined ? {} : { period: opts.period }),
      ...(opts.reason === undefined ? {} : { reason: opts.reason }),
    },
  };
  return new Promise((resolve, reject) => {
    let outcome: { report: ImportReport } | { error: Error } | undefined;
    const worker = new Worker(script, { workerData: job, transferList: [own.buffer] });
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') opts.onProgress?.(m.done, m.total);
      else if (m.type === 'done') outcome = { report: m.report };
      else outcome = { error: reviveError(m.error) };
    });
    worker.on('error', (e) => {
      outcome ??= { error: e };
    });
    // Settled once the worker has closed its store: nothing of the import is left running.
    worker.on('exit', (code) => {
      if (!outcome) reject(new Error(`导入线程意外退出 (import worker exited with code ${code})`));
      else if ('report' in outcome) resolve(outcome.report);
      else reject(outcome.error);
    });
  });
}
