import type { Health, ReplicaStatus } from '../../common/model/source-status.js';
import type { PollFindings } from '../sources/poll-report.js';
import type { SourceError } from '../sources/source-error.js';

export interface HealthSnapshot {
  health: Health;
  lastError?: string;
  lastErrorAt?: number;
  lastSuccessAt?: number;
  consecutiveFailures: number;
  /** What the last good poll worked around (items left out, a list cut short). */
  notes?: readonly string[];
  /** How each replica answered, as last polled, for a source with several. */
  replicas?: readonly ReplicaStatus[];
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

  recordSuccess(at: number, findings?: PollFindings): void {
    this.state = {
      health: 'ok',
      consecutiveFailures: 0,
      lastSuccessAt: at,
      ...(findings?.notes.length && { notes: [...findings.notes] }),
      ...replicasOf(findings),
    };
  }

  /** A failed poll's notes describe a list that was not shown; which replicas failed still matters. */
  recordFailure(error: SourceError, at: number, findings?: PollFindings): void {
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
      ...(replicasOf(findings) ?? (this.state.replicas && { replicas: this.state.replicas })),
    };
  }

  snapshot(): HealthSnapshot {
    return this.state;
  }
}

function replicasOf(findings: PollFindings | undefined) {
  const replicas = findings?.replicaStates;
  return replicas ? { replicas: [...replicas] } : undefined;
}
