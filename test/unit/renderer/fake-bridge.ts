import { vi } from 'vitest';
import type { AppState } from '../../../electron/common/contract/app-state.js';
import type {
  StateChange,
  StateSnapshot,
} from '../../../electron/common/contract/state-changes.js';
import { createEmitter } from '../../../electron/common/emitter.js';
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
