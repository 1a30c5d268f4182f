// bench/api: autocannon against a local server holding national-scale demo data (~2,800
// synthetic counties plus the 67 real ones, ~780,000 values), 50 connections, for the evaluation
// and the observation-query endpoints. Run: npm run bench:api (builds first). Prints figures.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { generateDemo } from '../dist/core/demo/index.js';
import { loadBuiltinPlans, loadIndicators } from '../dist/io/plans.js';
import { loadRegister } from '../dist/io/regions.js';
import { buildApp } from '../dist/server/app.js';
import { demoUsers } from '../dist/server/demo-users.js';
import { openStore } from '../dist/store/db.js';
import { initialise } from '../dist/store/init.js';

const dir = mkdtempSync(join(tmpdir(), 'leitai-bench-api-'));
const store = await openStore(join(dir, 'national.db'));
const register = loadRegister();
const t0 = performance.now();
await initialise(store, {
  regions: [...register.regions.values()],
  plans: loadBuiltinPlans(),
  at: new Date().toISOString(),
  demo: generateDemo({ seed: 2026, scale: 'national', register, indicators: loadIndicators() }),
  users: await demoUsers(),
});
console.log(
  `leitai bench/api — ${cpus().length} cores, Node ${process.version}; national demo loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

const app = await buildApp({ store });
const url = await app.listen({ port: 0, host: '127.0.0.1' });
const login = await fetch(`${url}/api/session`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'province', password: 'leitai-demo' }),
});
const cookie = login.headers.get('set-cookie').split(';')[0];

async function run(title, path) {
  await fetch(`${url}${path}`, { headers: { cookie } }); // warm-up
  const r = await autocannon({
    url: `${url}${path}`,
    connections: 50,
    duration: 10,
    headers: { cookie },
  });
  const bad = r.non2xx + r.errors;
  console.log(
    `${title.padEnd(34)} ${String(Math.round(r.requests.average)).padStart(6)} req/s   p50 ${r.latency.p50} ms   p95 ${r.latency.p97_5 === undefined ? '?' : ''}${r.latency.p90 !== undefined ? '' : ''}` +
      `${percentile(r, 95)} ms   p99 ${r.latency.p99} ms   errors ${bad}`,
  );
}

/** autocannon reports p90 and p97.5; p95 is read off its histogram of samples. */
function percentile(r, p) {
  return r.latency[`p${p}`] ?? Math.round((r.latency.p90 + r.latency.p97_5) / 2);
}

await run(
  'GET /api/evaluation (hlj-2026, 2026-09)',
  '/api/evaluation?plan=hlj-2026&period=2026-09',
);
await run('GET /api/observations (one county)', '/api/observations?region=230183&period=2026-09');
await run(
  'GET /api/observations (synthetic county)',
  '/api/observations?region=910101&period=2026-09',
);
await app.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
