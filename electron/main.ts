/**
 * Composition root: starts the core and wraps it in the Electron shell (window, tray, IPC).
 * Decisions live in the core and the shell modules; this file only wires them.
 */
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { app, dialog } from 'electron';
import { OnwatchCore } from './core/onwatch-core.js';
import { consoleLog, type Log } from './core/ports/log.js';
import { KeytarSecretStore } from './core/secrets/keytar-secret-store.js';
import { registerIpc } from './shell/electron-ipc.js';
import { createMainWindow, type MainWindow } from './shell/main-window.js';
import { createTrayController } from './shell/tray-controller.js';
import type { DesktopAttention } from './core/attention/attention-center.js';
import { commandOnPath, selectNotifier } from './core/notify/select-notifier.js';
import { createAttentionWindow } from './shell/attention-window.js';
import { ElectronNotifier } from './shell/electron-notifier.js';
import { defaultAckAccelerator } from './common/ack-shortcut.js';
import { registerAckShortcut } from './shell/global-shortcut.js';
import { watchPowerEvents } from './shell/power-events.js';

/** A tray app must always be able to quit, even if a provider hangs while the core stops. */
const stopTimeoutMs = 5_000;

async function startShell(log: Log): Promise<MainWindow> {
  // Packaged, this is app.asar; in development, the project root. dist/ and assets/ sit in it.
  const root = app.getAppPath();
  // The core starts before the window (its IPC handlers must exist before the renderer loads),
  // so the ladder's window moves reach the window once it exists.
  const later: { window?: MainWindow; attention?: DesktopAttention } = {};
  const core = await OnwatchCore.start({
    settingsPath: path.join(app.getPath('userData'), 'settings.json'),
    secrets: new KeytarSecretStore(),
    log,
    appRoot: root,
    notifier: selectNotifier({
      platform: process.platform,
      env: process.env,
      hasCommand: (name) => commandOnPath(name, process.env),
      log,
      fallback: () => new ElectronNotifier(),
    }),
    desktop: { apply: (view) => later.attention?.apply(view) },
  });
  stopCoreOnQuit(core, log);
  // Whatever asks to show an incident (tray, notification, ladder), the window comes up too.
  core.onOpenIncident(() => later.window?.show());
  const openIncident = (key: string) => core.openIncident(key);

  const mainWindow = createMainWindow({
    preloadPath: path.join(root, 'dist', 'electron', 'preload.cjs'),
    indexHtmlPath: path.join(root, 'dist', 'renderer', 'index.html'),
    iconPath: path.join(root, 'assets', 'icon.png'),
    log,
  });
  later.window = mainWindow;
  later.attention = createAttentionWindow({ window: mainWindow, selectIncident: openIncident });
  registerIpc({
    core,
    webContents: mainWindow.browserWindow.webContents,
    rendererUrl: mainWindow.rendererUrl,
    log,
  });
  const tray = createTrayController(
    {
      iconsDir: path.join(root, 'assets', 'tray'),
      handlers: core.handlers,
      window: mainWindow,
      openIncident,
      openCover: (shift) => {
        mainWindow.show();
        core.openCover(shift);
      },
      quit: () => app.quit(),
      log,
    },
    core.getState(),
  );
  core.onStateChanged((state) => tray.update(state));
  const shortcut = registerAckShortcut(
    {
      getState: () => core.getState(),
      ack: (key) => core.handlers.ack({ key }),
      onStatus: (status) => {
        if (status.registered) return;
        core.addNotice(
          'warning',
          `The acknowledge shortcut ${status.accelerator} is unavailable (${status.reason}); choose another in Settings.`,
        );
      },
      log,
    },
    core.getState().settings.ackShortcut,
  );
  let accelerator = core.getState().settings.ackShortcut;
  core.onStateChanged(({ settings }) => {
    if (settings.ackShortcut === accelerator) return;
    accelerator = settings.ackShortcut;
    shortcut.setAccelerator(accelerator ?? defaultAckAccelerator);
  });
  watchPowerEvents({
    // After sleep or a network change every source is polled at once, not at its next turn.
    refreshAll: () =>
      void core.handlers
        .refresh({})
        .catch((error: unknown) => log.warn(`refresh failed: ${String(error)}`)),
    log,
  });
  return mainWindow;
}

/** Quitting waits (briefly) for the core, so an action in flight is not cut off mid-request. */
function stopCoreOnQuit(core: OnwatchCore, log: Log): void {
  let stopping: Promise<void> | undefined;
  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    stopping ??= Promise.race([core.stop(), delay(stopTimeoutMs)])
      .catch((error: unknown) => log.error(`stopping the core failed: ${String(error)}`))
      .then(() => {
        stopped = true;
        app.quit();
      });
  });
}

function main(): void {
  // A second launch (a desktop shortcut, autostart twice) focuses the running app instead.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  let mainWindow: MainWindow | undefined;
  app.on('second-instance', () => mainWindow?.show());
  app.on('activate', () => mainWindow?.show());
  // Listening at all stops Electron's default quit: the tray keeps watching with no window open.
  app.on('window-all-closed', () => {});

  app
    .whenReady()
    .then(() => startShell(consoleLog))
    .then((window) => {
      mainWindow = window;
    })
    .catch((error: unknown) => {
      // Never fail silently: a responder who thinks Onwatch is running would miss pages.
      dialog.showErrorBox(
        'Onwatch could not start',
        error instanceof Error ? error.message : String(error),
      );
      app.exit(1);
    });
}

main();
