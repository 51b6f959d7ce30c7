/**
 * Paints the core's tray model onto an Electron Tray and turns menu clicks into commands.
 * Everything worth deciding (icon, counts, wording) is in core/tray/.
 */
import path from 'node:path';
import {
  Menu,
  Tray,
  nativeImage,
  nativeTheme,
  type MenuItemConstructorOptions,
  type NativeImage,
} from 'electron';
import type { CommandHandlers } from '../common/contract/ipc-contract.js';
import type { AppState } from '../common/contract/app-state.js';
import { systemClock, type Clock, type TimerHandle } from '../core/ports/clock.js';
import type { Log } from '../core/ports/log.js';
import { trayImageOf, type TrayTheme } from '../core/tray/tray-images.js';
import { trayModelOf, traySilenceMinutes, type TrayModel } from '../core/tray/tray-model.js';

interface TrayMenuActions {
  acknowledge(incidentKey: string): void;
  resolve(incidentKey: string): void;
  openIncident(incidentKey: string): void;
  acknowledgeAll(incidentKeys: string[]): void;
  resolveStatusPage(target: { statusPageId: string; incidentId: string }): void;
  needCover(shift: { sourceId: string; scheduleId: string; start: string }): void;
  silenceAlarm(): void;
  unsilenceAlarm(): void;
  refresh(): void;
  showWindow(): void;
  hideWindow(): void;
  quit(): void;
}

/** A long menu is unusable; the window lists everything. */
const maxMenuIncidents = 10;
/** The tooltip says how old the last poll is, so it must be repainted while nothing changes. */
const repaintEveryMs = 10_000;

function buildTrayMenuTemplate(
  model: TrayModel,
  actions: TrayMenuActions,
  windowVisible: boolean,
): MenuItemConstructorOptions[] {
  const shown = model.triggered.slice(0, maxMenuIncidents);
  const hidden = model.triggered.length - shown.length;
  const mine = model.mineToAck.length;
  return [
    { label: label(`Onwatch — ${model.summary}`), enabled: false },
    ...shown.map((incident): MenuItemConstructorOptions => ({
      // The id keeps two pages with the same title apart when deciding whether to rebuild.
      id: incident.key,
      label: label(incident.title),
      submenu: [
        { label: label(incident.sourceName), enabled: false },
        { label: 'Ack', enabled: incident.canAck, click: () => actions.acknowledge(incident.key) },
        ...(incident.canResolve === undefined
          ? []
          : [
              {
                label: 'Resolve',
                enabled: incident.canResolve,
                click: () => actions.resolve(incident.key),
              },
            ]),
        { label: 'Open', click: () => actions.openIncident(incident.key) },
      ],
    })),
    ...(hidden > 0 ? [{ label: `…and ${hidden} more triggered`, click: actions.showWindow }] : []),
    {
      label: mine > 0 ? `Ack all mine (${mine})` : 'Ack all mine',
      enabled: mine > 0,
      click: () => actions.acknowledgeAll(model.mineToAck),
    },
    {
      label: model.alarm.label,
      click: model.alarm.silenced ? actions.unsilenceAlarm : actions.silenceAlarm,
    },
    ...model.needCover.map((cover) => ({
      label: label(cover.label),
      click: () => actions.needCover(cover),
    })),
    ...(model.reminders.length > 0 ? [{ type: 'separator' as const }] : []),
    ...model.reminders.map((reminder): MenuItemConstructorOptions => ({
      id: reminder.id,
      label: label(reminder.label),
      submenu: [
        {
          label: reminder.action,
          click: () =>
            reminder.resolve
              ? actions.resolveStatusPage(reminder.resolve)
              : actions.openIncident(reminder.incidentKey),
        },
        { label: 'Open', click: () => actions.openIncident(reminder.incidentKey) },
      ],
    })),
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

interface TrayWindow {
  isVisible(): boolean;
  show(): void;
  hide(): void;
  onVisibilityChanged(listener: () => void): void;
}

export interface TrayControllerOptions {
  iconsDir: string;
  handlers: Pick<
    CommandHandlers,
    'ack' | 'resolve' | 'refresh' | 'silenceAlarm' | 'unsilenceAlarm' | 'resolveStatusPageIncident'
  >;
  window: TrayWindow;
  /** Shows the window with this incident selected. */
  openIncident(incidentKey: string): void;
  /** Shows the window on the cover form for this shift of mine. */
  openCover(shift: { sourceId: string; scheduleId: string; start: string }): void;
  quit(): void;
  log: Log;
  clock?: Clock;
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
  const { iconsDir, handlers, window, log, clock = systemClock } = options;
  const { platform = process.platform } = options;
  const macOS = platform === 'darwin';
  const images = new Map<string, NativeImage>();
  const imageOf = (name: string): NativeImage => {
    let image = images.get(name);
    if (!image) {
      image = nativeImage.createFromPath(path.join(iconsDir, `${name}.png`));
      if (image.isEmpty()) log.error(`tray icon ${name}.png is missing from ${iconsDir}`);
      images.set(name, image);
    }
    return image;
  };
  // Windows' taskbar follows the system theme, which may differ from the apps' theme.
  const themeOf = (): TrayTheme =>
    (
      platform === 'win32'
        ? nativeTheme.shouldUseDarkColorsForSystemIntegratedUI
        : nativeTheme.shouldUseDarkColors
    )
      ? 'dark'
      : 'light';
  const run = (what: string, action: Promise<unknown>) =>
    void action.catch((error: unknown) =>
      log.warn(
        `${what} from the tray failed: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  const actions: TrayMenuActions = {
    acknowledge: (key) => run('ack', handlers.ack({ key })),
    resolve: (key) => run('resolve', handlers.resolve({ key })),
    openIncident: (key) => options.openIncident(key),
    needCover: ({ sourceId, scheduleId, start }) =>
      options.openCover({ sourceId, scheduleId, start }),
    acknowledgeAll: (keys) => keys.forEach((key) => run('ack', handlers.ack({ key }))),
    resolveStatusPage: (target) =>
      run('resolve status page', handlers.resolveStatusPageIncident(target)),
    // The new silence arrives as state, like every other change.
    silenceAlarm: () => run('silence', handlers.silenceAlarm({ minutes: traySilenceMinutes })),
    unsilenceAlarm: () => run('unsilence', handlers.unsilenceAlarm({})),
    refresh: () => run('refresh', handlers.refresh({})),
    showWindow: () => window.show(),
    hideWindow: () => window.hide(),
    quit: () => options.quit(),
  };

  let state = initialState;
  const modelNow = () => trayModelOf(state, clock.now());
  const first = modelNow();
  const painted = { image: trayImageOf(first, themeOf(), macOS), tooltip: '', title: '', menu: '' };
  const tray = new Tray(imageOf(painted.image));

  // Each part is set only when it changed: rebuilding an open menu can close it under the pointer.
  function paint(model = modelNow()): void {
    const image = trayImageOf(model, themeOf(), macOS);
    if (image !== painted.image) tray.setImage(imageOf((painted.image = image)));
    if (model.tooltip !== painted.tooltip) tray.setToolTip((painted.tooltip = model.tooltip));
    if (macOS) {
      // The menu bar has room for an exact count beside the icon; other trays do not.
      const title = model.triggeredCount > 0 ? String(model.triggeredCount) : '';
      if (title !== painted.title) tray.setTitle((painted.title = title));
    }
    const template = buildTrayMenuTemplate(model, actions, window.isVisible());
    // Click handlers do not survive JSON; labels, ids and enabled states are what changes.
    const menu = JSON.stringify(template);
    if (menu !== painted.menu) {
      painted.menu = menu;
      tray.setContextMenu(Menu.buildFromTemplate(template));
    }
  }

  const tick = () => {
    paint();
    timer = clock.setTimeout(tick, repaintEveryMs);
  };
  const repaint = () => paint();

  paint(first);
  let timer: TimerHandle = clock.setTimeout(tick, repaintEveryMs);
  window.onVisibilityChanged(repaint);
  nativeTheme.on('updated', repaint);
  // Windows users expect a left click to open the app; on macOS a click shows the menu instead.
  if (!macOS) tray.on('click', () => window.show());

  return {
    update: (next) => {
      state = next;
      paint();
    },
    destroy: () => {
      clock.clearTimeout(timer);
      nativeTheme.off('updated', repaint);
      tray.destroy();
    },
  };
}
