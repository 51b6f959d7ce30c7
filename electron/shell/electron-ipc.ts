/**
 * The Electron transport of the contract, and the only file that touches ipcMain. Every
 * request must come from our renderer's main frame and pass the contract's schema.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import {
  commandNames,
  dispatchCommand,
  ipcChannel,
  type CommandHandlers,
} from '../common/contract/ipc-contract.js';
import { type AppState } from '../common/contract/app-state.js';
import type { Log } from '../core/ports/log.js';
import { isRendererUrl } from './main-window.js';

/**
 * What a command channel answers. Errors travel as plain messages in the reply because a
 * rejected `invoke` reaches the renderer wrapped in Electron's own "Error invoking remote
 * method" text.
 */
export type IpcReply = { ok: true; value: unknown } | { ok: false; error: string };

export interface IpcBridgeOptions {
  core: {
    handlers: CommandHandlers;
    onStateChanged(listener: (state: AppState) => void): () => void;
    onOpenIncident(listener: (key: string) => void): () => void;
  };
  /** The main window's contents, and the file:// URL its renderer is loaded from. */
  webContents: WebContents;
  rendererUrl: string;
  log: Log;
}

/** Registers a handler per contract command and forwards the core's events; returns an undo. */
export function registerIpc({ core, webContents, rendererUrl, log }: IpcBridgeOptions): () => void {
  for (const name of commandNames) {
    ipcMain.handle(
      ipcChannel.command(name),
      async (event: IpcMainInvokeEvent, payload: unknown): Promise<IpcReply> => {
        if (!isTrustedSender(event, webContents, rendererUrl)) {
          log.warn(`refused ${name} from a frame that is not the Onwatch window`);
          return { ok: false, error: `${name} refused: the request did not come from Onwatch` };
        }
        try {
          return { ok: true, value: await dispatchCommand(core.handlers, name, payload) };
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          log.warn(`${name} failed: ${message}`);
          return { ok: false, error: message };
        }
      },
    );
  }
  const unsubscribeState = core.onStateChanged((state) => {
    if (!webContents.isDestroyed()) webContents.send(ipcChannel.event('stateChanged'), state);
  });
  const unsubscribeOpen = core.onOpenIncident((key) => {
    if (!webContents.isDestroyed()) webContents.send(ipcChannel.event('selectIncident'), { key });
  });
  return () => {
    unsubscribeState();
    unsubscribeOpen();
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
