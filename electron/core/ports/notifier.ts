type NotificationUrgency = 'low' | 'normal' | 'critical';

interface NotificationAction {
  /** Reported back through `onAction`; `open` is reserved for a click on the body. */
  id: string;
  label: string;
}

export interface DesktopNotification {
  /** Ours, not the OS's: showing the same id again replaces that notification. */
  id: string;
  title: string;
  /** Plain text; an adapter escapes whatever its platform would read as markup. */
  body: string;
  urgency: NotificationUrgency;
  actions?: NotificationAction[];
}

/** What a click on the notification's body reports as its action id. */
export const openAction = 'open';

export type NotificationActionListener = (id: string, actionId: string) => void;

/** OS notifications, one per id, whose buttons and body clicks come back as action ids. */
export interface Notifier {
  /** False where buttons cannot be shown; a body click (`open`) still works. */
  readonly supportsActions: boolean;
  show(notification: DesktopNotification): void;
  close(id: string): void;
  /** Returns the unsubscribe function. */
  onAction(listener: NotificationActionListener): () => void;
  /** Closes every notification it shows and stops reporting actions. */
  dispose(): void;
}
