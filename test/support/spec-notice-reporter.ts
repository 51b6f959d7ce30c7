import type { Reporter, Vitest } from 'vitest/node';
import { missingSpecsNotice } from './spec-location.js';

/** Ends a run whose spec-based tests skipped with the one line that says how to run them. */
export class SpecNoticeReporter implements Reporter {
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(): void {
    const notice = missingSpecsNotice();
    if (notice) this.vitest?.logger.log(`\n${notice}\n`);
  }
}
