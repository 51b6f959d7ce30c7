import { describe, expect, it } from 'vitest';
import { sparklineBuckets } from '../../../../../electron/common/contract/checks-state.js';
import { CheckHistory } from '../../../../../electron/core/sources/health-checks/check-history.js';

const minute = 60_000;
const now = Date.parse('2026-11-22T10:00:00Z');

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

  it('has nothing to draw before the first probe', () => {
    expect(new CheckHistory().sparkline(now).every((bucket) => bucket === null)).toBe(true);
  });
});
