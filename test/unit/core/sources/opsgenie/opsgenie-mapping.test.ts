import { describe, expect, it } from 'vitest';
import { incidentSchema } from '../../../../../electron/common/model/incident.js';
import {
  alertLabels,
  alertToIncident,
  periodsToShifts,
  urgencyFromPriority,
} from '../../../../../electron/core/sources/opsgenie/opsgenie-mapping.js';
import {
  alertSchema,
  type OpsgenieAlert,
} from '../../../../../electron/core/sources/opsgenie/opsgenie-schemas.js';

const context = {
  sourceId: 'og',
  username: 'dana@acme.example',
  myTeams: new Map([['team-payments', 'Payments']]),
  firstSeen: () => '2026-11-22T09:30:00.000Z',
};

function anAlert(fields: Partial<OpsgenieAlert> = {}): OpsgenieAlert {
  return alertSchema.parse({
    id: '70413a06-38d6-4c85-92b8-5ebc900d42e2',
    tinyId: '1791',
    alias: 'checkout-5xx',
    message: 'Checkout API 5xx rate above 5%',
    status: 'open',
    acknowledged: false,
    snoozed: false,
    tags: [],
    createdAt: '2026-11-22T08:57:00Z',
    updatedAt: '2026-11-22T08:58:00Z',
    source: 'Prometheus',
    owner: '',
    priority: 'P1',
    ...fields,
  });
}

describe('alertToIncident', () => {
  it('names my team when the alert was routed to it, and none for another team or a user', () => {
    const routed = (...responders: { type: string; id: string }[]) =>
      alertToIncident(anAlert({ owner: 'sam@acme.example', responders }), context);

    expect(
      routed({ type: 'team', id: 'team-search' }, { type: 'team', id: 'team-payments' }),
    ).toMatchObject({ assignedToMe: false, assignedToMyTeam: 'Payments' });
    expect(routed({ type: 'team', id: 'team-search' })).not.toHaveProperty('assignedToMyTeam');
    // A responder's id is a user's or a team's depending on its type; only teams count.
    expect(routed({ type: 'user', id: 'team-payments' })).not.toHaveProperty('assignedToMyTeam');
  });

  it('maps an open alert onto the common model', () => {
    const incident = alertToIncident(
      anAlert({ tags: ['service:checkout', 'env:prod'], owner: 'Dana@Acme.example' }),
      context,
    );
    expect(incidentSchema.parse(incident)).toEqual(incident);
    expect(incident).toMatchObject({
      key: 'og:70413a06-38d6-4c85-92b8-5ebc900d42e2',
      externalId: '70413a06-38d6-4c85-92b8-5ebc900d42e2',
      number: '1791',
      title: 'Checkout API 5xx rate above 5%',
      service: 'checkout',
      status: 'triggered',
      urgency: 'high',
      severity: 'P1',
      createdAt: '2026-11-22T08:57:00.000Z',
      assignedToMe: true,
      assignees: ['Dana@Acme.example'],
      links: [],
      capabilities: {
        ack: true,
        resolve: true,
        snooze: true,
        reassign: true,
        escalate: false,
        note: true,
        silence: false,
        pause: false,
      },
    });
    expect(incident.webUrl).toBeUndefined();
  });

  it('pages loudly for P1 and P2 only, and for a priority it does not know', () => {
    expect(['P1', 'P2', 'P3', 'P4', 'P5', undefined, 'P0'].map(urgencyFromPriority)).toEqual([
      'high',
      'high',
      'low',
      'low',
      'low',
      'high',
      'high',
    ]);
  });

  it('prefers the entity, then a service tag, then the source for the service', () => {
    expect(alertToIncident(anAlert({ entity: 'checkout-api' }), context).service).toBe(
      'checkout-api',
    );
    expect(alertToIncident(anAlert({ tags: ['service:payments'] }), context).service).toBe(
      'payments',
    );
    expect(alertToIncident(anAlert(), context).service).toBe('Prometheus');
  });

  it('counts acknowledged and snoozed alerts as acknowledged, and says which', () => {
    const acked = alertToIncident(
      anAlert({ acknowledged: true, report: { ackTime: 120_000, acknowledgedBy: 'sam' } }),
      context,
    );
    expect(acked.status).toBe('acknowledged');
    expect(acked.acknowledgedAt).toBe('2026-11-22T08:59:00.000Z');

    const snoozed = alertToIncident(
      anAlert({ snoozed: true, snoozedUntil: '2026-11-22T12:00:00.000Z' }),
      context,
    );
    expect(snoozed.status).toBe('acknowledged');
    expect(snoozed.labels).toMatchObject({
      snoozed: 'true',
      snoozedUntil: '2026-11-22T12:00:00.000Z',
    });
  });

  it('is not mine when someone else or nobody owns it', () => {
    expect(alertToIncident(anAlert({ owner: 'sam@acme.example' }), context).assignedToMe).toBe(
      false,
    );
    const unowned = alertToIncident(anAlert({ owner: '' }), context);
    expect(unowned).toMatchObject({ assignedToMe: false, assignees: [] });
  });

  it('offers escalation only when a policy or team is on the alert', () => {
    const escalate = (type: string) =>
      alertToIncident(anAlert({ responders: [{ type, id: 'x' }] }), context).capabilities.escalate;
    expect(escalate('escalation')).toBe(true);
    expect(escalate('team')).toBe(true);
    expect(escalate('user')).toBe(false);
  });
});

describe('alertLabels', () => {
  it('splits key:value tags at the first colon and marks bare tags true', () => {
    expect(
      alertLabels(anAlert({ tags: ['service:checkout', 'url:https://x/y', 'critical', ' '] })),
    ).toEqual({
      service: 'checkout',
      url: 'https://x/y',
      critical: 'true',
      alias: 'checkout-5xx',
      source: 'Prometheus',
    });
  });

  it("lets the alert's own fields win over tags of the same name", () => {
    const labels = alertLabels(anAlert({ tags: ['source:spoofed'], entity: 'db-1' }));
    expect(labels).toMatchObject({ source: 'Prometheus', entity: 'db-1' });
  });
});

describe('periodsToShifts', () => {
  const window = {
    since: Date.parse('2026-11-22T09:00:00Z'),
    until: Date.parse('2026-11-23T09:00:00Z'),
  };
  const schedule = {
    sourceId: 'og',
    username: 'dana@acme.example',
    scheduleId: 's1',
    scheduleName: 'Payments primary',
    window,
  };
  const period = (start: string, end: string, name: string, type = 'user') => ({
    startDate: start,
    endDate: end,
    type: 'default',
    recipient: { id: `${name}-id`, name, type },
  });

  it('keeps periods overlapping the window, with who is on call', () => {
    const shifts = periodsToShifts(
      [
        period('2026-11-21T09:00:00.000Z', '2026-11-22T09:00:00.000Z', 'sam@acme.example'),
        period('2026-11-22T09:00:00.000Z', '2026-11-22T21:00:00.000Z', 'dana@acme.example'),
        period('2026-11-22T21:00:00.000Z', '2026-11-23T21:00:00.000Z', 'Database', 'team'),
        period('2026-11-23T09:00:00.000Z', '2026-11-24T09:00:00.000Z', 'lee@acme.example'),
      ],
      schedule,
    );
    expect(shifts).toEqual([
      {
        sourceId: 'og',
        scheduleId: 's1',
        scheduleName: 'Payments primary',
        userName: 'dana@acme.example',
        userId: 'dana@acme.example-id',
        isMe: true,
        start: '2026-11-22T09:00:00.000Z',
        end: '2026-11-22T21:00:00.000Z',
      },
      expect.objectContaining({ userName: 'Database', isMe: false }),
    ]);
  });

  it('marks a stretch the final timeline calls an override', () => {
    const covered = {
      ...period('2026-11-22T10:00:00.000Z', '2026-11-22T12:00:00.000Z', 'sam@acme.example'),
      type: 'override',
    };
    const usual = period(
      '2026-11-22T12:00:00.000Z',
      '2026-11-22T21:00:00.000Z',
      'dana@acme.example',
    );
    const [override, rotation] = periodsToShifts([covered, usual], schedule);
    expect(override).toMatchObject({ userName: 'sam@acme.example', override: {} });
    expect(rotation).not.toHaveProperty('override');
  });

  it('skips gaps nobody covers', () => {
    const gap = period('2026-11-22T10:00:00.000Z', '2026-11-22T11:00:00.000Z', 'none', 'none');
    expect(periodsToShifts([gap], schedule)).toEqual([]);
  });
});
