import { formatWait } from '../../common/time-format.js';
import type { Clock, TimerHandle } from '../ports/clock.js';
import { SourceError } from '../sources/source-error.js';

/**
 * Runs `work` with an AbortSignal that fires after `timeoutMs`, and gives up at that moment
 * even if `work` ignores the signal: a hung provider call must never stall a poll or an ack.
 */
export async function withTimeout<T>(
  clock: Clock,
  timeoutMs: number,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: TimerHandle | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = clock.setTimeout(() => {
      controller.abort();
      reject(new SourceError('timeout', `no answer within ${formatWait(timeoutMs)}`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([work(controller.signal), timeout]);
  } finally {
    if (timer) clock.clearTimeout(timer);
  }
}
