import type { Clock } from '../ports/clock.js';
import { SourceError } from './source-error.js';

/** Waits `ms` on the injected clock; an abort ends the wait as a timeout. */
export function sleep(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(new SourceError('timeout', 'the request timed out'));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clock.clearTimeout(timer);
      reject(new SourceError('timeout', 'the request timed out'));
    };
    const timer = clock.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
