/**
 * The worker thread of a large import (see importFile): it opens its own store on the same
 * database, checks and writes the file, and posts progress and the report (or the error) back.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { makeRegister } from '../core/regions/index.js';
import { openStore } from '../store/db.js';
import { importHere, serialiseError, type WorkerJob, type WorkerMessage } from './import.js';

const job = workerData as WorkerJob;

// A bulk import yields the CPU to the requests the main thread serves. On Linux a nice value
// belongs to the calling thread only (elsewhere it would be the whole process: left alone).
if (process.platform === 'linux') {
  try {
    setPriority(0, 10);
  } catch {
    // Not permitted in some containers: the import just runs at normal priority.
  }
}
const post = (m: WorkerMessage) => parentPort!.postMessage(m);
const parents = new Map(job.parents);

async function run(): Promise<void> {
  const store = await openStore(job.url);
  try {
    const report = await importHere(
      {
        store,
        register: makeRegister(job.regions),
        indicators: job.indicators,
        actor: job.actor,
        prefectureOf: (code) => parents.get(code) ?? null,
      },
      job.bytes,
      job.file,
      { ...job.opts, onProgress: (done, total) => post({ type: 'progress', done, total }) },
    );
    post({ type: 'done', report });
  } finally {
    await store.close();
  }
}

run().catch((e: unknown) => post({ type: 'error', error: serialiseError(e) }));
