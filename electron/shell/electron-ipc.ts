/**
 * The Electron transport of the contract, and the only file that touches ipcMain. Every
 * request must come from our renderer's main frame and pass the contract's schema; failures
 * go back as CommandErrorData.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CommandError } from '../common/contract/command-error.js';
import {
  commandNames,
  dispatchCommand,
  type Caller,
  type ContractServer,
  type EventName,
  type EventPayload,
} from '../common/contract/ipc-contract.js';
import { ipcChannel, type IpcReply } from '../common/contract/ipc-protocol.js';
import type { Log } from '../core/ports/log.js';
import { isRendererUrl } from './main-window.js';

export interface IpcBridgeOptions {
  core: ContractServer;
  /** The main window's contents, and the file:// URL its renderer is loaded from. */
  webContents: WebContents;
  rendererUrl: string;
  log: Log;
}

/**
 * Registers a handler per contract command and forwards the core's changes; returns an undo.
 * The window asks for a snapshot with getState when it loads, so only changes are pushed.
 */
export function registerIpc({ core, webContents, rendererUrl, log }: IpcBridgeOptions): () => void {
  const caller: Caller = { viewer: 'window', transport: 'electron' };
  for (const name of commandNames) {
    ipcMain.handle(
      ipcChannel.command(name),
      async (event: IpcMainInvokeEvent, payload: unknown): Promise<IpcReply> => {
        if (!isTrustedSender(event, webContents, rendererUrl)) {
          log.warn(`refused ${name} from a frame that is not the Onwatch window`);
          const message = `${name} refused: the request did not come from Onwatch`;
          return { ok: false, error: { code: 'forbidden', message } };
        }
        try {
          return { ok: true, value: await dispatchCommand(core, name, payload, caller) };
        } catch (error) {
          const data = CommandError.dataOf(error);
          log.warn(`${name} failed: ${data.message}`);
          return { ok: false, error: data };
        }
      },
    );
  }
  const send = <E extends EventName>(name: E, payload: EventPayload<E>) => {
    if (!webContents.isDestroyed()) webContents.send(ipcChannel.event(name), payload);
  };
  const unsubscribeChange = core.onStateChange((change) => send('stateChange', change));
  const unsubscribeOpen = core.onOpenIncident((key) => send('selectIncident', { key }));
  // A reload is a new page: what the old one held (terminal flow control) is let go, and the
  // new one attaches afresh.
  let disconnectViewer = core.connectViewer(caller, send);
  const reconnectViewer = () => {
    disconnectViewer();
    disconnectViewer = core.connectViewer(caller, send);
  };
  const leave = () => disconnectViewer();
  webContents.on('did-start-loading', reconnectViewer);
  webContents.on('destroyed', leave);
  return () => {
    unsubscribeChange();
    unsubscribeOpen();
    webContents.off('did-start-loading', reconnectViewer);
    webContents.off('destroyed', leave);
    disconnectViewer();
    for (const name of commandNames) ipcMain.removeHandler(ipcChannel.command(name));
  };
}

/** Only the main frame of our window, still showing our renderer; never iframes or other pages. */
function isTrustedSender(
  event: IpcMainInvokeEvent,
  webContents: WebContents,
  rendererUrl: string,
): boolean {
  const frame = event.senderFrame;
  if (event.sender !== webContents || frame === null || webContents.isDestroyed()) return false;
  const main = webContents.mainFrame;
  return (
    frame.processId === main.processId &&
    frame.frameToken === main.frameToken &&
    isRendererUrl(frame.url, rendererUrl)
  );
}
