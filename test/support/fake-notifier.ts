import type {
  DesktopNotification,
  NotificationActionListener,
  Notifier,
} from '../../electron/core/ports/notifier.js';

/** A Notifier that remembers what is on screen and lets a test press a button. */
export class FakeNotifier implements Notifier {
  readonly supportsActions = true;
  readonly shown = new Map<string, DesktopNotification>();
  readonly history: DesktopNotification[] = [];
  private readonly listeners = new Set<NotificationActionListener>();

  show(notification: DesktopNotification): void {
    this.shown.set(notification.id, notification);
    this.history.push(notification);
  }

  close(id: string): void {
    this.shown.delete(id);
  }

  onAction(listener: NotificationActionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  press(id: string, actionId: string): void {
    for (const listener of this.listeners) listener(id, actionId);
  }

  disposed = false;

  dispose(): void {
    this.disposed = true;
    this.shown.clear();
    this.listeners.clear();
  }
}
