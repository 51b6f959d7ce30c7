import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The Electron binary's path, or why we can't use it. This reads what the electron package's
 * own lookup reads (path.txt, dist/) instead of requiring it: since Electron 36 that require
 * downloads the binary on the spot, and a start command must not reach out to the internet.
 */
export function findElectron() {
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : 'electron';
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  const binary = join(distDir, relative);
  if (!existsSync(pathFile) && !process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    return { why: "Electron's binary is not installed (its download is blocked on this network)" };
  }
  if (!existsSync(binary)) return { why: `Electron's binary is missing at ${binary}` };
  const headless =
    process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  return headless ? { why: 'There is no display for the desktop app' } : { binary };
}
