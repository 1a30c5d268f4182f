import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

// The boundary rule of eslint.config.js, exercised: the core may not reach I/O, a framework or
// an adapter; adapters may use the core.
const eslint = new ESLint({ cwd: ROOT });

async function errors(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${file}` });
  return result!.messages.filter((m) => m.severity === 2).map((m) => m.message);
}

describe('the pure core', () => {
  it.each([
    [`import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n`, 'no Node I/O'],
    [`import { readFileSync } from 'fs';\nexport const x = readFileSync;\n`, 'no I/O'],
    [`import { readCsv } from '../../io/csv.js';\nexport const x = readCsv;\n`, 'adapter'],
    [`import { Command } from 'commander';\nexport const x = Command;\n`, 'no I/O or framework'],
    [`import Fastify from 'fastify';\nexport const x = Fastify;\n`, 'no I/O or framework'],
    [`export const x = process.env.HOME;\n`, 'pass settings in'],
  ])('rejects %j', async (code, message) => {
    const found = await errors(code, 'src/core/evaluate/bad.ts');
    expect(found.join('\n')).toContain(message);
  });

  it('lets adapters import the core and Node', async () => {
    const code = `import { readFileSync } from 'node:fs';\nimport { parsePeriod } from '../core/periods/index.js';\nexport const x = [readFileSync, parsePeriod];\n`;
    expect(await errors(code, 'src/io/good.ts')).toEqual([]);
  });

  it('holds for every file of src/core today', async () => {
    const results = await eslint.lintFiles(['src/core/**/*.ts']);
    const bad = results.filter((r) => r.errorCount > 0).map((r) => r.filePath);
    expect(bad).toEqual([]);
  });
});
