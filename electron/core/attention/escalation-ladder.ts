import type { IncidentEvent } from '../../common/model/incident-event.js';
import { createEmitter } from '../../common/emitter.js';
import type { Incident } from '../../common/model/incident.js';
import type { Clock, TimerHandle } from '../ports/clock.js';
import { logBatch, silentLog, type BatchLines, type Log } from '../ports/log.js';
import type { AttentionConfig } from '../../common/attention-config.js';
import type { LadderSnapshot } from './attention-view.js';
import {
  transition,
  type IncidentStage,
  type LadderContext,
  type StageEffect,
  type StageEvent,
} from './incident-stage.js';

export interface EscalationLadderOptions {
  clock: Clock;
  /** Carries out an effect; it is never awaited, and one that throws is logged and skipped. */
  effects: (effect: StageEffect) => void;
  /** Read at every step, and at once on `configChanged`, so settings apply without a restart. */
  config: () => AttentionConfig;
  /**
   * Whether the responder's sources ring for this incident; asked like `config`, so call
   * `configChanged` when its answer may have changed (a ring setting, a shift starting).
   */
  rings(incident: Incident): boolean;
  /** IANA zone for quiet hours; the system's local zone when undefined. */
  timeZone?: string;
  log?: Log;
}

const iso = (ms: number) => new Date(ms).toISOString();

const stageEventOf = (event: IncidentEvent): StageEvent =>
  event.type === 'new' ? { type: 'appeared', incident: event.incident } : event;

/** The events that show an incident as it now is; a resolved one carries its last state. */
const stillOpen = (
  event: StageEvent,
): event is Extract<StageEvent, { type: 'appeared' | 'changed' | 'handling-failed' }> =>
  event.type === 'appeared' || event.type === 'changed' || event.type === 'handling-failed';

const labelOf = (stage: IncidentStage | undefined) =>
  stage === undefined
    ? 'off the ladder'
    : stage.kind === 'quiet'
      ? 'held for quiet hours'
      : stage.rung;

/** An incident that moved to another stage, for the log. */
interface StageMove {
  key: string;
  label: string;
}

const moveLines: BatchLines<StageMove> = {
  kind: (move) => move.label,
  text: (move) => `${move.key} ${move.label}`,
};

/**
 * Makes a triggered incident louder over time (notification, critical notification and sound,
 * repeating sound with the window pinned in front, full-screen takeover) until it is
 * acknowledged or resolved, here or at the provider. It owns every incident's stage: each moves
 * by the pure `transition`, waking at its own time, and everything else reads the stages.
 *
 * Silencing mutes the sound, unpins the window and holds back the takeover for every incident
 * for a few minutes without acknowledging anything; notifications still show, and whatever is
 * still unacknowledged gets loud again when the silence ends. Quiet hours hold back low urgency
 * only: such an incident raises nothing until they end, and then climbs from the start if it is
 * still triggered.
 */
export class EscalationLadder {
  private readonly stages = new Map<string, IncidentStage>();
  /**
   * Triggered incidents their source does not ring for (someone else's pages): kept so that a
   * change of setting or of shift can start them climbing at once.
   */
  private readonly listedQuietly = new Map<string, Incident>();
  /** When each incident next wakes, and who wakes at each instant. */
  private readonly wakeTimes = new Map<string, number>();
  private readonly wakeUps = new Map<number, { keys: Set<string>; timer: TimerHandle }>();
  private readonly changes = createEmitter();
  private readonly clock: Clock;
  private readonly log: Log;
  private silence?: { until: number; timer: TimerHandle };
  private latestRing?: { incidentKey: string; at: number };
  /** Stage moves since the last change, logged together. */
  private moves: StageMove[] = [];
  /** Incidents whose stage or quiet listing may have moved since `takeTouched` last ran. */
  private touched = new Set<string>();

  constructor(private readonly options: EscalationLadderOptions) {
    this.clock = options.clock;
    this.log = options.log ?? silentLog;
  }

  handle(events: readonly IncidentEvent[]): void {
    for (const event of events) this.dispatch(event.incident.key, stageEventOf(event));
    this.changed();
  }

  /** The responder acted here: quiet at once, before the provider confirms on the next poll. */
  acknowledgedLocally(key: string): void {
    this.dispatch(key, { type: 'handled-locally' });
    this.changed();
  }

  /** The provider refused the action for good: the incident climbs again if still triggered. */
  handlingFailed(incident: Incident): void {
    this.dispatch(incident.key, { type: 'handling-failed', incident });
    this.changed();
  }

  /** Mutes every alarm for `minutes` (the configured silence by default); acks nothing. */
  silenceAlarm(minutes = this.options.config().silenceMinutes): void {
    if (!Number.isFinite(minutes) || minutes <= 0) {
      throw new RangeError(`cannot silence for ${minutes} minutes`);
    }
    const beginning = this.silence === undefined;
    if (this.silence) this.clock.clearTimeout(this.silence.timer);
    const until = this.clock.now() + minutes * 60_000;
    this.silence = {
      until,
      timer: this.clock.setTimeout(() => this.unsilence(), minutes * 60_000),
    };
    this.log.info(`attention: alarms silenced until ${iso(until)}`);
    if (beginning) {
      // The sound playing now is cut off; whatever rings after the silence is a new ring.
      this.latestRing = undefined;
      this.dispatchAll({ type: 'silence' });
    }
    this.changed();
  }

  unsilence(): void {
    if (!this.silence) return;
    this.clock.clearTimeout(this.silence.timer);
    this.silence = undefined;
    this.log.info('attention: alarms no longer silenced');
    this.dispatchAll({ type: 'unsilence' });
    this.changed();
  }

  /**
   * Settings changed: apply them now rather than at each incident's next step, which one with
   * nothing left to do, or one held for quiet hours, would not reach.
   */
  configChanged(): void {
    const quiet = [...this.listedQuietly];
    this.dispatchAll({ type: 'config-changed' });
    for (const [key, incident] of quiet) {
      if (this.options.rings(incident)) this.dispatch(key, { type: 'appeared', incident });
    }
    this.changed();
  }

  snapshot(): LadderSnapshot {
    return {
      stages: this.stages,
      listedQuietly: this.listedQuietly,
      silencedUntil: this.silence?.until,
      latestRing: this.latestRing,
    };
  }

  /**
   * The incidents dispatched since the last call, so a reader of the stages can work out only
   * those again (a storm's ack moves one of ten thousand).
   */
  takeTouched(): ReadonlySet<string> {
    const touched = this.touched;
    this.touched = new Set();
    return touched;
  }

  /** Called after every change, with the stages settled; read them with `snapshot`. */
  onChange(listener: () => void): () => void {
    return this.changes.on(listener);
  }

  /** Takes down everything raised and cancels every timer. */
  stop(): void {
    this.dispatchAll({ type: 'stopped' });
    this.listedQuietly.clear();
    if (this.silence) this.clock.clearTimeout(this.silence.timer);
    this.silence = undefined;
    this.changed();
    this.changes.clear();
  }

  private dispatchAll(event: StageEvent): void {
    for (const key of [...this.stages.keys()]) this.dispatch(key, event);
  }

  private dispatch(key: string, event: StageEvent): void {
    const now = this.clock.now();
    this.touched.add(key);
    const before = this.stages.get(key);
    const { state, effects, wakeAt } = transition(before, event, now, this.context());
    if (state) this.stages.set(key, state);
    else this.stages.delete(key);
    this.listQuietly(key, event, before, state);
    this.wakeAt(key, wakeAt);
    const label = labelOf(state);
    if (label !== labelOf(before)) this.moves.push({ key, label });
    for (const effect of effects) {
      if (effect.type === 'ring') this.latestRing = { incidentKey: key, at: now };
      this.handOut(effect);
    }
  }

  /** A triggered incident off the ladder is one its source does not ring for. */
  private listQuietly(
    key: string,
    event: StageEvent,
    before: IncidentStage | undefined,
    after: IncidentStage | undefined,
  ): void {
    const latest = stillOpen(event)
      ? event.incident
      : event.type === 'config-changed'
        ? before?.incident
        : undefined;
    if (!after && latest?.status === 'triggered') this.listedQuietly.set(key, latest);
    else this.listedQuietly.delete(key);
  }

  private context(): LadderContext {
    return {
      config: this.options.config(),
      timeZone: this.options.timeZone,
      silenced: this.silence !== undefined,
      rings: this.options.rings,
    };
  }

  /**
   * Each incident wakes at its own time; those due at the same instant (a poll's worth of pages
   * climbing side by side) share one clock timer and move in one batch, so a storm costs one
   * timer and one change per instant, not one per incident.
   */
  private wakeAt(key: string, at: number | undefined): void {
    const current = this.wakeTimes.get(key);
    if (current === at) return;
    if (current !== undefined) {
      this.wakeTimes.delete(key);
      const group = this.wakeUps.get(current)!;
      group.keys.delete(key);
      if (group.keys.size === 0) {
        this.clock.clearTimeout(group.timer);
        this.wakeUps.delete(current);
      }
    }
    if (at === undefined) return;
    this.wakeTimes.set(key, at);
    const group = this.wakeUps.get(at);
    if (group) group.keys.add(key);
    else {
      const timer = this.clock.setTimeout(() => this.wake(at), Math.max(0, at - this.clock.now()));
      this.wakeUps.set(at, { keys: new Set([key]), timer });
    }
  }

  private wake(at: number): void {
    const keys = this.wakeUps.get(at)?.keys ?? new Set<string>();
    this.wakeUps.delete(at);
    for (const key of keys) {
      this.wakeTimes.delete(key);
      this.dispatch(key, { type: 'timer' });
    }
    this.changed();
  }

  /** A failing effect is logged, never allowed to stop the ladder or the other incidents. */
  private handOut(effect: StageEffect): void {
    try {
      this.options.effects(effect);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.log.error(`attention: ${effect.type} failed: ${reason}`);
    }
  }

  private changed(): void {
    logBatch(this.log, this.moves, moveLines, 'attention: ');
    this.moves = [];
    this.changes.emit();
  }
}
