import type { Health } from '../../common/model/source-status.js';
import type { SourceError } from '../sources/source-error.js';

export interface HealthSnapshot {
  health: Health;
  lastError?: string;
  lastErrorAt?: number;
  lastSuccessAt?: number;
  consecutiveFailures: number;
}

/** Errors that no amount of retrying fixes: the responder has to act, so we are blind now. */
const blindAtOnce = new Set(['auth', 'config']);

/**
 * Tracks whether we can still see a source. One failed poll after a good one is "degraded"
 * (the last data is seconds old); a second failure in a row, a rejected credential, or a
 * source we have never reached is "blind": the tray must not look calm.
 */
export class SourceHealth {
  private state: HealthSnapshot = {
    health: 'blind',
    consecutiveFailures: 0,
    lastError: 'not polled yet',
  };

  constructor(private readonly blindAfterFailures = 2) {}

  recordSuccess(at: number): void {
    this.state = { health: 'ok', consecutiveFailures: 0, lastSuccessAt: at };
  }

  recordFailure(error: SourceError, at: number): void {
    const consecutiveFailures = this.state.consecutiveFailures + 1;
    const blind =
      blindAtOnce.has(error.kind) ||
      this.state.lastSuccessAt === undefined ||
      consecutiveFailures >= this.blindAfterFailures;
    this.state = {
      health: blind ? 'blind' : 'degraded',
      consecutiveFailures,
      lastError: error.message,
      lastErrorAt: at,
      lastSuccessAt: this.state.lastSuccessAt,
    };
  }

  snapshot(): HealthSnapshot {
    return this.state;
  }
}
