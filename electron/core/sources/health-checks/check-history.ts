import {
  sparklineBuckets,
  sparklineMinutes,
  type CheckView,
} from '../../../common/contract/checks-state.js';

/** One probe as the sparkline needs it: when it came back, whether it passed, how long it took. */
export interface HistoryEntry {
  at: number;
  ok: boolean;
  totalMs: number;
}

/**
 * A check's recent probes in a fixed ring: the oldest is overwritten, so memory stays bounded
 * however often a check is probed (720 is an hour of the shortest interval, 5 s).
 */
export class CheckHistory {
  private readonly entries: (HistoryEntry | undefined)[];
  private next = 0;

  constructor(readonly capacity = 720) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`a history needs room for at least one probe, not ${capacity}`);
    }
    this.entries = new Array<HistoryEntry | undefined>(capacity);
  }

  add(entry: HistoryEntry): void {
    this.entries[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
  }

  /** The probes that came back at or after `since`, oldest first. */
  since(since: number): HistoryEntry[] {
    const ordered = [...this.entries.slice(this.next), ...this.entries.slice(0, this.next)];
    return ordered.filter(
      (entry): entry is HistoryEntry => entry !== undefined && entry.at >= since,
    );
  }

  /**
   * The last hour in fixed buckets, oldest first: each bucket's slowest probe and whether any
   * failed, null where none came back. The window gets 30 numbers, never every probe.
   */
  sparkline(now: number): NonNullable<CheckView['sparkline']> {
    const spanMs = sparklineMinutes * 60_000;
    const bucketMs = spanMs / sparklineBuckets;
    const start = now - spanMs;
    const buckets: NonNullable<CheckView['sparkline']> = new Array(sparklineBuckets).fill(null);
    for (const entry of this.since(start)) {
      const index = Math.min(sparklineBuckets - 1, Math.floor((entry.at - start) / bucketMs));
      const bucket = buckets[index];
      buckets[index] = {
        ms: Math.max(bucket?.ms ?? 0, entry.totalMs),
        failed: (bucket?.failed ?? false) || !entry.ok,
      };
    }
    return buckets;
  }
}
