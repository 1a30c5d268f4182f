// bench/api: a local server (its own process, `leitai serve`) holding national-scale demo data
// (~2,800 synthetic counties plus the 67 real ones, ~780,000 values), loaded by autocannon run in
// another process, 50 connections for 10 s per route. Run: npm run bench:api (builds first).
// Prints p50/p97.5/p99 per route and the p99 goal; exits as soon as it has measured: the server
// child is stopped and the load generator's process has ended, so no socket or timer lingers.
// Each figure carries the 1-minute load average (the machine is shared). Options (environment):
// ROUNDS=n measures every route n times (default 1); SERVER_PROF=dir runs the server under
// `node --cpu-prof` and leaves its profile in dir; ONLY=text measures only routes whose title has it;
// DB=file keeps the loaded database in file and reuses it next time (for repeated comparisons).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDemo } from '../dist/core/demo/index.js';
import { loadBuiltinPlans, loadIndicators } from '../dist/io/plans.js';
import { loadRegister } from '../dist/io/regions.js';
import { demoUsers } from '../dist/server/demo-users.js';
import { openStore } from '../dist/store/db.js';
import { initialise } from '../dist/store/init.js';

const P99_GOAL_MS = 15; // issue 11 item 12: evaluation p99 ≤ 15 ms at 50 connections
const leitai = fileURLToPath(new URL('../bin/leitai', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'leitai-bench-api-'));
const file = process.env.DB ?? join(dir, 'national.db');
const loaded = existsSync(file);
const ROUNDS = Number(process.env.ROUNDS ?? 1);
const PROF = process.env.SERVER_PROF;
let server;
/** Stops the server and waits for it to end (a profiled server writes its profile on exit). */
const stop = async () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    const ended = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await ended;
  }
  rmSync(dir, { recursive: true, force: true });
};
process.on('SIGINT', () => {
  void stop().then(() => process.exit(130));
});

const t0 = performance.now();
if (!loaded) {
  const store = await openStore(file);
  const register = loadRegister();
  await initialise(store, {
    regions: [...register.regions.values()],
    plans: loadBuiltinPlans(),
    at: new Date().toISOString(),
    demo: generateDemo({ seed: 2026, scale: 'national', register, indicators: loadIndicators() }),
    users: await demoUsers(),
  });
  await store.close();
}
console.log(
  `leitai bench/api — ${cpus().length} cores, Node ${process.version}; national demo ${loaded ? `reused from ${file}` : `loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`}`,
);

/**
 * The server process's CPU time so far in ms (Linux /proc; 0 elsewhere): CPU per request is
 * steadier than latency on a shared machine.
 */
const serverCpuMs = () => {
  const stat = `/proc/${server.pid}/stat`;
  if (!existsSync(stat)) return 0;
  const fields = readFileSync(stat, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in ticks of 10 ms
};

/** A port the OS says is free (serve may not take --port 0). */
const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const profile = PROF ? ['--cpu-prof', `--cpu-prof-dir=${PROF}`] : [];
server = spawn(
  process.execPath,
  [...profile, leitai, 'serve', '--db', file, '--port', String(port)],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
let cookie;
for (let i = 0; i < 200 && !cookie; i++) {
  try {
    const login = await fetch(`${url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', connection: 'close' },
      body: JSON.stringify({ username: 'province', password: 'leitai-demo' }),
    });
    cookie = login.headers.get('set-cookie')?.split(';')[0];
  } catch {
    await new Promise((r) => setTimeout(r, 100));
  }
}
if (!cookie) {
  await stop();
  throw new Error('the server did not start or the login failed');
}

// autocannon in its own process: its 50 sockets and timers end with that process.
const LOAD = `
import autocannon from 'autocannon';
const [url, cookie] = process.argv.slice(1);
const r = await autocannon({ url, connections: 50, duration: 10, headers: { cookie } });
process.stdout.write(JSON.stringify({ rps: r.requests.average, requests: r.requests.total, latency: r.latency, bad: r.non2xx + r.errors + r.timeouts }));
`;
function load(path) {
  const r = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', LOAD, `${url}${path}`, cookie],
    {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`autocannon failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const routes = [
  ['GET /api/evaluation (hlj-2026, 2026-09)', '/api/evaluation?plan=hlj-2026&period=2026-09', true],
  ['GET /api/observations (one county)', '/api/observations?region=230183&period=2026-09'],
  ['GET /api/observations (synthetic county)', '/api/observations?region=910101&period=2026-09'],
  [
    'GET /api/series (province, 21 months)',
    '/api/series?plan=hlj-2026&region=230000&period=2026-09',
  ],
  // The national ranking view: every county of the database, with its rank intervals.
  [
    'GET /api/ranking (all counties, 200 draws)',
    '/api/ranking?plan=hlj-2026&period=2026-09&counties=all&stability=200',
  ],
  ['GET /api/completeness (hlj-2026, 2026-09)', '/api/completeness?plan=hlj-2026&period=2026-09'],
];
let failed = 0;
try {
  console.log(
    `${'route'.padEnd(42)} ${'req/s'.padStart(6)}  ${'p50'.padStart(5)}  ${'p97.5'.padStart(5)}  ${'p99'.padStart(5)}  errors  load     KB  µs/req  cold ms  goal`,
  );
  for (const [title, path, goal] of routes) {
    if (process.env.ONLY && !title.includes(process.env.ONLY)) continue;
    // Warm-up, and a check that the route answers what is measured: evaluation results, a
    // page of values ({rows, total, offset, limit}), series, ranked counties or completeness by
    // county. Its time is the cold answer's.
    const cold = performance.now();
    const warm = await fetch(`${url}${path}`, { headers: { cookie, connection: 'close' } });
    const text = await warm.text();
    const coldMs = performance.now() - cold;
    const body = JSON.parse(text);
    const rows =
      body.results ??
      body.rows ??
      body.series ??
      body.counties ??
      (body.byCounty && Object.keys(body.byCounty));
    if (!warm.ok || !Array.isArray(rows) || rows.length === 0)
      throw new Error(
        `${title}: no rows in the answer (${warm.status} ${JSON.stringify(body).slice(0, 200)})`,
      );
    for (let round = 0; round < ROUNDS; round++) {
      const cpu0 = serverCpuMs();
      const { rps, latency: l, bad, requests } = load(path);
      const cpuUs = ((serverCpuMs() - cpu0) * 1000) / requests;
      const busy = loadavg()[0].toFixed(1);
      const verdict = goal
        ? `p99 ≤ ${P99_GOAL_MS} ms: ${l.p99 <= P99_GOAL_MS ? 'pass' : 'FAIL'}`
        : '';
      if (goal && l.p99 > P99_GOAL_MS) failed++;
      if (bad) failed++;
      console.log(
        `${title.padEnd(42)} ${String(Math.round(rps)).padStart(6)}  ${String(l.p50).padStart(5)}  ${String(l.p97_5).padStart(5)}  ${String(l.p99).padStart(5)}  ${String(bad).padStart(6)}  ${busy.padStart(4)}  ${(Buffer.byteLength(text) / 1024).toFixed(1).padStart(5)}  ${String(Math.round(cpuUs)).padStart(6)}  ${coldMs.toFixed(0).padStart(7)}  ${verdict}`,
      );
    }
  }
} finally {
  await stop();
}
process.exitCode = failed ? 1 : 0;
