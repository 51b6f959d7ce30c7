import { createEmitter } from '../../common/emitter.js';
import type { Incident } from '../../common/model/incident.js';
import { logBatch, type BatchLines, type Log } from '../ports/log.js';
import type { IncidentEvent } from '../../common/model/incident-event.js';
import { IncidentStore } from './incident-store.js';

/**
 * The open incidents of every source. Every writer (a poll, a confirmed action, a test page, a
 * source going away) goes through here, so each new, changed or resolved incident is logged
 * and announced exactly once, to the ladder, the app state and any other listener.
 */
export class IncidentFeed {
  readonly events = createEmitter<IncidentEvent[]>();
  private readonly store = new IncidentStore();

  constructor(private readonly log: Log) {}

  applySnapshot(sourceId: string, incidents: readonly Incident[]): void {
    this.publish(this.store.applySnapshot(sourceId, incidents));
  }

  /** A change we know happened (an ack the provider confirmed), before the next poll says so. */
  update(key: string, change: Partial<Pick<Incident, 'status' | 'acknowledgedAt'>>): void {
    this.publish(this.store.update(key, change));
  }

  /** Resolves a stopped source's incidents, so nothing keeps ringing for a source that is gone. */
  dropSource(sourceId: string): void {
    this.publish(this.store.applySnapshot(sourceId, []));
    this.store.removeSource(sourceId);
  }

  get(key: string): Incident | undefined {
    return this.store.get(key);
  }

  all(): Incident[] {
    return this.store.all();
  }

  unordered(): Incident[] {
    return this.store.unordered();
  }

  private publish(events: IncidentEvent[]): void {
    if (events.length === 0) return;
    logBatch(this.log, events, eventLines);
    this.events.emit(events);
  }
}

const eventLines: BatchLines<IncidentEvent> = {
  kind: (event) => event.type,
  text: ({ type, incident }) => `${type} ${incident.key}: ${incident.title.slice(0, 120)}`,
};
