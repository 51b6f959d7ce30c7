import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { terminalLimits } from '../../../../electron/common/terminal-limits.js';
import { TerminalManager } from '../../../../electron/core/terminal/terminal-manager.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { fakePtyHost } from '../../../support/fake-pty.js';
import { makeTempDir } from '../../../support/temp-dir.js';

let dir: Awaited<ReturnType<typeof makeTempDir>>;
let clock: FakeClock;
let ptys: ReturnType<typeof fakePtyHost>;
let manager: TerminalManager;

beforeEach(async () => {
  dir = await makeTempDir();
  clock = new FakeClock();
  ptys = fakePtyHost();
  manager = await TerminalManager.create({
    ptyHost: ptys.host,
    clock,
    integrationDir: join(dir.path, 'integration'),
    baseEnv: { PATH: '/usr/bin:/bin', HOME: '/home/r', ELECTRON_RUN_AS_NODE: '1' },
    tuning: { highWatermarkChars: 100, lowWatermarkChars: 10 },
  });
});

/** Closing waits out the exit drain on the clock, which the test moves. */
async function dispose(): Promise<void> {
  const disposed = manager.dispose();
  await clock.advance(5_000);
  await disposed;
}

afterEach(async () => {
  await dispose();
  await dir.remove();
});

const open = (incidentKey?: string) =>
  manager.open({
    incidentKey,
    cwd: dir.path,
    shell: 'bash',
    cols: 80,
    rows: 24,
    env: { NS: 'prod' },
  });

describe('TerminalManager', () => {
  it('starts the shell found on PATH with its integration, in the directory asked for', async () => {
    const info = await open('pd:P1');
    const { request } = ptys.spawned[0]!;
    expect(request).toMatchObject({
      file: '/usr/bin/bash',
      args: ['--rcfile', join(dir.path, 'integration', 'bash', 'onwatch.bash'), '-i'],
      cwd: dir.path,
      cols: 80,
      rows: 24,
    });
    expect(request.env).toMatchObject({
      PATH: '/usr/bin:/bin',
      NS: 'prod',
      TERM: 'xterm-256color',
    });
    expect(request.env.ELECTRON_RUN_AS_NODE).toBeUndefined();
    expect(info).toMatchObject({
      id: 't1',
      incidentKey: 'pd:P1',
      shell: '/usr/bin/bash',
      integrated: false,
    });
    const rcfile = await readFile(request.args[1]!, 'utf8');
    expect(rcfile).toContain('133;D;%s');
  });

  it('lets go of a view that disconnected, so it no longer holds the pty paused', async () => {
    const info = await open();
    const { pty } = ptys.spawned[0]!;
    await manager.attach(info.id, 'window-1');
    pty.print('x'.repeat(200));
    await clock.advance(5);
    expect(pty.paused).toBe(true);
    manager.detachViewer('window-1');
    await manager.attach(info.id, 'barrier'); // the mirror has parsed it too
    manager.detach(info.id, 'barrier');
    expect(pty.paused).toBe(false);
  });

  it('refuses a step in a shell that has exited, and more terminals than the cap', async () => {
    const info = await open('pd:P2');
    ptys.spawned[0]!.pty.exitWith(0);
    await clock.advance(250);
    expect(manager.list()[0]!.exit).toEqual({ exitCode: 0 });
    expect(() => manager.runStep(info.id, { stepId: 's', command: 'true' })).toThrow(/has exited/);
    for (let i = 1; i < terminalLimits.maxTerminals; i++) await open(`pd:more-${i}`);
    await expect(open('pd:one-too-many')).rejects.toThrow(/terminals are open already/);
  });

  it('closes every terminal when disposed', async () => {
    await open('pd:a');
    await open('pd:b');
    await dispose();
    expect(ptys.spawned.every(({ pty }) => pty.killed)).toBe(true);
    expect(manager.list()).toEqual([]);
  });
});
