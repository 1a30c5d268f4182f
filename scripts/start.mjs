// `npm start`: make sure the database is initialised, then serve the product. PORT and HOST
// override the defaults (3000, 127.0.0.1).
//
// - Without LEITAI_DB: data/leitai.db, created on first start with the register, the built-in
//   plans, their published results and the labelled synthetic demo data (a look at the product).
// - With LEITAI_DB (a new or existing SQLite path, or postgres://…): every start runs
//   `leitai db init` on it, which creates the schema and loads the register and the built-in
//   plans when they are missing and changes nothing otherwise; demo data only with LEITAI_DEMO=1.
//   The server's banner then says what to do next (create the administrator).
// A database that cannot be opened or reached stops the start with a message naming it and why.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const cli = `${root}bin/leitai`;
const given = process.env.LEITAI_DB;
const db = given || `${root}data/leitai.db`;
const demo = given ? process.env.LEITAI_DEMO === '1' : !existsSync(db);

if (given || demo) {
  const init = () =>
    spawnSync(process.execPath, [cli, 'db', 'init', '--db', db, ...(demo ? ['--demo'] : [])], {
      stdio: ['ignore', 'inherit', 'pipe'],
      encoding: 'utf8',
    });
  let r = init();
  // Instances started together on one new database race: db init runs its writes again when they
  // meet another's; any other failure (exit 1) gets one more run, which finds done what the other
  // instance did (db init is idempotent). Bad input (exit 2) is not retried.
  if (r.status === 1) r = init();
  process.stderr.write(r.stderr ?? '');
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const server = spawn(process.execPath, [cli, 'serve', '--db', db], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
