import { describe, expect, it } from 'vitest';
import { sparklineBuckets } from '../../../../../electron/common/contract/checks-state.js';
import { CheckHistory } from '../../../../../electron/core/sources/health-checks/check-history.js';

const minute = 60_000;
// Mid-way through a two-minute bucket: the newest bucket runs from 10:00 to 10:02.
const now = Date.parse('2026-11-22T10:01:00Z');

describe('a check’s history', () => {
  it('keeps only its capacity, overwriting the oldest probe first', () => {
    const history = new CheckHistory(3);
    for (let i = 1; i <= 5; i++) history.add({ at: i, ok: true, totalMs: i * 10 });
    expect(history.since(0).map((entry) => entry.at)).toEqual([3, 4, 5]);
    expect(history.since(4).map((entry) => entry.at)).toEqual([4, 5]);
  });

  it('refuses a ring with no room', () => {
    expect(() => new CheckHistory(0)).toThrow(/at least one probe/);
  });

  it('sums the last hour into buckets: the slowest probe of each, and whether any failed', () => {
    const history = new CheckHistory();
    history.add({ at: now - 61 * minute, ok: false, totalMs: 9_999 }); // older than the hour
    history.add({ at: now - 59 * minute, ok: true, totalMs: 12 });
    history.add({ at: now - 59 * minute + 30_000, ok: false, totalMs: 40 });
    history.add({ at: now - 1_000, ok: true, totalMs: 7 });
    history.add({ at: now, ok: true, totalMs: 5 });

    const buckets = history.sparkline(now);
    expect(buckets).toHaveLength(sparklineBuckets);
    expect(buckets[0]).toEqual({ ms: 40, failed: true });
    expect(buckets.slice(1, -1).every((bucket) => bucket === null)).toBe(true);
    expect(buckets.at(-1)).toEqual({ ms: 7, failed: false });
  });

  it('draws the very same line until a probe comes back or the current bucket ends', () => {
    const history = new CheckHistory();
    history.add({ at: now - 5 * minute, ok: true, totalMs: 20 });
    const line = history.sparkline(now);
    expect(history.sparkline(now + 30_000)).toBe(line);
    history.add({ at: now + 40_000, ok: false, totalMs: 90 });
    const withProbe = history.sparkline(now + 45_000);
    expect(withProbe).not.toBe(line);
    expect(withProbe.at(-1)).toEqual({ ms: 90, failed: true });
    // The next bucket begins at 10:02: everything moves one to the left.
    const later = history.sparkline(now + 2 * minute);
    expect(later.at(-2)).toEqual({ ms: 90, failed: true });
    expect(later.at(-1)).toBeNull();
  });

  it('has nothing to draw before the first probe', () => {
    expect(new CheckHistory().sparkline(now).every((bucket) => bucket === null)).toBe(true);
  });
});
