import { defineConfig } from 'vitest/config';

// Three projects: `core` is pure and needs nothing; `web` renders components in happy-dom; `server` tests get their own database per file
// (see packages/server/src/test/test-database.ts) and TEST_DATABASE_URL switches them to PostgreSQL.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    // The JSON report lets .ci/run print one closing line per database ("N passed, N failed").
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    // `extends: true` so every project inherits the timeouts above (inline projects do not by default).
    projects: [
      { extends: true, test: { name: 'core', include: ['packages/core/src/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['packages/server/src/**/*.test.ts', 'bench/**/*.test.ts'],
          globalSetup: ['packages/server/src/test/global-setup.ts'],
          pool: 'forks',
        },
      },
      // The browser app's component tests: React in happy-dom, no server (fetch is stubbed per test).
      { extends: true, test: { name: 'web', include: ['packages/web/src/**/*.test.tsx', 'packages/web/src/**/*.test.ts'], environment: 'happy-dom', setupFiles: ['packages/web/src/test/setup.ts'] } },
    ],
  },
});
