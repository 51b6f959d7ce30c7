/**
 * Exposes `window.onwatch`: one purpose-built function per contract command and a state
 * subscription, never ipcRenderer or a generic send. CommonJS and self-contained because a
 * sandboxed preload can only require('electron'); the contract is imported for types alone.
 * Channel names mirror ipcChannel in the contract; test/unit/shell/preload.test.ts holds them
 * together.
 */
import electron = require('electron');
import type { IpcRendererEvent } from 'electron';
import type {
  CommandName,
  CommandRequest,
  CommandResponse,
  OnwatchApi,
} from './common/contract/ipc-contract.js';
import type { AppState } from './common/contract/app-state.js';
import type { IpcReply } from './shell/electron-ipc.js';

const { contextBridge, ipcRenderer } = electron;

async function invoke<K extends CommandName>(
  name: K,
  request: CommandRequest<K>,
): Promise<CommandResponse<K>> {
  const reply = (await ipcRenderer.invoke(`onwatch:${name}`, request)) as IpcReply;
  if (!reply.ok) throw new Error(reply.error);
  return reply.value as CommandResponse<K>;
}

const stateChangedChannel = 'onwatch:event:stateChanged';
const selectIncidentChannel = 'onwatch:event:selectIncident';

// Typed as OnwatchApi, so a command added to the contract fails to compile until it is here.
const api: OnwatchApi = {
  getState: (request) => invoke('getState', request),
  ack: (request) => invoke('ack', request),
  resolve: (request) => invoke('resolve', request),
  act: (request) => invoke('act', request),
  retryAction: (request) => invoke('retryAction', request),
  dismissAction: (request) => invoke('dismissAction', request),
  refresh: (request) => invoke('refresh', request),
  addSource: (request) => invoke('addSource', request),
  editSource: (request) => invoke('editSource', request),
  removeSource: (request) => invoke('removeSource', request),
  testSource: (request) => invoke('testSource', request),
  updateSettings: (request) => invoke('updateSettings', request),
  dismissNotice: (request) => invoke('dismissNotice', request),
  silenceAlarm: (request) => invoke('silenceAlarm', request),
  unsilenceAlarm: (request) => invoke('unsilenceAlarm', request),
  sendTestPage: (request) => invoke('sendTestPage', request),
  onStateChanged(listener) {
    // The IPC event holds the sender (ipcRenderer itself); the page only ever gets the state.
    const forward = (_event: IpcRendererEvent, state: AppState) => listener(state);
    ipcRenderer.on(stateChangedChannel, forward);
    return () => {
      ipcRenderer.removeListener(stateChangedChannel, forward);
    };
  },
  onSelectIncident(listener) {
    const forward = (_event: IpcRendererEvent, payload: { key: string }) => listener(payload.key);
    ipcRenderer.on(selectIncidentChannel, forward);
    return () => {
      ipcRenderer.removeListener(selectIncidentChannel, forward);
    };
  },
};

contextBridge.exposeInMainWorld('onwatch', api);
