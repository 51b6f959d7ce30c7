import { setMaxListeners } from 'node:events';
import type { Clock, TimerHandle } from '../../ports/clock.js';
import type { CheckStatus } from './check-status.js';
import { ConcurrencyLimit } from './concurrency-limit.js';
import { isUnsure } from './flap-control.js';
import type { Probe } from './probes/run-probe.js';

/** Probes at once, across every check of a source: loopback-cheap, and kind to a slow link. */
export const maxConcurrentProbes = 16;

/**
 * Probes each check on its own timer, off the poll path: a check's interval while it is sure,
 * its source's retry interval while it is unsure (a first failure, a first pass after an
 * outage). A probe never overlaps itself; "Run now" joins one in flight.
 */
export class CheckScheduler {
  private readonly limit = new ConcurrencyLimit(maxConcurrentProbes);
  private readonly timers = new Map<string, TimerHandle>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly stopped = new AbortController();

  constructor(
    private readonly statuses: readonly CheckStatus[],
    private readonly deps: {
      clock: Clock;
      probe: Probe;
      retryEveryMs: number;
      /** A probe's result was recorded. */
      recorded?: (status: CheckStatus) => void;
    },
  ) {
    // Every probe in flight listens for the stop: as many as the cap lets run.
    setMaxListeners(maxConcurrentProbes + 1, this.stopped.signal);
  }

  start(): void {
    for (const status of this.statuses) void this.runNow(status);
  }

  /** Probes the check now (or waits for the probe already running), then schedules the next. */
  runNow(status: CheckStatus): Promise<void> {
    const running = this.inFlight.get(status.id);
    if (running) return running;
    this.cancelTimer(status.id);
    const probe = this.probeOnce(status).finally(() => this.inFlight.delete(status.id));
    this.inFlight.set(status.id, probe);
    return probe;
  }

  stop(): void {
    this.stopped.abort();
    for (const id of [...this.timers.keys()]) this.cancelTimer(id);
  }

  private async probeOnce(status: CheckStatus): Promise<void> {
    const { clock, probe } = this.deps;
    const result = await this.limit.run(() => probe(status.check, this.stopped.signal));
    if (this.stopped.signal.aborted) return;
    status.record(result, clock.now());
    this.deps.recorded?.(status);
    const delay = isUnsure(status.flap.state)
      ? Math.min(this.deps.retryEveryMs, status.check.intervalSeconds * 1000)
      : status.check.intervalSeconds * 1000;
    this.timers.set(
      status.id,
      clock.setTimeout(() => {
        this.timers.delete(status.id);
        void this.runNow(status);
      }, delay),
    );
  }

  private cancelTimer(id: string): void {
    const timer = this.timers.get(id);
    if (timer) this.deps.clock.clearTimeout(timer);
    this.timers.delete(id);
  }
}
