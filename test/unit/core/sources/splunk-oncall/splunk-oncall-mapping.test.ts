import { describe, expect, it } from 'vitest';
import {
  phaseToStatus,
  toIncident,
  urgencyFromEntityState,
} from '../../../../../electron/core/sources/splunk-oncall/splunk-oncall-mapping.js';
import { incidentSchema } from '../../../../../electron/core/sources/splunk-oncall/splunk-oncall-schemas.js';

const context = { sourceId: 'vo', username: 'Alice', firstSeen: () => '2026-11-22T09:00:00.000Z' };

/** Parses like the source does, so the schema's tolerance is tested along the way. */
function map(raw: Record<string, unknown>) {
  return toIncident(incidentSchema.parse(raw), context);
}

const full = {
  incidentNumber: '1201',
  currentPhase: 'acknowledged',
  entityId: 'disk-usage/db-1',
  entityDisplayName: 'Disk /var 95% full on db-1',
  entityState: 'CRITICAL',
  host: 'db-1',
  service: 'postgres',
  routingKey: 'database',
  incidentLink: 'https://portal.victorops.com/ui/acme/incident/1201/details',
  startTime: '2026-11-22T08:56:00Z',
  lastAlertTime: '2026-11-22T10:59:00+02:00',
  pagedUsers: ['alice', 'bob'],
  pagedTeams: ['team-db', 'team-ops'],
  pagedPolicies: [
    { policy: { name: 'DB on call', slug: 'pol-db' }, team: { name: 'Database', slug: 'team-db' } },
    { policy: { name: 'Ops Primary', slug: 'pol-ops' } },
  ],
  transitions: [
    { name: 'triggered', at: '2026-11-22T08:56:00Z' },
    { name: 'acknowledged', at: '2026-11-22T08:58:00Z', by: 'bob' },
  ],
  alertCount: 3,
};

describe('Splunk On-Call incident mapping', () => {
  it('maps every field the incident model has', () => {
    expect(map(full)).toEqual({
      key: 'vo:1201',
      sourceId: 'vo',
      externalId: '1201',
      number: '#1201',
      webUrl: 'https://portal.victorops.com/ui/acme/incident/1201/details',
      title: 'Disk /var 95% full on db-1',
      service: 'postgres',
      status: 'acknowledged',
      urgency: 'high',
      severity: 'critical',
      createdAt: '2026-11-22T08:56:00.000Z',
      updatedAt: '2026-11-22T08:59:00.000Z',
      acknowledgedAt: '2026-11-22T08:58:00.000Z',
      assignedToMe: true, // usernames compare without case
      assignees: ['alice', 'bob'],
      labels: {
        entityId: 'disk-usage/db-1',
        host: 'db-1',
        service: 'postgres',
        routingKey: 'database',
        pagedTeams: 'team-db,team-ops',
        pagedPolicies: 'pol-db,pol-ops',
      },
      links: [],
      capabilities: {
        ack: true,
        unack: false,
        resolve: true,
        reassign: true,
        snooze: false,
        escalate: false,
        note: false,
        silence: false,
        pause: false,
      },
    });
  });

  it('survives an incident with nothing but its number and phase, and nulls', () => {
    const incident = map({
      incidentNumber: 77,
      currentPhase: 'UNACKED',
      entityDisplayName: null,
      host: null,
      pagedUsers: null,
      startTime: 'yesterday',
    });
    expect(incident).toMatchObject({
      externalId: '77',
      title: 'Incident 77',
      status: 'triggered',
      urgency: 'high',
      createdAt: '2026-11-22T09:00:00.000Z',
      assignedToMe: false,
      assignees: [],
      labels: {},
    });
    expect(incident.webUrl).toBeUndefined();
  });

  it('titles by entity id when there is no display name', () => {
    expect(map({ ...full, entityDisplayName: '  ' }).title).toBe('disk-usage/db-1');
  });

  it('never links to a non-web URL', () => {
    expect(map({ ...full, incidentLink: 'javascript:alert(1)' }).webUrl).toBeUndefined();
  });

  it('forgets an old ack once the incident pages again', () => {
    expect(map({ ...full, currentPhase: 'triggered' }).acknowledgedAt).toBeUndefined();
  });

  it.each([
    ['triggered', 'triggered'],
    ['UNACKED', 'triggered'],
    ['acknowledged', 'acknowledged'],
    ['ACKED', 'acknowledged'],
    ['resolved', 'resolved'],
    ['RESOLVED', 'resolved'],
    ['SOMETHING_NEW', 'triggered'],
  ])('reads phase %s as %s', (phase, status) => {
    expect(phaseToStatus(phase)).toBe(status);
  });

  it('pages loudly unless the entity state is informational', () => {
    expect(urgencyFromEntityState(undefined)).toBe('high');
    expect(urgencyFromEntityState('CRITICAL')).toBe('high');
    expect(urgencyFromEntityState('WARNING')).toBe('high');
    expect(urgencyFromEntityState('info')).toBe('low');
  });
});
