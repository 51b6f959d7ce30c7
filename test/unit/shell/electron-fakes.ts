/**
 * Small stand-ins for the parts of the `electron` module the shell uses, for
 * `vi.mock('electron', () => import('./electron-fakes.js'))`. They record what the shell did
 * and let a test play the user (close a window, click a menu item) or the renderer (invoke).
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';
import { vi } from 'vitest';

/** Electron's Event: params plus preventDefault. */
export function fakeEvent<P extends object>(params: P) {
  let prevented = false;
  // defineProperty, not Object.assign, which would copy the getter's current value.
  return Object.defineProperties(params, {
    preventDefault: { value: () => (prevented = true) },
    defaultPrevented: { get: () => prevented },
  }) as P & { preventDefault(): void; readonly defaultPrevented: boolean };
}

export class FakeImage {
  constructor(readonly path: string) {}
  /** Like nativeImage: a path that does not exist gives an empty image. */
  isEmpty(): boolean {
    return !existsSync(this.path);
  }
}

export const nativeImage = { createFromPath: (path: string) => new FakeImage(path) };

export class Menu {
  constructor(readonly template: MenuItemConstructorOptions[]) {}
  static buildFromTemplate(template: MenuItemConstructorOptions[]): Menu {
    return new Menu(template);
  }
}

export class Tray extends EventEmitter {
  static instances: Tray[] = [];
  tooltip = '';
  title = '';
  menu: Menu | undefined;
  destroyed = false;
  readonly setToolTip = vi.fn((tooltip: string) => void (this.tooltip = tooltip));
  readonly setTitle = vi.fn((title: string) => void (this.title = title));
  readonly setContextMenu = vi.fn((menu: Menu) => void (this.menu = menu));
  readonly setImage = vi.fn((image: FakeImage) => void (this.image = image));

  constructor(public image: FakeImage) {
    super();
    Tray.instances.push(this);
  }

  destroy(): void {
    this.destroyed = true;
  }
}

export class FakeWebFrame {
  constructor(
    public url: string,
    readonly frameToken: string,
    readonly processId = 1,
  ) {}
}

export class FakeWebContents extends EventEmitter {
  mainFrame = new FakeWebFrame('about:blank', 'main-frame');
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  readonly send = vi.fn();
  readonly session = {
    setPermissionRequestHandler: vi.fn(),
  };

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  visible = false;
  minimized = false;
  destroyed = false;
  loadedFile: string | undefined;
  alwaysOnTop: { flag: boolean; level?: string } = { flag: false };
  fullScreen = false;
  simpleFullScreen = false;
  onAllWorkspaces = false;
  readonly focus = vi.fn();
  readonly setAlwaysOnTop = vi.fn((flag: boolean, level?: string) => {
    this.alwaysOnTop = flag ? { flag, level: level ?? 'floating' } : { flag };
  });
  readonly setFullScreen = vi.fn((flag: boolean) => void (this.fullScreen = flag));
  readonly setSimpleFullScreen = vi.fn((flag: boolean) => void (this.simpleFullScreen = flag));
  readonly setVisibleOnAllWorkspaces = vi.fn(
    (visible: boolean) => void (this.onAllWorkspaces = visible),
  );

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    BrowserWindow.instances.push(this);
  }

  loadFile(file: string): Promise<void> {
    this.loadedFile = file;
    this.webContents.mainFrame.url = pathToFileURL(file).href;
    return Promise.resolve();
  }

  show(): void {
    this.visible = true;
    this.emit('show');
  }

  hide(): void {
    this.visible = false;
    this.emit('hide');
  }

  minimize(): void {
    this.minimized = true;
    this.emit('minimize');
  }

  restore(): void {
    this.minimized = false;
    this.emit('restore');
  }

  isVisible(): boolean {
    return this.visible;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** Plays the user closing the window: listeners may veto with preventDefault. */
  close(): void {
    const event = fakeEvent({});
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroyed = true;
    this.visible = false;
    this.emit('closed');
  }
}

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

export const ipcMain = {
  handlers: new Map<string, InvokeHandler>(),
  handle(channel: string, handler: InvokeHandler): void {
    // Electron refuses a second handler for a channel; so do we.
    if (this.handlers.has(channel)) throw new Error(`second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  },
};

/**
 * The renderer's side, for the preload: `invoke` reaches the handler ipcMain registered, as the
 * frame in `senderEvent`, and like Electron's IPC it structured-clones what crosses (a thrown
 * class loses its prototype and own fields on the way).
 */
export const ipcRenderer = Object.assign(new EventEmitter(), {
  senderEvent: {} as object,
  invoke: vi.fn(async (channel: string, ...args: unknown[]): Promise<unknown> => {
    const handler = ipcMain.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return structuredClone(await handler(ipcRenderer.senderEvent, ...structuredClone(args)));
  }),
});

/** Passes `value` from one JavaScript world to the other as contextBridge does. */
function acrossWorlds(value: unknown): unknown {
  if (typeof value === 'function') {
    return (...args: unknown[]) => {
      try {
        return acrossWorlds(value(...args.map(acrossWorlds)));
      } catch (error) {
        throw acrossWorlds(error);
      }
    };
  }
  if (value instanceof Promise) {
    return value.then(acrossWorlds, (error: unknown) => Promise.reject(acrossWorlds(error)));
  }
  // An error arrives as a new Error with the message alone: no class, no code, no other fields.
  if (value instanceof Error) return new Error(value.message);
  if (Array.isArray(value)) return value.map(acrossWorlds);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, acrossWorlds(v)]));
  }
  return value;
}

/** What the preload exposed, as the page's world sees it, by key. */
export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld: vi.fn((key: string, api: unknown) => {
    contextBridge.exposed.set(key, acrossWorlds(api));
  }),
};

export const app = Object.assign(new EventEmitter(), {
  quit: vi.fn(),
  focus: vi.fn(),
});

export const shell = { openExternal: vi.fn(() => Promise.resolve()) };

/** Set the flags, then emit 'updated', as the OS does when the user switches themes. */
export const nativeTheme = Object.assign(new EventEmitter(), {
  shouldUseDarkColors: false,
  shouldUseDarkColorsForSystemIntegratedUI: false,
});

export const globalShortcut = {
  /** Accelerators other apps own: registering one fails, as in Electron. */
  takenByOthers: new Set<string>(),
  registered: new Map<string, () => void>(),
  register: vi.fn((accelerator: string, callback: () => void): boolean => {
    if (!/^(CommandOrControl|Ctrl|Alt|Shift|Super|[A-Z0-9])(\+\w+)*$/.test(accelerator)) {
      throw new TypeError(`conversion failure from ${accelerator}`);
    }
    if (globalShortcut.takenByOthers.has(accelerator) || globalShortcut.registered.has(accelerator))
      return false;
    globalShortcut.registered.set(accelerator, callback);
    return true;
  }),
  unregister: vi.fn((accelerator: string) => void globalShortcut.registered.delete(accelerator)),
  /** Plays the user pressing the keys. */
  press(accelerator: string): void {
    globalShortcut.registered.get(accelerator)?.();
  },
};

export const powerMonitor = new EventEmitter();

export const net = { isOnline: vi.fn(() => true) };

export function resetElectronFakes(): void {
  Tray.instances = [];
  BrowserWindow.instances = [];
  ipcMain.handlers.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.senderEvent = {};
  contextBridge.exposed.clear();
  app.removeAllListeners();
  nativeTheme.removeAllListeners();
  nativeTheme.shouldUseDarkColors = false;
  nativeTheme.shouldUseDarkColorsForSystemIntegratedUI = false;
  globalShortcut.takenByOthers.clear();
  globalShortcut.registered.clear();
  powerMonitor.removeAllListeners();
  vi.clearAllMocks();
  net.isOnline.mockReturnValue(true);
}
