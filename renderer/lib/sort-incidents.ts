import type { Incident } from './contract-types.js';

const statusRank: Record<Incident['status'], number> = {
  triggered: 0,
  acknowledged: 1,
  resolved: 2,
};
const urgencyRank: Record<Incident['urgency'], number> = { high: 0, low: 1 };

const createdMs = (incident: Incident) => Date.parse(incident.createdAt) || 0;

/** The main side's order, repeated here so the list is right whichever transport sent it. */
export function compareIncidents(a: Incident, b: Incident): number {
  return (
    statusRank[a.status] - statusRank[b.status] ||
    urgencyRank[a.urgency] - urgencyRank[b.urgency] ||
    createdMs(b) - createdMs(a)
  );
}

/** What the list shows: open incidents only, triggered first. */
export function openIncidentsInOrder(incidents: readonly Incident[]): Incident[] {
  return incidents.filter((i) => i.status !== 'resolved').sort(compareIncidents);
}
