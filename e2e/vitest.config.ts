import { defineConfig } from 'vitest/config';

// Browser end-to-end tests: one real server (fresh PGlite data dir, demo world) and Debian's
// Chromium per file, run one file at a time. `npm run test:e2e`; the JSON report feeds .ci/run.
export default defineConfig({
  test: {
    root: import.meta.dirname + '/..',
    include: ['e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 600_000, // the demo world loads at server start; slow on a busy 2-core machine
    fileParallelism: false,
    maxWorkers: 1,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/e2e-vitest.json' },
  },
});
