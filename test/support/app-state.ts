import type { ActionView, AppState } from '../../electron/common/contract/app-state.js';
import type { Incident } from '../../electron/common/model/incident.js';
import type { SourceStatus } from '../../electron/common/model/source-status.js';

/** A healthy drill source that has not polled yet; override what the test is about. */
export function aSourceStatus(overrides: Partial<SourceStatus> = {}): SourceStatus {
  return {
    id: 'drill',
    name: 'Drill',
    kind: 'drill',
    health: 'ok',
    consecutiveFailures: 0,
    polling: false,
    ...overrides,
  };
}

/** The outbox's first, still pending try to ack `incident`; override what the test is about. */
export function anAckOf(incident: Incident, overrides: Partial<ActionView> = {}): ActionView {
  return {
    id: `action-${incident.externalId}`,
    incidentKey: incident.key,
    incidentTitle: incident.title,
    sourceId: incident.sourceId,
    action: { type: 'ack' },
    state: 'pending',
    attempts: 1,
    createdAt: incident.createdAt,
    ...overrides,
  };
}

/**
 * The state Onwatch shows with nothing open, configured or scheduled; give incidents (built
 * with `anIncident`), sources, actions and the rest as overrides.
 */
export function anAppState(overrides: Partial<AppState> = {}): AppState {
  return {
    incidents: [],
    sources: [],
    actions: [],
    schedule: {
      onCallNow: [],
      myShifts: [],
      timeline: [],
      handoffs: [],
      windowStart: '2025-11-22T00:00:00.000Z',
      windowEnd: '2025-12-06T00:00:00.000Z',
    },
    attention: { stages: {}, ring: {}, alarm: null, takeover: null },
    notices: [],
    settings: {
      responderName: 'Sam',
      alarmSound: 'pulse',
      fastLane: 'on-call',
      shiftReminderLeadMinutes: 30,
      sources: [],
      statusPages: [],
      drillIsDefault: true,
    },
    statusPages: { pages: [], writes: [], links: [], reminders: [] },
    checks: [],
    ...overrides,
  };
}
