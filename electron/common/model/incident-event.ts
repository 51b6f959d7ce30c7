import type { Incident } from './incident.js';

/** What a poll (or a confirmed action) changed about one open incident, as the store tells it. */
export type IncidentEvent =
  | { type: 'new'; incident: Incident }
  | { type: 'changed'; incident: Incident; previous: Incident }
  | { type: 'resolved'; incident: Incident };
