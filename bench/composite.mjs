// bench/composite: the synthetic 3000×60 data set of ../shared/data/coinr (copied from COINr's
// timing script), min-max + arithmetic and the full default pipeline, timed as COINr was
// (data already in memory, median of 5 after a warm-up). Run: npm run bench:composite.
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runPipeline } from '../dist/core/composite/index.js';
import { readCompositeFiles } from '../dist/io/composite-files.js';

const dir = fileURLToPath(new URL('../../shared/data/coinr/', import.meta.url));
const idata = `${dir}synthetic_3000x60_iData.csv`;
if (!existsSync(idata)) {
  console.log(`bench/composite: ${idata} not found (it lives in the shared reference data)`);
  process.exit(0);
}
const input = readCompositeFiles(idata, `${dir}synthetic_3000x60_iMeta.csv`);
const COINR = { minmaxArith: 0.282, full: 1.003 }; // seconds, median, from the README there

function median(fn) {
  fn();
  const ms = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    fn();
    ms.push(performance.now() - t);
  }
  return ms.sort((a, b) => a - b)[2] / 1000;
}

const mm = median(() =>
  runPipeline({ ...input, treat: 'none', normalise: 'minmax', aggregate: 'arith' }),
);
const full = median(() =>
  runPipeline({ ...input, treat: 'winsorise', normalise: 'minmax', aggregate: 'arith' }),
);
console.log(
  `leitai bench/composite — ${cpus().length} cores, Node ${process.version}; ${input.units.length} units × ${Object.keys(input.data).length} indicators`,
);
console.log(
  `min-max + arithmetic: ${mm.toFixed(4)} s   COINr ${COINR.minmaxArith} s   ${(COINR.minmaxArith / mm).toFixed(1)}× faster (goal ≥ 20×)`,
);
console.log(
  `full default pipeline: ${full.toFixed(4)} s   COINr ${COINR.full} s   ${(COINR.full / full).toFixed(1)}× faster (goal ≥ 20×)`,
);
