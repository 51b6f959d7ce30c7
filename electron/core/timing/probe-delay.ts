/** How a poll ended, as far as the time of the next one goes. */
export type PollEnding =
  | { type: 'answered' }
  /**
   * The poll failed; `elapsedMs` is how long it took, `waitMs` how long the provider asked us to
   * stay away (Retry-After, a rate-limit reset), if it did.
   */
  | { type: 'failed'; elapsedMs: number; waitMs?: number }
  /** A rejected credential or a broken setting: asking again soon cannot fix it, the responder can. */
  | { type: 'needs-responder' };

/** A rejected credential is tried again this often (or once per interval, if that is longer). */
const credentialPaceMs = 60_000;
/**
 * The longest a provider's own wait is honoured: a mistaken or hostile Retry-After must not
 * leave a source unprobed for hours.
 */
const longestProviderWaitMs = 5 * 60_000;
/**
 * A failing source is probed again after 75–100 % of its interval, counted from when the failed
 * poll began: never later than one interval, and spread out so that clients failing together do
 * not come back in lockstep.
 */
const jitterShare = 0.25;

/** How often a source whose credential was rejected is tried again. */
export function credentialPace(intervalMs: number): number {
  return Math.max(credentialPaceMs, intervalMs);
}

/**
 * Delay before the next poll. After an answer: the interval. After a failure: at most one
 * interval from the start of the failed poll, so a source is trusted again within one interval of
 * its fault ending, unless the provider named a longer wait, which is honoured (up to
 * `longestProviderWaitMs`). A rejected credential: the slow credential pace.
 */
export function nextPollDelay(
  intervalMs: number,
  ending: PollEnding,
  random: () => number,
): number {
  switch (ending.type) {
    case 'answered':
      return intervalMs;
    case 'needs-responder':
      return credentialPace(intervalMs);
    case 'failed': {
      const sinceStart = intervalMs * (1 - jitterShare + jitterShare * random());
      const providerWait = Math.min(ending.waitMs ?? 0, longestProviderWaitMs);
      return Math.round(Math.max(sinceStart - ending.elapsedMs, providerWait, 0));
    }
  }
}
