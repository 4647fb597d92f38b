import { defineConfig } from 'vitest/config';

// One runner for the whole repository. Tests that touch data get their own database per file
// (see packages/server/src/test/test-database.ts); TEST_DATABASE_URL switches them to PostgreSQL.
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'bench/**/*.test.ts'],
    globalSetup: ['packages/server/src/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});
