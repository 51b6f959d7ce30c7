import { randomUUID } from 'node:crypto';
import type { ZodType } from 'zod';
import { formatDuration } from '../../common/time-format.js';
import type { ActionContext } from '../../common/model/action.js';
import { nextRetryDelay } from '../timing/backoff.js';
import type { Clock, TimerHandle } from '../ports/clock.js';
import type { Log } from '../ports/log.js';
import { toSourceError } from '../sources/source-error.js';
import {
  ActionJournal,
  journalRecordSchema,
  type JournalRecord,
  type OutboxEntry,
} from './action-journal.js';

type OutboxState = 'pending' | 'failed' | 'done';

/** An entry as the outbox follows it: written down, then sent until confirmed or refused. */
export type OutboxItem<E extends OutboxEntry> = E & {
  state: OutboxState;
  attempts: number;
  lastError?: string;
  nextAttemptAt?: number;
  completedAt?: number;
  dismissed: boolean;
};

export interface DurableOutboxOptions<E extends OutboxEntry> {
  path: string;
  clock: Clock;
  log: Log;
  /** Validates each entry read back from the journal. */
  entrySchema: ZodType<E>;
  /** Two entries that mean the same intent; a pending one absorbs the newcomer. */
  sameIntent: (pending: E, next: Omit<E, 'id' | 'createdAt'>) => boolean;
  /** Sends one entry; resolves once the provider confirmed it. */
  deliver: (entry: E, context: ActionContext) => Promise<void>;
  /**
   * What to send once `entry` is confirmed, as an entry of its own (a note typed with an ack).
   * It is written down before `entry` counts as done, and at most once per entry.
   */
  followUp?: (entry: E) => Omit<E, 'id' | 'createdAt' | 'follows'> | undefined;
  onChange: () => void;
  /** Told when an entry fails for good, so whoever acted on its hope can undo that. */
  onFailed?: (item: OutboxItem<E>) => void;
  random?: () => number;
  firstRetryMs?: number;
  maxRetryMs?: number;
  /** After this long an entry that never got through is reported failed, not retried forever. */
  giveUpAfterMs?: number;
  /** How long a confirmed entry stays listed, so the UI can say "done". */
  showDoneForMs?: number;
}

/**
 * Writes each entry down before it is sent and retries it with backoff until its deliverer
 * confirms it or it is refused for good. After a crash the journal is replayed and unfinished
 * entries resume; an entry whose last attempt may have reached the provider is resent with
 * `mayHaveBeenSent`, so its deliverer can check before applying it twice. What an entry is
 * (an ack, a status-page post) is the caller's: it brings the schema and the deliverer.
 */
export class DurableOutbox<E extends OutboxEntry> {
  private readonly items = new Map<string, OutboxItem<E>>();
  private readonly timers = new Map<string, TimerHandle>();
  private readonly sending = new Set<string>();
  private stopped = false;

  private constructor(
    private readonly journal: ActionJournal<E>,
    private readonly options: Required<DurableOutboxOptions<E>>,
  ) {}

  static async open<E extends OutboxEntry>(
    options: DurableOutboxOptions<E>,
  ): Promise<DurableOutbox<E>> {
    const settled: Required<DurableOutboxOptions<E>> = {
      random: Math.random,
      firstRetryMs: 2_000,
      maxRetryMs: 5 * 60_000,
      giveUpAfterMs: 24 * 60 * 60_000,
      showDoneForMs: 2 * 60_000,
      onFailed: () => {},
      followUp: () => undefined,
      ...options,
    };
    const { journal, records } = await ActionJournal.open(
      options.path,
      options.log,
      journalRecordSchema(options.entrySchema),
      keepUnfinished,
    );
    const outbox = new DurableOutbox(journal, settled);
    for (const item of replay(records).values()) outbox.items.set(item.id, item);
    return outbox;
  }

  /** Starts (or restarts, after a crash) every entry not yet confirmed. */
  resume(): void {
    for (const item of this.items.values()) {
      if (item.state === 'pending') this.scheduleAt(item, item.nextAttemptAt ?? 0);
    }
  }

  /**
   * Writes the entry down, then sends it. While an entry of the same intent is still pending
   * (a double click, the tray and a shortcut at once) that one is returned instead.
   */
  async enqueue(fields: Omit<E, 'id' | 'createdAt'>): Promise<OutboxItem<E>> {
    const duplicate = [...this.items.values()].find(
      (item) => item.state === 'pending' && this.options.sameIntent(item, fields),
    );
    if (duplicate) return duplicate;
    const entry = { ...fields, id: randomUUID(), createdAt: this.now() } as E;
    await this.journal.append({ t: 'queued', entry });
    const queued = { ...entry, state: 'pending', attempts: 0, dismissed: false } as OutboxItem<E>;
    this.items.set(entry.id, queued);
    this.options.onChange();
    this.scheduleAt(queued, 0);
    return queued;
  }

  async retry(id: string): Promise<void> {
    const item = this.require(id);
    if (item.state !== 'failed') return;
    const at = this.now();
    await this.journal.append({
      t: 'retry',
      id,
      at,
      error: item.lastError ?? '',
      nextAttemptAt: at,
    });
    Object.assign(item, { state: 'pending', nextAttemptAt: at, createdAt: at });
    this.options.onChange();
    this.scheduleAt(item, at);
  }

  /** Sends the pending entries `which` picks at once, instead of at their next retry. */
  sendNow(which: (item: OutboxItem<E>) => boolean): void {
    const now = this.now();
    let moved = false;
    for (const item of this.items.values()) {
      if (item.state !== 'pending' || this.sending.has(item.id) || !which(item)) continue;
      item.nextAttemptAt = now;
      this.scheduleAt(item, now);
      moved = true;
    }
    if (moved) this.options.onChange();
  }

  async dismiss(id: string): Promise<void> {
    const item = this.require(id);
    if (item.state === 'pending') throw new Error('A pending action cannot be dismissed.');
    await this.journal.append({ t: 'dismissed', id });
    item.dismissed = true;
    this.options.onChange();
  }

  /** Pending and failed entries, and recently confirmed ones, oldest first. */
  list(): OutboxItem<E>[] {
    const now = this.now();
    return [...this.items.values()]
      .filter(
        (a) =>
          !a.dismissed &&
          (a.state !== 'done' || now - (a.completedAt ?? 0) < this.options.showDoneForMs),
      )
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  pending(): OutboxItem<E>[] {
    return this.list().filter((a) => a.state === 'pending');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) this.options.clock.clearTimeout(timer);
    this.timers.clear();
    await this.journal.close();
  }

  private scheduleAt(item: OutboxItem<E>, at: number): void {
    const existing = this.timers.get(item.id);
    if (existing) this.options.clock.clearTimeout(existing);
    const timer = this.options.clock.setTimeout(
      () => {
        this.timers.delete(item.id);
        void this.attempt(item);
      },
      Math.max(0, at - this.now()),
    );
    this.timers.set(item.id, timer);
  }

  private async attempt(item: OutboxItem<E>): Promise<void> {
    if (this.stopped || this.sending.has(item.id) || item.state !== 'pending') return;
    this.sending.add(item.id);
    const mayHaveBeenSent = item.attempts > 0;
    try {
      await this.record(item, { t: 'sending', id: item.id, at: this.now() });
      await this.options.deliver(item, { actionId: item.id, mayHaveBeenSent });
      const next = await this.writeFollowUp(item);
      await this.record(item, { t: 'done', id: item.id, at: this.now() });
      if (next) this.scheduleAt(next, 0);
    } catch (error) {
      await this.recordFailure(item, error);
    } finally {
      this.sending.delete(item.id);
      if (!this.stopped) this.options.onChange();
    }
  }

  /**
   * Writes down what follows a confirmed entry, unless an earlier attempt did: that attempt
   * was cut short before its entry was done, and `resume()` sends what it wrote.
   */
  private async writeFollowUp(item: OutboxItem<E>): Promise<OutboxItem<E> | undefined> {
    const fields = this.options.followUp(item);
    if (!fields) return undefined;
    if ([...this.items.values()].some((other) => other.follows === item.id)) return undefined;
    const entry = { ...fields, follows: item.id, id: randomUUID(), createdAt: this.now() } as E;
    await this.journal.append({ t: 'queued', entry });
    const queued = { ...entry, state: 'pending', attempts: 0, dismissed: false } as OutboxItem<E>;
    this.items.set(entry.id, queued);
    return queued;
  }

  private async recordFailure(item: OutboxItem<E>, error: unknown): Promise<void> {
    if (this.stopped) return;
    const failure = toSourceError(error);
    const now = this.now();
    const expired = now - item.createdAt >= this.options.giveUpAfterMs;
    if (failure.kind === 'rejected' || expired) {
      const reason = expired
        ? `gave up after ${formatDuration(now - item.createdAt, { units: 1 })}: ${failure.message}`
        : failure.message;
      await this.record(item, { t: 'failed', id: item.id, at: now, error: reason });
      this.options.onFailed(item);
      return;
    }
    const delay = nextRetryDelay(
      { intervalMs: this.options.firstRetryMs, maxDelayMs: this.options.maxRetryMs },
      item.attempts,
      this.options.random,
      failure.retryAfterMs,
    );
    await this.record(item, {
      t: 'retry',
      id: item.id,
      at: now,
      error: failure.message,
      nextAttemptAt: now + delay,
    });
    this.scheduleAt(item, now + delay);
  }

  private async record(item: OutboxItem<E>, record: JournalRecord<E>): Promise<void> {
    await this.journal.append(record);
    applyRecord(item, record);
  }

  private require(id: string): OutboxItem<E> {
    const item = this.items.get(id);
    if (!item) throw new Error('There is no such action.');
    return item;
  }

  private now(): number {
    return this.options.clock.now();
  }
}

/** Rebuilds every entry's state from the journal, in order. */
function replay<E extends OutboxEntry>(records: JournalRecord<E>[]): Map<string, OutboxItem<E>> {
  const items = new Map<string, OutboxItem<E>>();
  for (const record of records) {
    if (record.t === 'queued') {
      items.set(record.entry.id, {
        ...record.entry,
        state: 'pending',
        attempts: 0,
        dismissed: false,
      });
      continue;
    }
    const item = items.get(record.id);
    if (item) applyRecord(item, record);
  }
  return items;
}

function applyRecord<E extends OutboxEntry>(item: OutboxItem<E>, record: JournalRecord<E>): void {
  switch (record.t) {
    case 'queued':
      return;
    case 'sending':
      item.attempts += 1;
      return;
    case 'retry':
      Object.assign(item, {
        state: 'pending',
        lastError: record.error,
        nextAttemptAt: record.nextAttemptAt,
      });
      return;
    case 'done':
      Object.assign(item, { state: 'done', completedAt: record.at, nextAttemptAt: undefined });
      return;
    case 'failed':
      Object.assign(item, {
        state: 'failed',
        lastError: record.error,
        completedAt: record.at,
        nextAttemptAt: undefined,
      });
      return;
    case 'dismissed':
      item.dismissed = true;
  }
}

/** On open, the journal keeps only entries someone still has to see through. */
function keepUnfinished<E extends OutboxEntry>(records: JournalRecord<E>[]): JournalRecord<E>[] {
  const finished = new Set<string>();
  for (const [id, item] of replay(records)) {
    if (item.state === 'done' || item.dismissed) finished.add(id);
  }
  return records.filter((r) => !finished.has(r.t === 'queued' ? r.entry.id : r.id));
}
