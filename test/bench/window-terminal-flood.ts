/**
 * The terminal flood seen from the window: the built browser host with its terminal on, the
 * built renderer in Chromium drawing with xterm.js, and `yes | head -c 50M` typed into the
 * incident's terminal. Measures the time until the line after the flood is on the screen, and
 * the window's long tasks (PerformanceObserver) while it streams: the window must not freeze.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { makeTempDir } from '../support/temp-dir.js';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist', 'electron', 'host', 'cli.js');
const floodBytes = 50 * 1024 * 1024;

export interface WindowFlood {
  seconds: number;
  megabytesPerSecond: number;
  longTasks: number;
  longestTaskMs: number;
  over100Ms: number;
}

/**
 * `command` must print 50 MiB; returns why not where it cannot run (nothing built, no Chromium).
 */
export async function windowTerminalFlood(command: string): Promise<WindowFlood | string> {
  const executablePath = process.env.ONWATCH_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(cli)) return 'not built: run `npm run build` first';
  if (!existsSync(executablePath)) return `no Chromium at ${executablePath}`;
  const dir = await makeTempDir('onwatch-window-flood-');
  const host = spawn(
    process.execPath,
    [cli, '--settings', join(dir.path, 'settings.json'), '--ephemeral-secrets', '--allow-terminal'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, HOME: dir.path } },
  );
  let output = '';
  host.stdout.on('data', (chunk) => (output += chunk));
  host.stderr.on('data', (chunk) => (output += chunk));
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      host.stdout.on('data', () => {
        const match = /running in your browser at (\S+)/.exec(output);
        if (match) resolve(match[1]!);
      });
      host.once('exit', (code) =>
        reject(new Error(`the browser host exited (${code}):\n${output}`)),
      );
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(() => {
      const tasks: number[] = [];
      (window as unknown as { longTasks: number[] }).longTasks = tasks;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push(entry.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(url);
    const screen = page.locator('[data-testid="terminal-screen"] .xterm-rows');
    await screen.filter({ hasText: /\S/ }).waitFor();
    const input = page.locator('[data-testid="terminal-screen"] textarea');
    await input.pressSequentially(`${command}; echo flood-$((40+2))-done`);
    await page.evaluate(
      () => ((window as unknown as { longTasks: number[] }).longTasks.length = 0),
    );
    // The page watches for the end itself: Playwright polling the screen would share its thread.
    await page.evaluate(() => {
      const rows = document.querySelector('[data-testid="terminal-screen"] .xterm-rows')!;
      (window as unknown as { floodDone: Promise<void> }).floodDone = new Promise(
        (resolve, fail) => {
          setTimeout(() => fail(new Error('the flood did not end within 10 minutes')), 600_000);
          const observer = new MutationObserver(() => {
            if (!rows.textContent?.includes('flood-42-done')) return;
            observer.disconnect();
            resolve();
          });
          observer.observe(rows, { childList: true, subtree: true, characterData: true });
        },
      );
    });
    const start = performance.now();
    await input.press('Enter');
    await page.evaluate(() => (window as unknown as { floodDone: Promise<void> }).floodDone);
    const seconds = (performance.now() - start) / 1000;
    const tasks = await page.evaluate(
      () => (window as unknown as { longTasks: number[] }).longTasks,
    );
    return {
      seconds,
      megabytesPerSecond: floodBytes / 1e6 / seconds,
      longTasks: tasks.length,
      longestTaskMs: Math.round(Math.max(0, ...tasks)),
      over100Ms: tasks.filter((ms) => ms > 100).length,
    };
  } finally {
    await browser.close();
    const exited = new Promise((resolve) => host.once('exit', resolve));
    if (host.exitCode === null) host.kill('SIGTERM');
    await exited;
    await dir.remove();
  }
}
