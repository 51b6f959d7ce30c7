import type { ReplicaStatus } from '../../common/model/source-status.js';

/**
 * What one poll worked around without failing: items it could not read, a list cut short, a
 * replica that did not answer. The engine shows it on the source, so a poll that succeeded
 * with gaps never looks the same as one that saw everything.
 */
export interface PollReport {
  /** One line for the responder, e.g. "2 alerts could not be read: createdAt: …". */
  note(text: string): void;
  /** How each replica of the source answered (Alertmanager HA), in configured order. */
  replicas(states: readonly ReplicaStatus[]): void;
}

/** Collects one poll's report for the engine (or for Test connection's summary). */
export class PollFindings implements PollReport {
  readonly notes: string[] = [];
  replicaStates?: readonly ReplicaStatus[];

  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }

  replicas(states: readonly ReplicaStatus[]): void {
    this.replicaStates = states;
  }
}

/** For callers that only want the incidents. */
export const ignoredReport: PollReport = { note: () => {}, replicas: () => {} };
