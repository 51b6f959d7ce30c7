/**
 * The one app window: locked down (isolated, sandboxed, no Node, no navigation away from the
 * renderer), and hidden rather than closed, because the tray app keeps watching without it.
 */
import { pathToFileURL } from 'node:url';
import { BrowserWindow, app, shell, type WebContents } from 'electron';
import type { Log } from '../core/ports/log.js';

export interface MainWindowOptions {
  preloadPath: string;
  indexHtmlPath: string;
  iconPath: string;
  log: Log;
}

export interface MainWindow {
  readonly browserWindow: BrowserWindow;
  /** The file:// URL of our renderer; only its main frame may use the IPC bridge. */
  readonly rendererUrl: string;
  /** Restores, shows and focuses, e.g. for a second instance or the tray. */
  show(): void;
  hide(): void;
  /** Shown and not minimised: what "Open" versus "Hide" in the tray is about. */
  isVisible(): boolean;
  onVisibilityChanged(listener: () => void): void;
}

export function createMainWindow(options: MainWindowOptions): MainWindow {
  const browserWindow = new BrowserWindow({
    // Wide enough for the incident, its runbook and the terminal side by side.
    width: 1280,
    height: 760,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Onwatch',
    icon: options.iconPath,
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  const rendererUrl = pathToFileURL(options.indexHtmlPath).href;

  // Close means "out of my way", not "stop watching"; only a real quit closes the window.
  let quitting = false;
  const allowClose = () => {
    quitting = true;
  };
  app.on('before-quit', allowClose);
  // Windows logoff/shutdown closes windows without before-quit; a vetoed close would block it.
  browserWindow.on('session-end', allowClose);
  browserWindow.on('close', (event) => {
    if (quitting) return;
    event.preventDefault();
    browserWindow.hide();
  });

  lockDown(browserWindow.webContents, rendererUrl, options.log);
  browserWindow.once('ready-to-show', () => browserWindow.show());
  browserWindow.loadFile(options.indexHtmlPath).catch((error: unknown) => {
    options.log.error(`could not load the renderer: ${String(error)}`);
  });

  return {
    browserWindow,
    rendererUrl,
    show() {
      if (browserWindow.isMinimized()) browserWindow.restore();
      browserWindow.show();
      browserWindow.focus();
      // A menu-bar app (LSUIElement) is never the active app unless it asks to be.
      if (process.platform === 'darwin') app.focus({ steal: true });
    },
    hide: () => browserWindow.hide(),
    isVisible: () => browserWindow.isVisible() && !browserWindow.isMinimized(),
    onVisibilityChanged(listener) {
      browserWindow.on('show', listener);
      browserWindow.on('hide', listener);
      browserWindow.on('minimize', listener);
      browserWindow.on('restore', listener);
    },
  };
}

/** True when `url` is our renderer, whatever its hash or query (in-app routing). */
export function isRendererUrl(url: string, rendererUrl: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  parsed.hash = '';
  parsed.search = '';
  return parsed.protocol === 'file:' && parsed.href === new URL(rendererUrl).href;
}

function lockDown(webContents: WebContents, rendererUrl: string, log: Log): void {
  /**
   * Only web links and calendar subscriptions (webcal:, which the system's calendar app
   * takes) leave the app; file:, smb: and other schemes can run code on the host.
   */
  const openInBrowser = (url: string) => {
    if (!/^(https?|webcal):\/\//i.test(url)) return;
    shell.openExternal(url).catch((error: unknown) => {
      // A feed address is a secret: the message names no link.
      log.warn(`could not open a link in the browser: ${String(error).replaceAll(url, '<link>')}`);
    });
  };
  webContents.setWindowOpenHandler(({ url }) => {
    openInBrowser(url);
    return { action: 'deny' };
  });
  webContents.on('will-navigate', (event) => {
    if (isRendererUrl(event.url, rendererUrl)) return;
    event.preventDefault();
    openInBrowser(event.url);
  });
  // Copy buttons (runbook commands) need clipboard writes; nothing else is ever granted.
  webContents.session.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(permission === 'clipboard-sanitized-write'),
  );
}
