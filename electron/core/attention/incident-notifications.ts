import type { Incident } from '../../common/model/incident.js';
import type { Log } from '../ports/log.js';
import { openAction, type Notifier } from '../ports/notifier.js';

export interface NotificationHandlers {
  /** Queues the ack; it settles once the action is written down, not when the provider confirms. */
  ack(key: string): Promise<unknown>;
  /** Shows the incident in the window. */
  open(key: string): void;
}

const ackAction = { id: 'ack', label: 'Acknowledge' };
const maxBodyChars = 200;

/**
 * Incidents as OS notifications, one per incident (its key is the notification id), and the
 * notification's buttons turned back into commands.
 */
export class IncidentNotifications {
  /** Keys of the incidents shown; the same notifier also shows non-incident alerts. */
  private readonly shown = new Set<string>();

  constructor(
    private readonly notifier: Notifier,
    private readonly handlers: NotificationHandlers,
    private readonly log: Log,
  ) {
    notifier.onAction((key, actionId) => this.acted(key, actionId));
  }

  /** Shows the incident, replacing its earlier notification. */
  show(incident: Incident, level: 'normal' | 'critical'): void {
    const ackable = incident.capabilities.ack && incident.status === 'triggered';
    this.shown.add(incident.key);
    this.notifier.show({
      id: incident.key,
      title: `${incident.urgency === 'high' ? '▲ HIGH' : '▽ LOW'} · ${incident.service ?? incident.sourceId}`,
      body: truncate(incident.title, maxBodyChars),
      urgency: level,
      actions: ackable && this.notifier.supportsActions ? [ackAction] : [],
    });
  }

  withdraw(key: string): void {
    this.shown.delete(key);
    this.notifier.close(key);
  }

  /** Called from the notifier's event handlers, so nothing may escape: failures are logged. */
  private acted(key: string, actionId: string): void {
    if (!this.shown.has(key)) return;
    const failed = (error: unknown) =>
      this.log.warn(`${actionId} from a notification failed for ${key}: ${messageOf(error)}`);
    if (actionId === ackAction.id) {
      void Promise.resolve()
        .then(() => this.handlers.ack(key))
        .catch(failed);
    } else if (actionId === openAction) {
      try {
        this.handlers.open(key);
      } catch (error) {
        failed(error);
      }
    }
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
