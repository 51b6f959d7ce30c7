import type { Clock, TimerHandle } from '../ports/clock.js';
import { toSourceError, type SourceError } from '../sources/source-error.js';
import { nextPollDelay } from './backoff.js';
import { withTimeout } from './with-timeout.js';

export interface PollTask {
  intervalMs: number;
  timeoutMs: number;
  /** One poll; throws on failure. Must honour `signal`, but a task that hangs is cut off anyway. */
  run(signal: AbortSignal): Promise<void>;
}

/** Called after every poll, with the error when it failed. */
export type PollOutcomeListener = (id: string, error?: SourceError) => void;

interface Poller {
  task: PollTask;
  consecutiveFailures: number;
  timer?: TimerHandle;
  nextPollAt?: number;
  inFlight?: Promise<void>;
}

/**
 * Polls each source on its own interval with a hard per-poll timeout, backs off exponentially
 * (with jitter) while a source fails, and polls on demand. An on-demand poll joins one already
 * running rather than starting a second, so a refresh never doubles the provider's load.
 */
export class PollScheduler {
  private readonly pollers = new Map<string, Poller>();

  constructor(
    private readonly clock: Clock,
    private readonly onOutcome: PollOutcomeListener,
    private readonly random: () => number = Math.random,
    private readonly maxDelayMs = 5 * 60_000,
  ) {}

  /** Starts polling `id` at once. */
  add(id: string, task: PollTask): void {
    this.remove(id);
    const poller: Poller = { task, consecutiveFailures: 0 };
    this.pollers.set(id, poller);
    void this.pollNow(id, poller);
  }

  remove(id: string): void {
    const poller = this.pollers.get(id);
    if (!poller) return;
    this.cancelTimer(poller);
    this.pollers.delete(id);
  }

  /** Polls one source, or all, now; resolves when those polls have finished. */
  async refresh(id?: string): Promise<void> {
    const ids = id === undefined ? [...this.pollers.keys()] : [id];
    await Promise.all(
      ids.map((each) => {
        const poller = this.pollers.get(each);
        return poller ? this.pollNow(each, poller) : Promise.resolve();
      }),
    );
  }

  nextPollAt(id: string): number | undefined {
    return this.pollers.get(id)?.nextPollAt;
  }

  isPolling(id: string): boolean {
    return this.pollers.get(id)?.inFlight !== undefined;
  }

  stop(): void {
    for (const id of [...this.pollers.keys()]) this.remove(id);
  }

  private pollNow(id: string, poller: Poller): Promise<void> {
    if (poller.inFlight) return poller.inFlight;
    this.cancelTimer(poller);
    poller.inFlight = this.runOnce(id, poller).finally(() => {
      poller.inFlight = undefined;
    });
    return poller.inFlight;
  }

  private async runOnce(id: string, poller: Poller): Promise<void> {
    let failure: SourceError | undefined;
    try {
      await withTimeout(this.clock, poller.task.timeoutMs, (signal) => poller.task.run(signal));
      poller.consecutiveFailures = 0;
    } catch (error) {
      failure = toSourceError(error);
      poller.consecutiveFailures += 1;
    }

    // A source removed while its poll was running must not come back to life.
    if (this.pollers.get(id) !== poller) return;
    this.schedule(id, poller, failure?.retryAfterMs ?? 0);
    this.onOutcome(id, failure);
  }

  private schedule(id: string, poller: Poller, retryAfterMs: number): void {
    const delay = nextPollDelay(
      { intervalMs: poller.task.intervalMs, maxDelayMs: this.maxDelayMs },
      poller.consecutiveFailures,
      this.random,
      retryAfterMs,
    );
    poller.nextPollAt = this.clock.now() + delay;
    poller.timer = this.clock.setTimeout(() => void this.pollNow(id, poller), delay);
  }

  private cancelTimer(poller: Poller): void {
    if (poller.timer) this.clock.clearTimeout(poller.timer);
    poller.timer = undefined;
    poller.nextPollAt = undefined;
  }
}
