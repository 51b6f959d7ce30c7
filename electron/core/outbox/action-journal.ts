import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z, type ZodType } from 'zod';
import { incidentActionSchema } from '../../common/model/action.js';
import { incidentSchema } from '../../common/model/incident.js';
import { writeFileAtomically } from '../files/atomic-write.js';
import type { Log } from '../ports/log.js';

/** What the incident outbox writes down: one action on one incident. */
export const journalEntrySchema = z.object({
  id: z.string(),
  incident: incidentSchema,
  action: incidentActionSchema,
  createdAt: z.number(),
  follows: z.string().optional(),
});
export type JournalEntry = z.infer<typeof journalEntrySchema>;

/** Every outbox's entry carries at least these; the rest is what its deliverer needs. */
export interface OutboxEntry {
  id: string;
  createdAt: number;
  /** The entry this one was written for once that one was confirmed (see `followUp`). */
  follows?: string;
}

/** One line of the journal. Replaying them in order rebuilds every action's state. */
export type JournalRecord<E extends OutboxEntry> =
  | { t: 'queued'; entry: E }
  | { t: 'sending'; id: string; at: number }
  | { t: 'retry'; id: string; at: number; error: string; nextAttemptAt: number }
  | { t: 'done'; id: string; at: number }
  | { t: 'failed'; id: string; at: number; error: string }
  | { t: 'dismissed'; id: string };

/** The record schema for a journal whose entries `entrySchema` describes. */
export function journalRecordSchema<E extends OutboxEntry>(
  entrySchema: ZodType<E>,
): ZodType<JournalRecord<E>> {
  return z.discriminatedUnion('t', [
    z.object({ t: z.literal('queued'), entry: entrySchema }),
    z.object({ t: z.literal('sending'), id: z.string(), at: z.number() }),
    z.object({
      t: z.literal('retry'),
      id: z.string(),
      at: z.number(),
      error: z.string(),
      nextAttemptAt: z.number(),
    }),
    z.object({ t: z.literal('done'), id: z.string(), at: z.number() }),
    z.object({ t: z.literal('failed'), id: z.string(), at: z.number(), error: z.string() }),
    z.object({ t: z.literal('dismissed'), id: z.string() }),
  ]) as ZodType<JournalRecord<E>>;
}

/**
 * An append-only file of JSON lines, each flushed to disk before `append` resolves: an action
 * is on disk before it is sent, and its outcome is on disk before anyone is told. Lines that
 * arrive while a flush is under way go to disk together with one flush (a bulk ack of fifty
 * costs a few flushes, not a hundred and fifty), so their sends start together too. A crash can
 * cut the last line short; reading skips such a line and says so.
 */
export class ActionJournal<E extends OutboxEntry> {
  private handle?: FileHandle;
  private waiting: { line: string; settle: (error?: unknown) => void }[] = [];
  /** The flush under way, if any; it takes every line that arrives meanwhile. */
  private flushing?: Promise<void>;

  private constructor(
    private readonly path: string,
    private readonly log: Log,
  ) {}

  /**
   * Reads every record, then rewrites the file with just `keep` of them and returns those. The
   * rewrite replaces the file whole, so a crash during it leaves the old journal to replay.
   */
  static async open<E extends OutboxEntry>(
    path: string,
    log: Log,
    schema: ZodType<JournalRecord<E>>,
    keep: (records: JournalRecord<E>[]) => JournalRecord<E>[],
  ): Promise<{ journal: ActionJournal<E>; records: JournalRecord<E>[] }> {
    const records = await readRecords(path, log, schema);
    const kept = keep(records);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writeFileAtomically(path, kept.map((r) => `${JSON.stringify(r)}\n`).join(''));
    const journal = new ActionJournal<E>(path, log);
    journal.handle = await open(path, 'a', 0o600);
    return { journal, records: kept };
  }

  append(record: JournalRecord<E>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const line = `${JSON.stringify(record)}\n`;
      this.waiting.push({ line, settle: (error) => (error ? reject(error) : resolve()) });
      this.flushing ??= this.flush();
    });
  }

  async close(): Promise<void> {
    await this.flushing;
    await this.handle?.close();
    this.handle = undefined;
  }

  private async flush(): Promise<void> {
    // Yield once, so appends made in the same turn (a batch's sends starting) share the flush.
    await Promise.resolve();
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0);
      let failure: unknown;
      try {
        if (!this.handle) throw new Error('the action journal is closed');
        await this.handle.write(batch.map((each) => each.line).join(''));
        await this.handle.datasync();
      } catch (error) {
        // One failed write must not wedge the ones after it.
        failure = error;
        this.log.error(`action journal: ${String(error)}`);
      }
      for (const each of batch) each.settle(failure);
    }
    this.flushing = undefined;
  }
}

async function readRecords<E extends OutboxEntry>(
  path: string,
  log: Log,
  schema: ZodType<JournalRecord<E>>,
): Promise<JournalRecord<E>[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return [];
    throw error;
  }
  const records: JournalRecord<E>[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let parsed: ReturnType<typeof schema.safeParse>;
    try {
      parsed = schema.safeParse(JSON.parse(line));
    } catch {
      parsed = { success: false } as typeof parsed;
    }
    if (parsed.success) records.push(parsed.data);
    else log.warn(`action journal ${path}: skipped unreadable line ${index + 1}`);
  });
  return records;
}
