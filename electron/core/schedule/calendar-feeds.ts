import { createHash } from 'node:crypto';
import { z } from 'zod';
import { createEmitter } from '../../common/emitter.js';
import type { Log } from '../ports/log.js';
import { secretAccount, type SecretStore } from '../ports/secret-store.js';
import type { CalendarFeed } from '../sources/source.js';

/** Which schedule has a live feed: all the window is told until it asks for the address. */
export interface FeedRef {
  sourceId: string;
  scheduleId: string;
}

const storedFeedSchema = z.object({
  webcalUrl: z.string().startsWith('webcal://'),
  httpsUrl: z.string().startsWith('https://').optional(),
});

const feedAccount = (sourceId: string, scheduleId: string) =>
  secretAccount(sourceId, `calendar-feed:${scheduleId}`);

/** Enough to tell a feed changed without keeping its address in memory. */
const fingerprint = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * The providers' live calendar feeds. Their addresses are bearer secrets, so each goes to the
 * keychain as a source's schedule read finds it, and comes out only when the responder asks
 * to subscribe or copy it; the app state says no more than which schedules have one.
 */
export class CalendarFeeds {
  /** The list of schedules with a feed changed. */
  readonly changed = createEmitter();
  /** Source → schedule → fingerprint of what the keychain holds. */
  private readonly stored = new Map<string, Map<string, string>>();
  /** Keychain writes in order, so a later read never races an earlier one. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly secrets: SecretStore,
    private readonly log: Log,
  ) {}

  list(): FeedRef[] {
    return [...this.stored].flatMap(([sourceId, schedules]) =>
      [...schedules.keys()].sort().map((scheduleId) => ({ sourceId, scheduleId })),
    );
  }

  /**
   * The feeds a source's latest schedule read found: new or changed ones are written, those
   * no longer there are deleted. A feed the keychain refuses is left out of the list.
   */
  record(sourceId: string, feeds: ReadonlyMap<string, CalendarFeed>): Promise<void> {
    // As the poll found them: the source's map moves on with its next read.
    const found = [...feeds];
    return this.enqueue(async () => {
      const before = this.stored.get(sourceId) ?? new Map<string, string>();
      const after = new Map<string, string>();
      for (const [scheduleId, feed] of found) {
        const checked = storedFeedSchema.safeParse(feed);
        if (!checked.success) continue;
        const value = JSON.stringify(checked.data);
        const print = fingerprint(value);
        if (before.get(scheduleId) !== print) {
          try {
            await this.secrets.set(feedAccount(sourceId, scheduleId), value);
          } catch (error) {
            this.log.warn(`calendar feed of ${scheduleId} not kept: ${errorText(error)}`);
            continue;
          }
        }
        after.set(scheduleId, print);
      }
      for (const scheduleId of before.keys()) {
        if (!after.has(scheduleId)) await this.deleteQuietly(sourceId, scheduleId);
      }
      if (after.size > 0) this.stored.set(sourceId, after);
      else this.stored.delete(sourceId);
      if (!sameKeys(before, after)) this.changed.emit();
    });
  }

  /** The address, read from the keychain; undefined when this schedule has no feed kept. */
  async get(sourceId: string, scheduleId: string): Promise<CalendarFeed | undefined> {
    await this.queue;
    if (!this.stored.get(sourceId)?.has(scheduleId)) return undefined;
    const value = await this.secrets.get(feedAccount(sourceId, scheduleId));
    return value === undefined ? undefined : parseStored(value);
  }

  /** A source removed: its feeds leave the keychain with it. */
  forget(sourceId: string): Promise<void> {
    return this.enqueue(async () => {
      const schedules = this.stored.get(sourceId);
      if (!schedules) return;
      this.stored.delete(sourceId);
      for (const scheduleId of schedules.keys()) await this.deleteQuietly(sourceId, scheduleId);
      this.changed.emit();
    });
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => {});
    return next;
  }

  private async deleteQuietly(sourceId: string, scheduleId: string): Promise<void> {
    try {
      await this.secrets.delete(feedAccount(sourceId, scheduleId));
    } catch (error) {
      this.log.warn(`calendar feed of ${scheduleId} not removed: ${errorText(error)}`);
    }
  }
}

function parseStored(value: string): CalendarFeed | undefined {
  try {
    return storedFeedSchema.safeParse(JSON.parse(value)).data;
  } catch {
    return undefined;
  }
}

function sameKeys(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): boolean {
  return a.size === b.size && [...a.keys()].every((key) => b.has(key));
}

/** The keychain's own message; it never contains the value passed in. */
function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
