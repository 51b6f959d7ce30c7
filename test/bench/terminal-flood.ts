/**
 * A shell flooding its terminal, through the TerminalManager (5 ms batches, credit flow control,
 * the headless mirror parsing everything, a view acknowledging as it goes), against the same
 * command read straight from node-pty with nothing else on the way: the ceiling this machine's
 * pty allows.
 */
import { spawn } from '@lydell/node-pty';
import { performance } from 'node:perf_hooks';
import { attachViewer, terminalHarness } from '../support/terminal-harness.js';
import { until } from '../support/until.js';

/** Seconds for `command` read from a bare node-pty: output discarded, no flow control. */
async function barePtySeconds(command: string): Promise<number> {
  const start = performance.now();
  const pty = spawn('/bin/bash', ['-c', command], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? '', TERM: 'xterm-256color' },
    cols: 100,
    rows: 30,
  });
  pty.onData(() => {});
  await new Promise<void>((resolve) => pty.onExit(() => resolve()));
  return (performance.now() - start) / 1000;
}

interface ManagerFlood {
  seconds: number;
  /** Characters the view received, all told (the pty's \r\n included). */
  chars: number;
  pauses: number;
  /** The longest the event loop was blocked at a stretch while it ran. */
  longestStallMs: number;
}

/** Seconds for `command` run as a step, from Run until the view received its finished mark. */
async function managerFlood(command: string): Promise<ManagerFlood> {
  const harness = await terminalHarness();
  try {
    const terminal = await harness.open();
    await harness.prompted(terminal.id);
    let finishedMarkSeen = false;
    const view = await attachViewer(harness.manager, terminal.id, {
      onData: (data) => {
        if (data.includes('\x1b]133;D;')) finishedMarkSeen = true;
      },
    });
    let longestStallMs = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestStallMs = Math.max(longestStallMs, now - last - 10);
      last = now;
    }, 10);
    const start = performance.now();
    harness.manager.runStep(terminal.id, { stepId: 'flood', command });
    await until(() => finishedMarkSeen, 'the flood to finish', 300_000);
    const seconds = (performance.now() - start) / 1000;
    clearInterval(ticker);
    const { pauses } = harness.manager.flowState(terminal.id);
    view.detach();
    return { seconds, chars: view.received(), pauses, longestStallMs: Math.round(longestStallMs) };
  } finally {
    await harness.stop();
  }
}

const floodBytes = 50 * 1024 * 1024;
const megabytes = floodBytes / 1e6;

/** Rows of the terminal table: each command, bare and through the manager. */
export async function terminalFloodRows(): Promise<string[][]> {
  const commands = [
    // The command. The pty's own output processing (\n to \r\n, a flip-buffer push per
    // line) is the ceiling here; the bare column shows where it lies on this machine.
    'yes | head -c 50M',
    // The same stream with the pty's output processing off: what the manager itself can carry
    // of the worst case for the mirror, a line feed every second character.
    'stty -opost; yes | head -c 50M',
    // A flood of log-sized lines (79 characters and a line feed), as `kubectl logs` gives.
    `yes "$(printf '%079d' 0)" | head -c 50M`,
  ];
  const rows: string[][] = [];
  for (const command of commands) {
    const bare = await barePtySeconds(command);
    const managed = await managerFlood(command);
    rows.push([
      command,
      `${(megabytes / bare).toFixed(1)} MB/s`,
      `${(megabytes / managed.seconds).toFixed(1)} MB/s (${managed.seconds.toFixed(1)} s)`,
      String(managed.pauses),
      `${managed.longestStallMs} ms`,
      `${(managed.chars / 1e6).toFixed(1)} M`,
    ]);
  }
  return rows;
}
