import type { Incident } from '../../../common/model/incident.js';

export type StatusAction = 'ack' | 'resolve';

interface Waiting {
  incident: Incident;
  signal: AbortSignal;
  settle: (error?: unknown) => void;
}

export interface StatusSenders {
  one(incident: Incident, action: StatusAction, signal: AbortSignal): Promise<void>;
  many(incidents: Incident[], action: StatusAction, signal: AbortSignal): Promise<void>;
}

/**
 * Acks (or resolves) that arrive while one is being sent, as "Ack all mine" makes them, go out
 * together as one bulk request when it returns. A lone ack is sent at once, on its own: nothing
 * waits for company.
 */
export class StatusBatcher {
  private readonly waiting: Record<StatusAction, Waiting[]> = { ack: [], resolve: [] };
  private readonly busy: Record<StatusAction, boolean> = { ack: false, resolve: false };

  constructor(private readonly send: StatusSenders) {}

  submit(incident: Incident, action: StatusAction, signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting[action].push({
        incident,
        signal,
        settle: (error) => (error === undefined ? resolve() : reject(error)),
      });
      if (!this.busy[action]) void this.flush(action);
    });
  }

  private async flush(action: StatusAction): Promise<void> {
    const batch = this.waiting[action].splice(0);
    if (batch.length === 0) return;
    this.busy[action] = true;
    // The request ends when the first caller gives up; the others are retried by the outbox.
    const signal = AbortSignal.any(batch.map((w) => w.signal));
    let failure: unknown;
    try {
      if (batch.length === 1) await this.send.one(batch[0]!.incident, action, signal);
      else
        await this.send.many(
          batch.map((w) => w.incident),
          action,
          signal,
        );
    } catch (error) {
      failure = error ?? new Error('send failed');
    }
    for (const waiting of batch) waiting.settle(failure);
    this.busy[action] = false;
    await this.flush(action);
  }
}
