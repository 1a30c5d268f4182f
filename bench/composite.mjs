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

// Rank stability of the county 擂台赛 (issue 7 item 3): the national demo (~2,800 counties) ranked
// on hlj-2026's county indicators, 1,000 random draws of weights, normalisation and aggregation.
// Timed like the runs above: the ranking's inputs in memory, median of 5 after a warm-up.
{
  const { generateDemo } = await import('../dist/core/demo/index.js');
  const { ObservationSet } = await import('../dist/core/observations/index.js');
  const { officialObservations, preparePlan } = await import('../dist/core/plans/index.js');
  const { makeRegister, withAttributes } = await import('../dist/core/regions/index.js');
  const { rankPlan, rankStability } = await import('../dist/core/ranking/index.js');
  const { findPlan, loadBuiltinPlans, loadIndicators } = await import('../dist/io/plans.js');
  const { loadRegister } = await import('../dist/io/regions.js');
  const indicators = loadIndicators();
  const base = loadRegister();
  const demo = generateDemo({ seed: 2026, scale: 'national', register: base, indicators });
  const register = withAttributes(
    makeRegister([...base.regions.values(), ...demo.regions]),
    demo.attributes,
  );
  const plans = loadBuiltinPlans();
  const prepared = preparePlan(findPlan(plans, 'hlj-2026'), indicators);
  const obs = new ObservationSet([...officialObservations(plans), ...demo.observations]);
  const { matrix, method } = rankPlan({
    prepared,
    register,
    obs,
    period: '2026-09',
    allCounties: true,
  });
  const DRAWS = 1000;
  const t = median(() => rankStability(matrix, method, { draws: DRAWS, seed: 1 }));
  console.log(
    `rank stability: ${DRAWS} draws × ${matrix.counties.length} counties × ${matrix.items.length} indicators: ${t.toFixed(3)} s (goal ≤ 2 s)`,
  );
}
