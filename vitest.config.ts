import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Vitest's default (cores − 1) runs one file at a time on a 2-core CI machine; the tests spend
    // much of their time waiting on child processes, PostgreSQL and Chromium, so two overlap well.
    maxWorkers: Math.max(2, availableParallelism()),
    testTimeout: 60_000,
    // A browser test's beforeAll builds a demo database and starts Chromium: seconds, more on a busy machine.
    hookTimeout: 60_000,
  },
});
