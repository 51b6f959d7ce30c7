import { describe, expect, it, vi } from 'vitest';
import {
  NodeNotifierNotifier,
  type NodeNotifierBackend,
  type NodeNotifierOptions,
} from '../../../../electron/core/notify/node-notifier-notifier.js';
import type { Log } from '../../../../electron/core/ports/log.js';
import type { DesktopNotification } from '../../../../electron/core/ports/notifier.js';

type Callback = Parameters<NodeNotifierBackend['notify']>[1];

/** Stands in for node-notifier's NotificationCenter / WindowsToaster. */
function setUp(platform: 'darwin' | 'win32') {
  const calls: { options: NodeNotifierOptions; callback: Callback }[] = [];
  const log: Log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const notifier = new NodeNotifierNotifier({
    platform,
    log,
    backend: { notify: (options, callback) => calls.push({ options, callback }) },
  });
  const actions: [string, string][] = [];
  notifier.onAction((id, actionId) => actions.push([id, actionId]));
  const answer = (index: number, ...args: Parameters<Callback>) => calls[index]!.callback(...args);
  return { notifier, calls, actions, answer, log };
}

const ackable: DesktopNotification = {
  id: 'pd:P1',
  title: '▲ HIGH · checkout-api',
  body: 'Checkout API p99 latency above 2 s',
  urgency: 'critical',
  actions: [{ id: 'ack', label: 'Acknowledge' }],
};

describe('NodeNotifierNotifier on macOS', () => {
  it('shows an Acknowledge action, waits for it, and keeps quiet (our alarm is the sound)', () => {
    const { notifier, calls } = setUp('darwin');
    notifier.show(ackable);
    notifier.show({ ...ackable, id: 'pd:P2', actions: [] });

    expect(calls.map((c) => c.options)).toEqual([
      {
        title: '▲ HIGH · checkout-api',
        message: 'Checkout API p99 latency above 2 s',
        sound: false,
        wait: true,
        actions: ['Acknowledge'],
        group: 'pd:P1',
        timeout: 3600,
      },
      {
        title: '▲ HIGH · checkout-api',
        message: 'Checkout API p99 latency above 2 s',
        sound: false,
        wait: true,
        actions: undefined,
        group: 'pd:P2',
        timeout: 3600,
      },
    ]);
  });

  it('tells the Acknowledge button from a click on the body', () => {
    const { notifier, actions, answer } = setUp('darwin');
    notifier.show(ackable);
    notifier.show({ ...ackable, id: 'pd:P2' });
    // node-notifier reports both as "activate"; only the metadata tells them apart.
    answer(0, null, 'activate', {
      activationType: 'actionClicked',
      activationValue: 'Acknowledge',
    });
    answer(1, null, 'activate', { activationType: 'contentsClicked' });

    expect(actions).toEqual([
      ['pd:P1', 'ack'],
      ['pd:P2', 'open'],
    ]);
  });

  it('reports nothing when the notification closes or times out', () => {
    const { notifier, actions, answer } = setUp('darwin');
    notifier.show(ackable);
    notifier.show({ ...ackable, id: 'pd:P2' });
    answer(0, null, 'timeout', { activationType: 'timeout' });
    answer(1, null, 'closed', { activationType: 'closed' });

    expect(actions).toEqual([]);
  });

  it('ignores the answer of a notification that was replaced or closed', () => {
    const { notifier, actions, answer, calls } = setUp('darwin');
    notifier.show(ackable);
    notifier.show(ackable);
    answer(0, null, 'activate', { activationType: 'contentsClicked' });
    notifier.close('pd:P1');
    answer(1, null, 'activate', { activationType: 'contentsClicked' });

    expect(actions).toEqual([]);
    expect(calls[2]!.options).toEqual({ remove: 'pd:P1' });
  });

  it('logs a failure', () => {
    const { notifier, answer, log } = setUp('darwin');
    notifier.show(ackable);
    answer(0, new Error('terminal-notifier failed'), '');
    expect(log.warn).toHaveBeenCalledWith('notification failed: terminal-notifier failed');
  });
});

describe('NodeNotifierNotifier on Windows', () => {
  it('gives each incident a stable toast id under the installed app id', () => {
    const { notifier, calls } = setUp('win32');
    notifier.show(ackable);
    notifier.show({ ...ackable, id: 'pd:P2' });
    notifier.show(ackable);

    expect(calls[0]!.options).toEqual({
      title: '▲ HIGH · checkout-api',
      message: 'Checkout API p99 latency above 2 s',
      sound: false,
      wait: true,
      actions: ['Acknowledge'],
      id: 1,
      appID: 'dev.onwatch.app',
    });
    expect(calls.map((c) => c.options.id)).toEqual([1, 2, 1]);
  });

  it('maps the clicked button and a body click to actions', () => {
    const { notifier, actions, answer } = setUp('win32');
    notifier.show(ackable);
    notifier.show({ ...ackable, id: 'pd:P2' });
    answer(0, null, 'acknowledge', {
      activationType: 'Acknowledge',
      button: 'Acknowledge',
    });
    answer(1, null, 'activate', { activationType: 'activated' });

    expect(actions).toEqual([
      ['pd:P1', 'ack'],
      ['pd:P2', 'open'],
    ]);
  });

  it('closes a toast by its id, and closes all on dispose', () => {
    const { notifier, calls, actions, answer } = setUp('win32');
    notifier.show(ackable);
    notifier.show({ ...ackable, id: 'pd:P2' });
    notifier.close('pd:P1');
    notifier.close('pd:P1');
    notifier.dispose();
    answer(1, null, 'activate', { activationType: 'activated' });

    expect(calls.slice(2).map((c) => c.options)).toEqual([{ remove: 1 }, { remove: 2 }]);
    expect(actions).toEqual([]);
  });
});
