import type { Clock } from '../ports/clock.js';

/** A restart follows its stop at once; a source re-added later starts afresh. */
const freshForMs = 60_000;

/**
 * What a stopped source leaves for the one that replaces it: the same id restarted with new
 * settings. Local health checks keep their flap state and acks this way, so editing the checks
 * during an outage neither resolves its incident nor rings it again. Taken once.
 */
export class SourceHandover {
  private readonly left = new Map<string, { at: number; state: unknown }>();

  constructor(private readonly clock: Clock) {}

  leave(sourceId: string, state: unknown): void {
    this.left.set(sourceId, { at: this.clock.now(), state });
  }

  take(sourceId: string): unknown {
    const entry = this.left.get(sourceId);
    this.left.delete(sourceId);
    if (!entry || this.clock.now() - entry.at > freshForMs) return undefined;
    return entry.state;
  }
}
