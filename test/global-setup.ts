// Builds the demo database once per test run: browser and API tests start from copies of this
// file instead of each building the province's demo (seconds of CPU, fifty times over).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openStore } from '../src/store/db.js';
import { fillDemo } from './server/setup.js';
import { tempDir } from './helpers.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A closed SQLite file holding the demo database, for tests to copy. */
    demoTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = tempDir('leitai-demo-template-');
  const file = join(dir, 'demo.db');
  const store = await openStore(file);
  try {
    await fillDemo(store);
  } finally {
    await store.close();
  }
  project.provide('demoTemplate', file);
  return () => rmSync(dir, { recursive: true, force: true });
}
