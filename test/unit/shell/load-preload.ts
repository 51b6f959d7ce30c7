import vm from 'node:vm';
import { build } from 'esbuild';
import type { PreloadApi } from '../../../electron/common/contract/ipc-protocol.js';
import { preloadBuildOptions } from '../../../scripts/build-preload.js';
import * as electron from './electron-fakes.js';

let bundled: Promise<string> | undefined;

/**
 * Runs the preload as `npm run build` bundles it, the way a sandboxed renderer does: with a
 * `require` that knows only 'electron' (the fakes), so this also proves the bundle is
 * self-contained. Returns what it exposed, as the page's world sees it.
 */
export async function loadPreload(): Promise<{ key: string; api: PreloadApi; code: string }> {
  bundled ??= build({ ...preloadBuildOptions, write: false }).then(
    (result) => result.outputFiles[0]!.text,
  );
  const code = await bundled;
  const require = (id: string) => {
    if (id === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require '${id}'`);
  };
  const module = { exports: {} };
  const run = vm.runInThisContext(`(function (require, module, exports) {${code}\n})`, {
    filename: 'dist/electron/preload.cjs',
  }) as (r: typeof require, m: typeof module, e: object) => void;
  electron.contextBridge.exposed.clear();
  run(require, module, module.exports);
  const [exposed, ...others] = electron.contextBridge.exposed;
  if (!exposed || others.length > 0) throw new Error('the preload must expose exactly one API');
  const [key, api] = exposed;
  return { key, api: api as PreloadApi, code };
}
