import { createHash } from 'node:crypto';

/** One holder's claim on a shared value; releasing twice is harmless. */
export interface Lease<T> {
  readonly value: T;
  release(): void;
}

/**
 * Rate limiters shared by everything that spends one provider budget: two sources with the same
 * key, or a Test connection beside the running source. Counted by lease, so a key is forgotten
 * when the last source using it is disposed and nothing outlives its users.
 */
export class SharedLimits {
  private readonly entries = new Map<string, { value: unknown; leases: number }>();

  /**
   * The value under `key`, made by `create` for the first holder. Keys start with the
   * provider's kind, so each key only ever holds what that provider's `create` makes.
   */
  lease<T>(key: string, create: () => T): Lease<T> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { value: create(), leases: 0 };
      this.entries.set(key, entry);
    }
    entry.leases++;
    const held = entry;
    let released = false;
    return {
      value: held.value as T,
      release: () => {
        if (released) return;
        released = true;
        if (--held.leases === 0 && this.entries.get(key) === held) this.entries.delete(key);
      },
    };
  }

  /** Keys held right now. */
  get size(): number {
    return this.entries.size;
  }
}

/** Names a credential in a key without keeping it in memory twice. */
export function fingerprint(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
