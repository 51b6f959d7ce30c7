/**
 * Exposes `window.onwatch`: one function per contract command and one subscription per contract
 * event, generated from the contract's lists; never ipcRenderer or a generic send. A sandboxed
 * preload can only require('electron'), so `npm run build:preload` bundles this file with the
 * ground floor it imports into dist/electron/preload.cjs.
 */
import electron = require('electron');
import type { IpcRendererEvent } from 'electron';
import errors = require('./common/contract/command-error.js');
import contract = require('./common/contract/ipc-contract.js');
import protocol = require('./common/contract/ipc-protocol.js');
import type { IpcReply, PreloadApi } from './common/contract/ipc-protocol.js';

const { contextBridge, ipcRenderer } = electron;
const { CommandError } = errors;
const { commandNames, eventNames, subscriptionName } = contract;
const { ipcChannel } = protocol;

function command(channel: string) {
  return async (request: unknown): Promise<IpcReply> => {
    try {
      return (await ipcRenderer.invoke(channel, request)) as IpcReply;
    } catch (error) {
      // Only when main has no handler or the window is going away; still an answer as data.
      return { ok: false, error: CommandError.dataOf(error) };
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
  ...commandNames.map((name) => [name, command(ipcChannel.command(name))]),
  ...eventNames.map((name) => [subscriptionName(name), subscription(ipcChannel.event(name))]),
]) as PreloadApi;

contextBridge.exposeInMainWorld('onwatch', api);
