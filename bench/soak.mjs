// bench/soak: two `leitai serve` processes on one PostgreSQL schema of their own, 50 simulated
// users (counties, prefectures, departments, the province, an observer) for 10 minutes mixing
// reads, edits, uploads and review steps, each request to either instance. Then the database is
// read directly: the change sets and revisions written since the start must be exactly what the
// accepted answers add up to — nothing lost, nothing twice (issue 11 item 14).
// Run: npm run bench:soak [-- --minutes N | --quick] (builds first). Loopback only, bounded by
// time and by a request cap; the servers are stopped and the schema dropped at the end, on
// failure and on Ctrl-C. Exits 1 on any error or mismatch.
import { parseArgs } from 'node:util';
import { cpus } from 'node:os';
import {
  connect,
  createDatabase,
  dropSchema,
  PASSWORD,
  PG_BASE,
  startServer,
  stopServer,
} from './soak/setup.mjs';
import { audit, report, Tally } from './soak/tally.mjs';
import { SimUser } from './soak/users.mjs';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    quick: { type: 'boolean', default: false },
    'max-requests': { type: 'string', default: '200000' },
    'think-ms': { type: 'string', default: '1000' },
    seed: { type: 'string', default: '2026' },
  },
});
const minutes = args.quick ? 1 : Number(args.minutes);
const maxRequests = Number(args['max-requests']);
const thinkMs = Number(args['think-ms']);
if (!(minutes > 0 && minutes <= 60) || !(maxRequests > 0) || !(thinkMs >= 0)) {
  console.error(
    '用法 (usage): node bench/soak.mjs [--minutes 1..60 | --quick] [--max-requests N] [--think-ms MS]',
  );
  process.exit(2);
}

const schema = `soak_${process.pid}_${Date.now().toString(36)}`;
const url = `${PG_BASE}?schema=${schema}`;
const servers = [];
let stopped;
/** Stops both servers and drops the schema, once, whatever happened. */
const cleanup = () =>
  (stopped ??= (async () => {
    await Promise.all(servers.map(stopServer));
    await dropSchema(schema).catch((e) =>
      console.error(`could not drop schema ${schema}: ${e.message}`),
    );
  })());
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    interrupted = true;
    console.error(`\n${signal}: stopping the servers and dropping ${schema} …`);
    void cleanup().then(() => process.exit(130));
  });
}

/** The request cap: every request takes one; none once it is spent or time is up. */
function budget(deadline) {
  let left = maxRequests;
  return {
    capped: false,
    take() {
      if (interrupted || performance.now() >= deadline) return false;
      if (left-- <= 0) return !(this.capped = true);
      return true;
    },
  };
}

const pause = (rnd) => new Promise((r) => setTimeout(r, thinkMs * 2 * rnd.next()));

let exitCode = 1;
try {
  console.log(
    `leitai bench/soak — ${cpus().length} cores, Node ${process.version}, schema ${schema}`,
  );
  let t = performance.now();
  const accounts = await createDatabase(url, schema);
  console.log(
    `demo data and ${accounts.length} users in ${((performance.now() - t) / 1000).toFixed(0)} s`,
  );
  servers.push(await startServer(url, 'instance A'), await startServer(url, 'instance B'));
  for (const s of servers)
    if (!s.base.startsWith('http://127.0.0.1:')) throw new Error('loopback only');

  const client = await connect(schema);
  const since = Number(
    (await client.query('select coalesce(max(id), 0) m from change_set')).rows[0].m,
  );
  const tally = new Tally();
  const counties = accounts.filter((a) => a.role === 'county').map((a) => a.region);
  const seconds = minutes * 60;
  const o = { servers, tally, password: PASSWORD, seed: Number(args.seed), counties };
  // Logins first (outside the clock): 50 scrypt checks would otherwise crowd the first seconds.
  o.budget = budget(Infinity);
  const users = accounts.map((a) => new SimUser(a, o));
  for (const u of users) await u.login();
  t = performance.now();
  o.budget = budget(t + seconds * 1000);
  console.log(
    `${users.length} users logged in; soaking for ${minutes} min (think time 0–${2 * thinkMs} ms) …`,
  );
  const progress = setInterval(() => {
    const s = (performance.now() - t) / 1000;
    console.log(`  ${s.toFixed(0)} s: ${tally.requests} requests, ${tally.errorCount} errors`);
  }, 60_000);
  const end = t + seconds * 1000;
  const running = () => !interrupted && !o.budget.capped && performance.now() < end;
  await Promise.all(
    users.map(async (u) => {
      await pause(u.rnd); // users start at different moments
      while (running()) {
        await u.step();
        if (running()) await pause(u.rnd);
      }
    }),
  );
  clearInterval(progress);
  if (interrupted) await new Promise(() => {}); // the signal handler cleans up and exits
  const elapsed = (performance.now() - t) / 1000;
  // Both servers stop before the audit so that every answered write has been committed.
  await Promise.all(servers.map(stopServer));
  const audited = await audit(client, since, tally);
  await client.end();
  const problems = servers.flatMap((s) => s.problems.map((p) => ({ server: s.label, ...p })));
  const { text, pass } = report(tally, audited, {
    seconds: elapsed,
    users: users.length,
    capped: o.budget.capped,
    serverProblems: problems,
  });
  console.log(`\n${text}`);
  exitCode = pass ? 0 : 1;
} catch (e) {
  console.error(`soak failed: ${e.stack ?? e}`);
  for (const s of servers)
    for (const p of s.problems.slice(0, 10)) console.error(`  ${s.label}: ${JSON.stringify(p)}`);
} finally {
  await cleanup();
}
process.exit(exitCode);
