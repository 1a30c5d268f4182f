// `npm start`: until the server exists, print the province summary of the demo data —
// the evaluation of hlj-2026 for the latest demo period — through the public CLI.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const cli = `${root}bin/leitai`;
const demo = `${root}var/demo.csv`;

function run(args) {
  const r = spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

mkdirSync(`${root}var`, { recursive: true });
if (!existsSync(demo)) run(['demo', '--seed', '2026', '--out', demo]);
run([
  'evaluate',
  '--plan',
  'hlj-2026',
  '--period',
  '2026-09',
  '--data',
  demo,
  '--region',
  '230000',
]);
