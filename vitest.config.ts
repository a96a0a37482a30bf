import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/fast-check.ts'],
    // Generous: the suite must not fail because a shared 2-core machine is busy (no test asserts on time).
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // nodejieba and chromium are heavy; two cores on CI
    pool: 'forks',
    maxWorkers: 2,
  },
});
