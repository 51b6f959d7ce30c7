/**
 * What start-up leaves unloaded, because each would cost resident memory for the whole day
 * (see the README's core memory figures): xterm's headless terminal and node-pty until the first
 * terminal, the D-Bus client where there is no session bus, node-notifier off macOS and Windows,
 * ical-generator until a calendar is written, ICU until a named time zone needs it, and undici,
 * which fetch's classes load, and every provider's folder but the drill's. The compiled browser
 * host runs the drill, with a window connected, under a preload that reports each package, Intl
 * service, undici global and source folder the process touches.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providers } from '../../electron/common/providers/index.js';
import { compileBrowserHost } from '../support/compiled-host.js';
import { startOnwatchProcess, type OnwatchProcess } from '../support/onwatch-process.js';
import { spawnCollecting } from '../support/private-session.js';

const preload = join(import.meta.dirname, '..', 'support', 'startup-footprint.mjs');

type FootprintKind = 'package' | 'intl' | 'undici' | 'source-folder';

/** The `FOOTPRINT <kind> <name>` lines in a process's output, by kind. */
function footprint(output: string): Record<FootprintKind, string[]> {
  const found: Record<FootprintKind, string[]> = {
    package: [],
    intl: [],
    undici: [],
    'source-folder': [],
  };
  for (const match of output.matchAll(/^FOOTPRINT (package|intl|undici|source-folder) (\S+)$/gm)) {
    found[match[1] as keyof typeof found].push(match[2]!);
  }
  return found;
}

describe('the preload that reports the footprint', () => {
  it('sees a package imported and one required, an Intl service and an undici class', async () => {
    const run = await spawnCollecting(
      process.execPath,
      [
        '--import',
        preload,
        '--input-type=module',
        '-e',
        "import 'zod'; import { createRequire } from 'node:module'; createRequire(import.meta.url)('ws'); new Intl.NumberFormat(); void Headers; await new Promise((done) => setTimeout(done, 200));",
      ],
      { cwd: process.cwd(), env: process.env as Record<string, string>, timeoutMs: 20_000 },
    );
    expect(run.exitCode).toBe(0);
    expect(footprint(run.stdout + run.stderr)).toEqual({
      package: expect.arrayContaining(['zod', 'ws']),
      intl: ['NumberFormat'],
      undici: ['Headers'],
      'source-folder': [],
    });
  });
});

describe('start-up, on the drill, with a window open', () => {
  let dir = '';
  let onwatch: OnwatchProcess;

  beforeAll(async () => {
    const compiledCli = await compileBrowserHost();
    dir = await mkdtemp(join(tmpdir(), 'onwatch-footprint-'));
    const settingsPath = join(dir, 'settings.json');
    await writeFile(settingsPath, JSON.stringify({ version: 1, responderName: 'alice' }));
    onwatch = await startOnwatchProcess(settingsPath, {
      compiledCli,
      nodeArgs: ['--import', preload],
      env: { DBUS_SESSION_BUS_ADDRESS: '' }, // no session bus: the D-Bus client has no use
    });
    await onwatch.waitForState((state) => state.incidents.length > 0, 30_000);
    // A second poll round, so the steady state is what is looked at, not only the first one.
    const firstPoll = (await onwatch.waitForState(() => true)).sources[0]?.lastSuccessAt;
    await onwatch.waitForState((state) => state.sources[0]?.lastSuccessAt !== firstPoll, 30_000);
  }, 90_000);

  afterAll(async () => {
    await onwatch?.kill();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('has loaded the packages it runs on (the report works in this process)', () => {
    expect(footprint(onwatch.output()).package).toEqual(expect.arrayContaining(['zod', 'ws']));
  });

  it('leaves the terminal, the D-Bus client, node-notifier and the calendar writer unloaded', () => {
    const loaded = footprint(onwatch.output()).package;
    const unused = [
      '@xterm/headless',
      '@lydell/node-pty',
      '@jellybrick/dbus-next',
      'ical-generator',
    ];
    for (const name of unused) {
      expect(loaded).not.toContain(name);
    }
    if (process.platform === 'linux') expect(loaded).not.toContain('node-notifier');
  });

  it('loads no provider folder but the drill and the checks it practises on', () => {
    // Each provider's folder loads with the first source of its kind (create-source.ts).
    const folders = footprint(onwatch.output())['source-folder'];
    const loaded = providers.map((p) => p.kind).filter((kind) => folders.includes(kind));
    expect(loaded.sort()).toEqual(['drill', 'health-checks']);
  });

  it('builds no Intl service and touches nothing that loads undici', () => {
    const { intl, undici } = footprint(onwatch.output());
    expect({ intl, undici }).toEqual({ intl: [], undici: [] });
  });
});
