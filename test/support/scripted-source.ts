import type { Incident } from '../../electron/common/model/incident.js';
import type { ReplicaStatus } from '../../electron/common/model/source-status.js';
import type { PollReport } from '../../electron/core/sources/poll-report.js';
import type {
  ConnectionReport,
  IncidentAction,
  Source,
} from '../../electron/core/sources/source.js';

/**
 * A source a test drives by hand: set what the next poll returns (or throws), hold a poll or an
 * action open to interleave them, and see which actions reached the "provider".
 */
export class ScriptedSource implements Source {
  incidents: Incident[] = [];
  /** What the next polls report having worked around, and how replicas answered. */
  notes: string[] = [];
  replicas?: ReplicaStatus[];
  failure?: Error;
  actFailure?: Error;
  readonly actions: { key: string; action: IncidentAction['type'] }[] = [];
  /** Calls of `act`, counted as they begin (held ones included). */
  actionsStarted = 0;
  /** Calls of `readAfresh`: the engine asked for a full read. */
  afreshAsked = 0;
  private heldPoll?: { release: () => void };
  private heldAction?: { release: () => void };

  constructor(readonly id: string) {}

  /** The next poll waits for `release()`, returning the incidents as they were when it started. */
  holdNextPoll(): { release: () => void } {
    const hold = { release: () => {} };
    this.heldPoll = hold;
    return hold;
  }

  holdNextAction(): { release: () => void } {
    const hold = { release: () => {} };
    this.heldAction = hold;
    return hold;
  }

  readAfresh(): void {
    this.afreshAsked++;
  }

  async fetchIncidents(_signal?: AbortSignal, report?: PollReport): Promise<Incident[]> {
    const snapshot = structuredClone(this.incidents);
    for (const note of this.notes) report?.note(note);
    if (this.replicas) report?.replicas(this.replicas);
    const failure = this.failure;
    const hold = this.heldPoll;
    this.heldPoll = undefined;
    if (hold) await new Promise<void>((resolve) => (hold.release = resolve));
    if (failure) throw failure;
    return snapshot;
  }

  async act(incident: Incident, action: IncidentAction): Promise<void> {
    this.actionsStarted += 1;
    const hold = this.heldAction;
    this.heldAction = undefined;
    if (hold) await new Promise<void>((resolve) => (hold.release = resolve));
    if (this.actFailure) throw this.actFailure;
    this.actions.push({ key: incident.key, action: action.type });
    // A note changes nothing about the incident; anything else acknowledges or ends it.
    if (action.type === 'note') return;
    this.incidents = this.incidents.map((i) =>
      i.key === incident.key
        ? { ...i, status: action.type === 'ack' ? 'acknowledged' : 'resolved' }
        : i,
    );
  }

  async testConnection(): Promise<ConnectionReport> {
    if (this.failure) throw this.failure;
    return { summary: 'scripted source', identity: 'tester' };
  }
}
