import { defineConfig } from 'vitest/config';

// Two projects: `core` is pure and needs nothing; `server` tests get their own database per file
// (see packages/server/src/test/test-database.ts) and TEST_DATABASE_URL switches them to PostgreSQL.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    // The JSON report lets .ci/run print one closing line per database ("N passed, N failed").
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      { test: { name: 'core', include: ['packages/core/src/**/*.test.ts'] } },
      {
        test: {
          name: 'server',
          include: ['packages/server/src/**/*.test.ts', 'bench/**/*.test.ts'],
          globalSetup: ['packages/server/src/test/global-setup.ts'],
          pool: 'forks',
        },
      },
    ],
  },
});
