import type { AttentionView } from '../../common/contract/app-state.js';
import type { IncidentEvent } from '../engine/incident-store.js';
import type { Incident } from '../../common/model/incident.js';
import type { Shift } from '../../common/model/shift.js';
import type { SourceStatus } from '../../common/model/source-status.js';
import type { Clock } from '../ports/clock.js';
import type { Log } from '../ports/log.js';
import type { Notifier } from '../ports/notifier.js';
import { alarmVolume } from './alarm-volume.js';
import { defaultAttentionConfig, type AttentionConfig } from './attention-config.js';
import type { AttentionEffects } from './attention-effects.js';
import { BlindWatch } from './blind-watch.js';
import { EscalationLadder } from './escalation-ladder.js';
import { IncidentNotifications } from './incident-notifications.js';
import { ShiftReminders } from './shift-reminders.js';

/** What only a desktop shell can do: move windows. The browser host has none of it. */
export type DesktopAttention = Pick<
  AttentionEffects,
  'bringToFront' | 'releaseFront' | 'takeover' | 'endTakeover'
>;

export interface AttentionCenterOptions {
  clock: Clock;
  log: Log;
  config: () => AttentionConfig | undefined;
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
 * work the same in Electron and in the browser host.
 */
export class AttentionCenter {
  private readonly ladder: EscalationLadder;
  private readonly notifications?: IncidentNotifications;
  private readonly blindWatch: BlindWatch;
  private readonly shiftReminders: ShiftReminders;
  private alarm: AttentionView['alarm'] = null;
  private takeoverKey: string | null = null;
  private silencedUntil?: number;

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
      effects: this.effects(),
    });
    this.ladder.onStagesChanged(() => options.onChange());
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
    if (incident.status === 'triggered') this.ladder.handle([{ type: 'new', incident }]);
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
    const length = minutes ?? this.config().silenceMinutes;
    this.ladder.silenceAlarm(length);
    this.silencedUntil = this.options.clock.now() + length * 60_000;
    this.options.onChange();
  }

  unsilence(): void {
    this.ladder.unsilence();
    this.silencedUntil = undefined;
    this.options.onChange();
  }

  view(): AttentionView {
    const now = this.options.clock.now();
    const silenced = this.silencedUntil !== undefined && this.silencedUntil > now;
    return {
      stages: this.ladder.stages(),
      alarm: silenced ? null : this.alarm,
      takeover: silenced ? null : this.takeoverKey,
      silencedUntil: silenced ? new Date(this.silencedUntil!).toISOString() : undefined,
    };
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

  private effects(): AttentionEffects {
    const { desktop, onChange } = this.options;
    return {
      notify: ({ incident, level }) => this.notifications?.show(incident, level),
      withdrawNotification: (key) => this.notifications?.withdraw(key),
      playAlarm: ({ incidentKey, ring }) => {
        this.alarm = { incidentKey, ring, volume: alarmVolume(ring), sound: this.config().sound };
        onChange();
      },
      stopAlarm: (key) => {
        if (this.alarm?.incidentKey !== key) return;
        this.alarm = null;
        onChange();
      },
      bringToFront: (request) => desktop?.bringToFront(request),
      releaseFront: (key) => desktop?.releaseFront(key),
      takeover: (key) => {
        this.takeoverKey = key;
        desktop?.takeover(key);
        onChange();
      },
      endTakeover: (key) => {
        if (this.takeoverKey === key) this.takeoverKey = null;
        desktop?.endTakeover(key);
        onChange();
      },
    };
  }
}
