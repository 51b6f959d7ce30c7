import { userInfo } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../../../electron/common/contract/ipc-contract.js';
import { CommandError } from '../../../../electron/common/contract/command-error.js';
import { fakePtyHost } from '../../../support/fake-pty.js';
import { until } from '../../../support/until.js';
import { desktop, workbenchHarness, type ViewerEvent } from '../../../support/workbench-harness.js';

const browserTab: Caller = { viewer: 'browser-1', transport: 'browser' };

const harnesses: Awaited<ReturnType<typeof workbenchHarness>>[] = [];
afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.stop();
});

async function setup(options: Partial<Parameters<typeof workbenchHarness>[0]> = {}) {
  const ptys = fakePtyHost();
  const harness = await workbenchHarness({
    ptyHost: ptys.host,
    runbooks: {},
    incidents: [],
    ...options,
  });
  harnesses.push(harness);
  return { harness, ptys };
}

describe('TerminalService access', () => {
  it('lets the desktop window in, and a browser-host page only when it is turned on', async () => {
    const off = (await setup()).harness.terminals;
    expect(off.access(desktop)).toEqual({ enabled: true });
    expect(off.access(undefined).enabled).toBe(false);
    expect(off.access(browserTab)).toEqual({
      enabled: false,
      reason: expect.stringContaining('--allow-terminal'),
    });
    let refused: unknown;
    try {
      off.check(browserTab);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(CommandError);
    expect((refused as CommandError).code).toBe('forbidden');

    const bySettings = (await setup({ terminal: { allowInBrowserHost: true } })).harness.terminals;
    expect(bySettings.access(browserTab)).toEqual({ enabled: true });
    const byFlag = (await setup({ allowInBrowserHost: true })).harness.terminals;
    expect(byFlag.check(browserTab)).toBe(browserTab);
  });

  it('starts an incident’s terminal in a folder of its own when the settings ask for one', async () => {
    const { harness } = await setup();
    const shared = await harness.terminals.open({ cols: 80, rows: 24 });
    expect(shared.cwd).toBe(harness.home);
    const { harness: perIncident, ptys: spawned } = await setup({
      terminal: { incidentDirectory: '~/incidents' },
    });
    const info = await perIncident.terminals.open({ incidentKey: 'pd:P/1', cols: 80, rows: 24 });
    expect(info.cwd).toBe(`${perIncident.home}/incidents/pd-P-1`);
    expect(spawned.spawned[0]!.request.cwd).toBe(info.cwd);
  });

  it('starts the shell SHELL names, and the account’s login shell when nothing names one', async () => {
    const { harness, ptys } = await setup({ shellVariable: '/usr/bin/zsh' });
    await harness.terminals.open({ cols: 80, rows: 24 });
    expect(ptys.spawned[0]!.request.file).toBe('/usr/bin/zsh');

    const { harness: launched, ptys: fromPasswd } = await setup({ shellVariable: null });
    await launched.terminals.open({ cols: 80, rows: 24 });
    expect(fromPasswd.spawned[0]!.request.file).toBe(userInfo().shell || '/bin/sh');
  });
});

describe('TerminalService events', () => {
  it('sends a terminal’s output only to the windows attached to it', async () => {
    const { harness, ptys } = await setup();
    const other: ViewerEvent[] = [];
    harness.hub.connect({ viewer: 'w2', transport: 'electron' }, (name, payload) =>
      other.push({ name, payload } as ViewerEvent),
    );
    const info = await harness.terminals.open({ cols: 80, rows: 24 });
    const pty = ptys.spawned[0]!.pty;
    pty.print('before');
    const snapshot = await harness.terminals.attach(info.id, desktop.viewer);
    expect(snapshot.screen).toContain('before');
    pty.print('after');
    await until(() => harness.events.some((e) => e.name === 'terminalData'), 'output');
    const data = harness.events.flatMap((e) => (e.name === 'terminalData' ? [e.payload] : []));
    expect(data.map((d) => d.data).join('')).toBe('after');
    expect(data.every((d) => d.seq > snapshot.seq)).toBe(true);
    expect(other).toEqual([]);
  });

  it('lets go of a window that leaves: it no longer holds a flooding shell back', async () => {
    const { harness, ptys } = await setup();
    const info = await harness.terminals.open({ cols: 80, rows: 24 });
    const pty = ptys.spawned[0]!.pty;
    const leave = harness.hub.connect({ viewer: 'slow', transport: 'browser' }, () => {});
    await harness.terminals.attach(info.id, 'slow');
    pty.print('y\r\n'.repeat(60_000));
    await until(() => pty.paused, 'the pty to pause for the window that does not acknowledge');
    leave();
    await until(() => !pty.paused, 'the pty to resume');
  });
});
