import type { Incident } from '../../common/model/incident.js';
import type { Clock, TimerHandle } from '../ports/clock.js';
import type { Log } from '../ports/log.js';
import { openAction, type Notifier } from '../ports/notifier.js';
import { truncate } from '../../common/excerpt.js';
import {
  ackAllAction,
  isMineToAck,
  stormSummary,
  stormSummaryId,
  summaryActions,
  type SummaryMember,
} from './storm-summary.js';

interface NotificationHandlers {
  /** Queues the ack; it settles once the action is written down, not when the provider confirms. */
  ack(key: string): Promise<unknown>;
  /** Shows the incident in the window. */
  open(key: string): void;
}

export interface IncidentNotificationsOptions {
  notifier: Notifier;
  handlers: NotificationHandlers;
  log: Log;
  clock: Clock;
  /** The source's name as the responder gave it, for the storm summary. */
  sourceName(sourceId: string): string | undefined;
}

type Level = 'normal' | 'critical';

const ackAction = { id: 'ack', label: 'Acknowledge' };
const maxBodyChars = 200;
/** More new pages than this within `stormWindowMs` are a storm: one summary, not a bubble each. */
const stormThreshold = 3;
const stormWindowMs = 60_000;
/**
 * A storm's summary is updated in place at most this often. The notification service slows
 * down with every call, and a count that changes twenty times a second helps nobody.
 */
const summaryEveryMs = 5_000;

/**
 * Incidents as OS notifications, and the notifications' buttons turned back into commands.
 *
 * A page on its own gets its own notification (its key is the notification id) with its own
 * Acknowledge. When more than a few arrive close together, the rest of the storm goes into one
 * summary notification, updated in place while the storm lasts and closed once every page in it
 * is handled: ten thousand alerts cost one notification, not ten thousand.
 *
 * `show` and `withdraw` only take note; `flush` (called once the ladder has settled a batch)
 * decides what goes on screen, so a whole poll's worth of pages is judged at once.
 */
export class IncidentNotifications {
  /** Keys of the incidents shown on their own; the same notifier also shows non-incident alerts. */
  private readonly shown = new Set<string>();
  /** Asked for since the last flush, in order. */
  private readonly pending = new Map<string, { incident: Incident; level: Level }>();
  /** The pages the summary stands for. */
  private readonly members = new Map<string, SummaryMember>();
  /** When each recent page arrived, oldest first, to tell a storm from a few pages. */
  private arrivals: number[] = [];
  private summary = { shown: false, stale: false, lastShownAt: -Infinity };
  private summaryTimer?: TimerHandle;

  constructor(private readonly options: IncidentNotificationsOptions) {
    options.notifier.onAction((id, actionId) => this.acted(id, actionId));
  }

  /** Shows the incident at `level` (or updates it in place) at the next flush. */
  show(incident: Incident, level: Level): void {
    const member = this.members.get(incident.key);
    if (member) {
      this.members.set(incident.key, { incident, level: higher(member.level, level) });
      this.summary.stale = true;
    } else {
      this.pending.set(incident.key, { incident, level });
    }
  }

  withdraw(key: string): void {
    this.pending.delete(key);
    if (this.members.delete(key)) this.summary.stale = true;
    if (this.shown.delete(key)) this.options.notifier.close(key);
  }

  /** Puts on screen what was asked for since the last flush. */
  flush(): void {
    const now = this.options.clock.now();
    const arrivedSince = now - stormWindowMs;
    this.arrivals = this.arrivals.filter((at) => at > arrivedSince);
    const fresh = [...this.pending.values()].filter(
      ({ incident }) => !this.shown.has(incident.key),
    );
    const storming = this.members.size > 0 || this.arrivals.length + fresh.length > stormThreshold;
    for (const entry of this.pending.values()) {
      const isFresh = !this.shown.has(entry.incident.key);
      if (isFresh) this.arrivals.push(now);
      if (isFresh && storming) {
        this.members.set(entry.incident.key, entry);
        this.summary.stale = true;
      } else {
        this.showOne(entry.incident, entry.level);
      }
    }
    this.pending.clear();
    if (this.summary.stale) this.refreshSummary();
  }

  /** Takes down the summary's timer; the notifier's own dispose takes down what is shown. */
  stop(): void {
    if (this.summaryTimer) this.options.clock.clearTimeout(this.summaryTimer);
    this.summaryTimer = undefined;
  }

  private showOne(incident: Incident, level: Level): void {
    const { notifier } = this.options;
    const ackable = incident.capabilities.ack && incident.status === 'triggered';
    this.shown.add(incident.key);
    notifier.show({
      id: incident.key,
      title: `${incident.urgency === 'high' ? '▲ HIGH' : '▽ LOW'} · ${incident.service ?? incident.sourceId}`,
      body: truncate(incident.title, maxBodyChars),
      urgency: level,
      actions: ackable && notifier.supportsActions ? [ackAction] : [],
    });
  }

  /** The first showing and the last close go out at once; updates in between are paced. */
  private refreshSummary(): void {
    const { clock, notifier } = this.options;
    if (this.members.size === 0) {
      this.stop();
      this.summary.stale = false;
      if (this.summary.shown) notifier.close(stormSummaryId);
      this.summary.shown = false;
      return;
    }
    const wait = this.summary.lastShownAt + summaryEveryMs - clock.now();
    if (!this.summary.shown || wait <= 0) this.showSummary();
    else this.summaryTimer ??= clock.setTimeout(() => this.showSummary(), wait);
  }

  private showSummary(): void {
    const { clock, notifier, sourceName } = this.options;
    this.stop();
    const members = [...this.members.values()];
    notifier.show({
      ...stormSummary(members, sourceName),
      actions: notifier.supportsActions ? summaryActions(members) : [],
    });
    this.summary = { shown: true, stale: false, lastShownAt: clock.now() };
  }

  /** Called from the notifier's event handlers, so nothing may escape: failures are logged. */
  private acted(id: string, actionId: string): void {
    if (id === stormSummaryId) this.actedOnSummary(actionId);
    else if (this.shown.has(id)) this.actedOn(id, actionId);
  }

  private actedOn(key: string, actionId: string): void {
    if (actionId === ackAction.id) this.ack(key);
    else if (actionId === openAction) this.open(key);
  }

  /** Open shows the newest page of the storm; Ack all acks every page of it that is mine. */
  private actedOnSummary(actionId: string): void {
    const members = [...this.members.values()];
    if (actionId === openAction) {
      const newest = members.at(-1);
      if (newest) this.open(newest.incident.key);
    } else if (actionId === ackAllAction.id) {
      for (const { incident } of members) if (isMineToAck(incident)) this.ack(incident.key);
    }
  }

  private ack(key: string): void {
    void Promise.resolve()
      .then(() => this.options.handlers.ack(key))
      .catch((error: unknown) => this.failed('ack', key, error));
  }

  private open(key: string): void {
    try {
      this.options.handlers.open(key);
    } catch (error) {
      this.failed('open', key, error);
    }
  }

  private failed(actionId: string, key: string, error: unknown): void {
    this.options.log.warn(`${actionId} from a notification failed for ${key}: ${messageOf(error)}`);
  }
}

const higher = (a: Level, b: Level): Level =>
  a === 'critical' || b === 'critical' ? 'critical' : 'normal';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
