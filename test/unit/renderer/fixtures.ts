import type { AppState } from '../../../electron/contract/ipc-contract.js';
import type { Incident } from '../../../renderer/lib/contract-types.js';

export function incident(overrides: Partial<Incident> & { externalId: string }): Incident {
  const sourceId = overrides.sourceId ?? 'drill';
  return {
    key: `${sourceId}:${overrides.externalId}`,
    sourceId,
    title: `Incident ${overrides.externalId}`,
    status: 'triggered',
    urgency: 'high',
    createdAt: '2025-03-01T12:00:00.000Z',
    assignedToMe: false,
    assignees: [],
    labels: {},
    links: [],
    capabilities: {
      ack: true,
      resolve: true,
      snooze: false,
      reassign: false,
      escalate: false,
      note: false,
      silence: false,
    },
    ...overrides,
  };
}

export function appState(overrides: Partial<AppState> = {}): AppState {
  return {
    incidents: [],
    sources: [],
    pendingActions: [],
    notices: [],
    settings: { responderName: 'Dana', sources: [], drillIsDefault: true },
    ...overrides,
  };
}
