import { pathToFileURL } from 'node:url';
import type { WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  commandNames,
  ipcChannel,
  type CommandHandlers,
  type CommandName,
} from '../../../electron/common/contract/ipc-contract.js';
import { type AppState } from '../../../electron/common/contract/app-state.js';
import { silentLog } from '../../../electron/core/ports/log.js';
import { registerIpc, type IpcReply } from '../../../electron/shell/electron-ipc.js';
import { anAppState } from '../../support/app-state.js';
import { FakeWebContents, FakeWebFrame, ipcMain, resetElectronFakes } from './electron-fakes.js';

vi.mock('electron', () => import('./electron-fakes.js'));

const rendererUrl = pathToFileURL('/opt/onwatch/dist/renderer/index.html').href;

const appState = anAppState();

function setup() {
  const handlers = Object.fromEntries(
    commandNames.map((name) => [name, vi.fn(async () => ({ from: name }))]),
  ) as unknown as CommandHandlers & Record<CommandName, ReturnType<typeof vi.fn>>;
  const stateListeners = new Set<(state: AppState) => void>();
  const openListeners = new Set<(key: string) => void>();
  const core = {
    handlers,
    onStateChanged: (listener: (state: AppState) => void) => {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    onOpenIncident: (listener: (key: string) => void) => {
      openListeners.add(listener);
      return () => openListeners.delete(listener);
    },
  };
  const webContents = new FakeWebContents();
  webContents.mainFrame.url = `${rendererUrl}#/incidents`;
  const dispose = registerIpc({
    core,
    webContents: webContents as unknown as WebContents,
    rendererUrl,
    log: silentLog,
  });
  const fromMainFrame = { sender: webContents, senderFrame: webContents.mainFrame };
  const invoke = async (name: string, payload: unknown, event: object = fromMainFrame) => {
    const handler = ipcMain.handlers.get(`onwatch:${name}`);
    if (!handler) throw new Error(`no handler for ${name}`);
    return (await handler(event, payload)) as IpcReply;
  };
  const emitState = (state: AppState) => stateListeners.forEach((listener) => listener(state));
  return { handlers, webContents, invoke, emitState, stateListeners, openListeners, dispose };
}

beforeEach(resetElectronFakes);

describe('Electron IPC bridge', () => {
  it('registers exactly one handler per contract command, on the contract channels', () => {
    setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(
      commandNames.map((name) => ipcChannel.command(name)).sort(),
    );
  });

  it('runs a valid request from our window through the handler and replies with its result', async () => {
    const { handlers, invoke } = setup();
    await expect(invoke('ack', { key: 'drill:1' })).resolves.toEqual({
      ok: true,
      value: { from: 'ack' },
    });
    expect(handlers.ack).toHaveBeenCalledWith({ key: 'drill:1' });
    // A missing payload means "no arguments", as the contract's dispatcher defines.
    await expect(invoke('getState', undefined)).resolves.toMatchObject({ ok: true });
  });

  it('rejects requests from any frame but our window’s main frame showing our renderer', async () => {
    const { handlers, invoke, webContents } = setup();
    const otherContents = new FakeWebContents();
    otherContents.mainFrame.url = rendererUrl;
    const foreign = {
      iframe: { sender: webContents, senderFrame: new FakeWebFrame(rendererUrl, 'child') },
      'navigated away': {
        sender: webContents,
        senderFrame: new FakeWebFrame('https://evil.example/', 'main-frame'),
      },
      'other window': { sender: otherContents, senderFrame: otherContents.mainFrame },
      'gone frame': { sender: webContents, senderFrame: null },
    };
    for (const [what, event] of Object.entries(foreign)) {
      const reply = await invoke('ack', { key: 'drill:1' }, event);
      expect(reply, what).toEqual({
        ok: false,
        error: 'ack refused: the request did not come from Onwatch',
      });
    }
    webContents.mainFrame.url = 'https://evil.example/';
    expect((await invoke('resolve', { key: 'drill:1' })).ok).toBe(false);
    expect(handlers.ack).not.toHaveBeenCalled();
    expect(handlers.resolve).not.toHaveBeenCalled();
  });

  it('rejects an invalid payload with a message naming the command and the field', async () => {
    const { handlers, invoke } = setup();
    const reply = await invoke('ack', { key: 42 });
    expect(reply.ok).toBe(false);
    expect(reply.ok === false && reply.error).toMatch(/^invalid ack request: .*key/s);
    const extra = await invoke('getState', { sneaky: true });
    expect(extra.ok === false && extra.error).toMatch(/^invalid getState request/);
    expect(handlers.ack).not.toHaveBeenCalled();
    expect(handlers.getState).not.toHaveBeenCalled();
  });

  it('validates the action of act, and the id of retryAction and dismissAction', async () => {
    const { handlers, invoke } = setup();
    const silence = { key: 'am:1', action: { type: 'silence', minutes: 60 } };
    await expect(invoke('act', silence)).resolves.toEqual({ ok: true, value: { from: 'act' } });
    expect(handlers.act).toHaveBeenCalledWith(silence);

    for (const action of [
      { type: 'silence', minutes: 0 },
      { type: 'snooze' },
      { type: 'note', text: '   ' },
      { type: 'delete' },
    ]) {
      const reply = await invoke('act', { key: 'am:1', action });
      expect(reply.ok === false && reply.error, JSON.stringify(action)).toMatch(
        /^invalid act request: .*action/s,
      );
    }
    expect(handlers.act).toHaveBeenCalledTimes(1);

    await invoke('retryAction', { id: 'action-1' });
    expect(handlers.retryAction).toHaveBeenCalledWith({ id: 'action-1' });
    expect((await invoke('dismissAction', {})).ok).toBe(false);
    expect(handlers.dismissAction).not.toHaveBeenCalled();
  });

  it('turns a failing handler into a plain message', async () => {
    const { handlers, invoke } = setup();
    handlers.resolve.mockRejectedValueOnce(new Error('Alertmanager refused the silence'));
    await expect(invoke('resolve', { key: 'am:1' })).resolves.toEqual({
      ok: false,
      error: 'Alertmanager refused the silence',
    });
  });

  it('forwards state changes to the window while it exists', () => {
    const { webContents, emitState } = setup();
    emitState(appState);
    expect(webContents.send).toHaveBeenCalledWith('onwatch:event:stateChanged', appState);
    webContents.destroyed = true;
    emitState(appState);
    expect(webContents.send).toHaveBeenCalledTimes(1);
  });

  it('forwards a request to show an incident to the window', () => {
    const { webContents, openListeners } = setup();
    for (const listener of openListeners) listener('pd:PINC001');
    expect(webContents.send).toHaveBeenCalledWith('onwatch:event:selectIncident', {
      key: 'pd:PINC001',
    });
  });

  it('undoes everything it registered', () => {
    const { dispose, stateListeners, openListeners } = setup();
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
    expect(stateListeners.size).toBe(0);
    expect(openListeners.size).toBe(0);
  });
});
