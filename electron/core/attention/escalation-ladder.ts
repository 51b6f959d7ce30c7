import type { IncidentEvent } from '../engine/incident-store.js';
import type { Incident } from '../../common/model/incident.js';
import type { Clock, TimerHandle } from '../ports/clock.js';
import { silentLog, type Log } from '../ports/log.js';
import type { AttentionConfig, LadderConfig } from './attention-config.js';
import type { AttentionEffects, LadderStage } from './attention-effects.js';
import { inQuietHours, quietHoursEndAfter } from './quiet-hours.js';

/** A ladder rung, or `quiet`: a low-urgency incident held back until quiet hours end. */
export type AttentionStage = LadderStage | 'quiet';

export interface StageView {
  stage: AttentionStage;
  since: string;
  /** When the next rung is due; while quiet, when quiet hours end. */
  nextAt?: string;
  silencedUntil?: string;
}
export type Stages = Record<string, StageView>;
export type StagesListener = (stages: Stages) => void;

export interface EscalationLadderOptions {
  clock: Clock;
  effects: AttentionEffects;
  /** Read at every step, and at once on `configChanged`, so settings apply without a restart. */
  config: () => AttentionConfig;
  /** IANA zone for quiet hours; the system's local zone when undefined. */
  timeZone?: string;
  log?: Log;
}

const rungs: readonly LadderStage[] = ['notified', 'critical', 'repeating', 'takeover'];

const rungAfterSeconds: Record<LadderStage, (ladder: LadderConfig) => number | null> = {
  notified: () => 0,
  critical: (ladder) => ladder.criticalAfterSeconds,
  repeating: (ladder) => ladder.repeatAfterSeconds,
  takeover: (ladder) => ladder.takeoverAfterSeconds,
};

/** One climb up the ladder; a retrigger or the end of quiet hours starts a fresh one. */
interface Climb {
  startedAt: number;
  /** The highest rung reached; undefined while held for quiet hours. */
  reached?: LadderStage;
  since: number;
  timer?: TimerHandle;
  wakeAt?: number;
  /** The alarm repeats from the `repeating` rung on. */
  repeats: boolean;
  nextRingAt?: number;
  rings: number;
  /** A ring fell due while silenced; it plays when the silence ends. */
  ringMuted: boolean;
  // What is raised right now, so ending the climb undoes exactly that.
  notified: boolean;
  sounding: boolean;
  front?: 'pinned' | 'unpinned';
  takenOver: boolean;
}

interface Run extends Climb {
  incident: Incident;
}

/** Every field spelled out, so `Object.assign` also clears what an earlier climb set. */
function freshClimb(now: number): Climb {
  return {
    startedAt: now,
    reached: undefined,
    since: now,
    timer: undefined,
    wakeAt: undefined,
    repeats: false,
    nextRingAt: undefined,
    rings: 0,
    ringMuted: false,
    notified: false,
    sounding: false,
    front: undefined,
    takenOver: false,
  };
}

const rungsAfter = (reached: LadderStage | undefined) =>
  rungs.slice(reached ? rungs.indexOf(reached) + 1 : 0);

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Makes a triggered incident louder over time (notification, critical notification and sound,
 * repeating sound with the window pinned in front, full-screen takeover) until it is
 * acknowledged or resolved, here or at the provider. Each incident climbs on its own timer.
 *
 * Every triggered incident of the responder's sources pages, unless `onlyMine` is set and it is
 * assigned to someone else. Silencing mutes the sound, unpins the window and holds back the
 * takeover for every incident for a few minutes without acknowledging anything; notifications
 * still show, and whatever is still unacknowledged gets loud again when the silence ends.
 * Quiet hours hold back low urgency only: such an incident raises nothing until they end, and
 * then climbs from the start if it is still triggered.
 */
export class EscalationLadder {
  private readonly runs = new Map<string, Run>();
  private readonly listeners = new Set<StagesListener>();
  private readonly clock: Clock;
  private readonly effects: AttentionEffects;
  private readonly log: Log;
  private silencedUntil?: number;
  private silenceTimer?: TimerHandle;
  private lastEmitted = '{}';

  constructor(private readonly options: EscalationLadderOptions) {
    this.clock = options.clock;
    this.log = options.log ?? silentLog;
    this.effects = guarded(options.effects, this.log);
  }

  handle(events: readonly IncidentEvent[]): void {
    for (const event of events) {
      if (event.type === 'resolved') this.end(event.incident.key);
      else if (event.type === 'changed') this.change(event.incident, event.previous);
      else this.appear(event.incident);
    }
    this.emitIfChanged();
  }

  /** The responder acked here: quiet at once, before the provider confirms on the next poll. */
  acknowledgedLocally(key: string): void {
    this.end(key);
    this.emitIfChanged();
  }

  /** Mutes every alarm for `minutes` (the configured silence by default); acks nothing. */
  silenceAlarm(minutes = this.options.config().silenceMinutes): void {
    if (!Number.isFinite(minutes) || minutes <= 0) {
      throw new RangeError(`cannot silence for ${minutes} minutes`);
    }
    const wasSilenced = this.silencedUntil !== undefined;
    if (this.silenceTimer) this.clock.clearTimeout(this.silenceTimer);
    this.silencedUntil = this.clock.now() + minutes * 60_000;
    this.silenceTimer = this.clock.setTimeout(() => this.endSilence(), minutes * 60_000);
    this.log.info(`attention: alarms silenced until ${iso(this.silencedUntil)}`);
    if (!wasSilenced) for (const run of this.runs.values()) this.hush(run);
    this.emitIfChanged();
  }

  unsilence(): void {
    if (this.silenceTimer) this.clock.clearTimeout(this.silenceTimer);
    this.endSilence();
  }

  /**
   * Settings changed: apply them now rather than at each ladder's next step, which a ladder
   * with nothing left to do, or one held for quiet hours, would not reach.
   */
  configChanged(): void {
    for (const run of [...this.runs.values()]) {
      if (!this.pages(run.incident)) this.end(run.incident.key);
      else this.step(run);
    }
    this.emitIfChanged();
  }

  stages(): Stages {
    const config = this.options.config();
    const stages: Stages = {};
    for (const [key, run] of this.runs) {
      const nextAt = run.reached ? this.nextRungAt(run, config) : run.wakeAt;
      stages[key] = {
        stage: run.reached ?? 'quiet',
        since: iso(run.since),
        ...(nextAt !== undefined && { nextAt: iso(nextAt) }),
        ...(this.silencedUntil !== undefined && { silencedUntil: iso(this.silencedUntil) }),
      };
    }
    return stages;
  }

  onStagesChanged(listener: StagesListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Undoes everything raised and cancels every timer. */
  stop(): void {
    for (const key of [...this.runs.keys()]) this.end(key);
    if (this.silenceTimer) this.clock.clearTimeout(this.silenceTimer);
    this.silenceTimer = undefined;
    this.silencedUntil = undefined;
    this.emitIfChanged();
    this.listeners.clear();
  }

  private pages(incident: Incident): boolean {
    return (
      incident.status === 'triggered' && (incident.assignedToMe || !this.options.config().onlyMine)
    );
  }

  /** A `new` incident we already page for (its source was re-created) keeps its rung. */
  private appear(incident: Incident): void {
    const run = this.runs.get(incident.key);
    if (run) run.incident = incident;
    else if (this.pages(incident)) this.start(incident);
  }

  private change(incident: Incident, previous: Incident): void {
    const run = this.runs.get(incident.key);
    if (!this.pages(incident)) this.end(incident.key);
    // A retrigger (or an incident newly assigned to me) climbs afresh, as does one whose
    // urgency changed, since its ladder did. Any other change only refreshes what we show.
    else if (!this.pages(previous) || (run && run.incident.urgency !== incident.urgency)) {
      this.start(incident);
    } else if (run) run.incident = incident;
  }

  private start(incident: Incident): void {
    this.end(incident.key);
    const run: Run = { incident, ...freshClimb(this.clock.now()) };
    this.runs.set(incident.key, run);
    this.step(run);
  }

  private end(key: string): void {
    const run = this.runs.get(key);
    if (!run) return;
    this.lower(run);
    this.runs.delete(key);
    this.log.info(`attention: ${key} off the ladder`);
  }

  /** Enters every rung that has come due, rings if a ring has, and sleeps until the next. */
  private step(run: Run): void {
    const config = this.options.config();
    const now = this.clock.now();
    if (
      run.incident.urgency === 'low' &&
      inQuietHours(config.quietHours, now, this.options.timeZone)
    ) {
      return this.hold(run, config);
    }
    if (!run.reached) run.startedAt = now;
    const ladder = config[run.incident.urgency];
    let ring = run.nextRingAt !== undefined && run.nextRingAt <= now;
    for (const rung of rungsAfter(run.reached)) {
      const after = rungAfterSeconds[rung](ladder);
      if (after === null || run.startedAt + after * 1000 > now) continue;
      ring = this.enter(run, rung) || ring;
    }
    if (ring) this.ring(run, ladder);
    const next = [this.nextRungAt(run, config), run.nextRingAt].filter((at) => at !== undefined);
    this.wake(run, next.length > 0 ? Math.min(...next) : undefined);
  }

  /** Raises what `rung` adds; says whether it rings the alarm. */
  private enter(run: Run, rung: LadderStage): boolean {
    run.reached = rung;
    run.since = this.clock.now();
    this.log.info(`attention: ${run.incident.key} ${rung}`);
    switch (rung) {
      case 'notified':
      case 'critical':
        this.effects.notify({
          incident: run.incident,
          level: rung === 'notified' ? 'normal' : 'critical',
          stage: rung,
        });
        run.notified = true;
        return rung === 'critical';
      case 'repeating':
        run.repeats = true;
        this.bringToFront(run);
        return true;
      case 'takeover':
        if (this.silencedUntil === undefined) this.takeover(run);
        return false;
    }
  }

  private ring(run: Run, ladder: LadderConfig): void {
    run.nextRingAt = undefined;
    if (this.silencedUntil !== undefined) {
      run.ringMuted = true;
      return;
    }
    run.ringMuted = false;
    run.rings += 1;
    this.effects.playAlarm({ incidentKey: run.incident.key, ring: run.rings });
    run.sounding = true;
    if (run.repeats) run.nextRingAt = this.clock.now() + ladder.repeatEverySeconds * 1000;
  }

  private bringToFront(run: Run): void {
    const alwaysOnTop = this.silencedUntil === undefined;
    this.effects.bringToFront({ incidentKey: run.incident.key, alwaysOnTop });
    run.front = alwaysOnTop ? 'pinned' : 'unpinned';
  }

  private takeover(run: Run): void {
    this.effects.takeover(run.incident.key);
    run.takenOver = true;
  }

  private nextRungAt(run: Run, config: AttentionConfig): number | undefined {
    const ladder = config[run.incident.urgency];
    for (const rung of rungsAfter(run.reached)) {
      const after = rungAfterSeconds[rung](ladder);
      if (after !== null) return run.startedAt + after * 1000;
    }
    return undefined;
  }

  private wake(run: Run, at: number | undefined): void {
    if (run.timer) this.clock.clearTimeout(run.timer);
    run.timer = undefined;
    run.wakeAt = at;
    if (at === undefined) return;
    run.timer = this.clock.setTimeout(
      () => {
        run.timer = undefined;
        this.step(run);
        this.emitIfChanged();
      },
      Math.max(0, at - this.clock.now()),
    );
  }

  /** Low urgency in quiet hours: lower anything raised and climb afresh when they end. */
  private hold(run: Run, config: AttentionConfig): void {
    const now = this.clock.now();
    if (run.reached) {
      this.lower(run);
      Object.assign(run, freshClimb(now));
      this.log.info(`attention: ${run.incident.key} held for quiet hours`);
    }
    this.wake(run, quietHoursEndAfter(config.quietHours, now, this.options.timeZone));
  }

  /** Undoes everything the climb raised, loudest first, and cancels its timer. */
  private lower(run: Run): void {
    const key = run.incident.key;
    if (run.timer) this.clock.clearTimeout(run.timer);
    run.timer = undefined;
    if (run.sounding) this.effects.stopAlarm(key);
    if (run.takenOver) this.effects.endTakeover(key);
    if (run.front) this.effects.releaseFront(key);
    if (run.notified) this.effects.withdrawNotification(key);
  }

  /** Silence began: stop the sound, end the takeover, unpin; notifications stay. */
  private hush(run: Run): void {
    const key = run.incident.key;
    if (run.sounding) this.effects.stopAlarm(key);
    run.sounding = false;
    if (run.takenOver) this.effects.endTakeover(key);
    run.takenOver = false;
    if (run.front === 'pinned') this.bringToFront(run);
    if (run.nextRingAt !== undefined) {
      run.nextRingAt = undefined;
      run.ringMuted = true;
      this.wake(run, this.nextRungAt(run, this.options.config()));
    }
  }

  private endSilence(): void {
    if (this.silencedUntil === undefined) return;
    this.silencedUntil = undefined;
    this.silenceTimer = undefined;
    this.log.info('attention: alarms no longer silenced');
    for (const run of this.runs.values()) {
      if (!run.reached) continue;
      if (run.front === 'unpinned') this.bringToFront(run);
      if (run.reached === 'takeover' && !run.takenOver) this.takeover(run);
      // Rung timers kept running, so only the sound is owed: ring now and resume the cadence.
      if (run.ringMuted) run.nextRingAt = this.clock.now();
      this.step(run);
    }
    this.emitIfChanged();
  }

  private emitIfChanged(): void {
    const stages = this.stages();
    const text = JSON.stringify(stages);
    if (text === this.lastEmitted) return;
    this.lastEmitted = text;
    for (const listener of this.listeners) listener(stages);
  }
}

/** A failing effect is logged, never allowed to stop the ladder or the other incidents. */
function guarded(effects: AttentionEffects, log: Log): AttentionEffects {
  const guard =
    <T>(name: string, call: (arg: T) => void) =>
    (arg: T) => {
      try {
        call(arg);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        log.error(`attention: ${name} failed: ${reason}`);
      }
    };
  return {
    notify: guard('notify', effects.notify.bind(effects)),
    withdrawNotification: guard('withdrawNotification', effects.withdrawNotification.bind(effects)),
    playAlarm: guard('playAlarm', effects.playAlarm.bind(effects)),
    stopAlarm: guard('stopAlarm', effects.stopAlarm.bind(effects)),
    bringToFront: guard('bringToFront', effects.bringToFront.bind(effects)),
    releaseFront: guard('releaseFront', effects.releaseFront.bind(effects)),
    takeover: guard('takeover', effects.takeover.bind(effects)),
    endTakeover: guard('endTakeover', effects.endTakeover.bind(effects)),
  };
}
