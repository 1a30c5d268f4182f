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
  // autocannon reports p90 and p97.5, not p95: p95 lies between them, so p97.5 bounds it.
  const l = r.latency;
  console.log(
    `${title.padEnd(40)} ${String(Math.round(r.requests.average)).padStart(5)} req/s  p50 ${l.p50} ms  p90 ${l.p90} ms  p95 ≤ ${l.p97_5} ms (p97.5)  p99 ${l.p99} ms  errors ${bad}`,
  );
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
