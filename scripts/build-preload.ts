/**
 * Bundles the preload into one CommonJS file, because a sandboxed preload can require nothing
 * but 'electron'. `npm run build:main` runs it after tsc, replacing tsc's unbundled
 * dist/electron/preload.cjs (the path electron/main.ts loads); the preload test bundles the
 * same way in memory.
 *
 * The contract's command and event names are read here, in Node, and written into the bundle
 * as a constant: the preload stays derived from the one list without carrying zod and every
 * schema into each window (the names alone are a few hundred bytes; the schemas ~800 KB).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import {
  commandNames,
  eventNames,
  subscriptionName,
} from '../electron/common/contract/ipc-contract.js';
import type { ContractNames } from '../electron/common/contract/ipc-protocol.js';

const root = path.join(import.meta.dirname, '..');

const contractNames: ContractNames = {
  commands: commandNames,
  events: eventNames.map((name) => ({ name, method: subscriptionName(name) })),
};

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
  define: { ONWATCH_CONTRACT_NAMES: JSON.stringify(contractNames) },
  logLevel: 'warning',
} satisfies BuildOptions;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await build(preloadBuildOptions);
