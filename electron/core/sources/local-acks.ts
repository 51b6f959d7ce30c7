import type { Clock } from '../ports/clock.js';
import type { LocalAckStore } from './local-ack-store.js';

/**
 * Acks kept by Onwatch for monitors that have none of their own (Healthchecks.io, Pingdom,
 * NodePing): an ack mutes the failing check here until it recovers. A check that recovers is
 * forgotten, so its next failure rings again. With a store they survive a restart; without one
 * (Test connection, unit tests) a restart rings again, which is the safe way to be wrong.
 */
export class LocalAcks {
  private acked: Map<string, string>;

  constructor(
    private readonly clock: Clock,
    private readonly saved?: { store: LocalAckStore; sourceId: string },
  ) {
    this.acked = new Map(saved?.store.get(saved.sourceId));
  }

  /** Acknowledges `id` now, unless it already was (the first ack's time stays). */
  ack(id: string): void {
    if (this.acked.has(id)) return;
    this.acked.set(id, new Date(this.clock.now()).toISOString());
    this.save();
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
    const changed = kept.size !== this.acked.size;
    this.acked = kept;
    if (changed) this.save();
  }

  private save(): void {
    this.saved?.store.set(this.saved.sourceId, this.acked);
  }
}
