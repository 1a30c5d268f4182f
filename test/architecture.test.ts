import { ESLint } from 'eslint';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
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

// Import cycles among src/ files (type-only imports included: a module importing its folder's
// index, which imports it, is the tangle this guards against).
const SRC = join(ROOT, 'src');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s+'(\.{1,2}\/[^']+)'/g;

/** Pairs of files allowed to import each other for now, as `a|b` paths relative to src/. */
const KNOWN_CYCLES = new Set<string>([]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const from = relative(SRC, file);
    const targets = [...readFileSync(file, 'utf8').matchAll(IMPORT)]
      .map((m) => relative(SRC, resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts'))))
      .filter((to) => !KNOWN_CYCLES.has(`${from}|${to}`) && !KNOWN_CYCLES.has(`${to}|${from}`));
    graph.set(from, [...new Set(targets)]);
  }
  return graph;
}

/** Every cycle found by a depth-first walk, each as the files on it, first file repeated last. */
function cycles(graph: Map<string, string[]>): string[] {
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open')
        found.push([...stack.slice(stack.indexOf(next)), next].join(' → '));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return found;
}

describe('imports', () => {
  it('finds a cycle when there is one', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(cycles(graph)).toEqual(['a.ts → b.ts → c.ts → a.ts']);
  });

  it('reads the imports of a real file', () => {
    expect(importGraph().get('core/ranking/index.ts')).toContain('core/ranking/types.ts');
  });

  it('src/ has no import cycles', () => {
    expect(cycles(importGraph())).toEqual([]);
  });
});
