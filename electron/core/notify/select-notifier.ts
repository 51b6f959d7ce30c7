import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Log } from '../ports/log.js';
import type { Notifier } from '../ports/notifier.js';
import { DbusNotifier } from './dbus-notifier.js';
import { NodeNotifierNotifier } from './node-notifier-notifier.js';
import { NotifySendNotifier } from './notify-send-notifier.js';

export interface NotifierEnvironment {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  hasCommand(name: string): boolean;
  log?: Log;
  /** The caller's own, for where none of ours can work: the shell has Electron's Notification. */
  fallback?: () => Notifier;
}

/**
 * The OS notifier that can show buttons on this machine, else the caller's fallback, else
 * undefined (the browser host then shows none: its window carries the alerts).
 */
export function selectNotifier({
  platform,
  env,
  hasCommand,
  log,
  fallback,
}: NotifierEnvironment): Notifier | undefined {
  if (platform === 'linux') {
    // The notification daemon is on the session bus: without one there is nothing to talk to.
    const busAddress = env.DBUS_SESSION_BUS_ADDRESS;
    if (!busAddress) return fallback?.();
    // Connects on the first notification; should that fail, notify-send gets its turn. The
    // D-Bus client (about 6 MB) is loaded only where there is a bus, and from now: loaded at
    // the first page, it would delay that page's notification.
    const client = import('./session-bus-notifications.js');
    client.catch(() => {}); // a failure is met, and reported, at the first connect
    return new DbusNotifier({
      connect: async (events) => (await client).sessionBusNotifications(busAddress)(events),
      fallback: hasCommand('notify-send')
        ? () => new NotifySendNotifier({ lineBuffered: hasCommand('stdbuf'), log })
        : fallback,
      log,
    });
  }
  if (platform === 'darwin' || platform === 'win32') {
    return new NodeNotifierNotifier({ platform, log });
  }
  return fallback?.();
}

/** Whether an executable file called `name` is in one of PATH's directories. */
export function commandOnPath(name: string, env: Record<string, string | undefined>): boolean {
  return (env.PATH ?? '').split(delimiter).some((dir) => {
    if (!dir) return false;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return statSync(join(dir, name)).isFile();
    } catch {
      return false;
    }
  });
}
