import { execFileSync } from 'node:child_process';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** Lints code as if it lived at `filePath`, with the project's own ESLint config. */
async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: process.cwd() });
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

const restricted = /no-restricted-(imports|syntax)/;

describe('layering rules from DESIGN.md', { timeout: 30_000 }, () => {
  it('fails lint when the core imports electron, statically, dynamically or by require', async () => {
    const file = 'electron/core/engine/sneaky.ts';
    for (const code of [
      "import { app } from 'electron';\nexport const name = app.getName();\n",
      "export const load = () => import('electron');\n",
      "declare const require: (id: string) => unknown;\nexport const e = require('electron');\n",
    ]) {
      expect(await ruleIdsFor(file, code)).toEqual(
        expect.arrayContaining([expect.stringMatching(restricted)]),
      );
    }
  });

  it('keeps node-pty behind the PtyHost port: only its adapter imports it', async () => {
    const code = "import { spawn } from '@lydell/node-pty';\nexport const s = spawn;\n";
    expect(await ruleIdsFor('electron/core/terminal/terminal-session.ts', code)).toEqual(
      expect.arrayContaining([expect.stringMatching(restricted)]),
    );
    expect(await ruleIdsFor('electron/core/terminal/node-pty-host.ts', code)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(restricted)]),
    );
    // The adapter is still core: electron stays out of it.
    const electron = "import { app } from 'electron';\nexport const a = app;\n";
    expect(await ruleIdsFor('electron/core/terminal/node-pty-host.ts', electron)).toEqual(
      expect.arrayContaining([expect.stringMatching(restricted)]),
    );
  });

  it('fails lint when the core reaches into the shell', async () => {
    const ids = await ruleIdsFor(
      'electron/core/engine/sneaky.ts',
      "import { createTray } from '../../shell/tray-controller.js';\nexport const t = createTray;\n",
    );
    expect(ids).toEqual(expect.arrayContaining([expect.stringMatching(restricted)]));
  });

  it('lets the renderer import the ground floor at runtime, and nothing else from electron/', async () => {
    const file = 'renderer/features/sneaky.ts';
    for (const code of [
      "import { commands } from '../../electron/common/contract/ipc-contract';\nexport const c = commands;\n",
      "import type { Incident } from '../../electron/common/model/incident';\nexport type I = Incident;\n",
    ]) {
      expect(await ruleIdsFor(file, code)).not.toEqual(
        expect.arrayContaining([expect.stringMatching(restricted)]),
      );
    }
    for (const code of [
      "import { OnwatchCore } from '../../electron/core/onwatch-core';\nexport const c = OnwatchCore;\n",
      "import type { OnwatchCore } from '../../electron/core/onwatch-core';\nexport type C = OnwatchCore;\n",
      "import { registerIpc } from '../../electron/shell/electron-ipc';\nexport const r = registerIpc;\n",
      "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n",
    ]) {
      expect(await ruleIdsFor(file, code)).toEqual(
        expect.arrayContaining([expect.stringMatching(restricted)]),
      );
    }
  });

  it('keeps the ground floor a leaf: no other layer, no package but zod', async () => {
    const file = 'electron/common/model/sneaky.ts';
    const allowed = [
      "import { z } from 'zod';\nexport const s = z.string();\n",
      "import { incidentSchema } from './incident.js';\nexport const s = incidentSchema;\n",
      "import { alarmSounds } from '../alarm-sounds.js';\nexport const s = alarmSounds;\n",
    ];
    for (const code of allowed) {
      expect(await ruleIdsFor(file, code)).not.toEqual(
        expect.arrayContaining([expect.stringMatching(restricted)]),
      );
    }
    for (const code of [
      "import { IncidentStore } from '../../core/engine/incident-store.js';\nexport const s = IncidentStore;\n",
      "import type { Clock } from '../../core/ports/clock.js';\nexport type C = Clock;\n",
      "import { createTray } from '../../shell/tray-controller.js';\nexport const t = createTray;\n",
      "import { startBrowserHost } from '../../host/browser-host.js';\nexport const h = startBrowserHost;\n",
      "import { app } from '../../../renderer/app.js';\nexport const a = app;\n",
      "import { app } from 'electron';\nexport const a = app;\n",
      "import { readFile } from 'node:fs/promises';\nexport const r = readFile;\n",
      "import { create } from 'zustand';\nexport const c = create;\n",
    ]) {
      expect(await ruleIdsFor(file, code)).toEqual(
        expect.arrayContaining([expect.stringMatching(restricted)]),
      );
    }
  });

  it('type-checks the renderer against the ground floor only, never main-process code', () => {
    const listed = execFileSync('npx', ['tsc', '-p', 'tsconfig.web.json', '--listFilesOnly'], {
      encoding: 'utf8',
    });
    const ours = listed
      .split('\n')
      .filter((f) => f.includes('/electron/') && !f.includes('/node_modules/'));
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.filter((f) => !f.includes('/electron/common/'))).toEqual([]);
  });
});
