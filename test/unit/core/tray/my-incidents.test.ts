import { describe, expect, it } from 'vitest';
import type { ActionView, AppState } from '../../../../electron/contract/ipc-contract.js';
import { noCapabilities, type Incident } from '../../../../electron/core/model/incident.js';
import { newestTriggeredMine } from '../../../../electron/core/tray/my-incidents.js';

function incident(externalId: string, createdAt: string, overrides: Partial<Incident> = {}) {
  return {
    key: `drill:${externalId}`,
    sourceId: 'drill',
    externalId,
    title: externalId,
    status: 'triggered',
    urgency: 'high',
    createdAt,
    assignedToMe: true,
    assignees: [],
    labels: {},
    links: [],
    capabilities: { ...noCapabilities, ack: true },
    ...overrides,
  } satisfies Incident;
}

function state(incidents: Incident[], actions: ActionView[] = []): AppState {
  return {
    incidents,
    sources: [],
    actions,
    schedule: {
      onCallNow: [],
      myShifts: [],
      timeline: [],
      handoffs: [],
      windowStart: '2025-11-22T00:00:00.000Z',
      windowEnd: '2025-12-06T00:00:00.000Z',
    },
    attention: { stages: {}, alarm: null, takeover: null },
    notices: [],
    settings: { responderName: 'Sam', alarmSound: 'pulse', sources: [], drillIsDefault: true },
  };
}

describe('newestTriggeredMine', () => {
  it('picks the page of mine that arrived last, whatever its urgency', () => {
    const picked = newestTriggeredMine(
      state([
        incident('old', '2025-11-22T09:00:00.000Z'),
        incident('new', '2025-11-22T09:05:00.000Z', { urgency: 'low' }),
        incident('middle', '2025-11-22T09:03:00.000Z'),
      ]),
    );
    expect(picked?.key).toBe('drill:new');
  });

  it('skips what is not mine, not triggered, not ackable, or already being acked', () => {
    const newest = '2025-11-22T09:05:00.000Z';
    const pendingAck: ActionView = {
      id: 'action-1',
      incidentKey: 'drill:acking',
      incidentTitle: 'acking',
      sourceId: 'drill',
      action: { type: 'ack' },
      state: 'pending',
      attempts: 1,
      createdAt: newest,
    };
    const picked = newestTriggeredMine(
      state(
        [
          incident('theirs', newest, { assignedToMe: false }),
          incident('acked', newest, { status: 'acknowledged' }),
          incident('no-ack', newest, { capabilities: noCapabilities }),
          incident('acking', newest),
          incident('mine', '2025-11-22T09:00:00.000Z'),
        ],
        [pendingAck],
      ),
    );
    expect(picked?.key).toBe('drill:mine');
  });

  it('finds nothing when no page of mine is waiting', () => {
    expect(newestTriggeredMine(state([]))).toBeUndefined();
    const theirs = incident('theirs', '2025-11-22T09:00:00.000Z', { assignedToMe: false });
    expect(newestTriggeredMine(state([theirs]))).toBeUndefined();
  });
});
