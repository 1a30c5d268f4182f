import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'bin/leitai');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs bin/leitai as a user would (built by `npm run build`). */
export function leitai(...args: string[]): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function json<T = unknown>(r: Run): T {
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

export function tempDir(prefix = 'leitai-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The code of the LeitaiError a promise rejects with, or 'ok': what a user is told, in one word. */
export async function errorCode(p: Promise<unknown>): Promise<string> {
  const { isLeitaiError } = await import('../src/core/errors/index.js');
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (isLeitaiError(e)) return e.code;
    throw e;
  }
}
