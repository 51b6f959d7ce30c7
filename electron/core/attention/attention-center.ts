import type { AttentionView, RingDecision } from '../../common/contract/app-state.js';
import type { IncidentEvent } from '../../common/model/incident-event.js';
import type { Incident } from '../../common/model/incident.js';
import type { Shift } from '../../common/model/shift.js';
import type { SourceStatus } from '../../common/model/source-status.js';
import type { Clock } from '../ports/clock.js';
import type { Log } from '../ports/log.js';
import type { Notifier } from '../ports/notifier.js';
import { defaultAttentionConfig, type AttentionConfig } from '../../common/attention-config.js';
import {
  AttentionEntries,
  deriveAttention,
  deriveDesktop,
  type DerivedAttention,
  type DesktopView,
} from './attention-view.js';
import { BlindWatch } from './blind-watch.js';
import { EscalationLadder } from './escalation-ladder.js';
import type { StageEffect } from './incident-stage.js';
import { IncidentNotifications } from './incident-notifications.js';
import { ShiftReminders, type ShiftReminder } from './shift-reminders.js';

/**
 * Pages handed to the ladder per event-loop turn. A storm's ten thousand go in slices, so an ack
 * or a window's request arriving meanwhile waits for one slice, not for the whole storm.
 */
const eventsPerTurn = 1000;

/**
 * What only a desktop shell can do: move windows. The browser host has none of it. It is told
 * the whole desired state after every change, never a step to replay, so it cannot drift from
 * what the window is shown.
 */
export interface DesktopAttention {
  apply(view: DesktopView): void;
}

export interface AttentionCenterOptions {
  clock: Clock;
  log: Log;
  config: () => AttentionConfig | undefined;
  /**
   * Whether an incident's source rings for it, and why; call `configChanged` when the answer
   * may have changed (a source's setting, the responder going on or off call).
   */
  ringOf(incident: Incident): RingDecision;
  /** OS notifications; without one, the window and tray still carry every rung. */
  notifier?: Notifier;
  desktop?: DesktopAttention;
  /** How often a source is polled, in ms; a source blind for two of these raises an alert. */
  intervalOf(sourceId: string): number | undefined;
  ack(key: string): Promise<unknown>;
  openIncident(key: string): void;
  /** The name the responder gave a source, for storm summaries. */
  sourceName(sourceId: string): string | undefined;
  onChange(): void;
  timeZone?: string;
  /**
   * What the notice at the start of a shift says, once the sources are checked; without it the
   * plain "starts now" reminder is shown.
   */
  shiftStarted?(shift: Shift): Promise<{ title: string; body: string; ok: boolean }>;
  /** One of my shifts just ended (its report is made then). */
  shiftEnded?(shift: Shift): void;
}

/**
 * Everything that gets a responder's attention, in one place: the escalation ladder and what it
 * raises (notifications, the alarm, the window, the takeover), the alert for a blind source,
 * and shift reminders. The alarm and takeover are state the window shows and plays, so they
 * work the same in Electron and in the browser host; they and the desktop window's holds are
 * derived from the ladder's stages, never kept here.
 */
export class AttentionCenter {
  private readonly ladder: EscalationLadder;
  private readonly notifications?: IncidentNotifications;
  private readonly blindWatch: BlindWatch;
  private readonly shiftReminders: ShiftReminders;
  /** What the desktop window was last told, to skip a change it cannot see. */
  private announcedDesktop = '';
  private derived?: DerivedAttention;
  private readonly entries = new AttentionEntries();
  /** Set when every entry must be worked out again (ring settings changed). */
  private entriesStale = true;
  /** Each incident's ring decision, kept while the incident and the settings are unchanged. */
  private ringDecisions = new WeakMap<Incident, RingDecision>();
  private readonly ringOf = (incident: Incident): RingDecision => {
    let decision = this.ringDecisions.get(incident);
    if (!decision) this.ringDecisions.set(incident, (decision = this.options.ringOf(incident)));
    return decision;
  };
  /** Incident events the ladder has not been handed yet, oldest first. */
  private queued: IncidentEvent[] = [];
  private draining?: NodeJS.Immediate;

  constructor(private readonly options: AttentionCenterOptions) {
    const { clock, log, notifier } = options;
    this.notifications = notifier
      ? new IncidentNotifications({
          notifier,
          handlers: { ack: options.ack, open: options.openIncident },
          log,
          clock,
          sourceName: options.sourceName,
        })
      : undefined;
    this.ladder = new EscalationLadder({
      clock,
      log,
      timeZone: options.timeZone,
      config: () => this.config(),
      rings: (incident) => this.ringOf(incident).rings,
      effects: (effect) => this.carryOut(effect),
    });
    this.ladder.onChange(() => this.ladderChanged());
    this.blindWatch = new BlindWatch({
      clock,
      timeZone: options.timeZone,
      intervalOf: options.intervalOf,
      raise: (alert) =>
        notifier?.show({
          id: `blind:${alert.sourceId}`,
          title: alert.title,
          body: alert.body,
          urgency: 'critical',
        }),
      clear: (sourceId) => notifier?.close(`blind:${sourceId}`),
    });
    this.shiftReminders = new ShiftReminders(
      clock,
      (reminder) => this.remindShift(reminder),
      options.timeZone,
      this.shiftReminderLeadMs(),
      options.shiftEnded,
    );
  }

  /** A storm's worth goes to the ladder in slices, one per turn (see `eventsPerTurn`). */
  incidentEvents(events: IncidentEvent[]): void {
    if (this.queued.length === 0 && events.length <= eventsPerTurn) {
      this.ladder.handle(events);
      return;
    }
    for (const event of events) this.queued.push(event);
    this.draining ??= setImmediate(() => this.handleSlice());
  }

  /** The responder acted here: stop the noise now, before the provider confirms. */
  handledLocally(key: string): void {
    this.handleQueuedFor(key);
    this.ladder.acknowledgedLocally(key);
    this.tellWhileQueued();
  }

  /** An ack the provider finally refused: the incident is still unhandled, so climb again. */
  handlingFailed(incident: Incident): void {
    this.handleQueuedFor(incident.key);
    this.ladder.handlingFailed(incident);
    this.tellWhileQueued();
  }

  sourcesChanged(sources: readonly SourceStatus[]): void {
    this.blindWatch.update(sources);
  }

  myShiftsChanged(shifts: readonly Shift[]): void {
    this.shiftReminders.update(shifts);
  }

  configChanged(): void {
    this.ringDecisions = new WeakMap();
    this.entriesStale = true;
    this.ladder.configChanged();
    this.shiftReminders.setStartsSoonMs(this.shiftReminderLeadMs());
  }

  silence(minutes?: number): void {
    this.ladder.silenceAlarm(minutes);
  }

  unsilence(): void {
    this.ladder.unsilence();
  }

  view(): AttentionView {
    return this.derive().view;
  }

  /**
   * The view for the state projector, with the pages whose entries moved since its previous
   * read (undefined: any may have), so a storm's projection compares the few that moved.
   */
  read(): { view: AttentionView; touched: ReadonlySet<string> | undefined } {
    const { view } = this.derive();
    return { view, touched: this.entries.takeTouched() };
  }

  /** Also takes down what is still on screen (and ends any notify-send fallback processes). */
  stop(): void {
    if (this.draining) clearImmediate(this.draining);
    this.draining = undefined;
    this.queued = [];
    this.ladder.stop();
    this.blindWatch.stop();
    this.notifications?.stop();
    this.shiftReminders.stop();
    this.options.notifier?.dispose();
  }

  private remindShift(reminder: ShiftReminder): void {
    const { notifier, shiftStarted, log } = this.options;
    const show = (text: { title: string; body: string }, urgency: 'normal' | 'critical') =>
      notifier?.show({ id: reminder.id, title: text.title, body: text.body, urgency });
    if (reminder.moment !== 'start' || !shiftStarted) {
      show(reminder, 'normal');
      return;
    }
    shiftStarted(reminder.shift).then(
      (notice) => show(notice, notice.ok ? 'normal' : 'critical'),
      (error: unknown) => {
        log.error(`shift start check failed: ${String(error)}`);
        show(reminder, 'normal');
      },
    );
  }

  private handleSlice(): void {
    this.draining = undefined;
    this.ladder.handle(this.queued.splice(0, eventsPerTurn));
    if (this.queued.length > 0) this.draining = setImmediate(() => this.handleSlice());
  }

  /**
   * An action on an incident must find the ladder knowing it, so that incident's queued events
   * go first; the rest of a storm keeps its place in the queue.
   */
  private handleQueuedFor(key: string): void {
    if (!this.queued.some((event) => event.incident.key === key)) return;
    const own = this.queued.filter((event) => event.incident.key === key);
    this.queued = this.queued.filter((event) => event.incident.key !== key);
    this.ladder.handle(own);
  }

  /** What the responder did here is shown at once, even mid-storm (see `ladderChanged`). */
  private tellWhileQueued(): void {
    if (this.queued.length > 0) this.options.onChange();
  }

  private shiftReminderLeadMs(): number {
    return this.config().shiftReminderLeadMinutes * 60_000;
  }

  private config(): AttentionConfig {
    return this.options.config() ?? defaultAttentionConfig;
  }

  /** Read on every state push; derived again only after the ladder moved (or settings did). */
  private derive(): DerivedAttention {
    if (this.derived) return this.derived;
    const touched = this.ladder.takeTouched();
    this.derived = deriveAttention(
      this.ladder.snapshot(),
      this.config(),
      this.ringOf,
      this.entries,
      this.entriesStale ? undefined : touched,
    );
    this.entriesStale = false;
    return this.derived;
  }

  /** Alarm and takeover are read off the stages, so only notifications are carried out here. */
  private carryOut(effect: StageEffect): void {
    if (effect.type === 'notify') this.notifications?.show(effect.incident, effect.level);
    else if (effect.type === 'withdraw') this.notifications?.withdraw(effect.incidentKey);
  }

  /**
   * The projector compares the view with what the window has, so it is simply told; the
   * desktop window is told only what differs, since moving windows is not free.
   */
  private ladderChanged(): void {
    this.notifications?.flush();
    this.derived = undefined;
    const desktop = deriveDesktop(this.ladder.snapshot());
    const announced = JSON.stringify(desktop);
    if (announced !== this.announcedDesktop) {
      this.announcedDesktop = announced;
      this.applyToDesktop(desktop);
    }
    // Mid-storm, the window hears once the queue is through: each telling re-reads every stage,
    // and the incidents themselves reach it without waiting for their stages.
    if (this.queued.length === 0) this.options.onChange();
  }

  /** The window is the shell's; a failure there must not stop the ladder or the state push. */
  private applyToDesktop(desktop: DesktopView): void {
    try {
      this.options.desktop?.apply(desktop);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.options.log.error(`attention: the desktop window failed to follow: ${reason}`);
    }
  }
}
