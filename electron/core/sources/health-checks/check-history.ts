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
type Sparkline = NonNullable<CheckView['sparkline']>;

const bucketMs = (sparklineMinutes * 60_000) / sparklineBuckets;

export class CheckHistory {
  private readonly entries: (HistoryEntry | undefined)[];
  private next = 0;
  private added = 0;
  /** The last sparkline drawn, valid until a probe is added or the current bucket ends. */
  private drawn?: { added: number; bucket: number; line: Sparkline };

  constructor(readonly capacity = 720) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`a history needs room for at least one probe, not ${capacity}`);
    }
    this.entries = new Array<HistoryEntry | undefined>(capacity);
  }

  add(entry: HistoryEntry): void {
    this.entries[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
    this.added++;
  }

  /** The probes that came back at or after `since`, oldest first. */
  since(since: number): HistoryEntry[] {
    const ordered = [...this.entries.slice(this.next), ...this.entries.slice(0, this.next)];
    return ordered.filter(
      (entry): entry is HistoryEntry => entry !== undefined && entry.at >= since,
    );
  }

  /**
   * The last hour in fixed buckets on the clock (the newest is the one `now` is in), oldest
   * first: each bucket's slowest probe and whether any failed, null where none came back. The
   * window gets 30 numbers, never every probe; between probes the very same line comes back,
   * so the Checks page changes only when something new is there to draw.
   */
  sparkline(now: number): Sparkline {
    const bucket = Math.floor(now / bucketMs);
    const drawn = this.drawn;
    if (drawn?.added === this.added && drawn.bucket === bucket) return drawn.line;
    const first = bucket - sparklineBuckets + 1;
    const line: Sparkline = new Array(sparklineBuckets).fill(null);
    for (const entry of this.since(first * bucketMs)) {
      const index = Math.min(sparklineBuckets - 1, Math.floor(entry.at / bucketMs) - first);
      const previous = line[index];
      line[index] = {
        ms: Math.max(previous?.ms ?? 0, entry.totalMs),
        failed: (previous?.failed ?? false) || !entry.ok,
      };
    }
    this.drawn = { added: this.added, bucket, line };
    return line;
  }
}
