import { silentLog, type Log } from '../ports/log.js';
import { actionListeners } from './action-listeners.js';
import {
  openAction,
  type DesktopNotification,
  type NotificationActionListener,
  type Notifier,
} from '../ports/notifier.js';
import {
  bodyText,
  checkActionIds,
  defaultAction,
  escapeMarkup,
  oneLine,
  titleText,
} from './notification-text.js';

/** One `Notify` request, as the freedesktop notification spec defines it. */
export interface NotifyRequest {
  /** The server's id of the notification to update in place; 0 for a new one. */
  replacesId: number;
  summary: string;
  body: string;
  /** Action id, label, action id, label, …; `default` is a click on the body. */
  actions: string[];
  /** The spec's urgency hint: 0 low, 1 normal, 2 critical. */
  urgency: 0 | 1 | 2;
}

/** org.freedesktop.Notifications, as seen over one connection (session-bus-notifications.ts). */
export interface NotificationServer {
  getCapabilities(): Promise<string[]>;
  /** Resolves with the server's id for the notification. */
  notify(request: NotifyRequest): Promise<number>;
  closeNotification(serverId: number): Promise<void>;
  /** Ends the connection; calls still waiting for a reply reject. */
  disconnect(): void;
}

/** The server's signals, and the end of the connection. */
export interface NotificationServerEvents {
  actionInvoked(serverId: number, actionKey: string): void;
  /** Expired, dismissed, or closed on request. */
  notificationClosed(serverId: number): void;
  /** The connection failed or was closed by the other end; nothing more will arrive. */
  lost(reason: string): void;
}

export type ConnectNotificationServer = (
  events: NotificationServerEvents,
) => Promise<NotificationServer>;

export interface DbusNotifierOptions {
  connect: ConnectNotificationServer;
  /** Takes over, with whatever is waiting to be shown, if the server cannot be reached. */
  fallback?: () => Notifier;
  log?: Log;
  /** Notifications kept on screen at most; see `makeRoom`. */
  maxLive?: number;
  /** How long connecting and GetCapabilities may take before the fallback is used. */
  startTimeoutMs?: number;
  /** How long dispose waits for replies before it drops the connection anyway. */
  disposeTimeoutMs?: number;
}

// Each notification left open makes the server slower to take the next (dunst: 5 ms with none
// open, 500 ms with 200), and a responder reads a handful, not hundreds.
const defaultMaxLive = 20;
const defaultStartTimeoutMs = 5_000;
const defaultDisposeTimeoutMs = 2_000;
const urgencyLevels = { low: 0, normal: 1, critical: 2 } as const;

type Phase = 'idle' | 'starting' | 'ready' | 'fallback' | 'off' | 'disposed';

/** A notification the server has put up for us. */
interface Shown {
  serverId: number;
  notification: DesktopNotification;
}

/**
 * Linux notifications over one long-lived session-bus connection: no process per notification.
 * Callers never wait. Requests go out one at a time and in order, so while one is in flight the
 * rest coalesce: a notification updated ten times meanwhile is sent once, with its latest content,
 * replacing the one on screen. An action taken on a notification closes it, as notify-send did.
 */
export class DbusNotifier implements Notifier {
  private phase: Phase = 'idle';
  private server?: NotificationServer;
  private capabilities = new Set<string>();
  private fallback?: Notifier;
  /** What should be on screen, oldest (least recently shown) first. */
  private readonly wanted = new Map<string, DesktopNotification>();
  /** What the server has put up for us, by our id and by its. */
  private readonly shown = new Map<string, Shown>();
  private readonly ourIds = new Map<number, string>();
  /** Ids whose notification must come down, and ids whose latest content must go up. */
  private readonly toClose = new Set<string>();
  private readonly toShow = new Set<string>();
  private busy = false;
  /** The id whose Notify is in flight. */
  private notifying?: string;
  private lastComplaint?: string;
  private disposeTimer?: NodeJS.Timeout;
  private readonly actions: ReturnType<typeof actionListeners>;
  private readonly log: Log;
  private readonly maxLive: number;

  constructor(private readonly options: DbusNotifierOptions) {
    this.log = options.log ?? silentLog;
    this.actions = actionListeners(this.log);
    this.maxLive = options.maxLive ?? defaultMaxLive;
  }

  get supportsActions(): boolean {
    if (this.fallback) return this.fallback.supportsActions;
    // Until the server says, assume it can: a server without actions ignores them.
    return this.phase !== 'ready' || this.capabilities.has('actions');
  }

  show(notification: DesktopNotification): void {
    checkActionIds(notification);
    if (this.phase === 'fallback') return this.fallback?.show(notification);
    if (this.phase === 'off' || this.phase === 'disposed') return;
    this.wanted.delete(notification.id);
    this.wanted.set(notification.id, notification);
    // Replaced in place, even if its close was on the way.
    this.toClose.delete(notification.id);
    this.toShow.add(notification.id);
    this.makeRoom();
    if (this.phase === 'idle') void this.start();
    else this.pump();
  }

  close(id: string): void {
    if (this.phase === 'fallback') return this.fallback?.close(id);
    this.withdraw(id);
    this.pump();
  }

  onAction(listener: NotificationActionListener): () => void {
    return this.actions.on(listener);
  }

  /**
   * Returns at once; the notifications come down and the connection closes as soon as the server
   * has answered (a Notify in flight included, or it would be left up), or after a timeout.
   */
  dispose(): void {
    if (this.phase === 'disposed') return;
    this.phase = 'disposed';
    this.actions.clear();
    this.fallback?.dispose();
    this.wanted.clear();
    this.toShow.clear();
    this.toClose.clear();
    const server = this.server;
    // Still starting: start() drops the connection when it arrives.
    if (!server) return;
    this.disposeTimer = setTimeout(
      () => server.disconnect(),
      this.options.disposeTimeoutMs ?? defaultDisposeTimeoutMs,
    );
    this.disposeTimer.unref();
    this.pump();
  }

  private readonly events: NotificationServerEvents = {
    actionInvoked: (serverId, actionKey) => {
      const id = this.ourIds.get(serverId);
      const shown = id === undefined ? undefined : this.shown.get(id);
      if (id === undefined || !shown || !this.wanted.has(id)) return;
      const actionId =
        actionKey === defaultAction
          ? openAction
          : shown.notification.actions?.some((a) => a.id === actionKey)
            ? actionKey
            : undefined;
      if (actionId === undefined) return;
      // Done with, as notify-send and the other platforms have it; withdrawn before the
      // listeners hear, so one that shows it again keeps it up, updated in place.
      this.withdraw(id);
      this.actions.emit(id, actionId);
      this.pump();
    },
    notificationClosed: (serverId) => {
      const id = this.ourIds.get(serverId);
      if (id === undefined) return;
      this.forget(id);
      this.toClose.delete(id);
      // Dismissed or expired, so no longer wanted; newer content on its way comes up anew.
      if (!this.toShow.has(id) && this.notifying !== id) this.wanted.delete(id);
    },
    lost: (reason) => {
      // While starting, the calls in flight fail and start() takes it from there.
      if (this.phase !== 'ready') return;
      this.log.warn(`lost the session bus (${reason}); no more desktop notifications`);
      this.phase = 'off';
      this.server?.disconnect();
      this.server = undefined;
      this.clear();
    },
  };

  private async start(): Promise<void> {
    this.phase = 'starting';
    const connecting = Promise.resolve().then(() => this.options.connect(this.events));
    let ready: { server: NotificationServer; capabilities: string[] };
    try {
      ready = await withTimeout(
        connecting.then(async (server) => ({
          server,
          capabilities: await server.getCapabilities(),
        })),
        this.options.startTimeoutMs ?? defaultStartTimeoutMs,
        'the notification server did not answer',
      );
    } catch (error) {
      // Now, or whenever it arrives after the timeout.
      connecting.then(
        (server) => server.disconnect(),
        () => {},
      );
      if (this.phase === 'starting') this.unavailable(error);
      return;
    }
    if (this.phase !== 'starting') return ready.server.disconnect();
    this.server = ready.server;
    this.capabilities = new Set(ready.capabilities);
    this.phase = 'ready';
    this.pump();
  }

  /** Hands what is waiting to the fallback, which from now on does everything. */
  private unavailable(error: unknown): void {
    const fallback = this.options.fallback?.();
    this.log.warn(
      `desktop notifications over D-Bus are unavailable (${messageOf(error)}); ` +
        (fallback ? 'using the fallback' : 'none will be shown'),
    );
    const waiting = [...this.wanted.values()];
    this.clear();
    if (!fallback) {
      this.phase = 'off';
      return;
    }
    this.phase = 'fallback';
    this.fallback = fallback;
    fallback.onAction((id, actionId) => this.actions.emit(id, actionId));
    for (const notification of waiting) fallback.show(notification);
  }

  /**
   * Keeps at most `maxLive` notifications wanted. Critical ones go last: a storm of low pages
   * must not push the page that matters off the screen.
   */
  private makeRoom(): void {
    while (this.wanted.size > this.maxLive) {
      const wanted = [...this.wanted.values()];
      this.withdraw((wanted.find((n) => n.urgency !== 'critical') ?? wanted[0]!).id);
    }
  }

  private withdraw(id: string): void {
    if (!this.wanted.delete(id)) return;
    this.toShow.delete(id);
    // One whose Notify is in flight is closed once its id is known (see `showed`).
    if (this.shown.has(id)) this.toClose.add(id);
  }

  /**
   * Sends the next request once the previous one is answered: closes first, so the server never
   * holds more than `maxLive` of ours, then the oldest pending content.
   */
  private pump(): void {
    const server = this.server;
    if (!server || this.busy) return;
    if (this.phase === 'disposed') return this.closeAllAndDisconnect(server);
    if (this.phase !== 'ready') return;
    for (const id of this.toClose) {
      this.toClose.delete(id);
      const shown = this.shown.get(id);
      if (!shown) continue;
      this.forget(id);
      return this.send(() => server.closeNotification(shown.serverId), 'CloseNotification');
    }
    const id = first(this.toShow);
    if (id === undefined) return;
    this.toShow.delete(id);
    const notification = this.wanted.get(id)!;
    const replacesId = this.shown.get(id)?.serverId ?? 0;
    this.notifying = id;
    this.send(async () => {
      try {
        this.showed(id, notification, await server.notify(this.request(notification, replacesId)));
      } catch (error) {
        // A new one that failed is dropped; an update that failed leaves the old one up.
        if (!this.shown.has(id) && this.wanted.get(id) === notification) this.wanted.delete(id);
        throw error;
      } finally {
        this.notifying = undefined;
      }
    }, 'Notify');
  }

  private send(call: () => Promise<unknown>, what: string): void {
    this.busy = true;
    call()
      .then(
        () => {
          this.lastComplaint = undefined;
        },
        (error: unknown) =>
          this.complain(`the notification server refused ${what}: ${messageOf(error)}`),
      )
      .finally(() => {
        this.busy = false;
        this.pump();
      });
  }

  private showed(id: string, notification: DesktopNotification, serverId: number): void {
    if (this.phase === 'off') return;
    const previous = this.shown.get(id);
    if (previous) this.ourIds.delete(previous.serverId);
    this.shown.set(id, { serverId, notification });
    this.ourIds.set(serverId, id);
    // Closed, pushed out or disposed of while in flight.
    if (!this.wanted.has(id)) this.toClose.add(id);
  }

  private request(notification: DesktopNotification, replacesId: number): NotifyRequest {
    const body = bodyText(notification.body);
    return {
      replacesId,
      summary: titleText(notification.title),
      body: this.capabilities.has('body-markup') ? escapeMarkup(body) : body,
      actions: [
        ...(notification.actions ?? []).flatMap((a) => [a.id, oneLine(a.label)]),
        defaultAction,
        'Open',
      ],
      urgency: urgencyLevels[notification.urgency],
    };
  }

  private closeAllAndDisconnect(server: NotificationServer): void {
    this.server = undefined;
    const closing = [...this.shown.values()].map((s) => server.closeNotification(s.serverId));
    this.clear();
    void Promise.allSettled(closing).then(() => {
      clearTimeout(this.disposeTimer);
      server.disconnect();
    });
  }

  private forget(id: string): void {
    const shown = this.shown.get(id);
    if (!shown) return;
    this.shown.delete(id);
    this.ourIds.delete(shown.serverId);
  }

  private clear(): void {
    for (const state of [this.wanted, this.shown, this.ourIds, this.toShow, this.toClose]) {
      state.clear();
    }
  }

  /** A storm of the same failure is logged once, until a request succeeds again. */
  private complain(message: string): void {
    if (this.phase !== 'ready' || message === this.lastComplaint) return;
    this.lastComplaint = message;
    this.log.warn(message);
  }
}

function first<T>(items: Iterable<T>): T | undefined {
  for (const item of items) return item;
  return undefined;
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
    // A connection still being made holds the process open by itself; this need not.
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
