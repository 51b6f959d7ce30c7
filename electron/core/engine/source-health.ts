import type { Health, ReplicaStatus } from '../../common/model/source-status.js';
import { formatWait } from '../../common/time-format.js';
import type { PollFindings } from '../sources/poll-report.js';
import type { SourceError } from '../sources/source-error.js';
import { credentialPace } from '../timing/probe-delay.js';

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
 * (the last data is seconds old); it turns "blind" with a second failure in a row, or once a
 * whole interval has passed since the failing poll began without an answer, whatever the cause
 * (a hang, throttling): from the fault's start that is never more than two intervals. A
 * rejected credential, or a source we have never reached, is blind at once.
 */
/** How many intervals without a good answer make a failing source blind at once. */
const staleAfterIntervals = 1.5;

export class SourceHealth {
  private state: HealthSnapshot = {
    health: 'blind',
    consecutiveFailures: 0,
    lastError: 'not polled yet',
  };
  /** When the first poll that failed since the last answer began. */
  private failingSince?: number;

  constructor(private readonly options: { intervalMs: number; blindAfterFailures?: number }) {}

  recordSuccess(at: number, findings?: PollFindings): void {
    this.state = {
      health: 'ok',
      consecutiveFailures: 0,
      lastSuccessAt: at,
      ...(findings?.notes.length && { notes: [...findings.notes] }),
      ...replicasOf(findings),
    };
    this.failingSince = undefined;
  }

  /**
   * `startedAt`: when the failed poll began. A failed poll's notes describe a list that was not
   * shown; which replicas failed still matters.
   */
  recordFailure(error: SourceError, at: number, startedAt = at, findings?: PollFindings): void {
    const consecutiveFailures = this.state.consecutiveFailures + 1;
    this.failingSince ??= startedAt;
    const blind =
      blindAtOnce.has(error.kind) ||
      this.state.lastSuccessAt === undefined ||
      consecutiveFailures >= (this.options.blindAfterFailures ?? 2) ||
      at >= this.failingSince + this.options.intervalMs ||
      // A poll that failed slowly (a hang, a stalled body) left the window without fresh pages
      // for well over an interval already: blind now, not at the next probe.
      at - this.state.lastSuccessAt > staleAfterIntervals * this.options.intervalMs;
    this.state = {
      health: blind ? 'blind' : 'degraded',
      consecutiveFailures,
      lastError: this.describe(error),
      lastErrorAt: at,
      lastSuccessAt: this.state.lastSuccessAt,
      ...(replicasOf(findings) ?? (this.state.replicas && { replicas: this.state.replicas })),
    };
  }

  /** When a degraded source turns blind unless it answers first; undefined when not degraded. */
  blindAt(): number | undefined {
    if (this.state.health !== 'degraded' || this.failingSince === undefined) return undefined;
    return this.failingSince + this.options.intervalMs;
  }

  /** Turns a degraded source blind once `blindAt` has passed; says whether it did. */
  turnBlindIfDue(now: number): boolean {
    const due = this.blindAt();
    if (due === undefined || now < due) return false;
    this.state = { ...this.state, health: 'blind' };
    return true;
  }

  snapshot(): HealthSnapshot {
    return this.state;
  }

  /** A rejected credential says so and when it is tried again; fixing it is the responder's. */
  private describe(error: SourceError): string {
    if (error.kind !== 'auth') return error.message;
    const pace = formatWait(credentialPace(this.options.intervalMs));
    return `token rejected — ${error.message}. Checking again every ${pace}; Save or Test connection checks now.`;
  }
}

function replicasOf(findings: PollFindings | undefined) {
  const replicas = findings?.replicaStates;
  return replicas ? { replicas: [...replicas] } : undefined;
}
