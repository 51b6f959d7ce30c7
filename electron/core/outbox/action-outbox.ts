import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { formatDuration } from '../../common/time-format.js';
import { nextRetryDelay } from '../timing/backoff.js';
import type { ActionContext, IncidentAction } from '../../common/model/action.js';
import type { Incident } from '../../common/model/incident.js';
import type { Clock, TimerHandle } from '../ports/clock.js';
import type { Log } from '../ports/log.js';
import { toSourceError } from '../sources/source-error.js';
import { ActionJournal, type JournalEntry, type JournalRecord } from './action-journal.js';

type OutboxState = 'pending' | 'failed' | 'done';

export interface OutboxAction extends JournalEntry {
  state: OutboxState;
  attempts: number;
  lastError?: string;
  nextAttemptAt?: number;
  completedAt?: number;
  dismissed: boolean;
}

/** Sends one action to its provider; resolves once the provider confirmed it. */
export type Deliver = (entry: JournalEntry, context: ActionContext) => Promise<void>;

export interface OutboxOptions {
  path: string;
  clock: Clock;
  log: Log;
  deliver: Deliver;
  onChange: () => void;
  /** Told when an action fails for good, so whoever acted on its hope can undo that. */
  onFailed?: (action: OutboxAction) => void;
  random?: () => number;
  firstRetryMs?: number;
  maxRetryMs?: number;
  /** After this long an action that never got through is reported failed, not retried forever. */
  giveUpAfterMs?: number;
  /** How long a confirmed action stays listed, so the UI can say "done". */
  showDoneForMs?: number;
}

/**
 * Every action a responder takes, written down before it is sent and retried with backoff until
 * the provider confirms it or refuses it for good. After a crash the journal is replayed and
 * unfinished actions resume; an action whose last attempt may have reached the provider is
 * resent with `mayHaveBeenSent`, so its source can check before applying it twice.
 */
export class ActionOutbox {
  private readonly actions = new Map<string, OutboxAction>();
  private readonly timers = new Map<string, TimerHandle>();
  private readonly sending = new Set<string>();
  private stopped = false;

  private constructor(
    private readonly journal: ActionJournal,
    private readonly options: Required<OutboxOptions>,
  ) {}

  static async open(options: OutboxOptions): Promise<ActionOutbox> {
    const settled = {
      random: Math.random,
      firstRetryMs: 2_000,
      maxRetryMs: 5 * 60_000,
      giveUpAfterMs: 24 * 60 * 60_000,
      showDoneForMs: 2 * 60_000,
      onFailed: () => {},
      ...options,
    };
    const { journal, records } = await ActionJournal.open(
      options.path,
      options.log,
      keepUnfinished,
    );
    const outbox = new ActionOutbox(journal, settled);
    for (const action of replay(records).values()) outbox.actions.set(action.id, action);
    return outbox;
  }

  /** Starts (or restarts, after a crash) every action not yet confirmed. */
  resume(): void {
    for (const action of this.actions.values()) {
      if (action.state === 'pending') this.scheduleAt(action, action.nextAttemptAt ?? 0);
    }
  }

  /**
   * Writes the action down, then sends it. The same action on the same incident while one is
   * still pending is the same intent (a double click, the tray and a shortcut at once): it
   * returns the pending one instead of queueing a second.
   */
  async enqueue(incident: Incident, action: IncidentAction): Promise<OutboxAction> {
    const duplicate = [...this.actions.values()].find(
      (a) =>
        a.state === 'pending' &&
        a.incident.key === incident.key &&
        isDeepStrictEqual(a.action, action),
    );
    if (duplicate) return duplicate;
    const entry: JournalEntry = { id: randomUUID(), incident, action, createdAt: this.now() };
    await this.journal.append({ t: 'queued', entry });
    const queued: OutboxAction = { ...entry, state: 'pending', attempts: 0, dismissed: false };
    this.actions.set(entry.id, queued);
    this.options.onChange();
    this.scheduleAt(queued, 0);
    return queued;
  }

  async retry(id: string): Promise<void> {
    const action = this.require(id);
    if (action.state !== 'failed') return;
    const at = this.now();
    await this.journal.append({
      t: 'retry',
      id,
      at,
      error: action.lastError ?? '',
      nextAttemptAt: at,
    });
    Object.assign(action, { state: 'pending', nextAttemptAt: at, createdAt: at });
    this.options.onChange();
    this.scheduleAt(action, at);
  }

  /** Sends the pending actions `which` picks at once, instead of at their next retry. */
  sendNow(which: (action: OutboxAction) => boolean): void {
    const now = this.now();
    let moved = false;
    for (const action of this.actions.values()) {
      if (action.state !== 'pending' || this.sending.has(action.id) || !which(action)) continue;
      action.nextAttemptAt = now;
      this.scheduleAt(action, now);
      moved = true;
    }
    if (moved) this.options.onChange();
  }

  async dismiss(id: string): Promise<void> {
    const action = this.require(id);
    if (action.state === 'pending') throw new Error('A pending action cannot be dismissed.');
    await this.journal.append({ t: 'dismissed', id });
    action.dismissed = true;
    this.options.onChange();
  }

  /** Pending and failed actions, and recently confirmed ones, oldest first. */
  list(): OutboxAction[] {
    const now = this.now();
    return [...this.actions.values()]
      .filter(
        (a) =>
          !a.dismissed &&
          (a.state !== 'done' || now - (a.completedAt ?? 0) < this.options.showDoneForMs),
      )
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  pending(): OutboxAction[] {
    return this.list().filter((a) => a.state === 'pending');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) this.options.clock.clearTimeout(timer);
    this.timers.clear();
    await this.journal.close();
  }

  private scheduleAt(action: OutboxAction, at: number): void {
    const existing = this.timers.get(action.id);
    if (existing) this.options.clock.clearTimeout(existing);
    const timer = this.options.clock.setTimeout(
      () => {
        this.timers.delete(action.id);
        void this.attempt(action);
      },
      Math.max(0, at - this.now()),
    );
    this.timers.set(action.id, timer);
  }

  private async attempt(action: OutboxAction): Promise<void> {
    if (this.stopped || this.sending.has(action.id) || action.state !== 'pending') return;
    this.sending.add(action.id);
    const mayHaveBeenSent = action.attempts > 0;
    try {
      await this.record(action, { t: 'sending', id: action.id, at: this.now() });
      await this.options.deliver(action, { actionId: action.id, mayHaveBeenSent });
      await this.record(action, { t: 'done', id: action.id, at: this.now() });
    } catch (error) {
      await this.recordFailure(action, error);
    } finally {
      this.sending.delete(action.id);
      if (!this.stopped) this.options.onChange();
    }
  }

  private async recordFailure(action: OutboxAction, error: unknown): Promise<void> {
    if (this.stopped) return;
    const failure = toSourceError(error);
    const now = this.now();
    const expired = now - action.createdAt >= this.options.giveUpAfterMs;
    if (failure.kind === 'rejected' || expired) {
      const reason = expired
        ? `gave up after ${formatDuration(now - action.createdAt, { units: 1 })}: ${failure.message}`
        : failure.message;
      await this.record(action, { t: 'failed', id: action.id, at: now, error: reason });
      this.options.onFailed(action);
      return;
    }
    const delay = nextRetryDelay(
      { intervalMs: this.options.firstRetryMs, maxDelayMs: this.options.maxRetryMs },
      action.attempts,
      this.options.random,
      failure.retryAfterMs,
    );
    await this.record(action, {
      t: 'retry',
      id: action.id,
      at: now,
      error: failure.message,
      nextAttemptAt: now + delay,
    });
    this.scheduleAt(action, now + delay);
  }

  private async record(action: OutboxAction, record: JournalRecord): Promise<void> {
    await this.journal.append(record);
    applyRecord(action, record);
  }

  private require(id: string): OutboxAction {
    const action = this.actions.get(id);
    if (!action) throw new Error('There is no such action.');
    return action;
  }

  private now(): number {
    return this.options.clock.now();
  }
}

/** Rebuilds every action from the journal, in order. */
function replay(records: JournalRecord[]): Map<string, OutboxAction> {
  const actions = new Map<string, OutboxAction>();
  for (const record of records) {
    if (record.t === 'queued') {
      actions.set(record.entry.id, {
        ...record.entry,
        state: 'pending',
        attempts: 0,
        dismissed: false,
      });
      continue;
    }
    const action = actions.get(record.id);
    if (action) applyRecord(action, record);
  }
  return actions;
}

function applyRecord(action: OutboxAction, record: JournalRecord): void {
  switch (record.t) {
    case 'queued':
      return;
    case 'sending':
      action.attempts += 1;
      return;
    case 'retry':
      Object.assign(action, {
        state: 'pending',
        lastError: record.error,
        nextAttemptAt: record.nextAttemptAt,
      });
      return;
    case 'done':
      Object.assign(action, { state: 'done', completedAt: record.at, nextAttemptAt: undefined });
      return;
    case 'failed':
      Object.assign(action, {
        state: 'failed',
        lastError: record.error,
        completedAt: record.at,
        nextAttemptAt: undefined,
      });
      return;
    case 'dismissed':
      action.dismissed = true;
  }
}

/** On open, the journal keeps only actions someone still has to see through. */
function keepUnfinished(records: JournalRecord[]): JournalRecord[] {
  const finished = new Set<string>();
  for (const [id, action] of replay(records)) {
    if (action.state === 'done' || action.dismissed) finished.add(id);
  }
  return records.filter((r) => !finished.has(r.t === 'queued' ? r.entry.id : r.id));
}
