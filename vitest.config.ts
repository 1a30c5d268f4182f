import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    // A browser test's beforeAll builds a demo database and starts Chromium: seconds, more on a busy machine.
    hookTimeout: 60_000,
  },
});
