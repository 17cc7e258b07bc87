import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'workflows/*/src/**/*.test.ts', 'services/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts', 'test/support/web-build.ts'],
    // Two files at a time even on two cores (vitest's default there is one): most of a file's time
    // is waiting on its timers, workers and pages. Each worker has its own database and Redis
    // prefix (test/support/global-setup.ts). VITEST_MAX_WORKERS sets another count.
    maxWorkers: 2,
    // A worker's files share its modules (each file still opens its own app, pool and Redis
    // connection): evaluating the engine, Fastify and Kysely afresh for each of 158 files cost
    // 458-614 s of import time a run. A file leaves no module state behind (test/README.md).
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
