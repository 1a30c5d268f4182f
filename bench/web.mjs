// bench/web: the web UI's budgets (issue 12 item 6) in headless Chromium against a local server.
// Run: npm run bench:web (builds first). For each of the province demo and the national-scale demo
// (~2,800 synthetic counties plus the 67 real ones) it starts `leitai serve` on a free port, signs
// in as `province` and measures, RUNS times each (median printed):
// - the JavaScript the first page after sign-in (the dashboard) loads: the sum of the script
//   responses' encoded bodies as transferred, and the same files gzipped (zlib level 9) — the
//   budget is ≤ 500 KB gzip;
// - navigation → the dashboard shows its numbers (first value cell of the province-targets table
//   visible; budget ≤ 1.5 s);
// - navigation → the ranking table shows its rows (budget ≤ 2 s on the national demo, where the
//   page ranks every county of the database: /ranking?…&counties=all), and navigation → its rank
//   intervals (asked for after the table, so later);
// - the map's draw time, when the UI has a /map view (budget < 1 s).
// "cold": a fresh browser context (empty HTTP cache) for each run; "warm": the same page opened
// again in that context (scripts from the cache). The server's own first computation of a page's
// answers is reported once, as "server cold" (the first visit after the server starts).
// Options (environment): RUNS=n (default 5); DB=dir keeps the demo databases in dir and reuses
// them next time; ONLY=province|national measures one of them.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { generateDemo } from '../dist/core/demo/index.js';
import { loadBuiltinPlans, loadIndicators } from '../dist/io/plans.js';
import { loadRegister } from '../dist/io/regions.js';
import { demoUsers } from '../dist/server/demo-users.js';
import { openStore } from '../dist/store/db.js';
import { initialise } from '../dist/store/init.js';

const BUDGET = { jsKb: 500, dashboardMs: 1500, rankingMs: 2000, mapMs: 1000 };
const RUNS = Number(process.env.RUNS ?? 5);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const leitai = join(ROOT, 'bin/leitai');
const CHROMIUM = process.env.LEITAI_CHROMIUM ?? '/usr/bin/chromium';
// As test/web/browser.ts: a root, offline, headless Chromium.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
const SELECTION = '?plan=hlj-2026&period=2026-09';
// The national ranking view ranks every county of the database, not only the plan's 67.
const RANKING = {
  province: `/ranking${SELECTION}`,
  national: `/ranking${SELECTION}&counties=all`,
};
// What "shows its numbers" means on each page, as the browser tests read them.
const MARKS = {
  dashboard: '[data-testid="province-targets"] [data-testid^="value-"]',
  ranking: '[data-testid="ranking-table"] .ant-table-row [data-testid="score"]',
  intervals: '[data-testid="ranking-table"] .ant-table-row [data-testid="stability"]',
  map: '[data-testid="map"] canvas',
};
const hasMap = readFileSync(join(ROOT, 'web/src/routes.tsx'), 'utf8').includes("'/map'");

const keep = process.env.DB;
const dir = keep ?? mkdtempSync(join(tmpdir(), 'leitai-bench-web-'));
mkdirSync(dir, { recursive: true });
let server;
let browser;
const stopServer = async () => {
  if (server && server.exitCode === null && server.signalCode === null) {
    const ended = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await ended;
  }
  server = undefined;
};
const cleanUp = async () => {
  await browser?.close();
  await stopServer();
  if (!keep) rmSync(dir, { recursive: true, force: true });
};
process.on('SIGINT', () => {
  void cleanUp().then(() => process.exit(130));
});

async function database(scale) {
  const file = join(dir, `${scale}.db`);
  if (existsSync(file)) return { file, note: `reused ${file}` };
  const t0 = performance.now();
  const store = await openStore(file);
  const register = loadRegister();
  await initialise(store, {
    regions: [...register.regions.values()],
    plans: loadBuiltinPlans(),
    at: new Date().toISOString(),
    demo: generateDemo({ seed: 2026, scale, register, indicators: loadIndicators() }),
    users: await demoUsers(),
  });
  await store.close();
  return { file, note: `loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s` };
}

const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

async function serve(file) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [leitai, 'serve', '--db', file, '--port', String(port)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 300; i++) {
    try {
      const r = await fetch(`${url}/api/health`, { headers: { connection: 'close' } });
      if (r.ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const page = await fetch(`${url}/login`, { headers: { connection: 'close' } });
  if (!page.ok || !(page.headers.get('content-type') ?? '').includes('text/html'))
    throw new Error(`the server does not serve the web UI at ${url}/login (${page.status})`);
  return url;
}

/**
 * Records, in the page's own clock (ms since navigation start), the first frame in which each
 * mark's element is in the document, laid out and has text or content.
 */
function recordMarks(marks) {
  const w = window;
  w.__marks = {};
  const check = () => {
    for (const [name, selector] of Object.entries(marks)) {
      if (w.__marks[name] !== undefined || w.__pending?.[name]) continue;
      const el = document.querySelector(selector);
      if (!el || el.getClientRects().length === 0) continue;
      w.__pending = { ...w.__pending, [name]: true };
      requestAnimationFrame(() => {
        w.__marks[name] = performance.now();
      });
    }
  };
  new MutationObserver(check).observe(document, {
    childList: true,
    subtree: true,
    characterData: true,
  });
}

async function newContext(url) {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
  });
  // Signed in as the province through the API, so the first page opened is the one measured.
  const r = await context.request.post(`${url}/api/session`, {
    data: { username: 'province', password: 'leitai-demo' },
  });
  if (!r.ok()) throw new Error(`login: ${r.status()}`);
  await context.addInitScript(recordMarks, MARKS);
  return context;
}

/** Opens path and waits for the mark; returns ms from navigation start and the scripts loaded. */
async function visit(page, url, path, mark, later = []) {
  const scripts = [];
  const onResponse = (res) => {
    if (res.request().resourceType() === 'script') scripts.push(res);
  };
  page.on('response', onResponse);
  await page.goto(`${url}${path}`);
  await page.waitForFunction((m) => window.__marks?.[m] !== undefined, mark, { timeout: 60_000 });
  for (const m of later)
    await page.waitForFunction((x) => window.__marks?.[x] !== undefined, m, { timeout: 60_000 });
  const marks = await page.evaluate(() => window.__marks);
  await page.waitForLoadState('networkidle');
  page.off('response', onResponse);
  // Bytes on the wire (0 for a script from the cache), and what the same files weigh gzipped.
  let encoded = 0;
  let gzip = 0;
  for (const res of scripts) {
    encoded += Math.max(0, (await res.request().sizes()).responseBodySize);
    gzip += gzipSync(await res.body(), { level: 9 }).length;
  }
  return { ms: marks[mark], marks, encodedKb: encoded / 1024, gzipKb: gzip / 1024 };
}

/** How many counties the ranking view of a scale shows (as the API ranks them). */
async function rankedCounties(file, scale) {
  const url = await serve(file);
  try {
    const r = await fetch(`${url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', connection: 'close' },
      body: JSON.stringify({ username: 'province', password: 'leitai-demo' }),
    });
    const cookie = r.headers.get('set-cookie')?.split(';')[0] ?? '';
    const query = RANKING[scale].slice('/ranking'.length);
    const ranking = await fetch(`${url}/api/ranking${query}`, {
      headers: { cookie, connection: 'close' },
    });
    return (await ranking.json()).counties.length;
  } finally {
    await stopServer();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * One page on a server of its own (started here, so the first visit finds nothing computed):
 * run 0 is "server cold", then RUNS fresh contexts ("cold") each opening the page twice ("warm").
 */
async function measure(file, path, mark, later = []) {
  const url = await serve(file);
  const cold = [];
  const warm = [];
  let serverCold;
  try {
    for (let i = 0; i <= RUNS; i++) {
      const context = await newContext(url);
      const page = await context.newPage();
      const first = await visit(page, url, path, mark, later);
      if (i === 0) serverCold = first;
      else {
        cold.push(first);
        warm.push(await visit(page, url, path, mark, later));
      }
      await context.close();
    }
  } finally {
    await stopServer();
  }
  const pick = (runs, f) => median(runs.map(f));
  const row = (runs) => ({
    ms: pick(runs, (r) => r.ms),
    encodedKb: pick(runs, (r) => r.encodedKb),
    gzipKb: pick(runs, (r) => r.gzipKb),
    later: Object.fromEntries(later.map((m) => [m, pick(runs, (r) => r.marks[m])])),
  });
  return { serverCold: row([serverCold]), cold: row(cold), warm: row(warm) };
}

const fmtMs = (ms) => (Number.isFinite(ms) ? `${Math.round(ms)} ms` : '—');
const fmtKb = (kb) => `${kb.toFixed(0)} KB`;
const verdict = (ok) => (ok ? 'pass' : '**FAIL**');

const results = [];
let failed = 0;
try {
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  const scales = ['province', 'national'].filter(
    (s) => !process.env.ONLY || process.env.ONLY === s,
  );
  console.log(
    `leitai bench/web — ${cpus().length} cores, Node ${process.version}, Chromium ${browser.version()}, ${RUNS} runs per figure (median), viewport 1366×768`,
  );
  for (const scale of scales) {
    const db = await database(scale);
    const dashboard = await measure(db.file, `/${SELECTION}`, 'dashboard');
    const ranking = await measure(db.file, RANKING[scale], 'ranking', ['intervals']);
    const map = hasMap ? await measure(db.file, `/map${SELECTION}`, 'map') : null;
    const counties = await rankedCounties(db.file, scale);
    console.log(`${scale} demo: ${db.note}; its ranking has ${counties} counties`);
    results.push({ scale, counties, dashboard, ranking, map, load: loadavg()[0] });
  }
} finally {
  await cleanUp();
}

// The Markdown table for the README.
const lines = [];
lines.push(
  `| figure | budget | ${results.flatMap((r) => [`${r.scale} cold`, `${r.scale} warm`]).join(' | ')} | ${results.map((r) => `${r.scale} server cold`).join(' | ')} |`,
);
lines.push(
  `|---|---|${results.map(() => '---:|---:|').join('')}${results.map(() => '---:|').join('')}`,
);
const line = (title, budget, f, ok) => {
  const cells = results.flatMap((r) => [f(r, 'cold'), f(r, 'warm')]);
  const server = results.map((r) => f(r, 'serverCold'));
  lines.push(`| ${title} | ${budget} | ${cells.join(' | ')} | ${server.join(' | ')} |`);
  if (ok) for (const r of results) if (!ok(r)) failed++;
};
line(
  'first page JS, gzip (dashboard)',
  `≤ ${BUDGET.jsKb} KB`,
  (r, k) => fmtKb(r.dashboard[k].gzipKb),
  (r) => r.dashboard.cold.gzipKb <= BUDGET.jsKb,
);
line('first page JS, as transferred', '—', (r, k) => fmtKb(r.dashboard[k].encodedKb));
line(
  'dashboard shows its numbers',
  `≤ ${BUDGET.dashboardMs / 1000} s`,
  (r, k) => fmtMs(r.dashboard[k].ms),
  (r) => r.dashboard.cold.ms <= BUDGET.dashboardMs,
);
line(
  'ranking table shows its rows',
  `≤ ${BUDGET.rankingMs / 1000} s`,
  (r, k) => fmtMs(r.ranking[k].ms),
  (r) => r.scale !== 'national' || r.ranking.cold.ms <= BUDGET.rankingMs,
);
line('ranking rank intervals shown', '—', (r, k) => fmtMs(r.ranking[k].later.intervals));
if (hasMap)
  line(
    'map drawn',
    `< ${BUDGET.mapMs / 1000} s`,
    (r, k) => fmtMs(r.map[k].ms),
    (r) => r.map.cold.ms < BUDGET.mapMs,
  );
console.log();
console.log(lines.join('\n'));
console.log();
console.log(
  [
    `Cold: fresh browser context (empty cache), server answers cached; warm: the page opened again in that context; server cold: the first visit after the server started (one run). Times from navigation start to the first frame showing the element. "gzip" is the scripts gzipped at level 9; "as transferred" is what the server sent.`,
    `Verdicts (cold, server answers cached): JS ${verdict(results.every((r) => r.dashboard.cold.gzipKb <= BUDGET.jsKb))}; dashboard ${verdict(results.every((r) => r.dashboard.cold.ms <= BUDGET.dashboardMs))}; national ranking ${verdict(results.filter((r) => r.scale === 'national').every((r) => r.ranking.cold.ms <= BUDGET.rankingMs))}${hasMap ? `; map ${verdict(results.every((r) => r.map.cold.ms < BUDGET.mapMs))}` : ''}.`,
    hasMap
      ? ''
      : 'Map: the UI has no /map view yet (web/src/routes.tsx), so its draw time is not measured.',
    `1-minute load average at the end: ${results.map((r) => `${r.scale} ${r.load.toFixed(1)}`).join(', ')}.`,
  ]
    .filter(Boolean)
    .join('\n'),
);
process.exitCode = failed ? 1 : 0;
