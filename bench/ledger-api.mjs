// bench/ledger-api: the projects view of one county through the API (issue 16 item 8: ≤ 200 ms
// p95 at 50 connections). A demo database made as a user makes it (`leitai db init --demo`, the
// synthetic project ledgers included), a server in its own process (`leitai serve`), signed in
// as the county's user (shangzhi, 230183), and autocannon in another process for 10 s.
// Run: npm run bench:ledger-api (builds first). Prints p50/p95/p99 and requests per second.
// DB=file keeps the database in file and reuses it next time.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const P95_GOAL_MS = 200;
const COUNTY = '230183';
const USER = 'shangzhi';
const PERIOD = process.env.PERIOD ?? '2026-09';
const PATH = `/api/projects?region=${COUNTY}&period=${PERIOD}`;
const root = fileURLToPath(new URL('..', import.meta.url));
const leitai = join(root, 'bin/leitai');
const dir = mkdtempSync(join(tmpdir(), 'leitai-bench-ledger-api-'));
const file = process.env.DB ?? join(dir, 'demo.db');
let server;

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
const reused = existsSync(file);
if (!reused) {
  const init = spawnSync(process.execPath, [leitai, 'db', 'init', '--demo', '--db', file], {
    encoding: 'utf8',
  });
  if (init.status !== 0) throw new Error(`db init --demo failed: ${init.stderr}`);
}
console.log(
  `leitai bench/ledger-api — ${cpus().length} cores, Node ${process.version}; demo database ${reused ? `reused from ${file}` : `made in ${((performance.now() - t0) / 1000).toFixed(1)} s`}`,
);

/** A port the OS says is free. */
const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

const port = await freePort();
const url = `http://127.0.0.1:${port}`;
server = spawn(process.execPath, [leitai, 'serve', '--db', file, '--port', String(port)], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
let cookie;
for (let i = 0; i < 200 && !cookie; i++) {
  try {
    const login = await fetch(`${url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', connection: 'close' },
      body: JSON.stringify({ username: USER, password: 'leitai-demo' }),
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

// autocannon in its own process; every response time is kept, for an exact p95 (autocannon's
// summary has p90 and p97.5 but no p95).
const LOAD = `
import autocannon from 'autocannon';
const [url, cookie] = process.argv.slice(1);
const times = [];
const instance = autocannon({ url, connections: 50, duration: 10, headers: { cookie } });
instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
const r = await instance;
times.sort((a, b) => a - b);
const at = (q) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
process.stdout.write(JSON.stringify({ rps: r.requests.average, requests: times.length,
  p50: at(0.5), p95: at(0.95), p99: at(0.99), bad: r.non2xx + r.errors + r.timeouts }));
`;

let failed = false;
try {
  const first = await fetch(`${url}${PATH}`, { headers: { cookie, connection: 'close' } });
  const body = await first.json();
  if (!first.ok || !Array.isArray(body.items) || body.items.length === 0)
    throw new Error(`${PATH}: no projects (${first.status} ${JSON.stringify(body).slice(0, 200)})`);
  const r = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', LOAD, `${url}${PATH}`, cookie],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`autocannon failed: ${r.stderr}`);
  const m = JSON.parse(r.stdout);
  failed = m.p95 > P95_GOAL_MS || m.bad > 0;
  const ms = (x) => `${x.toFixed(1)} ms`;
  console.log(
    `GET ${PATH} as ${USER} (${body.items.length} of ${body.total} projects), 50 connections, 10 s:\n` +
      `  ${Math.round(m.rps)} req/s, ${m.requests} requests, p50 ${ms(m.p50)}, p95 ${ms(m.p95)}, p99 ${ms(m.p99)}, ` +
      `errors ${m.bad}, load ${loadavg()[0].toFixed(1)}\n` +
      `  p95 ≤ ${P95_GOAL_MS} ms: ${m.p95 <= P95_GOAL_MS ? 'pass' : 'FAIL'}`,
  );
} finally {
  await stop();
}
process.exitCode = failed ? 1 : 0;
