/**
 * Test tiers (README "Tests"):
 *  - unit:      *.unit.test.ts — pure logic, no database.
 *  - pglite:    *.int.test.ts against embedded PGlite (in memory, one per test file).
 *  - postgres:  the same *.int.test.ts against a real PostgreSQL: a fresh database per run
 *               (test/global-postgres.ts), TEST_DATABASE_URL or 127.0.0.1:5432 by default.
 *  - browser:   test/browser/*.browser.test.ts, Debian's chromium driven by playwright-core.
 * The run ends with one summary line `Tests: N passed, N failed` (test/summary-reporter.ts).
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    // Generous: the 2-core CI machine runs PGlite, PostgreSQL and chromium side by side.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two test files at a time on this 2-core machine (PGlite instances are memory-hungry too).
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.unit.test.ts', 'test/**/*.unit.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'pglite',
          include: ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'],
          env: { PRIMA_TEST_DB: 'pglite' },
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'],
          env: { PRIMA_TEST_DB: 'postgres' },
          globalSetup: ['./test/global-postgres.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.browser.test.ts'],
          env: { PRIMA_TEST_DB: 'pglite' },
          fileParallelism: false,
          testTimeout: 60_000,
        },
      },
    ],
  },
});
