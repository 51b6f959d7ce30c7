import type { Clock, TimerHandle } from '../ports/clock.js';
import { toSourceError, type SourceError } from '../sources/source-error.js';
import { nextPollDelay } from '../timing/backoff.js';
import { withTimeout } from './with-timeout.js';

export interface PollTask {
  intervalMs: number;
  timeoutMs: number;
  /** One poll; throws on failure. Must honour `signal`, but a task that hangs is cut off anyway. */
  run(signal: AbortSignal): Promise<void>;
}

/** Called after every poll of a source's task of one kind, with the error when it failed. */
type PollOutcomeListener<Kind extends string> = (
  sourceId: string,
  kind: Kind,
  error?: SourceError,
) => void;

/** Which polls `refresh` starts: every task, a source's tasks, or one kind of task. */
interface PollFilter<Kind extends string> {
  sourceId?: string;
  kind?: Kind;
}

interface Poller {
  task: PollTask;
  consecutiveFailures: number;
  timer?: TimerHandle;
  nextPollAt?: number;
  inFlight?: Promise<void>;
}

/**
 * Polls each source's tasks (one per kind, e.g. its incidents and its rotation) on their own
 * intervals with a hard per-poll timeout, backs off exponentially (with jitter) while a task
 * fails, and polls on demand. An on-demand poll joins one already running rather than starting
 * a second, so a refresh never doubles the provider's load.
 */
export class PollScheduler<Kind extends string> {
  private readonly pollers = new Map<string, Map<Kind, Poller>>();

  constructor(
    private readonly clock: Clock,
    private readonly onOutcome: PollOutcomeListener<Kind>,
    private readonly random: () => number = Math.random,
    private readonly maxDelayMs = 5 * 60_000,
  ) {}

  /** Starts polling the source's task of this kind at once, replacing any it had. */
  add(sourceId: string, kind: Kind, task: PollTask): void {
    this.remove(sourceId, kind);
    const poller: Poller = { task, consecutiveFailures: 0 };
    const kinds = this.pollers.get(sourceId) ?? new Map<Kind, Poller>();
    kinds.set(kind, poller);
    this.pollers.set(sourceId, kinds);
    void this.pollNow(sourceId, kind, poller);
  }

  /** Stops one kind of the source's polls, or all of them. */
  remove(sourceId: string, kind?: Kind): void {
    const kinds = this.pollers.get(sourceId);
    if (!kinds) return;
    for (const [each, poller] of kinds) {
      if (kind !== undefined && each !== kind) continue;
      this.cancelTimer(poller);
      kinds.delete(each);
    }
    if (kinds.size === 0) this.pollers.delete(sourceId);
  }

  /** Polls what `filter` picks (everything by default) now; resolves when those polls finished. */
  async refresh(filter: PollFilter<Kind> = {}): Promise<void> {
    const polls: Promise<void>[] = [];
    for (const [sourceId, kinds] of this.pollers) {
      if (filter.sourceId !== undefined && sourceId !== filter.sourceId) continue;
      for (const [kind, poller] of kinds) {
        if (filter.kind === undefined || kind === filter.kind) {
          polls.push(this.pollNow(sourceId, kind, poller));
        }
      }
    }
    await Promise.all(polls);
  }

  nextPollAt(sourceId: string, kind: Kind): number | undefined {
    return this.pollers.get(sourceId)?.get(kind)?.nextPollAt;
  }

  isPolling(sourceId: string, kind: Kind): boolean {
    return this.pollers.get(sourceId)?.get(kind)?.inFlight !== undefined;
  }

  stop(): void {
    for (const sourceId of [...this.pollers.keys()]) this.remove(sourceId);
  }

  private pollNow(sourceId: string, kind: Kind, poller: Poller): Promise<void> {
    if (poller.inFlight) return poller.inFlight;
    this.cancelTimer(poller);
    poller.inFlight = this.runOnce(sourceId, kind, poller).finally(() => {
      poller.inFlight = undefined;
    });
    return poller.inFlight;
  }

  private async runOnce(sourceId: string, kind: Kind, poller: Poller): Promise<void> {
    let failure: SourceError | undefined;
    try {
      await withTimeout(this.clock, poller.task.timeoutMs, (signal) => poller.task.run(signal));
      poller.consecutiveFailures = 0;
    } catch (error) {
      failure = toSourceError(error);
      poller.consecutiveFailures += 1;
    }

    // A task removed while its poll was running must not come back to life.
    if (this.pollers.get(sourceId)?.get(kind) !== poller) return;
    this.schedule(sourceId, kind, poller, failure?.retryAfterMs ?? 0);
    this.onOutcome(sourceId, kind, failure);
  }

  private schedule(sourceId: string, kind: Kind, poller: Poller, retryAfterMs: number): void {
    const delay = nextPollDelay(
      { intervalMs: poller.task.intervalMs, maxDelayMs: this.maxDelayMs },
      poller.consecutiveFailures,
      this.random,
      retryAfterMs,
    );
    poller.nextPollAt = this.clock.now() + delay;
    poller.timer = this.clock.setTimeout(() => void this.pollNow(sourceId, kind, poller), delay);
  }

  private cancelTimer(poller: Poller): void {
    if (poller.timer) this.clock.clearTimeout(poller.timer);
    poller.timer = undefined;
    poller.nextPollAt = undefined;
  }
}
