import type {
  ActionView,
  AppState,
  StageView,
} from '../../../electron/common/contract/app-state.js';
import type { Incident } from '../../../electron/common/model/incident.js';
import type { Shift } from '../../../electron/common/model/shift.js';
import { anAppState } from '../../support/app-state.js';

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
      unack: false,
      resolve: true,
      snooze: false,
      reassign: false,
      escalate: false,
      note: false,
      silence: false,
      pause: false,
    },
    ...overrides,
  };
}

export function actionView(overrides: Partial<ActionView> & { id: string }): ActionView {
  return {
    incidentKey: 'drill:1',
    incidentTitle: 'Incident 1',
    sourceId: 'drill',
    action: { type: 'ack' },
    state: 'pending',
    attempts: 0,
    createdAt: '2025-03-01T12:00:00.000Z',
    ...overrides,
  };
}

export function shift(overrides: Partial<Shift> & { start: string }): Shift {
  return {
    sourceId: 'pd',
    scheduleId: 'P1',
    scheduleName: 'Primary',
    userName: 'Dana',
    isMe: false,
    ...overrides,
  };
}

export function stage(overrides: Partial<StageView> = {}): StageView {
  return { stage: 'critical', since: '2025-03-01T12:01:00.000Z', ...overrides };
}

/** The shared empty state, as Dana in early March, which these tests' dates assume. */
export function appState(overrides: Partial<AppState> = {}): AppState {
  const base = anAppState();
  return anAppState({
    schedule: {
      ...base.schedule,
      windowStart: '2025-03-01T00:00:00.000Z',
      windowEnd: '2025-03-15T00:00:00.000Z',
    },
    settings: { ...base.settings, responderName: 'Dana' },
    ...overrides,
  });
}
