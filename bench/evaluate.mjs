// bench/evaluate: the national-scale demo (~2,800 counties), evaluation of every target of hlj-2026
// for the latest period, against merely parsing the same CSV and summing its values.
// Run: npm run bench:evaluate  (builds first). Prints figures; asserts nothing.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { generateDemo } from '../dist/core/demo/index.js';
import { evaluate, periodsNeeded } from '../dist/core/evaluate/index.js';
import { ObservationSet } from '../dist/core/observations/index.js';
import { officialObservations, preparePlan } from '../dist/core/plans/index.js';
import { eachCsvRow } from '../dist/io/csv.js';
import { writeDemo } from '../dist/io/demo-files.js';
import { readObservationsInto } from '../dist/io/observations.js';
import { findPlan, loadBuiltinPlans, loadIndicators } from '../dist/io/plans.js';
import { loadRegister } from '../dist/io/regions.js';

const RUNS = 5;
const PERIOD = '2026-09';

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn) {
  fn(); // warm-up
  const ms = [];
  let out;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    out = fn();
    ms.push(performance.now() - t);
  }
  return { ms: median(ms), out };
}

const dir = mkdtempSync(join(tmpdir(), 'leitai-bench-'));
const indicators = loadIndicators();
const demo = generateDemo({ seed: 2026, scale: 'national', register: loadRegister(), indicators });
const files = writeDemo(demo, join(dir, 'national.csv'));
const register = loadRegister({
  regionFiles: [files.regionsFile],
  attributeFiles: [files.attributesFile],
});
const plans = loadBuiltinPlans();
const prepared = preparePlan(findPlan(plans, 'hlj-2026'), indicators);
const catalogue = new Map(indicators.map((i) => [i.code, i]));
const file = files.observationsFile;

// (a) Merely parse the CSV and sum its values.
const parse = time(() => {
  let rows = 0;
  let sum = 0;
  eachCsvRow(
    readFileSync(file, 'utf8'),
    file,
    ['region', 'indicator', 'period', 'value'],
    (_l, cells) => {
      rows++;
      sum += Number(cells[3]) || 0;
    },
  );
  return { rows, sum };
});

// (b) Read the same CSV with full validation, index it, and evaluate every target.
let load = 0;
let judge = 0;
const full = time(() => {
  const t0 = performance.now();
  const obs = new ObservationSet(officialObservations(plans));
  readObservationsInto(obs, readFileSync(file, 'utf8'), file, {
    register,
    indicators: catalogue,
    periods: periodsNeeded(prepared, PERIOD),
  });
  const t1 = performance.now();
  const ev = evaluate({ prepared, register, obs, period: PERIOD, allCounties: true });
  load = t1 - t0;
  judge = performance.now() - t1;
  return ev;
});

const ev = full.out;
const f = (ms) => `${(ms / 1000).toFixed(3)} s`;
console.log(
  `leitai bench/evaluate — ${cpus().length} cores, Node ${process.version}, median of ${RUNS} after a warm-up`,
);
console.log(
  `data: ${parse.out.rows.toLocaleString('en')} observations, ${ev.counties.toLocaleString('en')} counties, period ${PERIOD}`,
);
console.log(
  `results: ${ev.results.length.toLocaleString('en')} target judgements (${JSON.stringify(ev.summary)})`,
);
console.log(`(a) parse CSV + sum values:              ${f(parse.ms)}`);
console.log(
  `(b) parse + validate + index + evaluate: ${f(full.ms)}   (last run: load ${f(load)}, evaluate ${f(judge)})`,
);
console.log(`ratio (b)/(a): ${(full.ms / parse.ms).toFixed(2)}   goal ≤ 3`);
console.log(`end to end (b): ${f(full.ms)}   goal < 1 s; evaluation alone: ${f(judge)}`);
rmSync(dir, { recursive: true, force: true });
