import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { terminalFlowControl } from '../../electron/common/terminal-limits.js';
import { systemClock } from '../../electron/core/ports/clock.js';
import type { CommandRecord } from '../../electron/core/terminal/command-tracker.js';
import { nodePtyHost } from '../../electron/core/terminal/node-pty-host.js';
import {
  TerminalManager,
  type OpenTerminalRequest,
  type TerminalData,
} from '../../electron/core/terminal/terminal-manager.js';
import { makeTempDir } from './temp-dir.js';
import { until } from './until.js';

/**
 * A TerminalManager on real ptys, with shells that start in a private HOME (no rc files of
 * this machine's user) and the minimal environment, so only Onwatch's integration is in play.
 */
export async function terminalHarness() {
  const dir = await makeTempDir('onwatch-terminal-');
  const home = join(dir.path, 'home');
  await mkdir(home);
  const manager = await TerminalManager.create({
    ptyHost: nodePtyHost(),
    clock: systemClock,
    integrationDir: join(dir.path, 'shell-integration'),
    baseEnv: { PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8' },
  });
  const open = (request: Partial<OpenTerminalRequest> = {}) =>
    manager.open({ cwd: dir.path, shell: '/bin/bash', cols: 100, rows: 30, ...request });

  /** Resolves with the first record of `id` that `matches` and has finished. */
  const finished = async (id: string, matches: (record: CommandRecord) => boolean) => {
    let found: CommandRecord | undefined;
    await until(
      () => {
        found = manager.commands(id).find((r) => matches(r) && r.state === 'finished');
        return found !== undefined;
      },
      'the command to finish',
      30_000,
    );
    return found!;
  };

  /** Waits for the shell's first prompt, so what is sent next is read by the line editor. */
  const prompted = (id: string) =>
    until(() => manager.list().find((t) => t.id === id)?.integrated === true, 'the first prompt');

  return {
    dir: dir.path,
    home,
    manager,
    open,
    finished,
    prompted,
    stop: async () => {
      await manager.dispose();
      await dir.remove();
    },
  };
}

/**
 * A view of one terminal as the renderer will be: it takes the snapshot, then the data after
 * it in order, and acknowledges every `ackEveryChars` it has "parsed" — except while held, when
 * its acknowledgements wait (a window too busy to parse) until `release`.
 */
export async function attachViewer(
  manager: TerminalManager,
  id: string,
  options: { name?: string; onData?: (data: string) => void } = {},
) {
  const name = options.name ?? 'view-1';
  const early: TerminalData[] = [];
  let attached = false;
  let lastSeq = 0;
  let received = 0;
  let acknowledged = 0;
  let mostOutstanding = 0;
  let held = false;
  const ack = () => {
    while (received - acknowledged >= terminalFlowControl.ackEveryChars) {
      acknowledged += terminalFlowControl.ackEveryChars;
      manager.ack(id, name, terminalFlowControl.ackEveryChars);
    }
  };
  const take = (event: TerminalData) => {
    if (event.seq <= lastSeq) return; // already in the snapshot
    if (event.seq !== lastSeq + 1) throw new Error(`data ${event.seq} came after ${lastSeq}`);
    lastSeq = event.seq;
    received += event.data.length;
    mostOutstanding = Math.max(mostOutstanding, received - acknowledged);
    options.onData?.(event.data);
    if (!held) ack();
  };
  const unsubscribe = manager.onData((event) => {
    if (event.id !== id) return;
    if (attached) take(event);
    else early.push(event);
  });
  const snapshot = await manager.attach(id, name);
  attached = true;
  lastSeq = snapshot.seq;
  for (const event of early) take(event);
  return {
    snapshot,
    received: () => received,
    /** The most this view had received and not yet acknowledged. */
    mostOutstanding: () => mostOutstanding,
    hold: () => (held = true),
    release: () => {
      held = false;
      ack();
    },
    detach: () => {
      unsubscribe();
      manager.detach(id, name);
    },
  };
}
