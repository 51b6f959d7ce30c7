/**
 * Exposes `window.onwatch`: one function per contract command and one subscription per contract
 * event, generated from the contract's lists; never ipcRenderer or a generic send. A sandboxed
 * preload can only require('electron'), so `npm run build:preload` bundles this file into
 * dist/electron/preload.cjs, writing the contract's names in as ONWATCH_CONTRACT_NAMES.
 */
import electron = require('electron');
import type { IpcRendererEvent } from 'electron';
import protocol = require('./common/contract/ipc-protocol.js');
import type { ContractNames, IpcReply, PreloadApi } from './common/contract/ipc-protocol.js';

declare const ONWATCH_CONTRACT_NAMES: ContractNames;

const { contextBridge, ipcRenderer } = electron;
const { ipcChannel } = protocol;
const { commands, events } = ONWATCH_CONTRACT_NAMES;

function command(channel: string) {
  return async (request: unknown): Promise<IpcReply> => {
    try {
      return (await ipcRenderer.invoke(channel, request)) as IpcReply;
    } catch (error) {
      // Only when main has no handler or the window is going away; still an answer as data.
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, error: { code: 'disconnected', message } };
    }
  };
}

function subscription(channel: string) {
  return (listener: (payload: unknown) => void) => {
    // The IPC event holds the sender (ipcRenderer itself); the page only ever gets the payload.
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  };
}

const api = Object.fromEntries([
  ...commands.map((name) => [name, command(ipcChannel.command(name))]),
  ...events.map(({ name, method }) => [method, subscription(ipcChannel.event(name))]),
]) as PreloadApi;

contextBridge.exposeInMainWorld('onwatch', api);
