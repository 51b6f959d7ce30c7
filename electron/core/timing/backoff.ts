export interface BackoffPolicy {
  intervalMs: number;
  /** Never wait longer than this between attempts, however many failed. */
  maxDelayMs: number;
}

/**
 * Delay before an action's next attempt (polls have their own rule, in probe-delay.ts). With no
 * failure yet: the interval. After failures: the interval doubled per consecutive failure, capped, with "equal jitter" (50–100 %) so many clients recovering
 * from one outage don't hit the provider in lockstep. A provider's Retry-After always wins.
 */
export function nextRetryDelay(
  policy: BackoffPolicy,
  consecutiveFailures: number,
  random: () => number,
  retryAfterMs = 0,
): number {
  if (consecutiveFailures === 0) return policy.intervalMs;
  const exponential = policy.intervalMs * 2 ** Math.min(consecutiveFailures - 1, 20);
  const capped = Math.min(Math.max(policy.maxDelayMs, policy.intervalMs), exponential);
  const jittered = capped / 2 + (capped / 2) * random();
  return Math.max(Math.round(jittered), retryAfterMs);
}
