import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandError } from '../../electron/common/contract/command-error.js';
import { shellQuote } from '../../electron/core/runbooks/shell-quote.js';
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

describe("the user's own startup files", () => {
  it('still run in bash, prompt frameworks included, as a login shell too', async () => {
    const { manager, home } = harness;
    await writeFile(
      join(home, '.bashrc'),
      [
        'set -u', // strict users: nothing of ours may read an unset variable
        'FROM_BASHRC=yes',
        // A framework that rebuilds PS1 at every prompt and counts prompts itself.
        'PROMPT_COMMAND=\'PROMPTS=$((${PROMPTS:-0}+1)); PS1="[$PROMPTS] \\$ "\'',
      ].join('\n'),
    );
    await writeFile(join(home, '.profile'), 'FROM_PROFILE=yes\n');
    const plain = await harness.open({ incidentKey: 'drill:bashrc' });
    await harness.prompted(plain.id);
    manager.runStep(plain.id, {
      stepId: 'rc',
      command: 'echo "$FROM_BASHRC ${FROM_PROFILE:-no} $PROMPTS"; (exit 4)',
    });
    const rc = await harness.finished(plain.id, (r) => r.stepId === 'rc');
    expect(rc.output).toBe('yes no 1');
    expect(rc.exitCode).toBe(4);
    manager.runStep(plain.id, { stepId: 'again', command: 'echo "$PROMPTS"' });
    expect((await harness.finished(plain.id, (r) => r.stepId === 'again')).output).toBe('2');

    const login = await harness.open({ incidentKey: 'drill:profile', login: true });
    await harness.prompted(login.id);
    manager.runStep(login.id, {
      stepId: 'profile',
      command: 'echo "$FROM_PROFILE ${FROM_BASHRC:-no}"',
    });
    expect((await harness.finished(login.id, (r) => r.stepId === 'profile')).output).toBe('yes no');
  });
});

const zsh = (() => {
  try {
    return execFileSync('sh', ['-c', 'command -v zsh'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
})();
if (!zsh) console.warn('zsh is not installed here: skipping the zsh shell-integration test');

describe.skipIf(!zsh)('a step run in zsh', () => {
  it("is marked through ZDOTDIR, with the user's files read and their ZDOTDIR handed back", async () => {
    const { manager, home } = harness;
    const userDotDir = join(home, 'zdot');
    await mkdir(userDotDir);
    await writeFile(join(userDotDir, '.zshenv'), 'FROM_ZSHENV=yes\n');
    await writeFile(
      join(userDotDir, '.zshrc'),
      'setopt nounset\ntypeset FROM_ZSHRC=yes\nPS1="%n%# "\n',
    );
    const terminal = await harness.open({
      incidentKey: 'drill:zsh',
      shell: zsh!,
      env: { ZDOTDIR: userDotDir },
    });
    await harness.prompted(terminal.id);
    manager.runStep(terminal.id, {
      stepId: 'zsh-step',
      command: 'print -r -- "$FROM_ZSHENV $FROM_ZSHRC $ZDOTDIR"; (exit 5)',
    });
    const record = await harness.finished(terminal.id, (r) => r.stepId === 'zsh-step');
    expect(record.output).toBe(`yes yes ${userDotDir}`);
    expect(record.exitCode).toBe(5);
    manager.input(terminal.id, 'print typed\r');
    const typed = await harness.finished(terminal.id, (r) => r.command.endsWith('print typed'));
    expect(typed.output).toBe('typed');
    expect(typed.exitCode).toBe(0);
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
