import { spawn } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Message, sessionBus, type MessageBus } from '@jellybrick/dbus-next';

const service = 'org.freedesktop.Notifications';
/** Debian's `dbus` package; CI installs it (.ci/run). */
const dbusDaemon = 'dbus-daemon';

/** One Notify call as the desktop received it; `at` is performance.now() in this process. */
export interface ReceivedNotification {
  serverId: number;
  /** Non-zero when it updated one already on screen. */
  replacesId: number;
  summary: string;
  body: string;
  at: number;
}

export interface NotificationBus {
  /** For the app's DBUS_SESSION_BUS_ADDRESS. */
  address: string;
  notifications: ReceivedNotification[];
  /** Server ids of the notifications the app took down, in order. */
  closed: number[];
  stop(): Promise<void>;
}

/**
 * A session bus of its own (a private dbus-daemon) whose notification server is this test: it
 * takes every notification an app sends over D-Bus and remembers it, so a test counts exactly
 * what a desktop would have shown. The daemon is stopped by PID.
 */
export async function startNotificationBus(dir: string): Promise<NotificationBus> {
  const config = join(dir, 'bus.conf');
  await writeFile(
    config,
    `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir=${dir}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*"/>
    <allow receive_sender="*"/>
    <allow own="*"/>
  </policy>
</busconfig>`,
  );
  const daemon = spawn(dbusDaemon, [`--config-file=${config}`, '--nofork', '--print-address=1'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const exited = new Promise<void>((resolve) => daemon.once('exit', () => resolve()));
  const address = await new Promise<string>((resolve, reject) => {
    daemon.stdout.setEncoding('utf8').once('data', (line: string) => resolve(line.trim()));
    daemon.once('error', () =>
      reject(new Error('cannot start dbus-daemon (apt-get install dbus)')),
    );
  });

  const bus = sessionBus({ busAddress: address });
  (bus as EventEmitter).on('error', () => {});
  await new Promise<void>((resolve) => bus.once('connect', () => resolve()));
  await bus.requestName(service, 4);
  const notifications: ReceivedNotification[] = [];
  const closed: number[] = [];
  serveNotifications(bus, notifications, closed);

  return {
    address,
    notifications,
    closed,
    stop: async () => {
      bus.disconnect();
      if (daemon.exitCode === null && daemon.signalCode === null) {
        process.kill(daemon.pid!, 'SIGTERM');
        await exited;
      }
    },
  };
}

function serveNotifications(
  bus: MessageBus,
  notifications: ReceivedNotification[],
  closed: number[],
): void {
  let nextId = 1;
  bus.addMethodHandler((message) => {
    if (message.interface !== service) return false;
    switch (message.member) {
      case 'GetCapabilities':
        bus.send(Message.newMethodReturn(message, 'as', [['actions', 'body']]));
        break;
      case 'GetServerInformation':
        bus.send(Message.newMethodReturn(message, 'ssss', ['onwatch-test', 'test', '1', '1.2']));
        break;
      case 'Notify': {
        const [, replacesId, , summary, body] = message.body as [
          string,
          number,
          string,
          string,
          string,
        ];
        const serverId = replacesId || nextId++;
        notifications.push({ serverId, replacesId, summary, body, at: performance.now() });
        bus.send(Message.newMethodReturn(message, 'u', [serverId]));
        break;
      }
      case 'CloseNotification':
        closed.push(message.body[0] as number);
        bus.send(Message.newMethodReturn(message, '', []));
        break;
      default:
        bus.send(Message.newError(message, `${service}.Error.Unknown`, message.member ?? ''));
    }
    return true;
  });
}
