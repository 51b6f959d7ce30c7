import { Notification } from 'electron';
import {
  openAction,
  type DesktopNotification,
  type NotificationActionListener,
  type Notifier,
} from '../core/ports/notifier.js';
import { createEmitter } from '../common/emitter.js';

/**
 * The fallback notifier, on Electron's Notification, for when the core found no better one.
 * Electron shows buttons on macOS and Windows only; elsewhere a click on the body opens the
 * incident.
 */
export class ElectronNotifier implements Notifier {
  readonly supportsActions = process.platform === 'darwin' || process.platform === 'win32';
  /** Also keeps each notification from being garbage-collected, which would lose its clicks. */
  private readonly shown = new Map<string, Notification>();
  private readonly actions = createEmitter<{ id: string; actionId: string }>();

  show({ id, title, body, urgency, actions = [] }: DesktopNotification): void {
    this.close(id);
    const buttons = this.supportsActions ? actions : [];
    const notification = new Notification({
      title,
      body,
      urgency,
      // Our alarm is the sound; a critical page stays up until handled.
      silent: true,
      timeoutType: urgency === 'critical' ? 'never' : 'default',
      actions: buttons.map((action) => ({ type: 'button', text: action.label })),
    });
    notification.on('click', () => this.report(id, notification, openAction));
    notification.on('action', (details) => {
      const action = buttons[details.actionIndex];
      if (action) this.report(id, notification, action.id);
    });
    notification.on('close', () => {
      if (this.shown.get(id) === notification) this.shown.delete(id);
    });
    this.shown.set(id, notification);
    notification.show();
  }

  close(id: string): void {
    const notification = this.shown.get(id);
    if (!notification) return;
    this.shown.delete(id);
    notification.close();
  }

  onAction(listener: NotificationActionListener): () => void {
    return this.actions.on(({ id, actionId }) => listener(id, actionId));
  }

  dispose(): void {
    this.actions.clear();
    for (const id of [...this.shown.keys()]) this.close(id);
  }

  private report(id: string, notification: Notification, actionId: string): void {
    // A replaced notification's late click belongs to no one.
    if (this.shown.get(id) !== notification) return;
    this.actions.emit({ id, actionId });
  }
}
