import type { Clock } from '../ports/clock.js';
import { sleep } from './sleep.js';
import type { SourceError } from './source-error.js';

/** Status checks come quickly at first, as a provider usually processes a request within a second. */
const checkDelaysMs = [200, 400, 800, 1600];
const maxCheckDelayMs = 2000;
/** About a minute of checking, in case the caller's deadline is longer than that. */
const maxChecks = 32;

/**
 * Waits for the outcome of a request a provider accepted but processes later (Opsgenie's and
 * JSM's 202 with a request id): `check` answers undefined until the outcome is known. When the
 * deadline passes, or the checks run out, the action is `pending`: it may still happen.
 */
export async function awaitRequestOutcome<T>(
  clock: Clock,
  signal: AbortSignal,
  check: () => Promise<T | undefined>,
  pending: SourceError,
): Promise<T> {
  for (let attempt = 0; attempt < maxChecks; attempt++) {
    try {
      await sleep(clock, checkDelaysMs[attempt] ?? maxCheckDelayMs, signal);
      const outcome = await check();
      if (outcome !== undefined) return outcome;
    } catch (error) {
      // The deadline passed while the provider held the action, wherever in the wait it struck.
      throw signal.aborted ? pending : error;
    }
  }
  throw pending;
}
