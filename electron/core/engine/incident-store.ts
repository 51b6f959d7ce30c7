import { compareIncidents, type Incident } from '../../common/model/incident.js';

export type IncidentEvent =
  | { type: 'new'; incident: Incident }
  | { type: 'changed'; incident: Incident; previous: Incident }
  | { type: 'resolved'; incident: Incident };

/** What a responder would call a change: anything but `updatedAt`, which moves on every touch. */
function fingerprint(incident: Incident): string {
  const { updatedAt, ...rest } = incident;
  return JSON.stringify(rest);
}

interface Stored {
  incident: Incident;
  fingerprint: string;
}

/**
 * Holds the open incidents of every source and turns each source's successive snapshots into
 * events. Feeding the same snapshot twice yields nothing, so nothing downstream (notifications,
 * the escalation ladder) ever fires twice for one change.
 */
export class IncidentStore {
  private readonly bySource = new Map<string, Map<string, Stored>>();

  applySnapshot(sourceId: string, snapshot: readonly Incident[]): IncidentEvent[] {
    const previous = this.bySource.get(sourceId) ?? new Map<string, Stored>();
    const next = new Map<string, Stored>();
    for (const incident of snapshot) {
      if (incident.sourceId !== sourceId || incident.status === 'resolved') continue;
      next.set(incident.key, { incident, fingerprint: fingerprint(incident) });
    }

    const events: IncidentEvent[] = [];
    for (const [key, { incident, fingerprint: now }] of next) {
      const before = previous.get(key);
      if (!before) events.push({ type: 'new', incident });
      else if (before.fingerprint !== now) {
        events.push({ type: 'changed', incident, previous: before.incident });
      }
    }
    for (const [key, { incident }] of previous) {
      if (!next.has(key)) {
        events.push({ type: 'resolved', incident: { ...incident, status: 'resolved' } });
      }
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
    const snapshot = this.incidentsOf(incident.sourceId).map((i) =>
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
      if (found) return found.incident;
    }
    return undefined;
  }

  all(): Incident[] {
    return [...this.bySource.keys()].flatMap((id) => this.incidentsOf(id)).sort(compareIncidents);
  }

  private incidentsOf(sourceId: string): Incident[] {
    return [...(this.bySource.get(sourceId)?.values() ?? [])].map((stored) => stored.incident);
  }
}
