import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  commandNames,
  eventNames,
  subscriptionName,
} from '../../../electron/common/contract/ipc-contract.js';
import { ipcChannel } from '../../../electron/common/contract/ipc-protocol.js';
import { ipcRenderer, resetElectronFakes } from './electron-fakes.js';
import { loadPreload } from './load-preload.js';

beforeEach(resetElectronFakes);

describe('preload', () => {
  it("exposes window.onwatch with exactly the contract's commands and a subscription per event", async () => {
    const { key, api } = await loadPreload();
    expect(key).toBe('onwatch');
    expect(Object.keys(api).sort()).toEqual(
      [...commandNames, ...eventNames.map(subscriptionName)].sort(),
    );
    expect(eventNames.map(subscriptionName).sort()).toEqual(
      [
        'onOpenCover',
        'onRunbookProgress',
        'onRunbooksChanged',
        'onSelectIncident',
        'onStateChange',
        'onStateSnapshot',
        'onTerminalCommand',
        'onTerminalData',
        'onTerminalExit',
        'onTerminalRunAll',
      ].sort(),
    );
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('offers nothing generic: no ipcRenderer, no send, no invoke of an arbitrary channel', async () => {
    const { api } = await loadPreload();
    for (const generic of ['send', 'invoke', 'on', 'ipcRenderer', 'sendSync', 'postMessage']) {
      expect(api).not.toHaveProperty(generic);
    }
  });

  it("sends each command on the contract's channel and resolves with main's reply as data", async () => {
    const { api } = await loadPreload();
    for (const name of commandNames) {
      const reply = { ok: true, value: { answered: name } };
      ipcRenderer.invoke.mockResolvedValueOnce(reply);
      const call = api[name] as (request: unknown) => Promise<unknown>;
      await expect(call({ probe: name })).resolves.toEqual(reply);
      expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(ipcChannel.command(name), {
        probe: name,
      });
    }
  });

  it('answers a failed invoke (no handler in main) as a disconnected reply, never a rejection', async () => {
    const { api } = await loadPreload();
    await expect(api.refresh({})).resolves.toEqual({
      ok: false,
      error: { code: 'disconnected', message: "No handler registered for 'onwatch:refresh'" },
    });
  });

  it('carries the contract’s names, not its schemas: a small bundle free of zod', async () => {
    const { code } = await loadPreload();
    expect(code.length).toBeLessThan(20_000);
    expect(code).not.toMatch(/zod/i);
  });

  it('hands each event to its listeners without the IPC event, and unsubscribes', async () => {
    const { api } = await loadPreload();
    for (const name of eventNames) {
      const listener = vi.fn();
      const subscribe = api[subscriptionName(name)] as (l: typeof listener) => () => void;
      const unsubscribe = subscribe(listener);
      const channel = ipcChannel.event(name);
      const payload = { probe: name };
      ipcRenderer.emit(channel, { sender: ipcRenderer }, payload);
      expect(listener, name).toHaveBeenCalledExactlyOnceWith(payload);

      unsubscribe();
      expect(ipcRenderer.listenerCount(channel)).toBe(0);
      ipcRenderer.emit(channel, { sender: ipcRenderer }, payload);
      expect(listener).toHaveBeenCalledTimes(1);
    }
  });
});
