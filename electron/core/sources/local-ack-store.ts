import { CoalescedJsonFile } from '../files/coalesced-json-file.js';
import { readFile, rename } from 'node:fs/promises';
import { z } from 'zod';
import type { Clock } from '../ports/clock.js';
import type { Log } from '../ports/log.js';

/** Per source, per failing check: when it was acknowledged here (ISO-8601). */
const fileSchema = z.object({
  version: z.literal(1),
  sources: z.record(z.string(), z.record(z.string(), z.string())),
});
type AckFile = z.infer<typeof fileSchema>;

interface StoreOptions {
  path: string;
  clock: Clock;
  log: Log;
}

/**
 * The local acks of monitors that have none of their own (Healthchecks.io, Pingdom, NodePing),
 * kept in the data folder so a restart does not ring again for a failure already handled. Each
 * source's acks are written whole when they change; writes queue, one file write at a time.
 */
export class LocalAckStore {
  private readonly file: CoalescedJsonFile;

  private constructor(
    options: StoreOptions,
    private readonly data: AckFile,
  ) {
    this.file = new CoalescedJsonFile(options.path, 'monitor acks', () => this.data, options.log);
  }

  static async open(options: StoreOptions): Promise<LocalAckStore> {
    return new LocalAckStore(options, await readAcks(options));
  }

  /** A source's acks as last saved, by check id. */
  get(sourceId: string): ReadonlyMap<string, string> {
    return new Map(Object.entries(this.data.sources[sourceId] ?? {}));
  }

  set(sourceId: string, acks: ReadonlyMap<string, string>): void {
    if (acks.size === 0) delete this.data.sources[sourceId];
    else this.data.sources[sourceId] = Object.fromEntries(acks);
    void this.file.save();
  }

  /** Drops the acks of sources no longer configured; a source re-added later starts afresh. */
  keepSources(ids: ReadonlySet<string>): void {
    const gone = Object.keys(this.data.sources).filter((id) => !ids.has(id));
    for (const id of gone) delete this.data.sources[id];
    if (gone.length > 0) void this.file.save();
  }

  /** Resolves once what was set so far is on disk (or its failure was logged). */
  flush(): Promise<void> {
    return this.file.flush();
  }
}

/** The file, or a fresh start: a file that cannot be read is moved aside, never deleted. */
async function readAcks({ path, clock, log }: StoreOptions): Promise<AckFile> {
  const fresh: AckFile = { version: 1, sources: {} };
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      log.warn(`monitor acks could not be read from ${path}: ${String(error)}`);
    }
    return fresh;
  }
  let parsed: ReturnType<typeof fileSchema.safeParse> | undefined;
  try {
    parsed = fileSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = undefined;
  }
  if (parsed?.success) return parsed.data;
  const aside = `${path}.corrupt-${new Date(clock.now()).toISOString().replaceAll(':', '-')}`;
  await rename(path, aside).catch(() => undefined);
  log.warn(`monitor acks in ${path} were unreadable; the file was moved to ${aside}`);
  return fresh;
}
