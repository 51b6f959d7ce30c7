import type { Incident } from '../model/incident.js';

export type IncidentAction = { type: 'ack' } | { type: 'resolve' };

export interface ConnectionReport {
  /** One line for the settings form, e.g. "Alertmanager 0.25.0, cluster ready, 3 alerts". */
  summary: string;
  /** Who the credential belongs to, where the provider can tell. */
  identity?: string;
}

/**
 * A paging provider as the engine sees it. Methods throw SourceError on failure;
 * `signal` carries the engine's per-request timeout.
 */
export interface Source {
  readonly id: string;
  /** Every open (triggered or acknowledged) incident the responder should see, right now. */
  fetchIncidents(signal: AbortSignal): Promise<Incident[]>;
  act(incident: Incident, action: IncidentAction, signal: AbortSignal): Promise<void>;
  testConnection(signal: AbortSignal): Promise<ConnectionReport>;
  dispose?(): void;
}
