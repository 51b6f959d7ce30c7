import type { AttentionView, RingDecision } from '../../common/contract/app-state.js';
import type { IncidentEvent } from '../engine/incident-store.js';
import type { Incident } from '../../common/model/incident.js';
import type { Shift } from '../../common/model/shift.js';
import type { SourceStatus } from '../../common/model/source-status.js';
import type { Clock } from '../ports/clock.js';
import type { Log } from '../ports/log.js';
import type { Notifier } from '../ports/notifier.js';
import { defaultAttentionConfig, type AttentionConfig } from '../../common/attention-config.js';
import { deriveAttention, type DerivedAttention, type DesktopView } from './attention-view.js';
import { BlindWatch } from './blind-watch.js';
import { EscalationLadder } from './escalation-ladder.js';
import type { StageEffect } from './incident-stage.js';
import { IncidentNotifications } from './incident-notifications.js';
import { ShiftReminders } from './shift-reminders.js';

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
  onChange(): void;
  timeZone?: string;
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
  /** What was last announced, to skip a change nobody can see. */
  private announced = { view: '', desktop: '' };

  constructor(private readonly options: AttentionCenterOptions) {
    const { clock, log, notifier } = options;
    this.notifications = notifier
      ? new IncidentNotifications(notifier, { ack: options.ack, open: options.openIncident }, log)
      : undefined;
    this.ladder = new EscalationLadder({
      clock,
      log,
      timeZone: options.timeZone,
      config: () => this.config(),
      rings: (incident) => options.ringOf(incident).rings,
      effects: (effect) => this.carryOut(effect),
    });
    this.ladder.onChange(() => this.ladderChanged());
    this.blindWatch = new BlindWatch({
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
      (reminder) => notifier?.show({ ...reminder, urgency: 'normal' }),
      options.timeZone,
    );
  }

  incidentEvents(events: IncidentEvent[]): void {
    this.ladder.handle(events);
  }

  /** The responder acted here: stop the noise now, before the provider confirms. */
  handledLocally(key: string): void {
    this.ladder.acknowledgedLocally(key);
  }

  /** An ack the provider finally refused: the incident is still unhandled, so climb again. */
  handlingFailed(incident: Incident): void {
    this.ladder.handlingFailed(incident);
  }

  sourcesChanged(sources: readonly SourceStatus[]): void {
    this.blindWatch.update(sources, this.options.clock.now());
  }

  myShiftsChanged(shifts: readonly Shift[]): void {
    this.shiftReminders.update(shifts);
  }

  configChanged(): void {
    this.ladder.configChanged();
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

  /** Also takes down what is still on screen, or notify-send children would outlive the app. */
  stop(): void {
    this.ladder.stop();
    this.shiftReminders.stop();
    this.options.notifier?.dispose();
  }

  private config(): AttentionConfig {
    return this.options.config() ?? defaultAttentionConfig;
  }

  private derive(): DerivedAttention {
    return deriveAttention(this.ladder.snapshot(), this.config(), this.options.ringOf);
  }

  /** Alarm and takeover are read off the stages, so only notifications are carried out here. */
  private carryOut(effect: StageEffect): void {
    if (effect.type === 'notify') this.notifications?.show(effect.incident, effect.level);
    else if (effect.type === 'withdraw') this.notifications?.withdraw(effect.incidentKey);
  }

  private ladderChanged(): void {
    const { view, desktop } = this.derive();
    const next = { view: JSON.stringify(view), desktop: JSON.stringify(desktop) };
    const desktopChanged = next.desktop !== this.announced.desktop;
    const viewChanged = next.view !== this.announced.view;
    this.announced = next;
    if (desktopChanged) this.applyToDesktop(desktop);
    if (viewChanged) this.options.onChange();
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
