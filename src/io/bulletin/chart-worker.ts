import { parentPort } from 'node:worker_threads';
import type { BulletinChart } from '../../core/bulletin/model.js';
import { drawPng, type DrawnChart } from './charts.js';
import { preparePng } from './png.js';

// The Word bulletin's charts, drawn in a thread of their own: loading ECharts and the PNG
// renderer's WebAssembly and font takes as long as gathering the bulletin's data, and here it
// happens meanwhile, on the other core.

export interface ChartJob {
  id: number;
  charts: BulletinChart[];
}

export type ChartReply =
  | { id: number; drawn: (DrawnChart | null)[] }
  | { id: number; error: { message: string; code?: string } };

// A small chart drawn at once: the first drawing of each kind costs most (compiling ECharts'
// code paths and the renderer's), and this one happens while the data is gathered.
const warm = (async () => {
  await preparePng();
  await drawPng({
    kind: 'ranking',
    caption: '',
    bars: [{ region: '000000', name: '示例县', score: 100 }],
  });
})().catch(() => undefined);

parentPort?.on('message', (job: ChartJob) => {
  void (async () => {
    try {
      await warm;
      const drawn: (DrawnChart | null)[] = [];
      for (const c of job.charts) {
        drawn.push(await drawPng(c));
      }
      const buffers = drawn.flatMap((d) => (d ? [d.png.buffer as ArrayBuffer] : []));
      parentPort!.postMessage({ id: job.id, drawn } satisfies ChartReply, buffers);
    } catch (e) {
      const err = e as Error & { code?: string };
      parentPort!.postMessage({
        id: job.id,
        error: { message: err.message, code: err.code },
      } satisfies ChartReply);
    }
  })();
});
