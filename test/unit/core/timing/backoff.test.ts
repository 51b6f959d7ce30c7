import { describe, expect, it } from 'vitest';
import { nextRetryDelay } from '../../../../electron/core/timing/backoff.js';

const policy = { intervalMs: 30_000, maxDelayMs: 300_000 };

describe('nextRetryDelay', () => {
  it('waits one interval after a success', () => {
    expect(nextRetryDelay(policy, 0, () => 0.5)).toBe(30_000);
  });

  it('doubles per consecutive failure, jittered between half and all of it', () => {
    expect(nextRetryDelay(policy, 1, () => 0)).toBe(15_000);
    expect(nextRetryDelay(policy, 1, () => 1)).toBe(30_000);
    expect(nextRetryDelay(policy, 2, () => 1)).toBe(60_000);
    expect(nextRetryDelay(policy, 3, () => 0)).toBe(60_000);
    expect(nextRetryDelay(policy, 3, () => 1)).toBe(120_000);
  });

  it('never waits longer than the cap, however many failures', () => {
    for (const failures of [5, 10, 100, 10_000]) {
      expect(nextRetryDelay(policy, failures, () => 1)).toBe(300_000);
    }
  });

  it('honours a Retry-After longer than the backoff', () => {
    expect(nextRetryDelay(policy, 1, () => 0, 90_000)).toBe(90_000);
    expect(nextRetryDelay(policy, 1, () => 1, 1_000)).toBe(30_000);
  });

  it('uses the interval as the cap when the interval is longer than the cap', () => {
    expect(nextRetryDelay({ intervalMs: 600_000, maxDelayMs: 300_000 }, 4, () => 1)).toBe(600_000);
  });
});
