import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import headless from '@xterm/headless';
import { CommandError } from '../../electron/common/contract/command-error.js';
import { terminalLimits } from '../../electron/common/terminal-limits.js';
import {
  listSessionFromProc,
  listSessionWithPgrep,
} from '../../electron/core/terminal/session-processes.js';
import { attachViewer, terminalHarness } from '../support/terminal-harness.js';
import { until } from '../support/until.js';

let harness: Awaited<ReturnType<typeof terminalHarness>>;

beforeAll(async () => {
  harness = await terminalHarness();
});

afterAll(async () => {
  await harness.stop();
});

/** Whether `pid` still runs: a zombie has ended, only its parent's wait for it is due. */
async function running(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state !== '' && state !== 'Z';
}

async function liveMembers(sessionId: number): Promise<number[]> {
  const live: number[] = [];
  for (const pid of await listSessionFromProc(sessionId)) if (await running(pid)) live.push(pid);
  return live;
}

async function refusal(work: () => unknown): Promise<CommandError> {
  try {
    await work();
  } catch (error) {
    if (error instanceof CommandError) return error;
    throw error;
  }
  throw new Error('it was not refused');
}

describe('closing a terminal', () => {
  it('ends the shell and everything it started, even what ignores the hangup', async () => {
    const { manager } = harness;
    const terminal = await harness.open({ incidentKey: 'drill:close' });
    await harness.prompted(terminal.id);
    manager.input(
      terminal.id,
      "sleep 1000 & (trap '' HUP; exec sleep 1001) & nohup sleep 1002 >/dev/null 2>&1 &\r",
    );
    await until(async () => (await liveMembers(terminal.pid)).length >= 4, 'the jobs to start');
    manager.runStep(terminal.id, { stepId: 'foreground', command: 'sleep 1003' });
    await until(async () => (await liveMembers(terminal.pid)).length >= 5, 'the foreground job');
    const started = await liveMembers(terminal.pid);
    // Both ways of listing a session agree (pgrep is what macOS uses).
    const sorted = (pids: number[]) => [...pids].sort((a, b) => a - b);
    expect(sorted(await listSessionWithPgrep(terminal.pid))).toEqual(
      sorted(await listSessionFromProc(terminal.pid)),
    );

    await manager.close(terminal.id);

    expect(await liveMembers(terminal.pid)).toEqual([]);
    for (const pid of started) expect(await running(pid)).toBe(false);
    expect(manager.list().some((t) => t.id === terminal.id)).toBe(false);
    expect(() => manager.input(terminal.id, 'x')).toThrow(/no terminal/);
  });

  it('reports the exit of a shell that ended by itself, after its last output', async () => {
    const { manager } = harness;
    const terminal = await harness.open({ incidentKey: 'drill:exit' });
    await harness.prompted(terminal.id);
    let output = '';
    const view = await attachViewer(manager, terminal.id, { onData: (data) => (output += data) });
    const exited = new Promise<number>((resolve) =>
      manager.onExit((event) => event.id === terminal.id && resolve(event.exitCode)),
    );
    manager.input(terminal.id, 'echo last words; exit 7\r');
    expect(await exited).toBe(7);
    expect(output).toContain('last words');
    expect(manager.list().find((t) => t.id === terminal.id)?.exit?.exitCode).toBe(7);
    view.detach();
    // Opening the incident's terminal again replaces the exited one.
    const again = await harness.open({ incidentKey: 'drill:exit' });
    expect(again.id).not.toBe(terminal.id);
    expect(manager.list().some((t) => t.id === terminal.id)).toBe(false);
  });
});

describe('opening terminals', () => {
  it('gives each incident one terminal, even for two opens at once', async () => {
    const [first, second] = await Promise.all([
      harness.open({ incidentKey: 'drill:once' }),
      harness.open({ incidentKey: 'drill:once' }),
    ]);
    expect(second.id).toBe(first.id);
    expect((await harness.open({ incidentKey: 'drill:once' })).id).toBe(first.id);
    expect((await harness.open()).id).not.toBe(first.id); // the free terminal
  });

  it('says what is wrong with a directory or shell that cannot start', async () => {
    const open = (request: Parameters<typeof harness.open>[0]) =>
      harness.open({ incidentKey: 'drill:cannot-start', ...request });
    const missingDir = await refusal(() => open({ cwd: join(harness.dir, 'nowhere') }));
    expect(missingDir.code).toBe('invalid-request');
    expect(missingDir.message).toMatch(/working directory does not exist/);
    expect(missingDir.issues?.[0]?.path).toEqual(['cwd']);
    const relative = await refusal(() => open({ cwd: 'relative/dir' }));
    expect(relative.message).toMatch(/must be absolute/);
    const noShell = await refusal(() => open({ shell: 'no-such-shell-here' }));
    expect(noShell.message).toMatch(/not on PATH/);
    const plainFile = join(harness.dir, 'not-a-shell');
    await writeFile(plainFile, 'echo hi\n', { mode: 0o644 });
    const notExecutable = await refusal(() => open({ shell: plainFile }));
    expect(notExecutable.message).toMatch(/not an executable file/);
    const badSize = await refusal(() => open({ cols: 0 }));
    expect(badSize.issues?.[0]?.path).toEqual(['cols']);
    const badEnv = await refusal(() => open({ env: { 'NOT-A-NAME': 'x' } }));
    expect(badEnv.issues?.[0]?.path).toEqual(['env', 'NOT-A-NAME']);
  });

  it('caps what one input message, resize or step may carry', async () => {
    const { manager } = harness;
    const terminal = await harness.open({ incidentKey: 'drill:caps' });
    const tooLong = 'x'.repeat(terminalLimits.maxInputChars + 1);
    expect((await refusal(() => manager.input(terminal.id, tooLong))).code).toBe('invalid-request');
    expect(
      (await refusal(() => manager.resize(terminal.id, 80, 10_000))).issues?.[0]?.path,
    ).toEqual(['rows']);
    expect((await refusal(() => manager.ack(terminal.id, 'view', -5))).code).toBe(
      'invalid-request',
    );
    const longStep = { stepId: 's', command: 'x'.repeat(terminalLimits.maxCommandChars + 1) };
    expect((await refusal(() => manager.runStep(terminal.id, longStep))).code).toBe(
      'invalid-request',
    );
    const badValue = { stepId: 's', command: 'true', env: { POD: 'a\rb' } };
    expect((await refusal(() => manager.runStep(terminal.id, badValue))).issues?.[0]?.path).toEqual(
      ['env', 'POD'],
    );
  });
});

describe('a view that attaches late', () => {
  it('gets a snapshot that redraws what an earlier view saw, then the data after it', async () => {
    const { manager } = harness;
    const terminal = await harness.open({ incidentKey: 'drill:reload', cols: 60, rows: 12 });
    await harness.prompted(terminal.id);
    // What a window that was there from the start draws.
    const seenFromStart = new headless.Terminal({ cols: 60, rows: 12, allowProposedApi: true });
    const first = await attachViewer(manager, terminal.id, {
      name: 'first',
      onData: (data) => seenFromStart.write(data),
    });
    seenFromStart.write(first.snapshot.screen);
    manager.runStep(terminal.id, {
      stepId: 'colours',
      command: `for i in $(seq 1 40); do printf '\\033[1;3%dmline %d\\033[0m\\n' $((i % 8)) $i; done; printf '\\344\\275\\240\\345\\245\\275 wide'`,
    });
    await harness.finished(terminal.id, (r) => r.stepId === 'colours');

    // A reloaded window: it starts from the snapshot alone.
    const reloaded = new headless.Terminal({ cols: 60, rows: 12, allowProposedApi: true });
    const second = await attachViewer(manager, terminal.id, {
      name: 'second',
      onData: (data) => reloaded.write(data),
    });
    reloaded.write(second.snapshot.screen);
    manager.input(terminal.id, 'echo after-reload\r');
    await harness.finished(terminal.id, (r) => r.command.endsWith('echo after-reload'));
    await until(() => second.received() > 0 && first.received() > 0, 'data after the snapshot');
    const drawn = async (term: InstanceType<typeof headless.Terminal>) => {
      await new Promise<void>((resolve) => term.write('', resolve));
      const buffer = term.buffer.active;
      const lines: string[] = [];
      for (let y = 0; y < buffer.length; y++)
        lines.push(buffer.getLine(y)!.translateToString(true));
      const cell = buffer.getLine(buffer.baseY + 2)!.getCell(0)!;
      return {
        text: lines.join('\n').trimEnd(),
        cursor: [buffer.cursorX, buffer.cursorY],
        colour: [cell.getFgColor(), cell.isBold()],
      };
    };
    await until(async () => (await drawn(reloaded)).text.includes('after-reload'), 'the echo');
    await until(async () => (await drawn(seenFromStart)).text.includes('after-reload'), 'the echo');
    const expected = await drawn(seenFromStart);
    expect(expected.text).toContain('你好 wide');
    expect(await drawn(reloaded)).toEqual(expected);
    first.detach();
    second.detach();
  });
});
