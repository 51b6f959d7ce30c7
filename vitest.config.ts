import { defineConfig } from 'vitest/config';
import { SpecNoticeReporter } from './test/support/spec-notice-reporter.js';
import { SuiteFailureReporter } from './test/support/suite-failure-reporter.js';

export default defineConfig({
  test: {
    // Both end the run, after the summary, where a reader looks.
    reporters: ['default', new SpecNoticeReporter(), new SuiteFailureReporter()],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Real services (Alertmanager, the keyring) are started per file; one at a time
          // keeps two cores from timing out under load.
          fileParallelism: false,
        },
      },
    ],
  },
});
