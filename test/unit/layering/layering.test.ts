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

  it('fails lint when the core reaches into the shell', async () => {
    const ids = await ruleIdsFor(
      'electron/core/engine/sneaky.ts',
      "import { createTray } from '../../shell/tray-controller.js';\nexport const t = createTray;\n",
    );
    expect(ids).toEqual(expect.arrayContaining([expect.stringMatching(restricted)]));
  });

  it('lets the renderer import contract types, and nothing else from electron/', async () => {
    const file = 'renderer/features/sneaky.ts';
    const typeOnly =
      "import type { AppState } from '../../electron/contract/ipc-contract';\nexport type S = AppState;\n";
    expect(await ruleIdsFor(file, typeOnly)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(restricted)]),
    );

    for (const code of [
      "import { commands } from '../../electron/contract/ipc-contract';\nexport const c = commands;\n",
      "import { OnwatchCore } from '../../electron/core/onwatch-core';\nexport const c = OnwatchCore;\n",
      "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n",
    ]) {
      expect(await ruleIdsFor(file, code)).toEqual(
        expect.arrayContaining([expect.stringMatching(restricted)]),
      );
    }
  });
});
