import type { Clock, TimerHandle } from '../ports/clock.js';
import { toSourceError, type SourceError } from '../sources/source-error.js';
import { nextPollDelay, type PollEnding } from '../timing/probe-delay.js';
import { withTimeout } from './with-timeout.js';

export interface PollTask {
  intervalMs: number;
  /** One deadline for the whole poll, every request in it from DNS to the last body byte. */
  timeoutMs: number;
  /** One poll; throws on failure. Must honour `signal`, but a task that hangs is cut off anyway. */
  run(signal: AbortSignal): Promise<void>;
}

/** How one poll went: when it began, and its error when it failed. */
export interface PollOutcome {
  startedAt: number;
  error?: SourceError;
}

/** Called after every poll of a source's task of one kind. */
type PollOutcomeListener<Kind extends string> = (
  sourceId: string,
  kind: Kind,
  outcome: PollOutcome,
) => void;

/** Which polls `refresh` starts: every task, a source's tasks, or one kind of task. */
interface PollFilter<Kind extends string> {
  sourceId?: string;
  kind?: Kind;
}

interface Poller {
  task: PollTask;
  timer?: TimerHandle;
  nextPollAt?: number;
  inFlight?: Promise<void>;
}

/**
 * Polls each source's tasks (one per kind, e.g. its incidents and its rotation) on their own
 * intervals with a hard per-poll timeout, keeps probing a failing task at least once per
 * interval (longer only when the provider names a wait, or a credential was rejected; see
 * `nextPollDelay`), and polls on demand. An on-demand poll joins one already running rather
 * than starting a second, so a refresh never doubles the provider's load.
 */
export class PollScheduler<Kind extends string> {
  private readonly pollers = new Map<string, Map<Kind, Poller>>();

  constructor(
    private readonly clock: Clock,
    private readonly onOutcome: PollOutcomeListener<Kind>,
    private readonly random: () => number = Math.random,
  ) {}

  /** Starts polling the source's task of this kind at once, replacing any it had. */
  add(sourceId: string, kind: Kind, task: PollTask): void {
    this.remove(sourceId, kind);
    const poller: Poller = { task };
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
    const startedAt = this.clock.now();
    let error: SourceError | undefined;
    try {
      await withTimeout(this.clock, poller.task.timeoutMs, (signal) => poller.task.run(signal));
    } catch (thrown) {
      error = toSourceError(thrown);
    }

    // A task removed while its poll was running must not come back to life.
    if (this.pollers.get(sourceId)?.get(kind) !== poller) return;
    this.schedule(sourceId, kind, poller, ending(error, this.clock.now() - startedAt));
    this.onOutcome(sourceId, kind, { startedAt, error });
  }

  private schedule(sourceId: string, kind: Kind, poller: Poller, end: PollEnding): void {
    const delay = nextPollDelay(poller.task.intervalMs, end, this.random);
    poller.nextPollAt = this.clock.now() + delay;
    poller.timer = this.clock.setTimeout(() => void this.pollNow(sourceId, kind, poller), delay);
  }

  private cancelTimer(poller: Poller): void {
    if (poller.timer) this.clock.clearTimeout(poller.timer);
    poller.timer = undefined;
    poller.nextPollAt = undefined;
  }
}

function ending(error: SourceError | undefined, elapsedMs: number): PollEnding {
  if (!error) return { type: 'answered' };
  if (error.kind === 'auth' || error.kind === 'config') return { type: 'needs-responder' };
  return { type: 'failed', elapsedMs, waitMs: error.retryAfterMs };
}
