import { compareIncidents, type Incident } from '../model/incident.js';

export type IncidentEvent =
  | { type: 'new'; incident: Incident }
  | { type: 'changed'; incident: Incident; previous: Incident }
  | { type: 'resolved'; incident: Incident };

/** The fields whose change a responder cares about; `updatedAt` alone is not news. */
function significant(incident: Incident): string {
  const { updatedAt: _ignored, ...rest } = incident;
  return JSON.stringify(rest, Object.keys(rest).sort());
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
      else if (significant(before) !== significant(incident)) {
        events.push({ type: 'changed', incident, previous: before });
      }
    }
    for (const [key, incident] of previous) {
      if (!next.has(key))
        events.push({ type: 'resolved', incident: { ...incident, status: 'resolved' } });
    }
    this.bySource.set(sourceId, next);
    return events;
  }

  /** Applies a change we know happened (an ack the provider confirmed) before the next poll. */
  update(
    key: string,
    change: Partial<Pick<Incident, 'status' | 'acknowledgedAt'>>,
  ): IncidentEvent[] {
    const incident = this.get(key);
    if (!incident) return [];
    const snapshot = [...(this.bySource.get(incident.sourceId)?.values() ?? [])].map((i) =>
      i.key === key ? { ...i, ...change } : i,
    );
    return this.applySnapshot(incident.sourceId, snapshot);
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
    return [...this.bySource.values()].flatMap((m) => [...m.values()]).sort(compareIncidents);
  }
}
