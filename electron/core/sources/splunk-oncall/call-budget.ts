import type { Clock } from '../../ports/clock.js';
import { formatWait } from '../../../common/time-format.js';
import { RateLimiter } from '../rate-limit/rate-limiter.js';

/** Splunk On-Call's limit for the public endpoints we call (PROVIDERS.md §3). */
const callsPerMinute = 60;
const minuteMs = 60_000;
/**
 * A call may wait this long for a free slot; longer, and it would outlast the engine's
 * request timeout, so the caller gets `rate-limited` with the exact wait instead.
 */
const maxWaitMs = 5_000;

/**
 * What every client on one API id shares, since Splunk On-Call counts per API id: a rolling
 * window of 60 call starts a minute (no rolling minute ever holds more, however the server
 * aligns its own), and when each key last worked, for telling throttling from a bad key.
 */
export class CallBudget {
  readonly limiter: RateLimiter;
  /** Last success per API-key fingerprint. */
  private readonly successes = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    limit = callsPerMinute,
  ) {
    this.limiter = new RateLimiter(clock, {
      provider: 'Splunk On-Call',
      window: { limit, windowMs: minuteMs },
      maxWaitMs,
      describeWait: (waitMs) =>
        `holding back to stay within Splunk On-Call's ${limit} calls a minute; next call in ${formatWait(waitMs)}`,
    });
  }

  recordSuccess(keyId: string): void {
    const now = this.clock.now();
    this.successes.set(keyId, now);
    // Only the last minute matters; older entries would only pile up as keys are replaced.
    for (const [key, at] of this.successes) if (now - at >= minuteMs) this.successes.delete(key);
  }

  succeededWithinMinute(keyId: string): boolean {
    const at = this.successes.get(keyId);
    return at !== undefined && this.clock.now() - at < minuteMs;
  }
}
