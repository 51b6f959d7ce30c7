/**
 * Paints the core's tray model onto an Electron Tray and turns menu clicks into commands.
 * Everything worth deciding (icon, counts, wording) is in core/tray/tray-model.ts.
 */
import path from 'node:path';
import {
  Menu,
  Tray,
  nativeImage,
  type MenuItemConstructorOptions,
  type NativeImage,
} from 'electron';
import type { AppState, CommandHandlers } from '../contract/ipc-contract.js';
import type { Log } from '../core/ports/log.js';
import { trayModelOf, type TrayIcon, type TrayModel } from '../core/tray/tray-model.js';

export interface TrayMenuActions {
  acknowledge(incidentKey: string): void;
  refresh(): void;
  showWindow(): void;
  hideWindow(): void;
  quit(): void;
}

/** A long menu is unusable; the window lists everything. */
const maxMenuIncidents = 10;

export function buildTrayMenuTemplate(
  model: TrayModel,
  actions: TrayMenuActions,
  windowVisible: boolean,
): MenuItemConstructorOptions[] {
  const shown = model.triggered.slice(0, maxMenuIncidents);
  const hidden = model.triggered.length - shown.length;
  return [
    { label: label(`Onwatch — ${model.summary}`), enabled: false },
    ...shown.map((incident): MenuItemConstructorOptions => ({
      label: label(incident.title),
      submenu: [
        { label: label(incident.sourceName), enabled: false },
        {
          label: 'Acknowledge',
          enabled: incident.canAck,
          click: () => actions.acknowledge(incident.key),
        },
      ],
    })),
    ...(hidden > 0 ? [{ label: `…and ${hidden} more triggered`, click: actions.showWindow }] : []),
    { type: 'separator' },
    ...(model.sources.length > 0
      ? model.sources.map((source) => ({
          label: label(`${source.name} — ${source.detail}`),
          enabled: false,
        }))
      : [{ label: 'No sources: nothing is being watched', enabled: false }]),
    { type: 'separator' },
    windowVisible
      ? { label: 'Hide Onwatch', click: actions.hideWindow }
      : { label: 'Open Onwatch', click: actions.showWindow },
    { label: 'Refresh now', click: actions.refresh },
    { type: 'separator' },
    { label: 'Quit Onwatch', click: actions.quit },
  ];
}

/** Menus treat "&" as a mnemonic marker on every platform; titles come from providers. */
function label(text: string): string {
  return text.replaceAll('&', '&&');
}

export interface TrayWindow {
  isVisible(): boolean;
  show(): void;
  hide(): void;
  onVisibilityChanged(listener: () => void): void;
}

export interface TrayControllerOptions {
  iconsDir: string;
  handlers: Pick<CommandHandlers, 'ack' | 'refresh'>;
  window: TrayWindow;
  quit(): void;
  log: Log;
  now?: () => number;
  platform?: NodeJS.Platform;
}

export interface TrayController {
  update(state: AppState): void;
  destroy(): void;
}

export function createTrayController(
  options: TrayControllerOptions,
  initialState: AppState,
): TrayController {
  const { iconsDir, handlers, window, log, now = Date.now, platform = process.platform } = options;
  const images = new Map<TrayIcon, NativeImage>();
  const imageOf = (icon: TrayIcon): NativeImage => {
    let image = images.get(icon);
    if (!image) {
      // macOS tints template images to suit the menu bar; only the calm state should blend in.
      const file = platform === 'darwin' && icon === 'idle' ? 'tray-idleTemplate' : `tray-${icon}`;
      image = nativeImage.createFromPath(path.join(iconsDir, `${file}.png`));
      if (image.isEmpty()) log.error(`tray icon ${file}.png is missing from ${iconsDir}`);
      images.set(icon, image);
    }
    return image;
  };
  const run = (what: string, action: Promise<unknown>) =>
    action.catch((error: unknown) =>
      log.warn(
        `${what} from the tray failed: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  const actions: TrayMenuActions = {
    acknowledge: (key) => void run('ack', handlers.ack({ key })),
    refresh: () => void run('refresh', handlers.refresh({})),
    showWindow: () => window.show(),
    hideWindow: () => window.hide(),
    quit: () => options.quit(),
  };

  let model = trayModelOf(initialState, now());
  const tray = new Tray(imageOf(model.icon));
  let menuKey = '';
  const paint = (next: TrayModel) => {
    if (next.icon !== model.icon) tray.setImage(imageOf(next.icon));
    tray.setToolTip(next.tooltip);
    if (platform === 'darwin') {
      // The menu bar has room for a count beside the icon; other trays do not.
      tray.setTitle(next.triggeredCount > 0 ? String(next.triggeredCount) : '');
    }
    // Rebuilding an open menu can close it under the user's pointer; only rebuild on change.
    const visible = window.isVisible();
    const key = JSON.stringify([next, visible]);
    if (key !== menuKey) {
      menuKey = key;
      tray.setContextMenu(Menu.buildFromTemplate(buildTrayMenuTemplate(next, actions, visible)));
    }
    model = next;
  };

  paint(model);
  window.onVisibilityChanged(() => paint(model));
  // Windows users expect a left click to open the app; on macOS a click shows the menu instead.
  if (platform !== 'darwin') tray.on('click', () => window.show());

  return {
    update: (state) => paint(trayModelOf(state, now())),
    destroy: () => tray.destroy(),
  };
}
