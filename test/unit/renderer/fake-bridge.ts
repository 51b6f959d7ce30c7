import { vi } from 'vitest';
import type { AppState } from '../../../electron/common/contract/app-state.js';
import type {
  StateChange,
  StateSnapshot,
} from '../../../electron/common/contract/state-changes.js';
import type { EventPayload, OnwatchApi } from '../../../electron/common/contract/ipc-contract.js';
import { createEmitter } from '../../../electron/common/emitter.js';
import { emptyProgress } from '../../../electron/common/model/runbook-progress.js';
import type { AlarmAudio } from '../../../renderer/audio/alarm-audio.js';
import type { ConnectionStatus, OnwatchBridge } from '../../../renderer/bridge/connection.js';
import { appState } from './fixtures.js';

/**
 * A bridge whose commands are spies and whose events the test emits. `getState` answers the
 * initial state as snapshot 0; each `emitState` pushes a whole state as the next snapshot.
 */
export function fakeBridge(initial = appState()) {
  const snapshots = createEmitter<StateSnapshot>();
  const changes = createEmitter<StateChange>();
  const selects = createEmitter<{ key: string }>();
  const connections = createEmitter<ConnectionStatus>();
  const viewerEvents = {
    runbookProgress: createEmitter<EventPayload<'runbookProgress'>>(),
    runbooksChanged: createEmitter<EventPayload<'runbooksChanged'>>(),
    terminalData: createEmitter<EventPayload<'terminalData'>>(),
    terminalExit: createEmitter<EventPayload<'terminalExit'>>(),
    terminalCommand: createEmitter<EventPayload<'terminalCommand'>>(),
    terminalRunAll: createEmitter<EventPayload<'terminalRunAll'>>(),
    openCover: createEmitter<EventPayload<'openCover'>>(),
  };
  const terminal = {
    id: 't1',
    cwd: '/home/sam',
    shell: '/bin/bash',
    pid: 4242,
    cols: 80,
    rows: 24,
    integrated: true,
  };
  let seq = 0;
  const api = {
    getState: vi.fn(async (): Promise<StateSnapshot> => ({ seq: 0, state: initial })),
    ack: vi.fn(async () => ({ actionId: 'a1' })),
    resolve: vi.fn(async () => ({ actionId: 'a2' })),
    act: vi.fn(async () => ({ actionId: 'a3' })),
    retryAction: vi.fn(async () => ({})),
    dismissAction: vi.fn(async () => ({})),
    refresh: vi.fn(async () => ({})),
    addSource: vi.fn(async () => ({ id: 'prod' })),
    editSource: vi.fn(async () => ({ id: 'prod' })),
    removeSource: vi.fn(async () => ({})),
    testSource: vi.fn(async () => ({ ok: true as const, summary: 'Alertmanager 0.28, 3 alerts' })),
    updateSettings: vi.fn(async () => ({})),
    dismissNotice: vi.fn(async () => ({})),
    silenceAlarm: vi.fn(async () => ({})),
    unsilenceAlarm: vi.fn(async () => ({})),
    sendTestPage: vi.fn(async () => ({ key: 'drill:test' })),
    listTeammates: vi.fn<OnwatchApi['listTeammates']>(async () => ({
      teammates: [{ id: 'PRAVI02', name: 'Ravi Patel', detail: 'ravi@example.com' }],
    })),
    createCover: vi.fn<OnwatchApi['createCover']>(async () => ({ coverId: 'c1' })),
    removeCover: vi.fn<OnwatchApi['removeCover']>(async () => ({})),
    saveCheck: vi.fn<OnwatchApi['saveCheck']>(async ({ sourceId, check }) => ({
      sourceId: sourceId ?? 'local-checks',
      checkId: check.name.toLowerCase(),
    })),
    removeCheck: vi.fn<OnwatchApi['removeCheck']>(async () => ({})),
    runCheck: vi.fn<OnwatchApi['runCheck']>(async () => ({ ok: true, summary: 'HTTP 200' })),
    exportCalendar: vi.fn<OnwatchApi['exportCalendar']>(async () => ({
      fileName: 'onwatch-my-shifts.ics',
      text: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
      events: 0,
    })),
    calendarFeed: vi.fn<OnwatchApi['calendarFeed']>(async () => ({
      webcalUrl: 'webcal://acme.pagerduty.example/private/K/feed/P1',
      httpsUrl: 'https://acme.pagerduty.example/private/K/feed/P1',
    })),
    listReportShifts: vi.fn<OnwatchApi['listReportShifts']>(async () => ({ shifts: [] })),
    shiftReport: vi.fn<OnwatchApi['shiftReport']>(async () => {
      throw new Error('no shift report in this fake');
    }),
    incidentTimeline: vi.fn<OnwatchApi['incidentTimeline']>(async () => ({
      available: true,
      entries: [{ at: '2026-12-01T08:58:00.000Z', kind: 'opened', text: 'Triggered' }],
    })),
    handoffStatus: vi.fn<OnwatchApi['handoffStatus']>(async () => ({
      received: [],
      sent: [],
      unread: [],
      problems: [],
      readAt: '2026-12-01T09:00:00.000Z',
    })),
    acknowledgeHandoff: vi.fn<OnwatchApi['acknowledgeHandoff']>(async () => ({
      queued: 1,
      already: false,
    })),
    listRunbooks: vi.fn(async () => ({ runbooks: [], problems: [], folders: [] })),
    matchRunbooks: vi.fn<OnwatchApi['matchRunbooks']>(async () => ({ candidates: [] })),
    renderRunbook: vi.fn<OnwatchApi['renderRunbook']>(async () => {
      throw new Error('no runbook in this fake');
    }),
    createRunbookDraft: vi.fn(async () => ({ path: '/home/sam/runbooks/new.md' })),
    tickChecklistItem: vi.fn(async () => emptyProgress()),
    previewTranscript: vi.fn(async () => ({
      text: 'Runbook transcript',
      shortened: false,
      steps: 1,
      delivery: 'note' as const,
      explanation: 'It goes to PagerDuty as a note on this incident, once.',
    })),
    postTranscript: vi.fn(async () => ({
      delivery: 'note' as const,
      actionId: 'a4',
      savedTo: '/tmp/transcript.txt',
      alreadyPosted: false,
    })),
    updateRunbookSettings: vi.fn(async () => ({})),
    terminalAccess: vi.fn(async () => ({ enabled: true })),
    terminalOpen: vi.fn(async () => terminal),
    terminalList: vi.fn(async () => [terminal]),
    terminalInput: vi.fn<OnwatchApi['terminalInput']>(async () => ({})),
    terminalResize: vi.fn(async () => ({})),
    terminalClose: vi.fn(async () => ({})),
    terminalAttach: vi.fn(async () => ({ seq: 0, cols: 80, rows: 24, screen: '' })),
    terminalDetach: vi.fn(async () => ({})),
    terminalAck: vi.fn(async () => ({})),
    terminalRunStep: vi.fn(async () => ({ stepId: 'runbook#step' })),
    terminalRunAll: vi.fn(async () => ({ steps: [] })),
    terminalStopRunAll: vi.fn(async () => ({})),
    testStatusPage: vi.fn<OnwatchApi['testStatusPage']>(async () => ({
      ok: true,
      pages: [{ id: 'acmepublic01', name: 'Acme Status', components: 6 }],
    })),
    addStatusPage: vi.fn(async () => ({ id: 'acme' })),
    editStatusPage: vi.fn(async () => ({ id: 'acme' })),
    removeStatusPage: vi.fn(async () => ({})),
    refreshStatusPages: vi.fn(async () => ({})),
    declareStatusPageIncident: vi.fn(async () => ({ writeId: 'w1' })),
    updateStatusPageIncident: vi.fn(async () => ({ writeId: 'w2' })),
    resolveStatusPageIncident: vi.fn(async () => ({ writeId: 'w3' })),
    scheduleMaintenance: vi.fn(async () => ({ writeId: 'w4' })),
    advanceMaintenance: vi.fn(async () => ({ writeId: 'w5' })),
    retryStatusPageWrite: vi.fn(async () => ({})),
    dismissStatusPageWrite: vi.fn(async () => ({})),
    onRunbookProgress: viewerEvents.runbookProgress.on,
    onRunbooksChanged: viewerEvents.runbooksChanged.on,
    onTerminalData: viewerEvents.terminalData.on,
    onTerminalExit: viewerEvents.terminalExit.on,
    onTerminalCommand: viewerEvents.terminalCommand.on,
    onTerminalRunAll: viewerEvents.terminalRunAll.on,
    onOpenCover: viewerEvents.openCover.on,
    connection: 'connecting' as ConnectionStatus,
    onStateSnapshot: snapshots.on,
    onStateChange: changes.on,
    onSelectIncident: selects.on,
    onConnectionChanged: connections.on,
  } satisfies OnwatchBridge;
  return {
    api,
    emitState: (state: AppState) => snapshots.emit({ seq: ++seq, state }),
    /** Sends the change numbered after the last snapshot or change. */
    emitChange: (change: Omit<StateChange, 'seq'>) => changes.emit({ ...change, seq: ++seq }),
    emitSelect: (key: string) => selects.emit({ key }),
    emitConnection: (status: ConnectionStatus) => connections.emit(status),
    viewerEvents,
    listenerCount: () => snapshots.size + changes.size + selects.size + connections.size,
  };
}

/** An audio output that records what it was asked to do; `play` resolves unless told otherwise. */
export function fakeAudio() {
  return {
    play: vi.fn<AlarmAudio['play']>(async () => {}),
    stop: vi.fn<AlarmAudio['stop']>(),
  } satisfies AlarmAudio;
}
