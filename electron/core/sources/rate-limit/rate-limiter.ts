import { formatWait } from '../../../common/time-format.js';
import type { Clock, TimerHandle } from '../../ports/clock.js';
import { SourceError } from '../source-error.js';

/**
 * How one provider budget may be spent. Every rule is optional; a limiter applies those given,
 * so the three providers' different limits are one mechanism with different numbers.
 */
export interface RateLimitPolicy {
  /** Names the provider in the errors the limiter raises. */
  provider: string;
  /** Requests in flight at once (PagerDuty asks for one per key); unlimited when absent. */
  concurrency?: number;
  /** At most `limit` request starts in any rolling `windowMs`. */
  window?: { limit: number; windowMs: number };
  /** Least time between two starts. */
  minSpacingMs?: number;
  /**
   * Longest a request may wait for its start. A longer wait fails at once as `rate-limited`
   * with the wait, so the engine reschedules instead of holding a request past its deadline.
   * Unbounded when absent: the caller's signal ends the wait.
   */
  maxWaitMs?: number;
  /** Words for a wait the limiter refuses or gives up on; defaults to "… retry in 30 s". */
  describeWait?: (waitMs: number) => string;
}

/**
 * Paces the requests that spend one provider budget, on the injected clock: in arrival order,
 * at most `concurrency` at a time, within the window and spacing, and never while paused
 * (a 429, Retry-After or an exhausted budget header pauses it).
 *
 * A wait that the caller's signal cuts short is `rate-limited` with the time left when the
 * provider asked for the pause (nothing was sent, so the engine should wait, not count a
 * timeout), and `timeout` when it was our own queue or pacing.
 */
export class RateLimiter {
  private inFlight = 0;
  private readonly waitingTurns: (() => void)[] = [];
  /** Starts inside the current window, taken or reserved, ascending. */
  private starts: number[] = [];
  private nextSpacedStart = 0;
  private pausedUntil = 0;

  constructor(
    private readonly clock: Clock,
    private readonly policy: RateLimitPolicy,
  ) {}

  /** Runs `send` once the budget allows, holding its turn until it settles. */
  async run<T>(signal: AbortSignal, send: () => Promise<T>): Promise<T> {
    await this.takeTurn(signal);
    try {
      await this.waitForStart(signal);
      return await send();
    } finally {
      this.releaseTurn();
    }
  }

  /** Holds every request back for `ms` from now (longer pauses win). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
  }

  /** Requests started within the window that ends now; 0 without a window. */
  recentStarts(): number {
    const now = this.clock.now();
    this.forgetOldStarts(now);
    return this.starts.filter((start) => start <= now).length;
  }

  private takeTurn(signal: AbortSignal): Promise<void> {
    const limit = this.policy.concurrency ?? Infinity;
    if (signal.aborted) return Promise.reject(this.queueTimeout());
    if (this.inFlight < limit && this.waitingTurns.length === 0) {
      this.inFlight++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const wake = () => {
        signal.removeEventListener('abort', onAbort);
        this.inFlight++;
        resolve();
      };
      const onAbort = () => {
        const index = this.waitingTurns.indexOf(wake);
        if (index !== -1) this.waitingTurns.splice(index, 1);
        reject(this.queueTimeout());
      };
      this.waitingTurns.push(wake);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private releaseTurn(): void {
    this.inFlight--;
    this.waitingTurns.shift()?.();
  }

  private async waitForStart(signal: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      const at = Math.max(now, this.pausedUntil, this.nextSpacedStart, this.windowSlot(now));
      const { maxWaitMs } = this.policy;
      // Refusing takes nothing: the caller comes back when told.
      if (maxWaitMs !== undefined && at - now > maxWaitMs) throw this.limited(at - now);
      this.reserve(at);
      try {
        await this.sleep(at - now, signal);
      } catch (error) {
        this.giveBack(at);
        throw error;
      }
      // A pause that arrived while this one waited (another request's 429) applies to it too.
      if (this.pausedUntil <= this.clock.now()) return;
      this.giveBack(at);
    }
  }

  /** The earliest start the rolling window allows. */
  private windowSlot(now: number): number {
    const window = this.policy.window;
    if (!window) return now;
    this.forgetOldStarts(now);
    const oldestCounted = this.starts[this.starts.length - window.limit];
    return oldestCounted === undefined ? now : oldestCounted + window.windowMs;
  }

  private reserve(at: number): void {
    if (this.policy.minSpacingMs !== undefined) {
      this.nextSpacedStart = at + this.policy.minSpacingMs;
    }
    if (!this.policy.window) return;
    const index = this.starts.findIndex((start) => start > at);
    this.starts.splice(index === -1 ? this.starts.length : index, 0, at);
  }

  /** Fewer starts never break a limit, so a start given up is simply forgotten. */
  private giveBack(at: number): void {
    const index = this.starts.indexOf(at);
    if (index !== -1) this.starts.splice(index, 1);
  }

  private forgetOldStarts(now: number): void {
    const windowMs = this.policy.window?.windowMs ?? 0;
    const firstLive = this.starts.findIndex((start) => start + windowMs > now);
    this.starts = firstLive === -1 ? [] : this.starts.slice(firstLive);
  }

  private sleep(ms: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(this.waitCutShort());
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      let timer: TimerHandle | undefined = undefined;
      const onAbort = () => {
        if (timer !== undefined) this.clock.clearTimeout(timer);
        reject(this.waitCutShort());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      timer = this.clock.setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
    });
  }

  private waitCutShort(): SourceError {
    const left = this.pausedUntil - this.clock.now();
    if (left > 0) return this.limited(left);
    return new SourceError('timeout', `gave up waiting for a free ${this.policy.provider} slot`);
  }

  private queueTimeout(): SourceError {
    const { provider } = this.policy;
    return new SourceError('timeout', `timed out waiting for an earlier ${provider} request`);
  }

  private limited(waitMs: number): SourceError {
    const message =
      this.policy.describeWait?.(waitMs) ??
      `${this.policy.provider} rate limit reached, retry in ${formatWait(waitMs)}`;
    return new SourceError('rate-limited', message, { retryAfterMs: waitMs });
  }
}
