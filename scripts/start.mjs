// `npm start`: the desktop app when Electron can run here, the browser host when it can't.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The Electron binary's path, or why we can't use it. */
function findElectron() {
  try {
    // The electron package exports its binary's path and throws when the download never happened.
    const binary = createRequire(import.meta.url)('electron');
    if (typeof binary === 'string' && existsSync(binary)) {
      const headless =
        process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
      return headless ? { why: 'There is no display for the desktop app' } : { binary };
    }
  } catch {
    // fall through
  }
  return {
    why: "Electron's binary is not installed (its download is blocked on this network)",
  };
}

const electron = findElectron();
const [command, args] = electron.binary
  ? [electron.binary, [root]]
  : [
      process.execPath,
      [join(root, 'dist/electron/host/cli.js'), '--why', electron.why, ...process.argv.slice(2)],
    ];

const child = spawn(command, args, { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
