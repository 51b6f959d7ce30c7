import type { Reporter, TestModule, Vitest } from 'vitest/node';

/**
 * vitest counts the tests of a file that failed outside any test (at import, or in a
 * beforeAll or afterAll) as skipped, so such a run ends "Tests 732 passed" with the failed
 * file far above. This reporter ends it with one line naming those files instead.
 */
export class SuiteFailureReporter implements Reporter {
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const broken = modules.filter(failedOutsideTests).map((m) => m.relativeModuleId);
    if (broken.length === 0) return;
    const files = broken.length === 1 ? '1 test FILE' : `${broken.length} test FILES`;
    // stdout, where the summary goes: on a second stream the two could arrive in either order.
    this.vitest?.logger.log(
      `\n✖ ${files} failed to load or run (an error at import or in a beforeAll/afterAll hook): ` +
        `${broken.join(', ')}\n`,
    );
  }
}

function failedOutsideTests(module: TestModule): boolean {
  return (
    module.errors().length > 0 ||
    [...module.children.allSuites()].some((suite) => suite.errors().length > 0)
  );
}
