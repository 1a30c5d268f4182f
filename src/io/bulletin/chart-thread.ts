import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BulletinChart } from '../../core/bulletin/model.js';
import { ERROR_CODES, LeitaiError, type ErrorCode } from '../../core/errors/index.js';
import type { DrawnChart } from './charts.js';
import type { ChartJob, ChartReply } from './chart-worker.js';

/**
 * The worker's script: beside this module once built; when running from the sources (the
 * tests), the built one under dist/. Null when there is none: the charts are then drawn here.
 */
function workerScript(): string | null {
  const here = fileURLToPath(import.meta.url);
  const script = here.endsWith('.ts')
    ? fileURLToPath(new URL('../../../dist/io/bulletin/chart-worker.js', import.meta.url))
    : fileURLToPath(new URL('./chart-worker.js', import.meta.url));
  return existsSync(script) ? script : null;
}

let worker: Worker | null = null;
let next = 1;
const waiting = new Map<number, (r: ChartReply) => void>();

/** The chart thread, started once per process; it never keeps the process alive. */
export function chartThread(): Worker | null {
  if (worker) return worker;
  const script = workerScript();
  if (!script) return null;
  worker = new Worker(script);
  worker.on('message', (r: ChartReply) => {
    waiting.get(r.id)?.(r);
    waiting.delete(r.id);
  });
  worker.on('error', (e) => {
    for (const done of waiting.values()) done({ id: 0, error: { message: e.message } });
    waiting.clear();
    worker = null;
  });
  // After the listeners: adding a 'message' listener refs the worker's port again.
  worker.unref();
  return worker;
}

/** The charts drawn as PNG in the chart thread, or null when there is no thread to ask. */
export async function drawInThread(charts: BulletinChart[]): Promise<(DrawnChart | null)[] | null> {
  const w = chartThread();
  if (!w) return null;
  const job: ChartJob = { id: next++, charts };
  const reply = await new Promise<ChartReply>((resolve) => {
    waiting.set(job.id, resolve);
    // While a job is out, the thread must keep the process alive until it answers.
    w.ref();
    w.postMessage(job);
  }).finally(() => {
    if (waiting.size === 0) w.unref();
  });
  if ('error' in reply) {
    const { message, code } = reply.error;
    throw code && code in ERROR_CODES
      ? new LeitaiError(code as ErrorCode, message, {}, false)
      : new Error(message);
  }
  return reply.drawn;
}
