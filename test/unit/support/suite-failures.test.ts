import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir.js';

/*
 * A file that fails outside any test (at import, or in beforeAll) must fail the run where a
 * reader sees it, in every tier: vitest and Playwright each run on the fixtures in
 * test/fixtures/suite-failures/ with the repository's own reporters and config.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fixtures = 'test/fixtures/suite-failures';

interface Run {
  code: number | null;
  output: string;
}

function run(tool: 'vitest' | 'playwright', args: string[]): Promise<Run> {
  // The outer vitest's worker variables would make the inner run think it is a worker too.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')),
  );
  delete env.FORCE_COLOR;
  const child = spawn(path.join(repoRoot, 'node_modules/.bin', tool), args, {
    cwd: repoRoot,
    env: { ...env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('vitest', () => {
  it('fails the run and ends it naming each file that failed outside its tests', async () => {
    const { code, output } = await run('vitest', [
      'run',
      '--config',
      `${fixtures}/vitest.config.ts`,
    ]);
    expect(code).toBe(1);
    // The summary counts no failed test, which is why the last line must say it.
    expect(output).toMatch(/Tests +1 passed/);
    const last = output.trim().split('\n').at(-1);
    expect(last).toBe(
      '✖ 2 test FILES failed to load or run (an error at import or in a beforeAll/afterAll hook): ' +
        `${fixtures}/broken-hook.vitest.ts, ${fixtures}/broken-import.vitest.ts`,
    );
  }, 30_000);
});

describe('Playwright', () => {
  // Playwright writes its results (and would write traces) here rather than into the repo.
  let results: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    results = await makeTempDir('onwatch-suite-failures-');
  });
  afterAll(() => results?.remove());

  const playwright = (file: string) =>
    run('playwright', [
      'test',
      '--config',
      `${fixtures}/playwright.config.ts`,
      '--output',
      results.path,
      file,
    ]);

  it('fails the run when a beforeAll throws, counting its test as failed', async () => {
    const { code, output } = await playwright('broken-hook.playwright.ts');
    expect(code).toBe(1);
    expect(output).toContain('broken-hook fixture: thrown in beforeAll');
    expect(output).toMatch(/1 failed\n.*a suite whose setup fails › never runs/);
  }, 30_000);

  it('fails the run, running nothing, when a spec throws at import', async () => {
    const { code, output } = await playwright('broken-import.playwright.ts');
    expect(code).toBe(1);
    expect(output).toContain('broken-import fixture: thrown at import');
    expect(output).not.toMatch(/passed/);
  }, 30_000);
});
