import type { StatusPageReminder } from '../../common/contract/status-page-state.js';
import { openAction, type Notifier } from '../ports/notifier.js';

/** The notification button that does what the reminder offers. */
const reminderAction = 'statuspage-reminder';

export interface ReminderHandlers {
  /** "Resolve status page" was clicked. */
  resolve(reminder: Extract<StatusPageReminder, { kind: 'resolve-status-page' }>): void;
  /** The body, or "Update status page", was clicked: show the paging incident. */
  open(pagingIncidentKey: string): void;
}

/**
 * Status-page reminders as desktop notifications, at low urgency and without the alarm: each
 * shown once while it is due (a reminder re-planned with new words is replaced in place), and
 * taken down once it no longer is. The window shows the same reminders from the state.
 */
export class StatusPageReminderAlerts {
  private shown = new Map<string, StatusPageReminder>();
  private readonly unsubscribe?: () => void;

  constructor(
    private readonly notifier: Notifier | undefined,
    private readonly handlers: ReminderHandlers,
  ) {
    this.unsubscribe = notifier?.onAction((id, actionId) => this.acted(id, actionId));
  }

  /** Shows what became due and takes down what is no longer due. */
  update(due: readonly StatusPageReminder[]): void {
    const next = new Map(due.map((reminder) => [reminder.id, reminder]));
    for (const id of this.shown.keys()) if (!next.has(id)) this.notifier?.close(id);
    for (const reminder of due) {
      const before = this.shown.get(reminder.id);
      if (before?.title === reminder.title && before.body === reminder.body) continue;
      this.notifier?.show({
        id: reminder.id,
        title: reminder.title,
        body: reminder.body,
        urgency: 'low',
        actions: [{ id: reminderAction, label: reminder.action }],
      });
    }
    this.shown = next;
  }

  stop(): void {
    this.unsubscribe?.();
    for (const id of this.shown.keys()) this.notifier?.close(id);
    this.shown.clear();
  }

  private acted(id: string, actionId: string): void {
    const reminder = this.shown.get(id);
    if (!reminder) return;
    if (actionId === reminderAction && reminder.kind === 'resolve-status-page') {
      this.handlers.resolve(reminder);
    } else if (actionId === reminderAction || actionId === openAction) {
      this.handlers.open(reminder.pagingIncidentKey);
    }
  }
}
