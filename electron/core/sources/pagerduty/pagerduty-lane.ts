import { createHash } from 'node:crypto';
import type { Clock } from '../../ports/clock.js';
import { SourceError } from '../source-error.js';

/**
 * One API key's requests, one at a time, as PagerDuty asks of clients; and its rate-limit
 * budget, so that once `ratelimit-remaining` reaches 0 nothing is sent before the reset.
 */
export class TokenLane {
  private tail: Promise<void> = Promise.resolve();
  /** Clock time before which the budget is spent; 0 when it is not. */
  private blockedUntil = 0;

  /** Runs `send` after every earlier request on this key has finished and the budget allows. */
  async run<T>(clock: Clock, signal: AbortSignal, send: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let finished!: () => void;
    const mine = new Promise<void>((resolve) => (finished = resolve));
    // Chained on `previous` too, so a request that gives up early never lets the next one
    // overtake a request still in flight.
    this.tail = previous.then(() => mine);
    try {
      await untilAborted(previous, signal);
      await this.waitForBudget(clock, signal);
      return await send();
    } finally {
      finished();
    }
  }

  /** Reads the budget from a response; `resetMs` is how long until it refills. */
  noteBudget(clock: Clock, remaining: number | undefined, resetMs: number | undefined): void {
    if (remaining === 0 && resetMs !== undefined) this.block(clock, resetMs);
  }

  block(clock: Clock, ms: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, clock.now() + ms);
  }

  private async waitForBudget(clock: Clock, signal: AbortSignal): Promise<void> {
    const waitMs = this.blockedUntil - clock.now();
    if (waitMs <= 0) return;
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        clock.clearTimeout(timer);
        const left = Math.max(0, this.blockedUntil - clock.now());
        // Nothing was sent: the engine should wait for the reset, not count a timeout.
        reject(
          new SourceError(
            'rate-limited',
            `PagerDuty rate limit reached, retry in ${Math.ceil(left / 1000)} s`,
            left,
          ),
        );
      };
      const timer = clock.setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, waitMs);
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}

async function untilAborted(turn: Promise<void>, signal: AbortSignal): Promise<void> {
  const timedOut = () =>
    new SourceError('timeout', 'timed out waiting for an earlier PagerDuty request to finish');
  if (signal.aborted) throw timedOut();
  let onAbort!: () => void;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(timedOut());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([turn, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/**
 * PagerDuty counts requests per key, so every source (and every instance of one) using the
 * same key shares a lane. Keys are held only as hashes.
 */
const lanes = new Map<string, TokenLane>();

export function laneFor(token: string): TokenLane {
  const key = createHash('sha256').update(token).digest('hex');
  let lane = lanes.get(key);
  if (!lane) {
    lane = new TokenLane();
    lanes.set(key, lane);
  }
  return lane;
}
