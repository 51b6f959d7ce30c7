import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test as base } from '@playwright/test';
import { makeTempDir } from '../support/temp-dir.js';

export interface RunningOnwatch {
  /** The address the browser host printed, token included. */
  url: string;
  settingsPath: string;
  /** The folder the settings file is in: Onwatch's data folder. */
  dataDir: string;
  output: () => string;
}

const root = join(import.meta.dirname, '..', '..');

interface LaunchOptions {
  settings?: unknown;
  /** More command-line options, e.g. --allow-terminal. */
  hostArgs: string[];
  /** Runbook files (name → Markdown) for the default runbook folder beside the settings. */
  runbooks: Record<string, string>;
}

/**
 * Starts the built browser host exactly as `npm run start:browser` does, with its own settings
 * file and in-memory secrets, and stops it by PID when the test ends.
 */
async function launchOnwatch({
  settings,
  hostArgs,
  runbooks,
}: LaunchOptions): Promise<RunningOnwatch & { stop: () => Promise<void> }> {
  const dir = await makeTempDir('onwatch-e2e-');
  const settingsPath = join(dir.path, 'settings.json');
  if (settings) await writeFile(settingsPath, JSON.stringify(settings));
  const runbookDir = join(dir.path, 'runbooks');
  await mkdir(runbookDir);
  for (const [name, text] of Object.entries(runbooks))
    await writeFile(join(runbookDir, name), text);
  const child = spawn(
    process.execPath,
    [
      join(root, 'dist/electron/host/cli.js'),
      '--settings',
      settingsPath,
      '--ephemeral-secrets',
      ...hostArgs,
    ],
    // Shells the tests open start here, not in the home of whoever runs them, and are bash (which
    // Onwatch teaches to mark its commands) whatever shell, if any, the runner has.
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, HOME: dir.path, SHELL: '/bin/bash' },
    },
  );
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = () => {
      const match = /running in your browser at (\S+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`the browser host exited (${code}):\n${output}`)),
    );
  });
  // A test's settings that Onwatch refused would silently run the test on defaults instead.
  if (/settings file could not be read/.test(output)) {
    await stopByPid(child);
    throw new Error(`Onwatch refused the test's settings:\n${output}`);
  }
  return {
    url,
    settingsPath,
    dataDir: dir.path,
    output: () => output,
    stop: async () => {
      await stopByPid(child);
      await dir.remove();
    },
  };
}

async function stopByPid(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid, 'SIGTERM');
  const killer = setTimeout(() => child.pid && process.kill(child.pid, 'SIGKILL'), 5_000);
  await exited;
  clearTimeout(killer);
}

export const test = base.extend<{
  onwatch: RunningOnwatch;
  settings: unknown;
  hostArgs: string[];
  runbooks: Record<string, string>;
}>({
  settings: [undefined, { option: true }],
  hostArgs: [[], { option: true }],
  runbooks: [{}, { option: true }],
  // The page runs under a strict Content Security Policy; a library that trips it (zod probing
  // for eval, say) fails every test instead of going unnoticed. Chromium reports such a probe
  // only as a DOM event, not on the console, so the page forwards each event here.
  page: async ({ page }, use) => {
    const violations: string[] = [];
    await page.exposeFunction('onwatchReportCspViolation', (text: string) => violations.push(text));
    await page.addInitScript(() => {
      const report = (window as unknown as { onwatchReportCspViolation(text: string): void })
        .onwatchReportCspViolation;
      document.addEventListener('securitypolicyviolation', (event) =>
        report(
          `${event.violatedDirective} (${event.blockedURI || 'inline'}) at ${event.sourceFile}`,
        ),
      );
    });
    await use(page);
    expect(violations, 'the page broke its own Content Security Policy').toEqual([]);
  },
  onwatch: async ({ settings, hostArgs, runbooks }, use) => {
    const running = await launchOnwatch({ settings, hostArgs, runbooks });
    await use(running);
    await running.stop();
  },
});

export { expect };
