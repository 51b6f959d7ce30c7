import { _electron as electron } from '@playwright/test';
import { join } from 'node:path';
import { findElectron } from '../../scripts/find-electron.mjs';
import { makeTempDir } from '../support/temp-dir.js';
import { expect, test } from './onwatch-fixture.js';

const root = join(import.meta.dirname, '..', '..');
const found = findElectron();

test('the desktop app opens its window on the drill', async () => {
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
  } finally {
    await app.close();
    await home.remove();
  }
});
