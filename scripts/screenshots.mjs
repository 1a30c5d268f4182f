// `npm run screenshots`: retakes every picture the README and docs/ show, so none goes stale.
// Browser pictures come from the browser tests that take them (run again, into a fresh folder);
// the bulletin's first page from the demo database's bulletin, printed to PDF and rendered by
// pdftoppm (poppler-utils). Only when every test passes are the pictures replaced; pictures no
// document shows any more are removed. The sample bulletin files of docs/bulletin are rewritten too.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BULLETIN_SHOTS, SHOTS_DIR, shownShots, takenShots, takersOf } from './screenshots-lib.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const shown = shownShots(root);
const taken = takenShots(root);
const fail = (message) => {
  process.stderr.write(`${message}\n`);
  process.exit(1);
};

const files = new Set();
const problems = [];
for (const [name, where] of shown) {
  if (name in BULLETIN_SHOTS) continue;
  const takers = takersOf(name, taken);
  if (takers.length !== 1)
    problems.push(
      `${name}.png(${where.join(', ')}):${takers.length ? `多个测试都拍它:${takers.join('、')}` : '没有浏览器测试拍它'}`,
    );
  else files.add(takers[0]);
}
if (problems.length) fail(`截图无法重拍 (cannot retake):\n  ${problems.join('\n  ')}`);

const out = mkdtempSync(join(tmpdir(), 'leitai-shots-'));
const run = (cmd, args, env = {}) => {
  process.stdout.write(`\n$ ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) fail(`失败 (failed): ${cmd} ${args.join(' ')}`);
};

run('npm', ['run', 'build']);
console.log(
  `\n${shown.size} 张截图,来自 ${files.size} 个浏览器测试文件 (pictures from test files)`,
);
run('npx', ['vitest', 'run', ...files], { LEITAI_SCREENSHOTS: out });

if ([...shown.keys()].some((n) => n in BULLETIN_SHOTS)) {
  const db = join(out, 'demo.db');
  const cli = (...args) => run(process.execPath, ['bin/leitai', ...args, '--db', db]);
  cli('db', 'init', '--demo');
  const base = join(root, 'docs/bulletin/sample-hlj-2026-2026-09');
  for (const ext of ['docx', 'xlsx', 'pdf'])
    cli(
      'bulletin',
      '--plan',
      'hlj-2026',
      '--period',
      '2026-09',
      '--out',
      `${ext === 'pdf' ? join(out, 'bulletin') : base}.${ext}`,
    );
  for (const [name, page] of Object.entries(BULLETIN_SHOTS))
    run('pdftoppm', [
      '-png',
      '-r',
      '80',
      '-f',
      `${page}`,
      '-l',
      `${page}`,
      '-singlefile',
      join(out, 'bulletin.pdf'),
      join(out, name),
    ]);
}

const dir = join(root, SHOTS_DIR);
for (const f of readdirSync(dir)) if (!shown.has(f.replace(/\.png$/, ''))) rmSync(join(dir, f));
for (const name of shown.keys()) copyFileSync(join(out, `${name}.png`), join(dir, `${name}.png`));
rmSync(out, { recursive: true, force: true });
console.log(`\n${SHOTS_DIR}: ${shown.size} 张截图已更新 (pictures updated)`);
