import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'workflows/*/src/**/*.test.ts', 'services/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts', 'test/support/web-build.ts'],
    // Two files at a time even on two cores (vitest's default there is one): most of a file's time
    // is waiting on its timers, workers and pages. Each worker has its own database and Redis
    // prefix (test/support/global-setup.ts). VITEST_MAX_WORKERS sets another count.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
