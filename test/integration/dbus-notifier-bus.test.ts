/**
 * DbusNotifier's session-bus connection against a real dbus-daemon of its own: what happens when
 * no notification server is there, when the server refuses, when someone else sends its signals,
 * and when the bus itself goes away. The server is played by a second connection in this test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Message, MessageType, sessionBus, Variant, type MessageBus } from '@jellybrick/dbus-next';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { DbusNotifier } from '../../electron/core/notify/dbus-notifier.js';
import { commandOnPath } from '../../electron/core/notify/select-notifier.js';
import { sessionBusNotifications } from '../../electron/core/notify/session-bus-notifications.js';
import type { Log } from '../../electron/core/ports/log.js';
import type { DesktopNotification } from '../../electron/core/ports/notifier.js';
import { FakeNotifier } from '../support/fake-notifier.js';
import { isRunning } from '../support/private-session.js';
import { makeTempDir } from '../support/temp-dir.js';
import { until } from '../support/until.js';

const dbusDaemon = 'dbus-daemon';
const missing = commandOnPath(dbusDaemon, process.env) ? [] : [dbusDaemon];
if (missing.length > 0) {
  console.warn(
    '\n*** SKIPPING dbus-notifier-bus.test.ts: no dbus-daemon. Install: apt-get install dbus ***\n',
  );
}

const service = 'org.freedesktop.Notifications';
const servicePath = '/org/freedesktop/Notifications';

/** A bus daemon on a socket in `dir`, with no service activation; resolves with its address. */
async function startBus(dir: string): Promise<{ daemon: ChildProcess; address: string }> {
  await writeFile(
    join(dir, 'bus.conf'),
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=${dir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>`,
  );
  const daemon = spawn(
    dbusDaemon,
    [`--config-file=${join(dir, 'bus.conf')}`, '--nofork', '--print-address=1'],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const address = await new Promise<string>((resolve, reject) => {
    daemon.stdout!.setEncoding('utf8').on('data', (line: string) => resolve(line.trim()));
    daemon.on('error', reject);
  });
  return { daemon, address };
}

async function connect(address: string): Promise<MessageBus> {
  const bus = sessionBus({ busAddress: address });
  // Its bus dies in one of the tests, too.
  (bus as EventEmitter).on('error', () => {});
  await new Promise<void>((resolve) => bus.once('connect', resolve));
  return bus;
}

/** Plays org.freedesktop.Notifications: remembers each call; refuses a summary saying "refuse". */
async function startServer(address: string) {
  const bus = await connect(address);
  await bus.requestName(service, 4);
  const calls: { member: string; body: unknown[] }[] = [];
  /** The notifier's unique name on the bus. */
  let client: string | undefined;
  let nextId = 1;
  bus.addMethodHandler((message) => {
    if (message.interface !== service) return false;
    calls.push({ member: message.member, body: message.body });
    client = message.sender;
    if (message.member === 'GetCapabilities') {
      bus.send(Message.newMethodReturn(message, 'as', [['actions', 'body', 'body-markup']]));
    } else if (message.member === 'Notify' && String(message.body[3]).includes('refuse')) {
      bus.send(Message.newError(message, `${service}.Error.Refused`, 'too many'));
    } else if (message.member === 'Notify') {
      bus.send(Message.newMethodReturn(message, 'u', [nextId++]));
    } else {
      bus.send(Message.newMethodReturn(message, '', []));
    }
    return true;
  });
  /** One of the server's signals, broadcast as the spec allows or sent to the notifier alone. */
  const signal = (
    from: MessageBus,
    to: 'everyone' | 'notifier',
    member: string,
    signature: string,
    body: unknown[],
  ) =>
    from.send(
      new Message({
        type: MessageType.SIGNAL,
        destination: to === 'notifier' ? client : undefined,
        path: servicePath,
        interface: service,
        member,
        signature,
        body,
      }),
    );
  return { bus, calls, signal };
}

const page: DesktopNotification = {
  id: 'pd:P1',
  title: '▲ HIGH · checkout',
  body: '<b>p99</b> & rising',
  urgency: 'critical',
  actions: [{ id: 'ack', label: 'Acknowledge' }],
};

describe.skipIf(missing.length > 0)('DbusNotifier over a real session bus', () => {
  let temp: { path: string; remove: () => Promise<void> };
  let bus: { daemon: ChildProcess; address: string };
  let log: Log & { warn: Mock<(message: string) => void> };
  const cleanups: (() => void)[] = [];

  beforeEach(async () => {
    temp = await makeTempDir('onwatch-bus-');
    bus = await startBus(temp.path);
    log = { info: vi.fn(), warn: vi.fn<(message: string) => void>(), error: vi.fn() };
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) cleanup();
    bus.daemon.kill('SIGTERM');
    await until(() => !isRunning(bus.daemon.pid!), 'dbus-daemon to stop');
    await temp.remove();
  });

  const notifierOn = (fallback?: FakeNotifier) => {
    const notifier = new DbusNotifier({
      connect: sessionBusNotifications(bus.address),
      fallback: fallback && (() => fallback),
      log,
    });
    cleanups.push(() => notifier.dispose());
    return notifier;
  };

  it('falls back when no notification server owns the name', async () => {
    const fallback = new FakeNotifier();
    const notifier = notifierOn(fallback);
    notifier.show(page);
    await until(() => fallback.history.length > 0, 'the fallback to take over');
    expect(fallback.history).toEqual([page]);
    expect(log.warn).toHaveBeenCalledWith(
      'desktop notifications over D-Bus are unavailable (org.freedesktop.DBus.Error.ServiceUnknown: ' +
        `The name ${service} was not provided by any .service files); using the fallback`,
    );
  });

  it('speaks the spec: Notify with actions, urgency and escaped body, then CloseNotification', async () => {
    const server = await startServer(bus.address);
    cleanups.push(() => server.bus.disconnect());
    const notifier = notifierOn();
    notifier.show(page);
    await until(() => server.calls.length === 2, 'the Notify');
    notifier.close(page.id);
    await until(() => server.calls.length === 3, 'the CloseNotification');

    expect(server.calls).toEqual([
      { member: 'GetCapabilities', body: [] },
      {
        member: 'Notify',
        body: [
          'Onwatch',
          0,
          '',
          '▲ HIGH · checkout',
          '&lt;b&gt;p99&lt;/b&gt; &amp; rising',
          ['ack', 'Acknowledge', 'default', 'Open'],
          { urgency: new Variant('y', 2) },
          -1,
        ],
      },
      { member: 'CloseNotification', body: [1] },
    ]);
  });

  it('believes the server’s broadcast signals, and no one else’s', async () => {
    const server = await startServer(bus.address);
    const impostor = await connect(bus.address);
    cleanups.push(
      () => server.bus.disconnect(),
      () => impostor.disconnect(),
    );
    const notifier = notifierOn();
    const actions: [string, string][] = [];
    notifier.onAction((id, actionId) => actions.push([id, actionId]));
    notifier.show(page);
    await until(() => server.calls.some((c) => c.member === 'Notify'), 'the Notify');
    await new Promise((resolve) => setTimeout(resolve, 50));

    // The bus delivers a signal sent to one connection whatever its match rules say.
    server.signal(impostor, 'everyone', 'ActionInvoked', 'us', [1, 'ack']);
    server.signal(impostor, 'notifier', 'ActionInvoked', 'us', [1, 'ack']);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(actions).toEqual([]);
    server.signal(server.bus, 'everyone', 'ActionInvoked', 'us', [1, 'default']);
    await until(() => actions.length > 0, 'the action');
    expect(actions).toEqual([['pd:P1', 'open']]);
  });

  it('logs a refusal and carries on', async () => {
    const server = await startServer(bus.address);
    cleanups.push(() => server.bus.disconnect());
    const notifier = notifierOn();
    notifier.show({ ...page, id: 'pd:P2', title: 'refuse me' });
    notifier.show(page);
    await until(() => server.calls.filter((c) => c.member === 'Notify').length === 2, 'both');

    expect(log.warn.mock.calls).toEqual([
      [`the notification server refused Notify: ${service}.Error.Refused: too many`],
    ]);
  });

  it('says once that the bus went away, and sends nothing more', async () => {
    const server = await startServer(bus.address);
    const notifier = notifierOn();
    notifier.show(page);
    await until(() => server.calls.some((c) => c.member === 'Notify'), 'the Notify');

    bus.daemon.kill('SIGTERM');
    await until(() => log.warn.mock.calls.length > 0, 'the loss to be noticed');
    notifier.show({ ...page, id: 'pd:P2' });
    notifier.close(page.id);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(log.warn.mock.calls).toEqual([
      [expect.stringMatching(/^lost the session bus \(.+\); no more desktop notifications$/)],
    ]);
  });
});
