// `npm start`: on first start create the database (register, built-in plans, their published
// results and the labelled synthetic demo data), then serve the product. LEITAI_DB, PORT and
// HOST override the defaults (data/leitai.db, 3000, 127.0.0.1).
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const cli = `${root}bin/leitai`;
const db = process.env.LEITAI_DB || `${root}data/leitai.db`;

if (!process.env.LEITAI_DB && !existsSync(db)) {
  const r = spawnSync(process.execPath, [cli, 'db', 'init', '--demo', '--db', db], {
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const server = spawn(process.execPath, [cli, 'serve', '--db', db], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
