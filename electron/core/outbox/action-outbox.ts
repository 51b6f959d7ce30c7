import { isDeepStrictEqual } from 'node:util';
import { splitNote, type ActionContext, type IncidentAction } from '../../common/model/action.js';
import type { Incident } from '../../common/model/incident.js';
import type { Clock } from '../ports/clock.js';
import type { Log } from '../ports/log.js';
import { journalEntrySchema, type JournalEntry } from './action-journal.js';
import { DurableOutbox, type OutboxItem } from './durable-outbox.js';

export type OutboxAction = OutboxItem<JournalEntry>;

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
 * Every action a responder takes on an incident, through the durable outbox: written down
 * before it is sent, retried until the provider confirms it, resumed after a crash.
 */
export class ActionOutbox {
  private constructor(private readonly outbox: DurableOutbox<JournalEntry>) {}

  static async open(options: OutboxOptions): Promise<ActionOutbox> {
    const outbox = await DurableOutbox.open<JournalEntry>({
      ...options,
      entrySchema: journalEntrySchema,
      // The same action on the same incident while one is pending is the same intent.
      sameIntent: (pending, next) =>
        pending.incident.key === next.incident.key &&
        isDeepStrictEqual(pending.action, next.action),
      // A note typed with an ack or resolve goes as a note of its own once that is confirmed.
      followUp: ({ incident, action }) => {
        const { note } = splitNote(action);
        return note && { incident, action: note };
      },
    });
    return new ActionOutbox(outbox);
  }

  /** Starts (or restarts, after a crash) every action not yet confirmed. */
  resume(): void {
    this.outbox.resume();
  }

  /** Writes the action down, then sends it; a pending twin is returned instead of a second. */
  enqueue(incident: Incident, action: IncidentAction): Promise<OutboxAction> {
    return this.outbox.enqueue({ incident, action });
  }

  retry(id: string): Promise<void> {
    return this.outbox.retry(id);
  }

  /** Sends the pending actions `which` picks at once, instead of at their next retry. */
  sendNow(which: (action: OutboxAction) => boolean): void {
    this.outbox.sendNow(which);
  }

  dismiss(id: string): Promise<void> {
    return this.outbox.dismiss(id);
  }

  /** Pending and failed actions, and recently confirmed ones, oldest first. */
  list(): OutboxAction[] {
    return this.outbox.list();
  }

  pending(): OutboxAction[] {
    return this.outbox.pending();
  }

  stop(): Promise<void> {
    return this.outbox.stop();
  }
}
