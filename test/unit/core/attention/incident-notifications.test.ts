import { describe, expect, it, vi } from 'vitest';
import { IncidentNotifications } from '../../../../electron/core/attention/incident-notifications.js';
import { noCapabilities } from '../../../../electron/common/model/incident.js';
import type { Log } from '../../../../electron/core/ports/log.js';
import type {
  DesktopNotification,
  NotificationActionListener,
  Notifier,
} from '../../../../electron/core/ports/notifier.js';
import { anIncident } from '../../../support/incidents.js';

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
  const notifications = new IncidentNotifications(notifier, handlers, log);
  /** Puts these incidents on screen, so clicks on them mean something. */
  const showAll = (...externalIds: string[]) => {
    for (const externalId of externalIds) {
      notifications.show(anIncident({ sourceId: 'pd', externalId }), 'critical');
    }
  };
  return { notifier, handlers, log, notifications, showAll };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('IncidentNotifications', () => {
  it('shows a triggered, ackable incident with an Acknowledge action', () => {
    const { notifier, notifications } = setUp();
    const incident = anIncident({
      sourceId: 'pd',
      externalId: 'P1',
      service: 'checkout-api',
      title: 'Checkout API p99 latency above 2 s',
    });
    notifications.show(incident, 'critical');

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
    const { notifier, notifications } = setUp();
    notifications.show(
      anIncident({ sourceId: 'drill', service: undefined, urgency: 'low' }),
      'normal',
    );

    expect(notifier.shown[0]).toMatchObject({ title: '▽ LOW · drill', urgency: 'normal' });
  });

  it('offers no Acknowledge where it cannot work', () => {
    const { notifier, notifications } = setUp();
    notifications.show(anIncident({ capabilities: noCapabilities }), 'critical');
    notifications.show(anIncident({ status: 'acknowledged' }), 'critical');
    notifications.show(anIncident({ status: 'resolved' }), 'normal');

    expect(notifier.shown.map((n) => n.actions)).toEqual([[], [], []]);
  });

  it('offers no buttons a notifier cannot show', () => {
    const { notifier, notifications } = setUp(false);
    notifications.show(anIncident(), 'critical');
    expect(notifier.shown[0]!.actions).toEqual([]);
  });

  it('cuts a long title to about 200 characters', () => {
    const { notifier, notifications } = setUp();
    notifications.show(anIncident({ title: `${'é'.repeat(150)}${'🔥'.repeat(150)}` }), 'normal');

    const body = notifier.shown[0]!.body;
    expect(Array.from(body)).toHaveLength(200);
    expect(body).toBe(`${'é'.repeat(150)}${'🔥'.repeat(49)}…`);
  });

  it('withdraws the incident’s notification', () => {
    const { notifier, notifications } = setUp();
    notifications.withdraw('pd:P1');
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
});
