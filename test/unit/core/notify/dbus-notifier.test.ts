import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DbusNotifier,
  type NotificationServer,
  type NotificationServerEvents,
  type NotifyRequest,
} from '../../../../electron/core/notify/dbus-notifier.js';
import type { Log } from '../../../../electron/core/ports/log.js';
import type { DesktopNotification, Notifier } from '../../../../electron/core/ports/notifier.js';
import { FakeNotifier } from '../../../support/fake-notifier.js';

type Call =
  | { method: 'getCapabilities' }
  | { method: 'notify'; request: NotifyRequest }
  | { method: 'closeNotification'; serverId: number };

/** A notification server that answers only when told to, so a test sees every request wait. */
class FakeServer implements NotificationServer {
  readonly calls: Call[] = [];
  disconnected = false;
  /** Ids it holds open, as the real one would. */
  readonly open = new Set<number>();
  maxOpen = 0;
  /** The id it gave in its latest answer to a Notify. */
  lastId = 0;
  capabilities = ['actions', 'body', 'body-markup'];
  private nextId = 1;
  private readonly waiting: { call: Call; settle: (error?: Error) => void }[] = [];

  getCapabilities(): Promise<string[]> {
    return this.request({ method: 'getCapabilities' }, () => this.capabilities);
  }

  notify(request: NotifyRequest): Promise<number> {
    return this.request({ method: 'notify', request }, () => {
      const id = request.replacesId || this.nextId++;
      this.lastId = id;
      this.open.add(id);
      this.maxOpen = Math.max(this.maxOpen, this.open.size);
      return id;
    });
  }

  closeNotification(serverId: number): Promise<void> {
    return this.request({ method: 'closeNotification', serverId }, () => {
      this.open.delete(serverId);
    });
  }

  disconnect(): void {
    this.disconnected = true;
  }

  get pending(): Call[] {
    return this.waiting.map((w) => w.call);
  }

  /** Answers the oldest request, with an error if given one. */
  async answer(error?: Error): Promise<void> {
    const next = this.waiting.shift();
    if (!next) throw new Error('no request is waiting');
    next.settle(error);
    await settled();
  }

  /** Answers every request, including those the answers bring on. */
  async answerAll(): Promise<void> {
    while (this.waiting.length > 0) await this.answer();
  }

  notifies(): NotifyRequest[] {
    return this.calls.flatMap((c) => (c.method === 'notify' ? [c.request] : []));
  }

  closes(): number[] {
    return this.calls.flatMap((c) => (c.method === 'closeNotification' ? [c.serverId] : []));
  }

  private request<T>(call: Call, reply: () => T): Promise<T> {
    this.calls.push(call);
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ call, settle: (error) => (error ? reject(error) : resolve(reply())) });
    });
  }
}

/** Lets every promise callback queued so far run. */
const settled = () => new Promise((resolve) => setImmediate(resolve));

const page = (id: string, changes: Partial<DesktopNotification> = {}): DesktopNotification => ({
  id,
  title: `▲ HIGH · ${id}`,
  body: `${id} is down`,
  urgency: 'normal',
  actions: [{ id: 'ack', label: 'Acknowledge' }],
  ...changes,
});

function setUp(
  options: { maxLive?: number; fallback?: () => Notifier; connect?: () => Promise<never> } = {},
) {
  const server = new FakeServer();
  const log: Log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  let events: NotificationServerEvents | undefined;
  const connect = vi.fn(
    options.connect ??
      (async (e: NotificationServerEvents) => {
        events = e;
        return server;
      }),
  );
  const notifier = new DbusNotifier({ connect, log, ...options });
  const actions: [string, string][] = [];
  notifier.onAction((id, actionId) => actions.push([id, actionId]));
  const signal = () => {
    if (!events) throw new Error('not connected');
    return events;
  };
  /** Shows and answers until the server holds it; resolves with the server's id for it. */
  const shown = async (notification: DesktopNotification) => {
    notifier.show(notification);
    await settled();
    await server.answerAll();
    return server.lastId;
  };
  return { notifier, server, log, connect, actions, signal, shown };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('DbusNotifier', () => {
  it('connects on the first notification, asks what the server can do, then shows it', async () => {
    const { notifier, server, connect } = setUp();
    expect(connect).not.toHaveBeenCalled();

    notifier.show(page('pd:P1', { urgency: 'critical' }));
    await settled();
    expect(connect).toHaveBeenCalledTimes(1);
    expect(server.pending).toEqual([{ method: 'getCapabilities' }]);
    await server.answerAll();

    expect(server.notifies()).toEqual([
      {
        replacesId: 0,
        summary: '▲ HIGH · pd:P1',
        body: 'pd:P1 is down',
        actions: ['ack', 'Acknowledge', 'default', 'Open'],
        urgency: 2,
      },
    ]);
  });

  it('returns at once and sends one request at a time, in order', async () => {
    const { notifier, server } = setUp();
    notifier.show(page('pd:P1'));
    notifier.show(page('pd:P2', { urgency: 'low' }));
    await settled();
    await server.answer();

    expect(server.pending).toHaveLength(1);
    await server.answerAll();
    expect(server.notifies().map((r) => [r.summary, r.urgency])).toEqual([
      ['▲ HIGH · pd:P1', 1],
      ['▲ HIGH · pd:P2', 0],
    ]);
  });

  it('sends only the latest content of a notification updated while its Notify is in flight, in its place', async () => {
    const { notifier, server } = setUp();
    notifier.show(page('pd:P1'));
    await settled();
    await server.answer();
    for (const body of ['second', 'third', 'fourth']) notifier.show(page('pd:P1', { body }));
    await server.answerAll();

    const [first, latest, ...more] = server.notifies();
    expect(more).toEqual([]);
    expect(first).toMatchObject({ replacesId: 0, body: 'pd:P1 is down' });
    expect(latest).toMatchObject({ replacesId: server.lastId, body: 'fourth' });
    expect(server.open.size).toBe(1);
  });

  it('closes by the server’s id, even a notification still on its way up', async () => {
    const { notifier, server, shown } = setUp();
    const id = await shown(page('pd:P1'));
    notifier.close('pd:P1');
    await server.answerAll();
    expect(server.closes()).toEqual([id]);

    notifier.show(page('pd:P2'));
    notifier.close('pd:P2');
    await server.answerAll();
    expect(server.closes()).toEqual([id, id + 1]);
    expect(server.open.size).toBe(0);
  });

  it('updates in place rather than closing, when shown again before its close went out', async () => {
    const { notifier, server, shown } = setUp();
    const id = await shown(page('pd:P1'));
    notifier.show(page('pd:P2'));
    notifier.close('pd:P1');
    notifier.show(page('pd:P1', { body: 'back' }));
    await server.answerAll();

    expect(server.closes()).toEqual([]);
    expect(server.notifies().at(-1)).toMatchObject({ replacesId: id, body: 'back' });
  });

  it('keeps at most maxLive open, pushing out the oldest non-critical first, closes first', async () => {
    const { notifier, server } = setUp({ maxLive: 3 });
    notifier.show(page('pd:C', { urgency: 'critical' }));
    await settled();
    await server.answer();
    for (let n = 1; n <= 50; n++) notifier.show(page(`pd:P${n}`));
    await server.answerAll();

    expect(server.notifies().map((r) => r.summary)).toEqual([
      '▲ HIGH · pd:C',
      '▲ HIGH · pd:P49',
      '▲ HIGH · pd:P50',
    ]);
    expect(server.maxOpen).toBe(3);

    // A notification pushed out once up is closed before the next goes up.
    notifier.show(page('pd:P51'));
    await server.answerAll();
    expect(server.calls.slice(-2)).toEqual([
      { method: 'closeNotification', serverId: 2 },
      expect.objectContaining({ method: 'notify' }),
    ]);
    expect(server.maxOpen).toBe(3);
  });

  it('pushes out a critical notification only when all are critical, the oldest first', async () => {
    const { server, shown } = setUp({ maxLive: 2 });
    const first = await shown(page('pd:C1', { urgency: 'critical' }));
    await shown(page('pd:C2', { urgency: 'critical' }));
    await shown(page('pd:C3', { urgency: 'critical' }));
    expect(server.closes()).toEqual([first]);
  });

  it('treats a shown-again notification as the newest', async () => {
    const { notifier, server, shown } = setUp({ maxLive: 2 });
    await shown(page('pd:P1'));
    const second = await shown(page('pd:P2'));
    await shown(page('pd:P1', { body: 'again' }));
    notifier.show(page('pd:P3'));
    await server.answerAll();
    expect(server.closes()).toEqual([second]);
  });

  it('escapes the body for a server that reads markup, and sends text as plain otherwise', async () => {
    const hostile = page('pd:P1', {
      title: '<b>x</b>\u0000\u001b[2J\nnext',
      body: '<b>bold</b> & <a href="x">link</a>\u0007\nC:\\new',
    });
    const markup = setUp();
    await markup.shown(hostile);
    expect(markup.server.notifies()[0]).toMatchObject({
      summary: '<b>x</b>[2J next',
      body: '&lt;b&gt;bold&lt;/b&gt; &amp; &lt;a href="x"&gt;link&lt;/a&gt;\nC:\\new',
    });

    const plain = setUp();
    plain.server.capabilities = ['actions', 'body'];
    await plain.shown(hostile);
    expect(plain.server.notifies()[0]!.body).toBe('<b>bold</b> & <a href="x">link</a>\nC:\\new');
  });

  it('takes the server’s word on actions once it has it', async () => {
    const { notifier, server, shown } = setUp();
    expect(notifier.supportsActions).toBe(true);
    server.capabilities = ['body'];
    await shown(page('pd:P1'));
    expect(notifier.supportsActions).toBe(false);
  });

  it('refuses an action id that the server would take for the body click', () => {
    const { notifier } = setUp();
    expect(() =>
      notifier.show(page('pd:P1', { actions: [{ id: 'default', label: 'x' }] })),
    ).toThrow(/invalid notification action id/);
  });

  it('reports the server’s actions by our id, and the body click as open, then closes it', async () => {
    const { server, signal, actions, shown } = setUp();
    const first = await shown(page('pd:P1'));
    const second = await shown(page('pd:P2'));
    signal().actionInvoked(first, 'ack');
    signal().actionInvoked(second, 'default');
    await server.answerAll();

    expect(actions).toEqual([
      ['pd:P1', 'ack'],
      ['pd:P2', 'open'],
    ]);
    expect(server.closes()).toEqual([first, second]);
  });

  it('ignores actions it did not offer, on ids it does not know, and on notifications closed', async () => {
    const { notifier, server, signal, actions, shown } = setUp();
    const id = await shown(page('pd:P1', { actions: [] }));
    signal().actionInvoked(id, 'ack');
    signal().actionInvoked(999, 'default');
    notifier.close('pd:P1');
    signal().actionInvoked(id, 'default');
    await server.answerAll();
    expect(actions).toEqual([]);
  });

  it('gets back a notification that a listener shows again as it acts', async () => {
    const { notifier, server, signal, shown } = setUp();
    notifier.onAction((id) => notifier.show(page(id, { body: 'still failing' })));
    const id = await shown(page('pd:P1'));
    signal().actionInvoked(id, 'ack');
    await server.answerAll();
    expect(server.closes()).toEqual([]);
    expect(server.notifies().at(-1)).toMatchObject({ replacesId: id, body: 'still failing' });
  });

  it('keeps reporting to other listeners when one throws', async () => {
    const { notifier, signal, actions, log, shown } = setUp();
    notifier.onAction(() => {
      throw new Error('boom');
    });
    const id = await shown(page('pd:P1'));
    signal().actionInvoked(id, 'ack');
    expect(actions).toEqual([['pd:P1', 'ack']]);
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('boom'));
  });

  it('forgets a notification the server closed: dismissed stays dismissed, shown again is new', async () => {
    const { notifier, server, signal, shown } = setUp();
    const id = await shown(page('pd:P1'));
    signal().notificationClosed(id);
    notifier.close('pd:P1');
    await server.answerAll();
    expect(server.closes()).toEqual([]);

    notifier.show(page('pd:P1'));
    await server.answerAll();
    expect(server.notifies().at(-1)!.replacesId).toBe(0);
  });

  it('still shows an update that was waiting when the server closed the old one', async () => {
    const { notifier, server, signal, shown } = setUp();
    const id = await shown(page('pd:P1'));
    notifier.show(page('pd:P2'));
    notifier.show(page('pd:P1', { urgency: 'critical' }));
    signal().notificationClosed(id);
    await server.answerAll();
    expect(server.notifies().at(-1)).toMatchObject({ replacesId: 0, urgency: 2 });
  });

  it('keeps an update in flight when the notification it replaces is dismissed meanwhile', async () => {
    const { notifier, server, signal, shown } = setUp();
    const id = await shown(page('pd:P1'));
    notifier.show(page('pd:P1', { urgency: 'critical' }));
    await settled();
    signal().notificationClosed(id);
    await server.answerAll();
    expect(server.closes()).toEqual([]);
    notifier.close('pd:P1');
    await server.answerAll();
    expect(server.closes()).toEqual([id]);
  });

  it('logs a refused request without throwing, once per storm of the same error, and goes on', async () => {
    const { notifier, server, log } = setUp();
    notifier.show(page('pd:P1'));
    notifier.show(page('pd:P2'));
    notifier.show(page('pd:P3'));
    await settled();
    await server.answer();
    const refused = new Error('org.freedesktop.Notifications.Error.ExcessNotificationGeneration');
    await server.answer(refused);
    await server.answer(refused);
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.warn).toHaveBeenCalledWith(
      'the notification server refused Notify: org.freedesktop.Notifications.Error.ExcessNotificationGeneration',
    );

    notifier.show(page('pd:P4'));
    await server.answerAll();
    expect(server.open.size).toBe(2);
    // Refused ones are dropped, not retried, and do not count against the cap.
    expect(server.notifies()).toHaveLength(4);
  });

  it('leaves the old notification up, and closable, when an update is refused', async () => {
    const { notifier, server, shown } = setUp();
    const id = await shown(page('pd:P1'));
    notifier.show(page('pd:P1', { body: 'update' }));
    await server.answer(new Error('refused'));
    notifier.close('pd:P1');
    await server.answerAll();
    expect(server.closes()).toEqual([id]);
  });

  describe('when the server cannot be reached', () => {
    const fallbackSetUp = (connect: () => Promise<never>) => {
      const fallback = new FakeNotifier();
      const setup = setUp({ connect, fallback: () => fallback, maxLive: 2 });
      return { ...setup, fallback };
    };

    it('hands what is waiting to the fallback, which then does everything', async () => {
      const { notifier, fallback, actions, log } = fallbackSetUp(() =>
        Promise.reject(new Error('connect ENOENT /run/user/1000/bus')),
      );
      notifier.show(page('pd:P1'));
      notifier.show(page('pd:P2', { urgency: 'critical' }));
      notifier.show(page('pd:P3'));
      await settled();

      expect(fallback.history.map((n) => n.id)).toEqual(['pd:P2', 'pd:P3']);
      expect(log.warn).toHaveBeenCalledWith(
        'desktop notifications over D-Bus are unavailable (connect ENOENT /run/user/1000/bus); using the fallback',
      );
      notifier.show(page('pd:P4'));
      notifier.close('pd:P3');
      expect([...fallback.shown.keys()]).toEqual(['pd:P2', 'pd:P4']);
      fallback.press('pd:P4', 'ack');
      expect(actions).toEqual([['pd:P4', 'ack']]);
      expect(notifier.supportsActions).toBe(fallback.supportsActions);

      notifier.dispose();
      expect(fallback.disposed).toBe(true);
    });

    it('falls back when GetCapabilities fails, and drops that connection', async () => {
      const fallback = new FakeNotifier();
      const { notifier, server } = setUp({ fallback: () => fallback });
      notifier.show(page('pd:P1'));
      await settled();
      await server.answer(new Error('org.freedesktop.DBus.Error.ServiceUnknown'));
      expect(server.disconnected).toBe(true);
      expect(fallback.history.map((n) => n.id)).toEqual(['pd:P1']);
    });

    it('falls back when the server does not answer in time, and drops it when it does', async () => {
      vi.useFakeTimers();
      const fallback = new FakeNotifier();
      const { notifier, server } = setUp({ fallback: () => fallback });
      notifier.show(page('pd:P1'));
      await vi.advanceTimersByTimeAsync(5_000);
      expect(fallback.history.map((n) => n.id)).toEqual(['pd:P1']);
      expect(server.disconnected).toBe(true);
      vi.useRealTimers();
      await server.answerAll();
      expect(server.notifies()).toEqual([]);
    });

    it('shows nothing, and says so once, with no fallback', async () => {
      const { notifier, log } = setUp({ connect: () => Promise.reject(new Error('no bus')) });
      notifier.show(page('pd:P1'));
      await settled();
      notifier.show(page('pd:P2'));
      notifier.close('pd:P2');
      expect(log.warn).toHaveBeenCalledTimes(1);
      expect(log.warn).toHaveBeenCalledWith(
        'desktop notifications over D-Bus are unavailable (no bus); none will be shown',
      );
    });
  });

  it('stops, says so once and drops the connection when the bus goes away', async () => {
    const { notifier, server, signal, log, actions, shown } = setUp();
    const id = await shown(page('pd:P1'));
    notifier.show(page('pd:P2'));
    signal().lost('the session bus closed the connection');
    await server.answer(new Error('the session bus closed the connection'));
    notifier.show(page('pd:P3'));
    signal().actionInvoked(id, 'ack');
    await settled();

    expect(server.disconnected).toBe(true);
    expect(server.pending).toEqual([]);
    expect(server.notifies()).toHaveLength(2);
    expect(actions).toEqual([]);
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.warn).toHaveBeenCalledWith(
      'lost the session bus (the session bus closed the connection); no more desktop notifications',
    );
  });

  describe('dispose', () => {
    it('closes what it showed, then disconnects, and reports nothing more', async () => {
      const { notifier, server, signal, actions, shown } = setUp();
      const first = await shown(page('pd:P1'));
      const second = await shown(page('pd:P2'));
      notifier.dispose();
      notifier.show(page('pd:P3'));
      signal().actionInvoked(first, 'ack');

      expect(server.pending).toEqual([
        { method: 'closeNotification', serverId: first },
        { method: 'closeNotification', serverId: second },
      ]);
      expect(server.disconnected).toBe(false);
      await server.answerAll();
      expect(server.disconnected).toBe(true);
      expect(server.open.size).toBe(0);
      expect(actions).toEqual([]);
    });

    it('waits for a Notify in flight and closes that one too', async () => {
      const { notifier, server } = setUp();
      notifier.show(page('pd:P1'));
      notifier.show(page('pd:P2'));
      await settled();
      await server.answer();
      notifier.dispose();
      await server.answerAll();

      expect(server.notifies()).toHaveLength(1);
      expect(server.closes()).toEqual([1]);
      expect(server.disconnected).toBe(true);
    });

    it('drops the connection after a while if the server does not answer', async () => {
      vi.useFakeTimers();
      const { notifier, server, shown } = setUp();
      vi.useRealTimers();
      await shown(page('pd:P1'));
      vi.useFakeTimers();
      notifier.dispose();
      await vi.advanceTimersByTimeAsync(1_999);
      expect(server.disconnected).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(server.disconnected).toBe(true);
    });

    it('drops a connection that arrives after it, unused', async () => {
      const { notifier, server } = setUp();
      notifier.show(page('pd:P1'));
      notifier.dispose();
      await settled();
      await server.answerAll();
      expect(server.disconnected).toBe(true);
      expect(server.notifies()).toEqual([]);
    });
  });
});
