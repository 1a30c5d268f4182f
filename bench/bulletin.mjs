// bench/bulletin: the bulletin as a whole CLI process (`leitai bulletin`), best of 5 wall-clock
// times each, against the goals of issue 14:
//   - the province's Word bulletin for one period on the demo database   ≤ 2 s
//   - the same as PDF (printed by headless Chromium)                      ≤ 5 s
//   - the national-scale demo database's bulletin for one province (docx) ≤ 3 s
// DB_NATIONAL= reuses a national database made earlier (bench/api's DB= file works too).
// Run: npm run bench:bulletin (builds first). Prints a table; exits 1 when a goal is missed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDemo } from '../dist/core/demo/index.js';
import { loadBuiltinPlans, loadIndicators } from '../dist/io/plans.js';
import { loadRegister } from '../dist/io/regions.js';
import { openStore } from '../dist/store/db.js';
import { initialise } from '../dist/store/init.js';

const ROUNDS = 5;
const leitai = fileURLToPath(new URL('../bin/leitai', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'leitai-bench-bulletin-'));
const cleanup = () => rmSync(dir, { recursive: true, force: true });
process.on('SIGINT', () => {
  cleanup();
  process.exit(130);
});

function run(args, what) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [leitai, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) {
    throw new Error(`${what} failed (exit ${r.status}): ${r.stderr?.toString().slice(0, 500)}`);
  }
  return performance.now() - t0;
}

async function database(file, scale) {
  const store = await openStore(file);
  const register = loadRegister();
  await initialise(store, {
    regions: [...register.regions.values()],
    plans: loadBuiltinPlans(),
    at: new Date().toISOString(),
    demo: generateDemo({ seed: 2026, scale, register, indicators: loadIndicators() }),
  });
  await store.close();
}

process.stderr.write('building the province demo database …\n');
const province = join(dir, 'province.db');
await database(province, 'province');
const national = process.env.DB_NATIONAL ?? join(dir, 'national.db');
if (!existsSync(national)) {
  process.stderr.write('building the national-scale demo database (a minute or two) …\n');
  await database(national, 'national');
}

const bulletin = (db, format, name) => [
  'bulletin',
  '--plan',
  'hlj-2026',
  '--period',
  '2026-09',
  '--db',
  db,
  '--out',
  join(dir, `${name}.${format}`),
];
const cases = [
  {
    label: 'province docx (demo database)',
    args: bulletin(province, 'docx', 'province'),
    goal: 2000,
  },
  {
    label: 'province pdf (demo database)',
    args: bulletin(province, 'pdf', 'province'),
    goal: 5000,
  },
  {
    label: 'one province docx (national database)',
    args: bulletin(national, 'docx', 'national'),
    goal: 3000,
  },
];

const best = cases.map(() => Infinity);
for (let round = 0; round < ROUNDS; round++) {
  process.stderr.write(`round ${round + 1}/${ROUNDS}\n`);
  cases.forEach((c, i) => {
    best[i] = Math.min(best[i], run(c.args, c.label));
  });
}

console.log(
  `leitai bench/bulletin — ${cpus().length} cores, Node ${process.version}; best of ${ROUNDS}, whole processes`,
);
console.log('| bulletin | best | goal | file |');
console.log('| --- | ---: | ---: | ---: |');
let missed = false;
cases.forEach((c, i) => {
  const size = statSync(c.args.at(-1)).size;
  const ok = best[i] <= c.goal;
  missed ||= !ok;
  console.log(
    `| ${c.label} | ${Math.round(best[i]).toLocaleString('en')} ms | ≤ ${c.goal.toLocaleString('en')} ms${ok ? '' : ' ✗'} | ${(size / 1024).toFixed(0)} KB |`,
  );
});
cleanup();
process.exit(missed ? 1 : 0);
