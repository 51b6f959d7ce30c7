import type { Clock } from '../ports/clock.js';

/**
 * Acks kept by Onwatch for monitors that have none of their own (Healthchecks.io, Pingdom,
 * NodePing): an ack mutes the failing check here until it recovers. A check that recovers is
 * forgotten, so its next failure rings again. Kept in memory: a restart rings again for what
 * is still failing, which is the safe way to be wrong.
 */
export class LocalAcks {
  private acked = new Map<string, string>();

  constructor(private readonly clock: Clock) {}

  /** Acknowledges `id` now, unless it already was (the first ack's time stays). */
  ack(id: string): void {
    if (!this.acked.has(id)) this.acked.set(id, new Date(this.clock.now()).toISOString());
  }

  /** When `id` was acknowledged here, or undefined while it is not. */
  at(id: string): string | undefined {
    return this.acked.get(id);
  }

  /** Forgets every ack of a check no longer failing. */
  keepOnly(failing: Iterable<string>): void {
    const kept = new Map<string, string>();
    for (const id of failing) {
      const at = this.acked.get(id);
      if (at !== undefined) kept.set(id, at);
    }
    this.acked = kept;
  }
}
