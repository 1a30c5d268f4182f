import { availableParallelism } from 'node:os';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * Files that run far longer than their size suggests start first. Without a results cache (a
 * clean CI clone) Vitest orders files by size, and the roles' journeys — a short file of long
 * walks, about three minutes — came last and ran alone while the other worker sat idle.
 */
const LONGEST = ['test/web/journeys.test.ts'];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const long = (f: TestSpecification) => LONGEST.some((p) => f.moduleId.endsWith(p));
    return [...sorted.filter(long), ...sorted.filter((f) => !long(f))];
  }
}

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Vitest's default (cores − 1) runs one file at a time on a 2-core CI machine; the tests spend
    // much of their time waiting on child processes, PostgreSQL and Chromium, so two overlap well.
    maxWorkers: Math.max(2, availableParallelism()),
    sequence: { sequencer: LongestFirst },
    testTimeout: 60_000,
    // A browser test's beforeAll builds a demo database and starts Chromium: seconds, more on a busy machine.
    hookTimeout: 60_000,
  },
});
