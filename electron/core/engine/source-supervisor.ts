import type { Incident } from '../../common/model/incident.js';
import type { Shift } from '../../common/model/shift.js';
import type { SourceConfig } from '../../common/model/source-config.js';
import type { SourceStatus } from '../../common/model/source-status.js';
import { providerOf } from '../../common/providers/index.js';
import type { Clock, TimerHandle } from '../ports/clock.js';
import type { Log } from '../ports/log.js';
import type { RunningSource, SourceRegistry } from './source-registry.js';
import type { CalendarFeed } from '../sources/source.js';
import { PollFindings } from '../sources/poll-report.js';
import { deepEqual } from './deep-equal.js';
import { PollScheduler, type PollOutcome } from './poll-scheduler.js';
import { scheduleWindowDays } from './schedule-merge.js';

/** What a source is polled for: its incidents (which decide its health) and its rotation. */
type PollKind = 'incidents' | 'schedule';

/** Rotations change rarely; polling them every few minutes keeps well inside rate limits. */
const schedulePollMs = 5 * 60_000;

interface SupervisorHooks {
  /** A source's incidents as its latest poll saw them. */
  incidents(sourceId: string, incidents: Incident[]): void;
  /** A source's shifts as its latest schedule poll saw them. */
  shifts(sourceId: string, shifts: Shift[], feeds?: ReadonlyMap<string, CalendarFeed>): void;
  /**
   * A source stopped. Removed, what it reported is gone with it; restarting (its settings or
   * secrets changed), what it reported stays until its next answer replaces it, so a saved
   * token neither empties the window nor announces every open page again.
   */
  stopped(sourceId: string, restarting: boolean): void;
  /**
   * A source's health may have changed: an incident poll finished, or a failing source went an
   * interval without an answer.
   */
  healthChanged(): void;
  /** A source answered after failing: what waited for it (actions to retry) can go now. */
  recovered(sourceId: string): void;
  /** Some source's status changed: started, stopped, polled, or a poll the responder awaits began. */
  statusChanged(): void;
}

interface SupervisorOptions {
  clock: Clock;
  log: Log;
  random: () => number;
  registry: SourceRegistry;
  hooks: SupervisorHooks;
  /** Whether the fast lane is on now (see `fastLaneChanged`); off when absent. */
  fastLane?: () => boolean;
}

/**
 * Keeps the running sources in step with the settings and polls each one: its incidents on
 * its own interval and, where the provider has rotations, its schedule every few minutes. A
 * source's health follows its incident polls only: a schedule that cannot be read is worth a
 * log line, not a blind source, since pages still flow.
 */
export class SourceSupervisor {
  private readonly scheduler: PollScheduler<PollKind>;
  /** Sources whose next incident poll the responder is waiting for: a first poll, or a refresh. */
  private readonly awaited = new Set<string>();
  /** When each degraded source turns blind unless it answers first. */
  private readonly blindTimers = new Map<string, TimerHandle>();
  /** The interval each source's incidents are polled at now: its own, or its fast lane's. */
  private readonly intervals = new Map<string, number>();

  constructor(private readonly options: SupervisorOptions) {
    this.scheduler = new PollScheduler<PollKind>(
      options.clock,
      (sourceId, kind, outcome) => this.recordOutcome(sourceId, kind, outcome),
      options.random,
    );
  }

  /**
   * Starts, restarts and stops sources so the running set matches `wanted`. A source restarts
   * when its config changed in structure (key order is no change) or when `restart` names it
   * (its secrets changed).
   */
  async reconcile(
    wanted: readonly SourceConfig[],
    restart: ReadonlySet<string> = new Set(),
  ): Promise<void> {
    const { registry, hooks } = this.options;
    for (const running of registry.all()) {
      const id = running.config.id;
      const config = wanted.find((c) => c.id === id);
      if (config && !restart.has(id) && deepEqual(config, running.config)) continue;
      this.scheduler.remove(id);
      this.intervals.delete(id);
      this.cancelBlindTimer(id);
      this.awaited.delete(id);
      registry.stop(id);
      hooks.stopped(id, config !== undefined);
    }
    for (const config of wanted) {
      if (registry.get(config.id)) continue;
      this.startPolling(await registry.start(config));
    }
    hooks.statusChanged();
  }

  /** Polls one source, or every one, because the responder asked: the window shows it polling. */
  async refresh(sourceId?: string): Promise<void> {
    for (const running of this.options.registry.all()) {
      if (sourceId === undefined || running.config.id === sourceId) {
        this.awaited.add(running.config.id);
        running.source.readAfresh?.();
      }
    }
    this.options.hooks.statusChanged();
    await this.scheduler.refresh(sourceId === undefined ? {} : { sourceId });
  }

  /**
   * The fast lane went on or off (a shift began or ended, or the setting changed): sources that
   * have one move to their new interval, with a poll at once, so a shift starts with a fresh look.
   */
  fastLaneChanged(): void {
    for (const running of this.options.registry.all()) {
      const id = running.config.id;
      if (this.intervals.get(id) !== this.incidentIntervalMs(running.config)) {
        this.scheduleIncidents(running);
      }
    }
    this.options.hooks.statusChanged();
  }

  /** Polls a source's incidents at once, quietly: an action landed and the provider moved on. */
  pollIncidentsSoon(sourceId: string): void {
    this.get(sourceId)?.source.readAfresh?.();
    void this.scheduler.refresh({ sourceId, kind: 'incidents' });
  }

  /** Reads a source's schedule at once: a cover landed and the provider has moved on. */
  pollShiftsSoon(sourceId: string): void {
    void this.scheduler.refresh({ sourceId, kind: 'schedule' });
  }

  get(sourceId: string): RunningSource | undefined {
    return this.options.registry.get(sourceId);
  }

  intervalOf(sourceId: string): number | undefined {
    const seconds = this.get(sourceId)?.config.pollIntervalSeconds;
    return seconds === undefined ? undefined : seconds * 1000;
  }

  statuses(): SourceStatus[] {
    return this.options.registry.all().map((running) => this.statusOf(running));
  }

  stop(): void {
    this.scheduler.stop();
    for (const id of [...this.blindTimers.keys()]) this.cancelBlindTimer(id);
    this.options.registry.stopAll();
  }

  private startPolling(running: RunningSource): void {
    const { config, source } = running;
    const timeoutMs = config.timeoutSeconds * 1000;
    this.awaited.add(config.id);
    this.scheduleIncidents(running);
    if (source.fetchShifts) {
      this.scheduler.add(config.id, 'schedule', {
        intervalMs: schedulePollMs,
        timeoutMs,
        run: (signal) => this.pollShifts(running, signal),
      });
    }
  }

  private scheduleIncidents(running: RunningSource): void {
    const intervalMs = this.incidentIntervalMs(running.config);
    this.intervals.set(running.config.id, intervalMs);
    this.scheduler.add(running.config.id, 'incidents', {
      intervalMs,
      // A poll that outlasts its interval only delays the next one, and the truth with it: each
      // ends within the interval, so a healthy source always answers before it could turn blind,
      // and a hung one is probed afresh within an interval of the hang ending.
      timeoutMs: Math.min(running.config.timeoutSeconds * 1000, intervalMs),
      run: (signal) => this.pollIncidents(running, signal),
    });
  }

  /** The source's own interval, or its kind's fast-lane interval while the fast lane is on. */
  private incidentIntervalMs(config: SourceConfig): number {
    const own = config.pollIntervalSeconds * 1000;
    const descriptor = providerOf(config.kind);
    const fast = 'fastLaneSeconds' in descriptor ? descriptor.fastLaneSeconds : undefined;
    return fast !== undefined && this.options.fastLane?.() ? Math.min(own, fast * 1000) : own;
  }

  private async pollIncidents(running: RunningSource, signal: AbortSignal): Promise<void> {
    const generation = running.generation;
    // One poll at a time per source, so the outcome below reads this poll's findings.
    const findings = new PollFindings();
    running.findings = findings;
    const incidents = await running.source.fetchIncidents(signal, findings);
    // Stale if the source was replaced, or an action landed after this poll began.
    if (this.get(running.config.id) !== running || running.generation !== generation) return;
    this.options.hooks.incidents(running.config.id, incidents);
  }

  private async pollShifts(running: RunningSource, signal: AbortSignal): Promise<void> {
    const since = this.options.clock.now();
    const until = since + scheduleWindowDays * 24 * 60 * 60_000;
    const shifts = await running.source.fetchShifts!({ since, until }, signal);
    if (this.get(running.config.id) !== running) return;
    this.options.hooks.shifts(running.config.id, shifts, running.source.calendarFeeds?.());
  }

  private recordOutcome(sourceId: string, kind: PollKind, { error, startedAt }: PollOutcome): void {
    const { log, clock, hooks } = this.options;
    const running = this.get(sourceId);
    if (!running) return;
    if (kind === 'schedule') {
      if (error) log.warn(`${running.config.name} schedule: ${error.message}`);
      return;
    }
    const { findings } = running;
    running.findings = undefined;
    if (error) {
      running.health.recordFailure(error, clock.now(), startedAt, findings);
      log.warn(`${running.config.name}: ${error.message}`);
    } else {
      const wasFailing = running.health.snapshot().consecutiveFailures > 0;
      running.health.recordSuccess(clock.now(), findings);
      if (wasFailing) hooks.recovered(sourceId);
    }
    this.armBlindTimer(running);
    this.awaited.delete(sourceId);
    hooks.healthChanged();
    hooks.statusChanged();
  }

  /**
   * A degraded source whose next probe is far off (a provider's Retry-After) or still running (a
   * hang) must not look better than it is: it turns blind on time, without waiting for a poll.
   */
  private armBlindTimer(running: RunningSource): void {
    const { clock, hooks, log } = this.options;
    const id = running.config.id;
    this.cancelBlindTimer(id);
    const due = running.health.blindAt();
    if (due === undefined) return;
    const timer = clock.setTimeout(() => {
      this.blindTimers.delete(id);
      if (this.get(id) !== running || !running.health.turnBlindIfDue(clock.now())) return;
      log.warn(`${running.config.name}: no answer for an interval, now blind`);
      hooks.healthChanged();
      hooks.statusChanged();
    }, due - clock.now());
    this.blindTimers.set(id, timer);
  }

  private cancelBlindTimer(sourceId: string): void {
    const timer = this.blindTimers.get(sourceId);
    if (timer) this.options.clock.clearTimeout(timer);
    this.blindTimers.delete(sourceId);
  }

  private statusOf({ config, health }: RunningSource): SourceStatus {
    const snapshot = health.snapshot();
    const iso = (ms?: number) => (ms === undefined ? undefined : new Date(ms).toISOString());
    return {
      id: config.id,
      name: config.name,
      kind: config.kind,
      health: snapshot.health,
      lastError: snapshot.lastError,
      lastErrorAt: iso(snapshot.lastErrorAt),
      lastSuccessAt: iso(snapshot.lastSuccessAt),
      consecutiveFailures: snapshot.consecutiveFailures,
      nextPollAt: iso(this.scheduler.nextPollAt(config.id, 'incidents')),
      polling: this.awaited.has(config.id),
      ...(snapshot.notes && { notes: [...snapshot.notes] }),
      ...(snapshot.replicas && { replicas: [...snapshot.replicas] }),
    };
  }
}
