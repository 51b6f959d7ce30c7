import type { Clock, TimerHandle } from '../../ports/clock.js';
import { SourceError } from '../source-error.js';

/** Splunk On-Call's limit for the public endpoints we call (PROVIDERS.md §3). */
const callsPerMinute = 60;
export const minuteMs = 60_000;
/**
 * A call may wait this long for a free slot; longer, and it would outlast the engine's
 * request timeout, so the caller gets `rate-limited` with the exact wait instead.
 */
export const maxWaitMs = 5_000;

/**
 * The call budget of one API id: a bucket of 60 tokens in which each token comes back one
 * minute after it was spent. No rolling minute ever holds more than 60 calls, so we stay
 * under the limit however the server aligns its window. A call that finds the bucket empty
 * waits for the oldest token, in arrival order.
 */
export class CallBudget {
  /** When each call in the last minute started (or will start), ascending. */
  private slots: number[] = [];
  private pausedUntil = 0;
  /** Last success per API-key fingerprint, for telling throttling from a bad key. */
  private readonly successes = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly limit = callsPerMinute,
  ) {}

  /** Resolves when a call may be sent; throws `rate-limited` when that is too far away. */
  async acquire(signal: AbortSignal): Promise<void> {
    const now = this.clock.now();
    if (now < this.pausedUntil) throw budgetExhausted(this.pausedUntil - now);
    this.prune(now);
    const oldestCounted = this.slots[this.slots.length - this.limit];
    const slot = oldestCounted === undefined ? now : Math.max(now, oldestCounted + minuteMs);
    if (slot - now > maxWaitMs) throw budgetExhausted(slot - now);
    this.slots.push(slot);
    if (slot > now) await this.waitUntil(slot, signal);
  }

  /** Calls started through this budget in the last minute. */
  recentCalls(): number {
    const now = this.clock.now();
    this.prune(now);
    return this.slots.filter((slot) => slot <= now).length;
  }

  /** Holds every call on this API id back, after the provider said "slow down". */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
  }

  recordSuccess(keyId: string): void {
    this.successes.set(keyId, this.clock.now());
  }

  succeededWithinMinute(keyId: string): boolean {
    const at = this.successes.get(keyId);
    return at !== undefined && this.clock.now() - at < minuteMs;
  }

  private prune(now: number): void {
    const firstLive = this.slots.findIndex((slot) => slot + minuteMs > now);
    this.slots = firstLive === -1 ? [] : this.slots.slice(firstLive);
  }

  private waitUntil(slot: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      let timer: TimerHandle | undefined = undefined;
      const onAbort = () => {
        if (timer !== undefined) this.clock.clearTimeout(timer);
        // Giving the slot back keeps the rest valid: fewer calls never break the limit.
        const index = this.slots.indexOf(slot);
        if (index !== -1) this.slots.splice(index, 1);
        reject(new SourceError('timeout', 'gave up waiting for a free Splunk On-Call call slot'));
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      timer = this.clock.setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, slot - this.clock.now());
    });
  }
}

function budgetExhausted(waitMs: number): SourceError {
  const seconds = Math.ceil(waitMs / 1000);
  return new SourceError(
    'rate-limited',
    `holding back to stay within Splunk On-Call's ${callsPerMinute} calls a minute; next call in ${seconds} s`,
    waitMs,
  );
}

const budgets = new Map<string, CallBudget>();

/**
 * The one budget per API id in this process: the provider counts per API id, so two
 * sources configured with the same id (or a Test connection beside a running source) share it.
 */
export function callBudgetFor(apiId: string, clock: Clock): CallBudget {
  let budget = budgets.get(apiId);
  if (!budget) {
    budget = new CallBudget(clock);
    budgets.set(apiId, budget);
  }
  return budget;
}
