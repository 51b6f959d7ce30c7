import { describe, expect, it } from 'vitest';
import {
  SharedLimits,
  sharedLimitsFor,
} from '../../../../../electron/core/sources/rate-limit/shared-limits.js';
import { FakeClock } from '../../../../support/fake-clock.js';

describe('SharedLimits', () => {
  it('hands every holder of a key the same value, made once', () => {
    const limits = new SharedLimits();
    let made = 0;
    const create = () => ({ n: ++made });
    const a = limits.lease('pagerduty:k1', create);
    const b = limits.lease('pagerduty:k1', create);
    const other = limits.lease('pagerduty:k2', create);
    expect(a.value).toBe(b.value);
    expect(other.value).not.toBe(a.value);
    expect(made).toBe(2);
  });

  it('forgets a key when its last holder lets go, and counts a double release once', () => {
    const limits = new SharedLimits();
    const a = limits.lease('k', () => ({}));
    const b = limits.lease('k', () => ({}));
    a.release();
    a.release();
    expect(limits.size).toBe(1);
    b.release();
    expect(limits.size).toBe(0);
    const fresh = limits.lease('k', () => ({ fresh: true }));
    expect(fresh.value).toEqual({ fresh: true });
  });

  it('keeps one set of limits per clock', () => {
    const clock = new FakeClock();
    expect(sharedLimitsFor(clock)).toBe(sharedLimitsFor(clock));
    expect(sharedLimitsFor(new FakeClock())).not.toBe(sharedLimitsFor(clock));
  });
});
