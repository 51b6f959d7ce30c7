import {
  incidentKey,
  noCapabilities,
  type Incident,
} from '../../electron/common/model/incident.js';

/** A realistic incident for tests; override what the test is about. */
export function anIncident(overrides: Partial<Incident> & { externalId?: string } = {}): Incident {
  const sourceId = overrides.sourceId ?? 'am';
  const externalId = overrides.externalId ?? 'f00d';
  return {
    key: incidentKey(sourceId, externalId),
    sourceId,
    externalId,
    title: 'API error rate above 5%',
    service: 'api',
    status: 'triggered',
    urgency: 'high',
    createdAt: '2026-11-22T08:55:00.000Z',
    assignedToMe: true,
    assignees: [],
    labels: { alertname: 'ApiErrors', severity: 'critical' },
    links: [],
    capabilities: { ...noCapabilities, ack: true },
    ...overrides,
  };
}
