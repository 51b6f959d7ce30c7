import { vi } from 'vitest';
import type { AppState } from '../../../electron/common/contract/app-state.js';
import type { AlarmAudio } from '../../../renderer/audio/alarm-audio.js';
import type { ConnectionStatus, OnwatchBridge } from '../../../renderer/bridge/connection.js';
import { appState } from './fixtures.js';

/** A bridge whose commands are spies and whose events the test emits. */
export function fakeBridge(initial = appState()) {
  const stateListeners = new Set<(state: AppState) => void>();
  const selectListeners = new Set<(key: string) => void>();
  const connectionListeners = new Set<(status: ConnectionStatus) => void>();
  const api = {
    getState: vi.fn(async () => initial),
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
    onStateChanged(listener: (state: AppState) => void) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    onSelectIncident(listener: (key: string) => void) {
      selectListeners.add(listener);
      return () => selectListeners.delete(listener);
    },
    onConnectionChanged(listener: (status: ConnectionStatus) => void) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
  } satisfies OnwatchBridge;
  return {
    api,
    emitState: (state: AppState) => stateListeners.forEach((l) => l(state)),
    emitSelect: (key: string) => selectListeners.forEach((l) => l(key)),
    emitConnection: (status: ConnectionStatus) => connectionListeners.forEach((l) => l(status)),
    listenerCount: () => stateListeners.size + selectListeners.size + connectionListeners.size,
  };
}

/** An audio output that records what it was asked to do; `play` resolves unless told otherwise. */
export function fakeAudio() {
  return {
    play: vi.fn<AlarmAudio['play']>(async () => {}),
    stop: vi.fn<AlarmAudio['stop']>(),
  } satisfies AlarmAudio;
}
