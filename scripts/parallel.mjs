// Runs shell commands side by side (the type check and the linters are single-threaded: on two
// cores they take half the time together); each one's output is printed whole when it ends, and
// the exit status is the first failure's.
import { spawn } from 'node:child_process';

const commands = process.argv.slice(2);
const runs = commands.map(
  (command) =>
    new Promise((resolve) => {
      const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
      const out = [];
      child.stdout.on('data', (d) => out.push(d));
      child.stderr.on('data', (d) => out.push(d));
      child.on('close', (code) => {
        process.stdout.write(`\n$ ${command}\n${Buffer.concat(out).toString()}`);
        resolve(code ?? 1);
      });
    }),
);
const codes = await Promise.all(runs);
process.exit(codes.find((c) => c !== 0) ?? 0);
