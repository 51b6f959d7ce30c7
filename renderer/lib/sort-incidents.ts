import { compareIncidents, type Incident } from '../../electron/common/model/incident.js';

/** What the list shows: open incidents only, in the ground floor's order whichever transport. */
export function openIncidentsInOrder(incidents: readonly Incident[]): Incident[] {
  return incidents.filter((i) => i.status !== 'resolved').sort(compareIncidents);
}
