import { pathToFileURL } from 'node:url';
import type { WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CommandError } from '../../../electron/common/contract/command-error.js';
import {
  commandNames,
  type CommandHandlers,
  type CommandName,
} from '../../../electron/common/contract/ipc-contract.js';
import { ipcChannel, type IpcReply } from '../../../electron/common/contract/ipc-protocol.js';
import type { StateChange } from '../../../electron/common/contract/state-changes.js';
import { createEmitter } from '../../../electron/common/emitter.js';
import { ViewerHub } from '../../../electron/core/engine/viewer-hub.js';
import { silentLog } from '../../../electron/core/ports/log.js';
import { registerIpc } from '../../../electron/shell/electron-ipc.js';
import { createIpcApi } from '../../../renderer/bridge/ipc-api.js';
import { anAppState } from '../../support/app-state.js';
import {
  FakeWebContents,
  FakeWebFrame,
  ipcMain,
  ipcRenderer,
  resetElectronFakes,
} from './electron-fakes.js';
import { loadPreload } from './load-preload.js';

vi.mock('electron', () => import('./electron-fakes.js'));

const rendererUrl = pathToFileURL('/opt/onwatch/dist/renderer/index.html').href;

const snapshot = { seq: 12, state: anAppState() };
/** Who every command from the window is from. */
const windowCaller = { viewer: 'window', transport: 'electron' };

function setup() {
  const handlers = Object.fromEntries(
    commandNames.map((name) => [name, vi.fn(async () => ({ from: name }))]),
  ) as unknown as CommandHandlers & Record<CommandName, ReturnType<typeof vi.fn>>;
  const changes = createEmitter<StateChange>();
  const opens = createEmitter<string>();
  const hub = new ViewerHub();
  const core = {
    handlers,
    getSnapshot: () => snapshot,
    onStateChange: changes.on,
    onOpenIncident: opens.on,
    connectViewer: hub.connect.bind(hub),
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
  return { handlers, webContents, invoke, changes, opens, hub, dispose, fromMainFrame };
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
    expect(handlers.ack).toHaveBeenCalledWith({ key: 'drill:1' }, windowCaller);
  });

  it("answers getState with the core's numbered snapshot", async () => {
    const { handlers, invoke } = setup();
    // A missing payload means "no arguments", as the contract's dispatcher defines.
    await expect(invoke('getState', undefined)).resolves.toEqual({ ok: true, value: snapshot });
    expect(handlers.getState).not.toHaveBeenCalled();
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
        error: { code: 'forbidden', message: 'ack refused: the request did not come from Onwatch' },
      });
    }
    webContents.mainFrame.url = 'https://evil.example/';
    expect((await invoke('resolve', { key: 'drill:1' })).ok).toBe(false);
    expect(handlers.ack).not.toHaveBeenCalled();
    expect(handlers.resolve).not.toHaveBeenCalled();
  });

  it('rejects an invalid payload with its issues as data, by field', async () => {
    const { handlers, invoke } = setup();
    const reply = await invoke('ack', { key: 42 });
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'invalid-request',
        message: expect.stringMatching(/^Invalid ack request \(key: /),
        issues: [{ path: ['key'], message: expect.any(String) }],
      },
    });
    const extra = await invoke('getState', { sneaky: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-request', issues: [{}] } });
    expect(handlers.ack).not.toHaveBeenCalled();
  });

  it('validates the action of act, and the id of retryAction and dismissAction', async () => {
    const { handlers, invoke } = setup();
    const silence = { key: 'am:1', action: { type: 'silence', minutes: 60 } };
    await expect(invoke('act', silence)).resolves.toEqual({ ok: true, value: { from: 'act' } });
    expect(handlers.act).toHaveBeenCalledWith(silence, windowCaller);

    for (const action of [
      { type: 'silence', minutes: 0 },
      { type: 'snooze' },
      { type: 'note', text: '   ' },
      { type: 'delete' },
    ]) {
      const reply = await invoke('act', { key: 'am:1', action });
      expect(reply.ok === false && reply.error.issues?.[0]?.path, JSON.stringify(action)).toEqual(
        expect.arrayContaining(['action']),
      );
    }
    expect(handlers.act).toHaveBeenCalledTimes(1);

    await invoke('retryAction', { id: 'action-1' });
    expect(handlers.retryAction).toHaveBeenCalledWith({ id: 'action-1' }, windowCaller);
    expect((await invoke('dismissAction', {})).ok).toBe(false);
    expect(handlers.dismissAction).not.toHaveBeenCalled();
  });

  it("turns a failing handler into a 'failed' error, and keeps a CommandError's own data", async () => {
    const { handlers, invoke } = setup();
    handlers.resolve.mockRejectedValueOnce(new Error('Alertmanager refused the silence'));
    await expect(invoke('resolve', { key: 'am:1' })).resolves.toEqual({
      ok: false,
      error: { code: 'failed', message: 'Alertmanager refused the silence' },
    });
    const refused = {
      code: 'failed' as const,
      message: 'Alertmanager answered 401',
      issues: [{ path: ['secrets', 'token'], message: 'rejected by the server' }],
    };
    handlers.testSource.mockRejectedValueOnce(new CommandError(refused));
    const request = { config: { kind: 'drill', id: 'drill', name: 'Drill' } };
    await expect(invoke('testSource', request)).resolves.toEqual({ ok: false, error: refused });
  });

  it('forwards state changes to the window while it exists', () => {
    const { webContents, changes } = setup();
    const change = { seq: 13, notices: [] };
    changes.emit(change);
    expect(webContents.send).toHaveBeenCalledExactlyOnceWith('onwatch:event:stateChange', change);
    webContents.destroyed = true;
    changes.emit({ seq: 14, notices: [] });
    expect(webContents.send).toHaveBeenCalledTimes(1);
  });

  it('forwards a request to show an incident to the window', () => {
    const { webContents, opens } = setup();
    opens.emit('pd:PINC001');
    expect(webContents.send).toHaveBeenCalledWith('onwatch:event:selectIncident', {
      key: 'pd:PINC001',
    });
  });

  it('undoes everything it registered', () => {
    const { dispose, changes, opens } = setup();
    dispose();
    expect(ipcMain.handlers.size).toBe(0);
    expect(changes.size).toBe(0);
    expect(opens.size).toBe(0);
  });
});

/**
 * The whole Electron path with only the `electron` module faked: the renderer's IPC client over
 * the bundled preload, contextBridge's copying, IPC's structured clone, and this bridge.
 */
describe('Electron IPC end to end', () => {
  async function connected(event?: object) {
    const main = setup();
    ipcRenderer.senderEvent = event ?? main.fromMainFrame;
    main.webContents.send.mockImplementation((channel: string, payload: unknown) =>
      ipcRenderer.emit(channel, { sender: ipcRenderer }, structuredClone(payload)),
    );
    const { api: preload } = await loadPreload();
    return { ...main, api: createIpcApi(preload) };
  }

  const rejection = (promise: Promise<unknown>) =>
    promise.then(
      () => expect.unreachable('expected a rejection'),
      (error: unknown) => error,
    );

  it('answers commands with their values, and getState with the snapshot', async () => {
    const { api } = await connected();
    await expect(api.ack({ key: 'drill:1' })).resolves.toEqual({ from: 'ack' });
    await expect(api.getState({})).resolves.toEqual(snapshot);
  });

  it('rejects with a CommandError carrying the code and the issues by field', async () => {
    const { api } = await connected();
    const invalid = await rejection(api.ack({ key: 42 as unknown as string }));
    expect(invalid).toBeInstanceOf(CommandError);
    expect(invalid).toMatchObject({
      code: 'invalid-request',
      message: expect.stringMatching(/^Invalid ack request/),
      issues: [{ path: ['key'], message: expect.any(String) }],
    });
  });

  it("keeps a handler's CommandError whole, and words any other failure", async () => {
    const { api, handlers } = await connected();
    const refused = {
      code: 'failed' as const,
      message: 'The base URL does not answer',
      issues: [{ path: ['config', 'baseUrl'], message: 'connection refused' }],
    };
    handlers.testSource.mockRejectedValueOnce(new CommandError(refused));
    const request = { config: { kind: 'drill' as const, id: 'drill', name: 'Drill' } };
    expect(((await rejection(api.testSource(request))) as CommandError).toData()).toEqual(refused);

    handlers.refresh.mockRejectedValueOnce(new Error('disk full'));
    expect(await rejection(api.refresh({}))).toMatchObject({
      code: 'failed',
      message: 'disk full',
    });
  });

  it("refuses a frame that is not the window's, as 'forbidden'", async () => {
    const { api, handlers } = await connected({ sender: new FakeWebContents(), senderFrame: null });
    expect(await rejection(api.ack({ key: 'drill:1' }))).toMatchObject({ code: 'forbidden' });
    expect(handlers.ack).not.toHaveBeenCalled();
  });

  it('delivers the window’s own events, and lets go of the window when it reloads or closes', async () => {
    const { api, hub, webContents } = await connected();
    const left: string[] = [];
    hub.onLeft((viewer) => left.push(viewer));
    const onData = vi.fn();
    api.onTerminalData(onData);
    const data = (seq: number) => ({ id: 't1', seq, data: 'hi' });
    hub.sendTo('window', 'terminalData', data(1));
    expect(onData).toHaveBeenCalledExactlyOnceWith(data(1));

    // A reload: what the old page held is let go, and the new page gets its events.
    webContents.emit('did-start-loading');
    expect(left).toEqual(['window']);
    hub.sendTo('window', 'terminalData', data(2));
    expect(onData).toHaveBeenLastCalledWith(data(2));

    webContents.emit('destroyed');
    expect(left).toEqual(['window', 'window']);
    hub.sendTo('window', 'terminalData', data(3));
    expect(onData).toHaveBeenCalledTimes(2);
  });

  it('delivers state changes and requests to show an incident', async () => {
    const { api, changes, opens } = await connected();
    const onChange = vi.fn();
    const onSelect = vi.fn();
    api.onStateChange(onChange);
    api.onSelectIncident(onSelect);
    changes.emit({ seq: 13, notices: [] });
    opens.emit('pd:PINC001');
    expect(onChange).toHaveBeenCalledExactlyOnceWith({ seq: 13, notices: [] });
    expect(onSelect).toHaveBeenCalledExactlyOnceWith({ key: 'pd:PINC001' });
  });
});
