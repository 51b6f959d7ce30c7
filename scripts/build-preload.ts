/**
 * Bundles the preload with the ground floor it imports into one CommonJS file, because a
 * sandboxed preload can require nothing but 'electron'. `npm run build:main` runs it after tsc,
 * replacing tsc's unbundled dist/electron/preload.cjs (the path electron/main.ts loads); the
 * preload test bundles the same way in memory.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

const root = path.join(import.meta.dirname, '..');

export const preloadBuildOptions = {
  absWorkingDir: root,
  entryPoints: ['electron/preload.cts'],
  outfile: 'dist/electron/preload.cjs',
  bundle: true,
  format: 'cjs',
  // The preload runs in the renderer process, in Electron 45's Chromium, without Node's modules.
  platform: 'browser',
  target: 'chrome140',
  external: ['electron'],
  logLevel: 'warning',
} satisfies BuildOptions;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await build(preloadBuildOptions);
