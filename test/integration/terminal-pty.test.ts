import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandError } from '../../electron/common/contract/command-error.js';
import { shellQuote } from '../../electron/core/terminal/typed-command.js';
import { terminalHarness } from '../support/terminal-harness.js';

let harness: Awaited<ReturnType<typeof terminalHarness>>;

beforeAll(async () => {
  harness = await terminalHarness();
});

afterAll(async () => {
  await harness.stop();
});

describe('a step run in bash through a real pty', () => {
  it('captures its output and exit code through the OSC 133 marks', async () => {
    const { manager } = harness;
    const terminal = await harness.open({ incidentKey: 'drill:disk-full' });
    await harness.prompted(terminal.id);
    manager.runStep(terminal.id, {
      stepId: 'check-disk',
      command: `printf 'used %s\\n' 97%\nprintf 'on %s\\n' "$MOUNT"; (exit 3)`,
      env: { MOUNT: '/var/lib/data' },
    });
    const record = await harness.finished(terminal.id, (r) => r.stepId === 'check-disk');
    expect(record.exitCode).toBe(3);
    expect(record.output).toBe('used 97%\non /var/lib/data');
    expect(record.command).toBe(
      `export MOUNT='/var/lib/data'\nprintf 'used %s\\n' 97%\nprintf 'on %s\\n' "$MOUNT"; (exit 3)`,
    );
    expect(record.endedAt).toBeGreaterThanOrEqual(record.startedAt);
    expect(record.startedAt).toBeGreaterThanOrEqual(record.sentAt!);
    expect(manager.list().find((t) => t.id === terminal.id)?.integrated).toBe(true);
  });

  it('exports a variable only where the shell does not have that value yet', async () => {
    const { manager } = harness;
    const terminal = await harness.open({
      incidentKey: 'drill:queue',
      env: { QUEUE: 'orders' },
    });
    await harness.prompted(terminal.id);
    manager.runStep(terminal.id, {
      stepId: 'same',
      command: 'echo "$QUEUE"',
      env: { QUEUE: 'orders' },
    });
    const same = await harness.finished(terminal.id, (r) => r.stepId === 'same');
    expect(same.command).toBe('echo "$QUEUE"');
    expect(same.output).toBe('orders');
    expect(same.exitCode).toBe(0);
  });

  it('records a command typed by hand, and a step the shell refused to parse', async () => {
    const { manager } = harness;
    const terminal = await harness.open({ incidentKey: 'drill:typed' });
    await harness.prompted(terminal.id);
    manager.input(terminal.id, 'echo typed-by-hand\r');
    const typed = await harness.finished(terminal.id, (r) =>
      r.command.endsWith('echo typed-by-hand'),
    );
    expect(typed.stepId).toBeUndefined();
    expect(typed.output).toBe('typed-by-hand');
    manager.runStep(terminal.id, { stepId: 'broken', command: 'echo (' });
    const broken = await harness.finished(terminal.id, (r) => r.stepId === 'broken');
    expect(broken.exitCode).toBe(2);
    expect(broken.output).toContain('syntax error');
  });

  it('refuses a second step while the first still runs, and says why', async () => {
    const { manager } = harness;
    const terminal = await harness.open({ incidentKey: 'drill:busy' });
    await harness.prompted(terminal.id);
    manager.runStep(terminal.id, { stepId: 'slow', command: 'sleep 0.5' });
    expect(() => manager.runStep(terminal.id, { stepId: 'next', command: 'true' })).toThrow(
      /still running/,
    );
    const slow = await harness.finished(terminal.id, (r) => r.stepId === 'slow');
    expect(slow.exitCode).toBe(0);
  });
});

describe('hostile values in a step', () => {
  it('never runs a quoted label value, in the command or in an export', async () => {
    const { manager, dir } = harness;
    const terminal = await harness.open({ incidentKey: 'drill:hostile' });
    await harness.prompted(terminal.id);
    const inCommand = join(dir, 'pwned-by-command');
    const inEnv = join(dir, 'pwned-by-env');
    const breakout = join(dir, 'pwned-by-breakout');
    const value = shellQuote(`$(touch ${inCommand})`);
    const quoteBreak = shellQuote(`'; touch ${breakout}; '`);
    manager.runStep(terminal.id, {
      stepId: 'hostile',
      command: `printf '%s|' ${value} ${quoteBreak} "$POD"`,
      env: { POD: `$(touch ${inEnv})\`touch ${inEnv}\`` },
    });
    const record = await harness.finished(terminal.id, (r) => r.stepId === 'hostile');
    expect(record.exitCode).toBe(0);
    expect(record.output).toBe(
      `$(touch ${inCommand})|'; touch ${breakout}; '|$(touch ${inEnv})\`touch ${inEnv}\`|`,
    );
    expect(existsSync(inCommand)).toBe(false);
    expect(existsSync(inEnv)).toBe(false);
    expect(existsSync(breakout)).toBe(false);
  });

  it('refuses a command with an escape character, which could end the bracketed paste', async () => {
    const { manager } = harness;
    const terminal = await harness.open({ incidentKey: 'drill:escape' });
    const error = (() => {
      try {
        manager.runStep(terminal.id, { stepId: 'x', command: "echo '\x1b[201~'; touch x" });
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(CommandError);
    expect((error as CommandError).code).toBe('invalid-request');
    expect((error as CommandError).message).toMatch(/U\+001B/);
  });
});
