import { describe, expect, it, vi } from 'vitest';
import { IncidentNotifications } from '../../../../electron/core/attention/incident-notifications.js';
import { noCapabilities, type Incident } from '../../../../electron/common/model/incident.js';
import type { Log } from '../../../../electron/core/ports/log.js';
import type {
  DesktopNotification,
  NotificationActionListener,
  Notifier,
} from '../../../../electron/core/ports/notifier.js';
import { anIncident } from '../../../support/incidents.js';
import { FakeClock } from '../../../support/fake-clock.js';

class FakeNotifier implements Notifier {
  readonly shown: DesktopNotification[] = [];
  readonly closed: string[] = [];
  private listener?: NotificationActionListener;

  constructor(readonly supportsActions = true) {}

  show(notification: DesktopNotification): void {
    this.shown.push(notification);
  }

  close(id: string): void {
    this.closed.push(id);
  }

  onAction(listener: NotificationActionListener): () => void {
    this.listener = listener;
    return () => (this.listener = undefined);
  }

  dispose(): void {}

  /** The responder clicks. */
  click(id: string, actionId: string): void {
    this.listener?.(id, actionId);
  }
}

function setUp(supportsActions = true) {
  const notifier = new FakeNotifier(supportsActions);
  const handlers = {
    ack: vi.fn(async (_key: string): Promise<unknown> => ({ actionId: '1' })),
    open: vi.fn((_key: string) => {}),
  };
  const log: Log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const clock = new FakeClock();
  const notifications = new IncidentNotifications({
    notifier,
    handlers,
    log,
    clock,
    sourceName: (id) => (id === 'am' ? 'Prod Alertmanager' : undefined),
  });
  /** Shows each incident as the ladder does: asked for, then flushed with its batch. */
  const show = (incident: Incident, level: 'normal' | 'critical' = 'normal') => {
    notifications.show(incident, level);
    notifications.flush();
  };
  /** Puts these incidents on screen, so clicks on them mean something. */
  const showAll = (...externalIds: string[]) => {
    for (const externalId of externalIds)
      show(anIncident({ sourceId: 'pd', externalId }), 'critical');
  };
  return { notifier, handlers, log, clock, notifications, show, showAll };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('IncidentNotifications', () => {
  it('shows a triggered, ackable incident with an Acknowledge action', () => {
    const { notifier, show } = setUp();
    const incident = anIncident({
      sourceId: 'pd',
      externalId: 'P1',
      service: 'checkout-api',
      title: 'Checkout API p99 latency above 2 s',
    });
    show(incident, 'critical');

    expect(notifier.shown).toEqual([
      {
        id: 'pd:P1',
        title: '▲ HIGH · checkout-api',
        body: 'Checkout API p99 latency above 2 s',
        urgency: 'critical',
        actions: [{ id: 'ack', label: 'Acknowledge' }],
      },
    ]);
  });

  it('names the source when the incident has no service, and marks low urgency', () => {
    const { notifier, show } = setUp();
    show(anIncident({ sourceId: 'drill', service: undefined, urgency: 'low' }), 'normal');

    expect(notifier.shown[0]).toMatchObject({ title: '▽ LOW · drill', urgency: 'normal' });
  });

  it('offers no Acknowledge where it cannot work', () => {
    const { notifier, show } = setUp();
    show(anIncident({ capabilities: noCapabilities }), 'critical');
    show(anIncident({ status: 'acknowledged' }), 'critical');
    show(anIncident({ status: 'resolved' }), 'normal');

    expect(notifier.shown.map((n) => n.actions)).toEqual([[], [], []]);
  });

  it('offers no buttons a notifier cannot show', () => {
    const { notifier, show } = setUp(false);
    show(anIncident(), 'critical');
    expect(notifier.shown[0]!.actions).toEqual([]);
  });

  it('cuts a long title to about 200 characters', () => {
    const { notifier, show } = setUp();
    show(anIncident({ title: `${'é'.repeat(150)}${'🔥'.repeat(150)}` }), 'normal');

    const body = notifier.shown[0]!.body;
    expect(Array.from(body)).toHaveLength(200);
    expect(body).toBe(`${'é'.repeat(150)}${'🔥'.repeat(49)}…`);
  });

  it('withdraws the incident’s notification, and only one it showed', () => {
    const { notifier, notifications, showAll } = setUp();
    showAll('P1');
    notifications.withdraw('pd:P1');
    notifications.withdraw('pd:P2');
    expect(notifier.closed).toEqual(['pd:P1']);
  });

  it('acknowledges and opens the incident the notification was for', async () => {
    const { notifier, handlers, showAll } = setUp();
    showAll('P1', 'P2');
    notifier.click('pd:P1', 'ack');
    notifier.click('pd:P2', 'open');
    await flush();

    expect(handlers.ack).toHaveBeenCalledExactlyOnceWith('pd:P1');
    expect(handlers.open).toHaveBeenCalledExactlyOnceWith('pd:P2');
  });

  it('ignores actions it does not know', async () => {
    const { notifier, handlers, showAll } = setUp();
    showAll('P1');
    notifier.click('pd:P1', 'resolve');
    notifier.click('pd:P1', 'default');
    await flush();

    expect(handlers.ack).not.toHaveBeenCalled();
    expect(handlers.open).not.toHaveBeenCalled();
  });

  it('leaves alone clicks on notifications that are not incidents, or no longer shown', async () => {
    const { notifier, handlers, notifications, showAll } = setUp();
    showAll('P1');
    notifications.withdraw('pd:P1');
    notifier.click('pd:P1', 'ack');
    notifier.click('blind:am', 'open');
    await flush();

    expect(handlers.ack).not.toHaveBeenCalled();
    expect(handlers.open).not.toHaveBeenCalled();
  });

  it('logs a failed ack or open, and never throws into the notifier', async () => {
    const { notifier, handlers, log, showAll } = setUp();
    showAll('P1', 'P2', 'P3');
    handlers.ack.mockRejectedValueOnce(new Error('That incident is no longer open.'));
    handlers.ack.mockImplementationOnce(() => {
      throw new Error('not even a promise');
    });
    handlers.open.mockImplementationOnce(() => {
      throw new Error('no window');
    });

    expect(() => notifier.click('pd:P1', 'ack')).not.toThrow();
    expect(() => notifier.click('pd:P2', 'ack')).not.toThrow();
    expect(() => notifier.click('pd:P3', 'open')).not.toThrow();
    await flush();

    expect(vi.mocked(log.warn).mock.calls.flat().sort()).toEqual([
      'ack from a notification failed for pd:P1: That incident is no longer open.',
      'ack from a notification failed for pd:P2: not even a promise',
      'open from a notification failed for pd:P3: no window',
    ]);
  });

  describe('in a storm', () => {
    const page = (i: number, overrides: Partial<Incident> = {}) =>
      anIncident({
        sourceId: 'am',
        externalId: `a${i}`,
        title: `Alert ${i}`,
        urgency: i % 4 === 0 ? 'high' : 'low',
        ...overrides,
      });
    /** A poll's worth of pages, judged as one batch like the ladder hands them over. */
    const batch = (notifications: IncidentNotifications, from: number, to: number) => {
      for (let i = from; i < to; i++) notifications.show(page(i), 'normal');
      notifications.flush();
    };

    it('shows a thousand pages at once as one summary with Open and Ack all mine', () => {
      const { notifier, notifications } = setUp();
      batch(notifications, 0, 1000);

      expect(notifier.shown).toEqual([
        {
          id: 'storm-summary',
          title: '1,000 new pages from Prod Alertmanager — 250 high urgency',
          body: '▽ Alert 999\n▽ Alert 998\n▽ Alert 997\nand 997 more',
          urgency: 'normal',
          actions: [
            { id: 'open', label: 'Open' },
            { id: 'ack-all', label: 'Ack all mine' },
          ],
        },
      ]);
    });

    it('keeps the first few pages on their own and sums up the rest', () => {
      const { notifier, notifications, show } = setUp();
      for (let i = 0; i < 3; i++) show(page(i));
      batch(notifications, 3, 10);

      expect(notifier.shown.map((n) => n.id)).toEqual(['am:a0', 'am:a1', 'am:a2', 'storm-summary']);
      expect(notifier.shown[3]!.title).toBe('7 new pages from Prod Alertmanager — 2 high urgency');
    });

    it('updates the summary in place at most every five seconds while the storm goes on', async () => {
      const { notifier, notifications, clock } = setUp();
      batch(notifications, 0, 10);
      await clock.advance(1000);
      batch(notifications, 10, 20);
      await clock.advance(1000);
      batch(notifications, 20, 30);
      expect(notifier.shown).toHaveLength(1);

      await clock.advance(3000);
      expect(notifier.shown.map((n) => n.title)).toEqual([
        '10 new pages from Prod Alertmanager — 3 high urgency',
        '30 new pages from Prod Alertmanager — 8 high urgency',
      ]);
      await clock.advance(60_000);
      expect(notifier.shown).toHaveLength(2);
    });

    it('turns the summary critical when its pages reach the critical rung', async () => {
      const { notifier, notifications, clock } = setUp();
      batch(notifications, 0, 10);
      await clock.advance(30_000);
      for (let i = 0; i < 10; i++) notifications.show(page(i), 'critical');
      notifications.flush();

      expect(notifier.shown.map((n) => [n.id, n.urgency])).toEqual([
        ['storm-summary', 'normal'],
        ['storm-summary', 'critical'],
      ]);
    });

    it('counts down as pages are handled and closes once none is left', async () => {
      const { notifier, notifications, clock } = setUp();
      batch(notifications, 0, 5);
      await clock.advance(10_000);
      for (let i = 0; i < 3; i++) notifications.withdraw(`am:a${i}`);
      notifications.flush();
      expect(notifier.shown.at(-1)!.title).toBe(
        '2 new pages from Prod Alertmanager — 1 high urgency',
      );

      for (let i = 3; i < 5; i++) notifications.withdraw(`am:a${i}`);
      notifications.flush();
      expect(notifier.closed).toEqual(['storm-summary']);
      expect(notifier.shown).toHaveLength(2);
    });

    it('names how many sources a storm spans', () => {
      const { notifier, notifications } = setUp();
      for (let i = 0; i < 6; i++) {
        notifications.show(page(i, { sourceId: i % 2 ? 'am' : 'pd', urgency: 'low' }), 'normal');
      }
      notifications.flush();
      expect(notifier.shown[0]!.title).toBe('6 new pages from 2 sources');
    });

    it('acks only the pages of mine that can be acked, and opens the newest', async () => {
      const { notifier, notifications, handlers } = setUp();
      notifications.show(page(0), 'normal');
      notifications.show(page(1, { assignedToMe: false }), 'normal');
      notifications.show(page(2, { capabilities: noCapabilities }), 'normal');
      notifications.show(page(3), 'normal');
      notifications.show(page(4), 'normal');
      notifications.flush();

      notifier.click('storm-summary', 'ack-all');
      notifier.click('storm-summary', 'open');
      await flush();
      expect(handlers.ack.mock.calls.map(([key]) => key)).toEqual(['am:a0', 'am:a3', 'am:a4']);
      expect(handlers.open).toHaveBeenCalledExactlyOnceWith('am:a4');
    });

    it('offers no Ack all when nothing in the storm is mine to ack', () => {
      const { notifier, notifications } = setUp();
      for (let i = 0; i < 5; i++) notifications.show(page(i, { assignedToMe: false }), 'normal');
      notifications.flush();
      expect(notifier.shown[0]!.actions).toEqual([{ id: 'open', label: 'Open' }]);
    });

    it('gives a lone page its own notification again once the storm has passed', async () => {
      const { notifier, notifications, clock, show } = setUp();
      batch(notifications, 0, 5);
      for (let i = 0; i < 5; i++) notifications.withdraw(`am:a${i}`);
      notifications.flush();
      await clock.advance(61_000);
      show(page(99));

      expect(notifier.shown.map((n) => n.id)).toEqual(['storm-summary', 'am:a99']);
    });
  });
});
