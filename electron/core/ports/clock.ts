export type TimerHandle = { readonly __timer: unique symbol };

/** Time as the core sees it; tests substitute a fake so nothing sleeps. */
export interface Clock {
  now(): number;
  /**
   * Milliseconds on a clock that never jumps (NTP, sleep), for measuring how long things took.
   * A clock without one (a test's) measures on `now`.
   */
  monotonic?(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms) as unknown as TimerHandle,
  clearTimeout: (handle) => clearTimeout(handle as unknown as NodeJS.Timeout),
};
