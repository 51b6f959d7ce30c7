import { formatWait } from '../../common/time-format.js';
import type { Clock, TimerHandle } from '../ports/clock.js';
import { SourceError } from '../sources/source-error.js';

/**
 * Statuspage allows each API key one request per second, measured over a rolling minute, and
 * refuses the rest with 420 or 429 (the spec's "Rate Limiting"). So a key's calls draw from a
 * token bucket (a small burst, then one per second) and, so the burst never tips a minute over,
 * at most `perSecond × windowMs` starts in any window, kept a margin short for network jitter.
 */
export interface BudgetPolicy {
  perSecond: number;
  burst: number;
  windowMs: number;
  /** Added to the window, so requests that arrive a little closer than they left still fit. */
  marginMs: number;
}

export const statuspageBudgetPolicy: BudgetPolicy = {
  perSecond: 1,
  burst: 3,
  windowMs: 60_000,
  marginMs: 250,
};

/** Writes are what a responder is waiting on; they go before queued reads. */
export type RequestPriority = 'write' | 'read';

interface Waiter {
  priority: RequestPriority;
  start: () => void;
}

/** One API key's budget, shared by every call made with the key (reads and the reminder poll included). */
export class StatuspageBudget {
  /** When the bucket would be empty again if nothing else were sent (the GCRA's "TAT"). */
  private emptyAt: number;
  /** Starts within the last window, oldest first. */
  private starts: number[] = [];
  private pausedUntil = 0;
  private readonly waiting: Waiter[] = [];
  private timer?: TimerHandle;

  constructor(
    private readonly clock: Clock,
    private readonly policy: BudgetPolicy = statuspageBudgetPolicy,
  ) {
    this.emptyAt = clock.now();
  }

  /** Runs `send` once the budget allows; the caller's signal ends the wait. */
  async run<T>(priority: RequestPriority, signal: AbortSignal, send: () => Promise<T>): Promise<T> {
    await this.take(priority, signal);
    return send();
  }

  /** Nothing starts for `ms` from now: Statuspage said 420/429 (longer pauses win). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
    this.pump();
  }

  private take(priority: RequestPriority, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(this.waitCutShort());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        priority,
        start: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        const index = this.waiting.indexOf(waiter);
        if (index !== -1) this.waiting.splice(index, 1);
        reject(this.waitCutShort());
        this.pump();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      // Behind every write already waiting, ahead of every read if this is a write.
      const index =
        priority === 'write' ? this.waiting.findIndex((w) => w.priority === 'read') : -1;
      this.waiting.splice(index === -1 ? this.waiting.length : index, 0, waiter);
      this.pump();
    });
  }

  /** Starts whoever may start now, and wakes up when the next may. */
  private pump(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    while (this.waiting.length > 0) {
      const now = this.clock.now();
      const at = this.nextStartAt(now);
      if (at > now) {
        this.timer = this.clock.setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, at - now);
        return;
      }
      this.emptyAt = Math.max(this.emptyAt, now) + this.intervalMs();
      this.starts.push(now);
      this.waiting.shift()!.start();
    }
  }

  private nextStartAt(now: number): number {
    const { perSecond, burst, windowMs, marginMs } = this.policy;
    // A token is free once the bucket is at most `burst - 1` intervals from empty.
    const tokenAt = this.emptyAt - (burst - 1) * this.intervalMs();
    const span = windowMs + marginMs;
    this.starts = this.starts.filter((start) => start + span > now);
    const limit = Math.max(1, Math.floor((perSecond * windowMs) / 1000));
    const oldestCounted = this.starts[this.starts.length - limit];
    const windowAt = oldestCounted === undefined ? now : oldestCounted + span;
    return Math.max(now, this.pausedUntil, tokenAt, windowAt);
  }

  private intervalMs(): number {
    return Math.ceil(1000 / this.policy.perSecond);
  }

  private waitCutShort(): SourceError {
    const left = this.pausedUntil - this.clock.now();
    if (left > 0) {
      return new SourceError(
        'rate-limited',
        `Statuspage asked us to slow down; trying again in ${formatWait(left)}`,
        { retryAfterMs: left },
      );
    }
    return new SourceError('timeout', 'gave up waiting for a turn to call Statuspage');
  }
}
