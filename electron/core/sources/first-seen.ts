import type { Clock } from '../ports/clock.js';

/**
 * When each item began, as far as Onwatch saw: for an item the provider sent without a
 * creation time, when it was first seen. The time must stay put from poll to poll: "now" on
 * every poll would make the incident look changed each time and move it around the list.
 */
export class FirstSeen {
  private seen = new Map<string, string>();

  constructor(private readonly clock: Clock) {}

  /**
   * The time remembered for `id`; the first time, `first` (when given) or now. Replicas of one
   * cluster may date one alert a few milliseconds apart, and a failover must not move it.
   */
  at(id: string, first?: string): string {
    let at = this.seen.get(id);
    if (at === undefined) {
      at = first ?? new Date(this.clock.now()).toISOString();
      this.seen.set(id, at);
    }
    return at;
  }

  /** Forgets every id not in `current`, so the memory is only as large as the open list. */
  keepOnly(current: Iterable<string>): void {
    const kept = new Map<string, string>();
    for (const id of current) {
      const at = this.seen.get(id);
      if (at !== undefined) kept.set(id, at);
    }
    this.seen = kept;
  }
}
