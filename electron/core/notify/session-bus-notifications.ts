/**
 * org.freedesktop.Notifications over one session-bus connection, with dbus-next (pure
 * JavaScript: a socket, no helper process). Everything the server sends back is checked before
 * it is believed.
 */
import { EventEmitter } from 'node:events';
import {
  DBusError,
  Message,
  MessageType,
  sessionBus,
  Variant,
  type MessageBus,
} from '@jellybrick/dbus-next';
import type {
  ConnectNotificationServer,
  NotificationServer,
  NotificationServerEvents,
} from './dbus-notifier.js';

const service = 'org.freedesktop.Notifications';
const servicePath = '/org/freedesktop/Notifications';
const bus = { name: 'org.freedesktop.DBus', path: '/org/freedesktop/DBus' };
const appName = 'Onwatch';
/** The server's own expiry: dunst, like most, keeps critical notifications until dismissed. */
const serverDefaultTimeout = -1;

/** Connects to the session bus at `busAddress` (DBUS_SESSION_BUS_ADDRESS's format). */
export function sessionBusNotifications(busAddress: string): ConnectNotificationServer {
  return (events) => connect(busAddress, events);
}

async function connect(
  busAddress: string,
  events: NotificationServerEvents,
): Promise<NotificationServer> {
  const connection = sessionBus({ busAddress });
  /** Every call waiting for a reply, to be failed if the connection ends first. */
  const waiting = new Set<(error: Error) => void>();
  let ended: string | undefined;
  /** The server's unique bus name: only its signals are believed. */
  let serverName: string | undefined;

  const end = (reason: string, byUs: boolean) => {
    if (ended !== undefined) return;
    ended = reason;
    for (const fail of waiting) fail(new Error(reason));
    waiting.clear();
    if (!byUs) events.lost(reason);
  };
  // Without a listener, an 'error' would be thrown from dbus-next's socket handlers. (Its
  // typings leave 'error' out of the bus's events.)
  (connection as EventEmitter).on('error', (error: Error) =>
    end(`session bus: ${error.message}`, false),
  );
  onSocketEnd(connection, () => end('the session bus closed the connection', false));
  connection.on('message', (message) => {
    if (message.type !== MessageType.SIGNAL || message.sender !== serverName) return;
    if (message.path !== servicePath || message.interface !== service) return;
    const [serverId, detail] = message.body;
    if (typeof serverId !== 'number') return;
    if (message.member === 'ActionInvoked' && typeof detail === 'string') {
      events.actionInvoked(serverId, detail);
    } else if (message.member === 'NotificationClosed') {
      events.notificationClosed(serverId);
    }
  });

  const call = (fields: ConstructorParameters<typeof Message>[0]): Promise<Message> => {
    if (ended !== undefined) return Promise.reject(new Error(ended));
    return new Promise<Message>((resolve, reject) => {
      waiting.add(reject);
      connection
        .call(new Message(fields))
        .then(
          (reply) => (reply ? resolve(reply) : reject(new Error('no reply'))),
          (error: unknown) => reject(withErrorName(error)),
        )
        .finally(() => waiting.delete(reject));
    });
  };
  const callServer = async (member: string, signature = '', body: unknown[] = []) => {
    const reply = await call({
      destination: service,
      path: servicePath,
      interface: service,
      member,
      signature,
      body,
    });
    // The name's owner changes if the server restarts; its signals then come from the new one.
    serverName = reply.sender;
    return reply.body;
  };

  await new Promise<void>((resolve, reject) => {
    waiting.add(reject);
    connection.once('connect', () => {
      waiting.delete(reject);
      resolve();
    });
  });
  // dunst sends its signals to us alone, but the spec lets a server broadcast them.
  await call({
    destination: bus.name,
    path: bus.path,
    interface: bus.name,
    member: 'AddMatch',
    signature: 's',
    body: [`type='signal',sender='${service}',path='${servicePath}',interface='${service}'`],
  });

  return {
    async getCapabilities() {
      const [capabilities] = await callServer('GetCapabilities');
      if (!Array.isArray(capabilities) || !capabilities.every((c) => typeof c === 'string')) {
        throw new Error('GetCapabilities answered with something other than a list of names');
      }
      return capabilities as string[];
    },
    async notify({ replacesId, summary, body, actions, urgency }) {
      const [serverId] = await callServer('Notify', 'susssasa{sv}i', [
        appName,
        replacesId,
        '',
        summary,
        body,
        actions,
        { urgency: new Variant('y', urgency) },
        serverDefaultTimeout,
      ]);
      if (typeof serverId !== 'number' || !Number.isInteger(serverId) || serverId <= 0) {
        throw new Error(`Notify answered with ${JSON.stringify(serverId)}, not an id`);
      }
      return serverId;
    },
    async closeNotification(serverId) {
      await callServer('CloseNotification', 'u', [serverId]);
    },
    disconnect() {
      end('disconnected', true);
      connection.disconnect();
    },
  };
}

/**
 * dbus-next reports the socket's end only on its connection object, which MessageBus keeps to
 * itself; without this, calls in flight when the bus goes away would never settle.
 */
function onSocketEnd(connection: MessageBus, listener: () => void): void {
  const socket: unknown = Reflect.get(connection, '_connection');
  if (socket instanceof EventEmitter) socket.once('end', listener);
}

/** An error reply's message is the server's text alone; its name says what went wrong. */
function withErrorName(error: unknown): unknown {
  if (!(error instanceof DBusError)) return error;
  return new Error(error.text ? `${error.type}: ${error.text}` : error.type);
}
