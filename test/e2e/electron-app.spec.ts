import { _electron as electron } from '@playwright/test';
import { join } from 'node:path';
import { findElectron } from '../../scripts/find-electron.mjs';
import { makeTempDir } from '../support/temp-dir.js';
import { expect, test } from './onwatch-fixture.js';

const root = join(import.meta.dirname, '..', '..');
const found = findElectron();

test('the desktop app opens its window on the drill, its runbook beside a terminal that runs a step', async () => {
  if (!found.binary) {
    // Said out loud, not just counted: a skipped desktop test must never pass for a green one.
    console.warn(`Skipping the Electron app test: ${found.why}.`);
    test.skip(true, `Electron cannot run here: ${found.why}`);
    return;
  }
  const home = await makeTempDir('onwatch-electron-');
  const app = await electron.launch({
    executablePath: found.binary,
    args: [root],
    env: { ...process.env, HOME: home.path, XDG_CONFIG_HOME: join(home.path, '.config') },
  });
  try {
    const window = await app.firstWindow();
    await expect(window.locator('[data-testid="incident-row"]').first()).toBeVisible();
    await expect(window.getByText(/Practice mode/)).toBeVisible();
    // The terminal is on in the desktop app: the first drill page's runbook runs its steps.
    const runbook = window.getByTestId('runbook');
    await expect(runbook).toHaveAttribute('data-runbook-id', /^drill-/);
    const screen = window.locator('[data-testid="terminal-screen"] .xterm-rows');
    await expect(screen).toHaveText(/\S/);
    const step = window.getByTestId('runbook-step').first();
    await step.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(step.getByTestId('step-outcome')).toHaveText(/^Exit \d+|^Running/);
  } finally {
    await app.close();
    await home.remove();
  }
});
