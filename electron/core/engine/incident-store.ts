import { compareIncidents, type Incident } from '../../common/model/incident.js';
import type { IncidentEvent } from '../../common/model/incident-event.js';
import { deepEqual } from './deep-equal.js';

/** What a responder would call a change: anything but `updatedAt`, which moves on every touch. */
function sameToAResponder(a: Incident, b: Incident): boolean {
  return a === b || deepEqual({ ...a, updatedAt: undefined }, { ...b, updatedAt: undefined });
}

/**
 * Holds the open incidents of every source and turns each source's successive snapshots into
 * events. Feeding the same snapshot twice yields nothing, so nothing downstream (notifications,
 * the escalation ladder) ever fires twice for one change.
 */
export class IncidentStore {
  private readonly bySource = new Map<string, Map<string, Incident>>();

  applySnapshot(sourceId: string, snapshot: readonly Incident[]): IncidentEvent[] {
    const previous = this.bySource.get(sourceId) ?? new Map<string, Incident>();
    const next = new Map<string, Incident>();
    for (const incident of snapshot) {
      if (incident.sourceId !== sourceId || incident.status === 'resolved') continue;
      next.set(incident.key, incident);
    }
    const events: IncidentEvent[] = [];
    for (const [key, incident] of next) {
      const before = previous.get(key);
      if (!before) events.push({ type: 'new', incident });
      else if (!sameToAResponder(before, incident)) {
        events.push({ type: 'changed', incident, previous: before });
      }
    }
    for (const [key, incident] of previous) {
      if (!next.has(key)) {
        events.push({ type: 'resolved', incident: { ...incident, status: 'resolved' } });
      }
    }
    this.bySource.set(sourceId, next);
    return events;
  }

  /**
   * Applies a change we know happened (an ack the provider confirmed) before the next poll.
   * It touches that one incident: in a storm, re-diffing the whole source per ack would not do.
   */
  update(
    key: string,
    change: Partial<Pick<Incident, 'status' | 'acknowledgedAt'>>,
  ): IncidentEvent[] {
    for (const incidents of this.bySource.values()) {
      const previous = incidents.get(key);
      if (!previous) continue;
      const incident = { ...previous, ...change };
      if (incident.status === 'resolved') {
        incidents.delete(key);
        return [{ type: 'resolved', incident }];
      }
      if (sameToAResponder(previous, incident)) return [];
      incidents.set(key, incident);
      return [{ type: 'changed', incident, previous }];
    }
    return [];
  }

  removeSource(sourceId: string): void {
    this.bySource.delete(sourceId);
  }

  get(key: string): Incident | undefined {
    for (const incidents of this.bySource.values()) {
      const found = incidents.get(key);
      if (found) return found;
    }
    return undefined;
  }

  all(): Incident[] {
    return this.unordered().sort(compareIncidents);
  }

  /** Every open incident in no particular order: for those who need no order, as a sort of a storm's ten thousand costs. */
  unordered(): Incident[] {
    return [...this.bySource.keys()].flatMap((id) => this.incidentsOf(id));
  }

  private incidentsOf(sourceId: string): Incident[] {
    return [...(this.bySource.get(sourceId)?.values() ?? [])];
  }
}
