/**
 * Loads the preload the way a sandboxed renderer does: compiled to CommonJS, with a `require`
 * that knows only 'electron'. So this also proves the preload is self-contained.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import ts from 'typescript';
import { describe, expect, it, vi } from 'vitest';
import {
  commandNames,
  ipcChannel,
  type OnwatchApi,
} from '../../../electron/common/contract/ipc-contract.js';
import { anAppState } from '../../support/app-state.js';

const preloadPath = path.resolve(import.meta.dirname, '../../../electron/preload.cts');

function loadPreload() {
  const { outputText } = ts.transpileModule(readFileSync(preloadPath, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
    fileName: preloadPath,
  });
  const ipcRenderer = Object.assign(new EventEmitter(), {
    invoke: vi.fn<(channel: string, request: unknown) => Promise<unknown>>(),
    send: vi.fn(),
  });
  const exposeInMainWorld = vi.fn();
  const electron = { contextBridge: { exposeInMainWorld }, ipcRenderer };
  const require = (id: string) => {
    if (id === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require '${id}'`);
  };
  const module = { exports: {} };
  const run = vm.runInThisContext(`(function (require, module, exports) {${outputText}\n})`, {
    filename: preloadPath,
  }) as (r: typeof require, m: typeof module, e: object) => void;
  run(require, module, module.exports);

  expect(exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [key, api] = exposeInMainWorld.mock.calls[0] as [string, OnwatchApi];
  return { key, api, ipcRenderer };
}

const appState = anAppState();

describe('preload', () => {
  it("exposes window.onwatch with exactly the contract's commands and its two events", () => {
    const { key, api } = loadPreload();
    expect(key).toBe('onwatch');
    expect(Object.keys(api).sort()).toEqual(
      [...commandNames, 'onStateChanged', 'onSelectIncident'].sort(),
    );
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('offers nothing generic: no ipcRenderer, no send, no invoke of an arbitrary channel', () => {
    const { api, ipcRenderer } = loadPreload();
    const exposed = Object.values(api) as unknown[];
    expect(exposed).not.toContain(ipcRenderer);
    expect(exposed).not.toContain(ipcRenderer.invoke);
    for (const generic of ['send', 'invoke', 'on', 'ipcRenderer', 'sendSync', 'postMessage']) {
      expect(api).not.toHaveProperty(generic);
    }
  });

  it("sends each command on the contract's channel and unwraps the reply", async () => {
    const { api, ipcRenderer } = loadPreload();
    for (const name of commandNames) {
      ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { answered: name } });
      const call = api[name] as (request: unknown) => Promise<unknown>;
      await expect(call({ probe: name })).resolves.toEqual({ answered: name });
      expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(ipcChannel.command(name), {
        probe: name,
      });
    }
    expect(ipcRenderer.send).not.toHaveBeenCalled();
  });

  it("throws main's plain error message", async () => {
    const { api, ipcRenderer } = loadPreload();
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: false, error: 'invalid ack request: key' });
    await expect(api.ack({ key: '' })).rejects.toThrow(new Error('invalid ack request: key'));
  });

  it('hands state changes to listeners without the IPC event, and unsubscribes', () => {
    const { api, ipcRenderer } = loadPreload();
    const listener = vi.fn();
    const unsubscribe = api.onStateChanged(listener);
    const channel = ipcChannel.event('stateChanged');
    ipcRenderer.emit(channel, { sender: ipcRenderer }, appState);
    expect(listener).toHaveBeenCalledExactlyOnceWith(appState);

    unsubscribe();
    expect(ipcRenderer.listenerCount(channel)).toBe(0);
    ipcRenderer.emit(channel, { sender: ipcRenderer }, appState);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('hands a request to show an incident to listeners as the bare key', () => {
    const { api, ipcRenderer } = loadPreload();
    const listener = vi.fn();
    const unsubscribe = api.onSelectIncident(listener);
    const channel = ipcChannel.event('selectIncident');
    ipcRenderer.emit(channel, { sender: ipcRenderer }, { key: 'pd:PINC001' });
    expect(listener).toHaveBeenCalledExactlyOnceWith('pd:PINC001');
    unsubscribe();
    expect(ipcRenderer.listenerCount(channel)).toBe(0);
  });
});
