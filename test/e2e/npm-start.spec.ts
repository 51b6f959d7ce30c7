import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { findElectron } from '../../scripts/find-electron.mjs';
import { makeTempDir } from '../support/temp-dir.js';
import { expect, test } from './onwatch-fixture.js';

const root = join(import.meta.dirname, '..', '..');

test('npm start without the Electron binary serves the drill in the browser and says why in one line', async ({
  page,
}) => {
  const electron = findElectron();
  test.skip(
    !!electron.binary,
    'Electron can run here, so npm start launches the desktop app instead',
  );
  const home = await makeTempDir('onwatch-home-');
  // A fresh user: no settings anywhere, so the drill must play.
  const child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: { ...process.env, HOME: home.path, XDG_CONFIG_HOME: join(home.path, '.config') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  try {
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', () => {
        const found = output.split('\n').find((l) => l.includes('running in your browser'));
        if (found) resolve(found);
      });
      child.once('exit', (code) => reject(new Error(`npm start exited (${code}):\n${output}`)));
    });
    expect(line).toBe(
      `${electron.why}, so Onwatch is running in your browser at ${line.split(' at ').at(-1)}`,
    );
    expect(line).toMatch(/ at http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
    // Looking for Electron must never start its download (this network reaches no such host).
    expect(output).not.toContain('Downloading Electron');

    await page.goto(line.split(' at ').at(-1)!);
    await expect(page.locator('[data-testid="incident-row"]').first()).toBeVisible();
    await expect(page.getByText(/Practice mode/)).toBeVisible();
    // The first drill page with its runbook, beside a terminal ready for a step.
    await expect(page.getByTestId('runbook')).toHaveAttribute('data-runbook-id', /^drill-/);
    await expect(page.locator('[data-testid="terminal-screen"] .xterm-rows')).toHaveText(/\S/);
    await expect(
      page.getByTestId('runbook-step').first().getByRole('button', { name: 'Run', exact: true }),
    ).toBeEnabled();
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(child.pid!, 'SIGTERM');
    await exited;
    await home.remove();
  }
});
