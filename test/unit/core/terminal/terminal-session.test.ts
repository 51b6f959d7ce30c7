import { describe, expect, it } from 'vitest';
import type { CommandRecord } from '../../../../electron/core/terminal/command-tracker.js';
import {
  TerminalSession,
  type SessionTuning,
} from '../../../../electron/core/terminal/terminal-session.js';
import { FakeClock } from '../../../support/fake-clock.js';
import { FakePty } from '../../../support/fake-pty.js';
import { until } from '../../../support/until.js';

const tuning: SessionTuning = {
  batchDelayMs: 5,
  batchMaxChars: 1_000,
  highWatermarkChars: 100,
  lowWatermarkChars: 10,
  scrollbackLines: 50,
  exitDrainMs: 250,
};

const osc = (mark: string) => `\x1b]133;${mark}\x07`;
const prompt = `${osc('A')}$ ${osc('B')}`;

function session(options: { env?: Record<string, string> } = {}) {
  const clock = new FakeClock();
  const pty = new FakePty();
  const data: { seq: number; data: string }[] = [];
  const exits: number[] = [];
  const changes: CommandRecord[] = [];
  const terminal = new TerminalSession({
    pty,
    clock,
    cols: 40,
    rows: 10,
    env: options.env ?? {},
    tuning,
    onData: (seq, chunk) => data.push({ seq, data: chunk }),
    onExit: (exit) => exits.push(exit.exitCode),
    onCommand: (record) => changes.push(record),
  });
  /** The shell prints `text`; resolves once the batch went out and the mirror parsed it. */
  const shell = async (text: string) => {
    pty.print(text);
    await clock.advance(tuning.batchDelayMs);
    await terminal.attach('barrier');
    terminal.detach('barrier');
  };
  return { clock, pty, data, exits, changes, terminal, shell };
}

describe('TerminalSession output', () => {
  it('sends the pty output in numbered batches', async () => {
    const { pty, clock, data } = session();
    pty.print('a');
    pty.print('b');
    await clock.advance(5);
    pty.print('c');
    await clock.advance(5);
    expect(data).toEqual([
      { seq: 1, data: 'ab' },
      { seq: 2, data: 'c' },
    ]);
  });

  it('pauses the pty for a view that stops acknowledging, and resumes on its acks', async () => {
    const { pty, clock, terminal } = session();
    await terminal.attach('view');
    pty.print('x'.repeat(101));
    await clock.advance(5);
    expect(pty.paused).toBe(true);
    await terminal.attach('barrier'); // the mirror has parsed it all: only the view owes now
    terminal.detach('barrier');
    expect(pty.paused).toBe(true);
    terminal.ack('view', 90);
    expect(pty.paused).toBe(true);
    terminal.ack('view', 11);
    expect(pty.paused).toBe(false);
    expect(terminal.flowState.pauses).toBe(1);
  });

  it('is held back by its own mirror until the mirror has parsed the flood', async () => {
    const { pty, clock, terminal } = session();
    pty.print('y\r\n'.repeat(300));
    await clock.advance(5);
    await until(() => !pty.paused, 'the mirror to catch up');
    expect(pty.pauses).toBe(1);
    expect(terminal.flowState.pauses).toBe(1);
  });

  it('gives a late view the screen so far and the seq it reaches', async () => {
    const { shell, terminal, data } = session();
    await shell('\x1b[31mred\x1b[0m plain\r\n');
    const snapshot = await terminal.attach('late');
    expect(snapshot.seq).toBe(data.at(-1)!.seq);
    expect(snapshot).toMatchObject({ cols: 40, rows: 10 });
    expect(snapshot.screen.startsWith('\x1b[0;31mred\x1b[0m plain')).toBe(true);
  });

  it('reports an exit after the drain, with the last output sent first', async () => {
    const { pty, clock, data, exits, terminal } = session();
    pty.print('bye');
    pty.exitWith(3);
    expect(pty.paused).toBe(false);
    await clock.advance(249);
    expect(exits).toEqual([]);
    await clock.advance(1);
    expect(data.map((d) => d.data)).toEqual(['bye']);
    expect(exits).toEqual([3]);
    expect(terminal.exitStatus).toEqual({ exitCode: 3 });
    terminal.input('ignored');
    expect(pty.written).toEqual([]);
  });

  it('reads back everything it keeps as plain text, colours and escapes gone', async () => {
    const { shell, terminal } = session();
    await shell(
      `${prompt}ls\r\n${osc('C')}\x1b[1;34mbin\x1b[0m  ${'w'.repeat(45)}\r\n${osc('D;0')}${prompt}`,
    );
    expect(terminal.text()).toBe(`$ ls\nbin  ${'w'.repeat(45)}\n$`);
  });

  it('resizes the pty at once and the mirror after what it already holds', async () => {
    const { pty, terminal, shell } = session();
    terminal.resize(80, 24);
    expect(pty.sizes).toEqual([[80, 24]]);
    await shell('');
    expect(terminal.size).toEqual({ cols: 80, rows: 24 });
  });
});

describe('TerminalSession steps', () => {
  it('types a step as a bracketed paste once the shell enabled it, exporting only what differs', async () => {
    const { pty, terminal, shell } = session({ env: { NS: 'prod' } });
    terminal.runStep('one', 'echo "$NS $POD"', { NS: 'prod', POD: 'web-1' });
    expect(pty.written.at(-1)).toBe(`export POD='web-1'\recho "$NS $POD"\r`);
    await shell(`\x1b[?2004h${prompt}`);
    terminal.runStep('two', 'true', { POD: 'web-1', NS: 'staging' });
    expect(pty.written.at(-1)).toBe(`\x1b[200~export NS='staging'\rtrue\x1b[201~\r`);
  });
});

describe('command records', () => {
  it('records a step from its output mark to its exit mark, with output as plain text', async () => {
    const { terminal, shell, changes } = session();
    await shell(prompt);
    terminal.runStep('disk', 'df -h /data', {});
    expect(terminal.busy).toBe(true);
    await shell(`df -h /data\r\n${osc('C')}\x1b[1mFilesystem\x1b[0m  Use%\r\n/dev/sda1   97%\r\n`);
    expect(terminal.commands()[0]).toMatchObject({
      state: 'running',
      output: 'Filesystem  Use%\n/dev/sda1   97%',
    });
    await shell(`${osc('D;1')}${prompt}`);
    expect(terminal.busy).toBe(false);
    const [record] = terminal.commands();
    expect(record).toMatchObject({
      stepId: 'disk',
      command: 'df -h /data',
      state: 'finished',
      exitCode: 1,
      output: 'Filesystem  Use%\n/dev/sda1   97%',
      outputTruncated: false,
    });
    expect(changes.map((c) => [c.id, c.state])).toEqual([
      [1, 'running'],
      [1, 'finished'],
    ]);
  });

  it('counts the commands of one multi-line paste as one step', async () => {
    const { terminal, shell } = session();
    await shell(prompt);
    terminal.runStep('two-lines', 'echo one\necho two', {});
    await shell(
      `echo one\r\necho two\r\n${osc('C')}one\r\n${osc('C')}two\r\n${osc('D;0')}${prompt}`,
    );
    expect(terminal.commands()).toEqual([
      expect.objectContaining({ stepId: 'two-lines', output: 'one\ntwo', exitCode: 0 }),
    ]);
  });

  it('records a typed command with its line as the screen shows it, and joins wrapped lines', async () => {
    const { terminal, shell } = session();
    await shell(prompt);
    await shell(`echo hi\r\n${osc('C')}${'w'.repeat(50)}\r\n${osc('D;0')}${prompt}`);
    expect(terminal.commands()).toEqual([
      expect.objectContaining({ command: 'echo hi', output: 'w'.repeat(50), state: 'finished' }),
    ]);
    expect(terminal.commands()[0]!.stepId).toBeUndefined();
  });

  it('finishes a step the shell never started (a syntax error) at the next exit mark', async () => {
    const { terminal, shell } = session();
    await shell(prompt);
    terminal.runStep('broken', 'echo (', {});
    await shell(`echo (\r\nbash: syntax error\r\n${osc('D;2')}${prompt}`);
    expect(terminal.commands()[0]).toMatchObject({
      state: 'finished',
      exitCode: 2,
      output: 'echo (\nbash: syntax error',
    });
  });

  it('ignores an exit mark with no command (an empty line), and keeps an exit code it was not told', async () => {
    const { terminal, shell } = session();
    await shell(`${prompt}\r\n${osc('D;0')}${prompt}`);
    expect(terminal.commands()).toEqual([]);
    terminal.runStep('no-code', 'true', {});
    await shell(`true\r\n${osc('C')}${osc('D')}${prompt}`);
    expect(terminal.commands()[0]).toMatchObject({ state: 'finished' });
    expect(terminal.commands()[0]!.exitCode).toBeUndefined();
  });

  it('leaves the end unknown in a shell that gives no marks, output running to the next step', async () => {
    const { terminal, shell } = session();
    await shell('plain$ ');
    terminal.runStep('first', 'echo a', {});
    await shell('echo a\r\na\r\nplain$ ');
    terminal.runStep('second', 'echo b', {});
    await shell('echo b\r\nb\r\nplain$ ');
    expect(terminal.busy).toBe(false); // nothing can be known, so nothing is refused
    const [first, second] = terminal.commands();
    expect(first).toMatchObject({ state: 'unknown', output: 'echo a\na\nplain$' });
    expect(first!.endedAt).toBeUndefined();
    expect(second).toMatchObject({ state: 'unknown', output: 'echo b\nb\nplain$' });
  });

  it('says so when the start of a long output scrolled out of the kept lines', async () => {
    const { terminal, shell } = session();
    await shell(prompt);
    terminal.runStep('long', 'seq 100', {});
    const lines = Array.from({ length: 100 }, (_, i) => String(i + 1));
    await shell(`seq 100\r\n${osc('C')}${lines.join('\r\n')}\r\n${osc('D;0')}${prompt}`);
    const [record] = terminal.commands();
    expect(record!.outputTruncated).toBe(true);
    expect(record!.output.endsWith('99\n100')).toBe(true);
    expect(record!.output.split('\n').length).toBeLessThan(100);
  });
});
