import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit+integration',
          // test/reliability: crash, fuzz, access-matrix, backup, two-process tests (issue 7).
          include: ['src/**/*.test.ts', 'test/reliability/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          env: { TZ: 'UTC' },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // A page fills in after its frame: polls wait for it, long enough for a slow CI machine.
          expect: { poll: { timeout: 15_000, interval: 100 } },
          env: { TZ: 'UTC' },
        },
      },
    ],
  },
});
