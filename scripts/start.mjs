// `npm start`: the desktop app when Electron can run here, the browser host when it can't.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectron } from './find-electron.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const electron = findElectron();
const [command, args] = electron.binary
  ? [electron.binary, [root]]
  : [
      process.execPath,
      [
        join(root, 'dist/electron/host/cli.js'),
        '--why',
        electron.why,
        // Standing in for the desktop app, which has its terminal on, for the user who started it.
        '--allow-terminal',
        ...process.argv.slice(2),
      ],
    ];

const child = spawn(command, args, { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
