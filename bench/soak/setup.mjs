// bench/soak setup: its own PostgreSQL schema with the demo data and 50 users, two `leitai serve`
// processes on it, and the teardown of both (servers stopped, schema dropped).
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const PG_BASE = process.env.LEITAI_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
export const PASSWORD = 'leitai-demo';
const leitai = fileURLToPath(new URL('../../bin/leitai', import.meta.url));

/** A client whose queries run in the soak's schema. */
export async function connect(schema) {
  const client = new pg.Client({ connectionString: PG_BASE, options: `-c search_path=${schema}` });
  await client.connect();
  return client;
}

/** Runs bin/leitai; resolves with its output, rejects with its stderr on a non-zero exit. */
function run(args, input) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [leitai, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`leitai ${args[0]} ${args[1]}: ${err}`)),
    );
    p.stdin.end(input ?? '');
  });
}

/**
 * Kysely's migrator looks for its two bookkeeping tables in every schema of the database, so a new
 * schema beside others that have them is never given its own ("relation kysely_migration_lock
 * does not exist"). Creating them first, as Kysely would, lets `db init` migrate the new schema
 * whether or not the migrator is told its schema (a fix for that is on its way separately).
 */
async function prepareSchema(schema) {
  const client = await connect(schema);
  try {
    await client.query(`create schema if not exists "${schema}"`);
    await client.query(`create table if not exists kysely_migration
      (name varchar(255) not null primary key, timestamp varchar(255) not null)`);
    await client.query(`create table if not exists kysely_migration_lock
      (id varchar(255) not null primary key, is_locked integer not null default 0)`);
  } finally {
    await client.end();
  }
}

export async function dropSchema(schema) {
  const client = new pg.Client({ connectionString: PG_BASE });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
}

// Where the 50 users sit: counties of five prefectures, two users for Harbin and for 省财政厅 (so
// two people race for one queue through the two instances), and the departments that approve
// the indicators the counties edit.
const PREFECTURES = [
  ['230100', 8],
  ['230200', 7],
  ['230800', 7],
  ['231000', 7],
  ['231200', 7],
];
const DEPARTMENTS = [
  ['finance2', '省财政厅'],
  ['ndrc', '省发展改革委'],
  ['miit', '省工业和信息化厅'],
  ['tax', '省税务局'],
  ['agri', '省农业农村厅'],
];

/** The demo database (`db init --demo`) in its own schema. */
export async function createDemo(url, schema) {
  await prepareSchema(schema);
  await run(['db', 'init', '--demo', '--db', url]);
}

/** The demo database plus 45 users; returns every user with its role, region and counties. */
export async function createDatabase(url, schema) {
  await createDemo(url, schema);
  const client = await connect(schema);
  const counties = new Map(); // prefecture → its county codes
  try {
    const { rows } = await client.query(
      `select code, parent_code from region where level = 'county' and synthetic = 0 order by code`,
    );
    for (const r of rows)
      counties.set(r.parent_code, [...(counties.get(r.parent_code) ?? []), r.code]);
  } finally {
    await client.end();
  }
  const users = [
    { name: 'province', role: 'province' },
    { name: 'observer', role: 'observer' },
    { name: 'finance', role: 'department', department: '省财政厅' },
    ...DEPARTMENTS.map(([name, department]) => ({
      name,
      role: 'department',
      department,
      add: true,
    })),
  ];
  for (const [prefecture, n] of PREFECTURES) {
    const own = counties.get(prefecture) ?? [];
    const picked = own.includes('230183')
      ? ['230183', ...own.filter((c) => c !== '230183')].slice(0, n)
      : own.slice(0, n);
    if (picked.length < n)
      throw new Error(`prefecture ${prefecture} has only ${own.length} counties`);
    const mine = { role: 'prefecture', region: prefecture, counties: picked };
    if (prefecture === '230100')
      users.push({ name: 'harbin', ...mine }, { name: 'harbin2', ...mine, add: true });
    else users.push({ name: `p${prefecture}`, ...mine, add: true });
    for (const c of picked) {
      const county = { role: 'county', region: c, prefecture, neighbours: picked };
      users.push(
        c === '230183' ? { name: 'shangzhi', ...county } : { name: `c${c}`, ...county, add: true },
      );
    }
  }
  // Three at a time: each `user add` is a whole process hashing a password.
  const todo = users.filter((u) => u.add);
  const as = (u) =>
    u.role === 'department' ? `department:${u.department}` : `${u.role}:${u.region}`;
  const worker = async () => {
    for (let u = todo.shift(); u; u = todo.shift())
      await run(
        ['user', 'add', u.name, '--as', as(u), '--password-stdin', '--db', url],
        `${PASSWORD}\n`,
      );
  };
  await Promise.all([worker(), worker(), worker()]);
  return users;
}

/** A port the OS says is free (serve takes a fixed --port). */
export const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

/**
 * Starts `leitai serve` on a free loopback port; resolves once it says it listens. Its warnings
 * and errors (LOG_LEVEL=warn) are kept in `problems`; an exit before `stop` is one too.
 */
export async function startServer(url, label) {
  const port = await freePort();
  const proc = spawn(
    process.execPath,
    [leitai, 'serve', '--db', url, '--port', String(port), '--host', '127.0.0.1'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LOG_LEVEL: 'warn' },
    },
  );
  const server = { label, proc, base: `http://127.0.0.1:${port}`, problems: [], stopping: false };
  const keep = (line) => {
    if (!line.startsWith('{')) return;
    try {
      const entry = JSON.parse(line);
      if (entry.level >= 40) server.problems.push(entry);
    } catch {
      server.problems.push({ msg: line });
    }
  };
  createInterface({ input: proc.stderr }).on('line', keep);
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} did not start within 60 s`)), 60_000);
    createInterface({ input: proc.stdout }).on('line', (line) => {
      if (line.includes('已启动')) {
        clearTimeout(timer);
        resolve();
      }
      keep(line);
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      if (!server.stopping)
        server.problems.push({ level: 60, msg: `${label} exited (code ${code})` });
      reject(new Error(`${label} exited (code ${code}) before it started`));
    });
  });
  return server;
}

/** SIGTERM, then SIGKILL if it has not exited within 15 s. */
export function stopServer(server) {
  const { proc } = server;
  server.stopping = true;
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
    proc.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    proc.kill('SIGTERM');
  });
}
